"""Officer accounts and signing in, through the Desk facade the screens and CLI use."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest

from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.lookup import VIEW_ACTION, open_dossier
from desk_app.officers import (
    AccountError,
    Action,
    NotAllowed,
    NotSignedIn,
    Role,
    SignInRefused,
    add,
    get,
    set_active,
    set_password,
)
from desk_app.officers.texts import WRONG
from desk_app.store import Store
from tests.conftest import FIXED_NOW, sample_dossier, signed_in

THU, THU_PASSWORD, THU_NAME = DEMO_OFFICER
CHIEF, CHIEF_PASSWORD, CHIEF_NAME = DEMO_SUPERVISOR


@pytest.fixture
def door(desk: Desk) -> Desk:
    """The demo desk with nobody signed in yet."""
    desk.signed_in = None
    return desk


def account_events(store: Store) -> list[tuple[str, str, dict]]:
    return [(e.action, e.officer, e.detail) for e in store.audit_events() if e.dossier_code is None]


def test_the_right_password_signs_in_and_is_audited(door: Desk) -> None:
    officer = door.sign_in(" THU ", THU_PASSWORD)  # usernames are trimmed, any case
    assert (officer.username, officer.full_name, officer.role) == (THU, THU_NAME, Role.OFFICER)
    assert door.signed_in == officer and door.officer == THU_NAME
    assert account_events(door.store)[-1] == (Action.SIGN_IN, THU_NAME, {"username": THU})
    assert get(door.store, THU).last_sign_in_at == FIXED_NOW


def test_a_wrong_password_is_refused_and_counted(door: Desk) -> None:
    with pytest.raises(SignInRefused, match=WRONG):
        door.sign_in(THU, "motcua2025")
    assert door.signed_in is None
    assert get(door.store, THU).failed_attempts == 1
    assert account_events(door.store)[-1] == (
        Action.SIGN_IN_FAILED,
        THU_NAME,
        {"username": THU, "attempt": 1},
    )


def test_an_unknown_username_reads_like_a_wrong_password_and_is_not_recorded(
    door: Desk,
) -> None:
    typed = "motcua2026"  # a password typed into the username field
    with pytest.raises(SignInRefused) as refused:
        door.sign_in(typed, THU_PASSWORD)
    assert refused.value.message == WRONG
    action, who, detail = account_events(door.store)[-1]
    assert (action, who) == (Action.SIGN_IN_FAILED, "—")
    # Only a 4-hex-digit keyed fingerprint of what was typed, to count its tries.
    assert detail.keys() == {"known", "name", "attempt"} and detail["known"] is False
    assert len(detail["name"]) == 4 and typed not in str(door.store.audit_events())


def test_five_wrong_passwords_lock_the_account_until_the_lockout_ends(door: Desk) -> None:
    for attempt in range(1, 5):
        with pytest.raises(SignInRefused, match=WRONG):
            door.sign_in(THU, f"sai-mat-khau-{attempt}")
    with pytest.raises(SignInRefused, match="bị khóa đến 09:45 ngày 24/11/2026"):
        door.sign_in(THU, "sai-mat-khau-5")
    assert account_events(door.store)[-1][0] == Action.LOCKED_OUT
    # Locked: even the right password is refused, and nothing is counted meanwhile.
    door.clock = lambda: FIXED_NOW + timedelta(minutes=14, seconds=59)
    with pytest.raises(SignInRefused, match="tạm khóa"):
        door.sign_in(THU, THU_PASSWORD)
    assert door.signed_in is None
    # The lockout (15 minutes by default) has run out: the right password works again.
    door.clock = lambda: FIXED_NOW + timedelta(minutes=15)
    assert door.sign_in(THU, THU_PASSWORD).username == THU
    after = get(door.store, THU)
    assert (after.failed_attempts, after.locked_until) == (0, None)


def test_an_ended_lockout_starts_a_new_count(door: Desk) -> None:
    door.settings = door.settings.model_copy(
        update={
            "security": door.settings.security.model_copy(
                update={"max_failed_sign_ins": 2, "lockout_minutes": 1}
            )
        }
    )
    for _ in range(2):
        with pytest.raises(SignInRefused):
            door.sign_in(THU, "sai-mat-khau")
    assert get(door.store, THU).locked_until == FIXED_NOW + timedelta(minutes=1)
    door.clock = lambda: FIXED_NOW + timedelta(minutes=2)
    with pytest.raises(SignInRefused, match=WRONG):  # one wrong try after: not locked again
        door.sign_in(THU, "sai-mat-khau")
    assert get(door.store, THU).failed_attempts == 1
    assert get(door.store, THU).locked_until is None


def test_a_disabled_officer_cannot_sign_in(door: Desk) -> None:
    chief = get(door.store, CHIEF)
    set_active(door.store, THU, False, by=chief, at=FIXED_NOW)
    with pytest.raises(SignInRefused, match="ngừng sử dụng"):
        door.sign_in(THU, THU_PASSWORD)
    with pytest.raises(SignInRefused, match=WRONG):  # a guesser learns nothing more
        door.sign_in(THU, "sai-mat-khau")
    assert door.signed_in is None
    set_active(door.store, THU, True, by=chief, at=FIXED_NOW)
    assert door.sign_in(THU, THU_PASSWORD).active


def test_unlocking_takes_only_the_password_of_the_officer_at_the_desk(desk: Desk) -> None:
    with pytest.raises(SignInRefused):
        desk.unlock(CHIEF_PASSWORD)  # another account's password does not unlock
    assert desk.signed_in is not None and desk.signed_in.username == THU
    assert desk.unlock(THU_PASSWORD).username == THU
    assert account_events(desk.store)[-1][2] == {"username": THU, "resume": True}


def test_a_password_typed_with_combining_accents_matches(desk: Desk) -> None:
    chief = get(desk.store, CHIEF)
    set_password(desk.store, THU, "Mật khẩu mới 2026", by=chief, at=FIXED_NOW)
    desk.signed_in = None
    typed = unicodedata.normalize("NFD", "Mật khẩu mới 2026")
    assert desk.sign_in(THU, typed).username == THU


def test_passwords_are_stored_as_argon2id_only(desk: Desk, settings) -> None:
    add(desk.store, "lan.tran", "Trần Thị Lan", Role.OFFICER, "lan-bimat-2026",
        by=get(desk.store, CHIEF), at=FIXED_NOW)  # fmt: skip
    (stored,) = desk.store.rows("SELECT password_hash FROM officers WHERE username = 'lan.tran'")
    assert stored[0].startswith("$argon2id$")
    desk.close()
    for path in settings.paths.database.parent.glob("desk.sqlite3*"):
        assert b"lan-bimat-2026" not in path.read_bytes()


def test_nobody_signed_in_can_receive_nothing(door: Desk) -> None:
    with pytest.raises(NotSignedIn):
        door.receive(sample_dossier())
    assert door.store.rows("SELECT count(*) FROM dossiers") == [(0,)]


def test_receipts_and_the_audit_carry_the_signed_in_officer(desk: Desk) -> None:
    signed_in(desk, CHIEF)
    row = desk.receive(sample_dossier())
    assert row.officer == CHIEF_NAME
    assert desk.store.audit_events(row.code)[-1].officer == CHIEF_NAME


def test_opening_a_dossier_records_who_looked(desk: Desk) -> None:
    row = desk.receive(sample_dossier())
    signed_in(desk, CHIEF)
    detail = open_dossier(desk, row.code)
    open_dossier(desk, row.code, record_view=False)  # the same screen reading it again
    views = [e for e in desk.store.audit_events(row.code) if e.action == VIEW_ACTION]
    assert [(e.officer, e.at) for e in views] == [(CHIEF_NAME, FIXED_NOW)]
    assert VIEW_ACTION not in [e.title for e in detail.timeline]  # history, not who looked
    desk.signed_in = None
    with pytest.raises(NotSignedIn):
        open_dossier(desk, row.code)


# --- managing accounts ---------------------------------------------------------------------


def test_the_first_account_must_be_a_supervisor(store: Store) -> None:
    with pytest.raises(AccountError, match="Tài khoản đầu tiên") as refused:
        add(store, "thu", "Nguyễn Thị Thu", Role.OFFICER, "mat-khau-dai", by=None, at=FIXED_NOW)
    assert refused.value.field == "role"
    chief = add(
        store, "truong", "Lê Văn Trưởng", "supervisor", "mat-khau-dai", by=None, at=FIXED_NOW
    )
    assert chief.is_supervisor
    with pytest.raises(NotSignedIn):  # from now on, only a supervisor adds accounts
        add(store, "thu", "Nguyễn Thị Thu", Role.OFFICER, "mat-khau-dai", by=None, at=FIXED_NOW)


def test_an_officer_cannot_manage_accounts(desk: Desk) -> None:
    thu = get(desk.store, THU)
    with pytest.raises(NotAllowed, match="quản lý tài khoản"):
        add(desk.store, "lan", "Trần Thị Lan", Role.OFFICER, "mat-khau-dai", by=thu, at=FIXED_NOW)
    with pytest.raises(NotAllowed):
        set_active(desk.store, CHIEF, False, by=thu, at=FIXED_NOW)
    with pytest.raises(NotAllowed, match="tài khoản khác"):
        set_password(desk.store, CHIEF, "mat-khau-moi", by=thu, at=FIXED_NOW)
    assert get(desk.store, "lan") is None


@pytest.mark.parametrize(
    ("username", "name", "role", "password", "field", "words"),
    [
        ("Thu Nguyen", "Nguyễn Thị Thu", "officer", "mat-khau-dai", "username", "Tên đăng nhập"),
        ("thu", "Nguyễn Văn Khác", "officer", "mat-khau-dai", "username", "đã có tài khoản thu"),
        ("thu2", "nguyen thi minh thu", "officer", "mat-khau-dai", "full_name", "Họ và tên"),
        ("thu2", "Thư", "officer", "mat-khau-dai", "full_name", "ít nhất hai chữ"),
        ("thu2", "Nguyễn Thị Thu", "clerk", "mat-khau-dai", "role", "Vai trò"),
        ("thu2", "Nguyễn Thị Thu", "officer", "ngan", "password", "ít nhất 8"),
        ("thu.nguyen", "Nguyễn Thị Thu", "officer", "THU.NGUYEN", "password", "trùng tên"),
    ],
)
def test_a_bad_account_is_refused_naming_the_field(
    desk: Desk, username: str, name: str, role: str, password: str, field: str, words: str
) -> None:
    before = desk.store.rows("SELECT * FROM officers ORDER BY 1")
    with pytest.raises(AccountError, match=words) as refused:
        add(desk.store, username, name, role, password, by=get(desk.store, CHIEF), at=FIXED_NOW)
    assert refused.value.field == field
    assert desk.store.rows("SELECT * FROM officers ORDER BY 1") == before


def test_a_new_password_clears_a_lockout(door: Desk) -> None:
    for attempt in range(5):
        with pytest.raises(SignInRefused):
            door.sign_in(THU, f"sai-{attempt}-mat-khau")
    assert get(door.store, THU).locked_at(FIXED_NOW)
    set_password(door.store, THU, "mat-khau-moi-2026", by=get(door.store, CHIEF), at=FIXED_NOW)
    assert door.sign_in(THU, "mat-khau-moi-2026").username == THU


def test_the_last_supervisor_cannot_be_disabled(desk: Desk) -> None:
    chief = get(desk.store, CHIEF)
    with pytest.raises(AccountError, match="lãnh đạo bộ phận cuối cùng"):
        set_active(desk.store, CHIEF, False, by=chief, at=FIXED_NOW)
    assert get(desk.store, CHIEF).active
