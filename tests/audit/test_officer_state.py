"""Officers' accounts must be what the account events of the trail say; verify reports any
difference made with plain SQL (the chain itself stays intact, so only this check sees it)."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from rich.console import Console

from desk_app.audit import run_verify
from desk_app.audit_officers import check_officers
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.officers import Action, authenticate, get, set_active, set_password
from desk_app.officers.history import ACCOUNT_EVENTS, FINGERPRINT, password_fingerprint
from desk_app.settings import Settings
from desk_app.store import Store
from tests.audit.helpers import raw, set_audit_field
from tests.conftest import FIXED_NOW

THU = DEMO_OFFICER[0]
CHIEF = DEMO_SUPERVISOR[0]


def verdict(database: Path) -> tuple[int, str]:
    """`desk audit verify` without central: exit status and text."""
    out = io.StringIO()
    status = run_verify(database, Console(file=out, width=300))
    return status, out.getvalue()


def sql(database: Path, statement: str, *params: object) -> None:
    conn = raw(database)
    conn.execute(statement, params)
    conn.close()


def test_the_demo_desk_matches_its_events(settings: Settings) -> None:
    status, text = verdict(settings.paths.database)
    assert status == 0, text
    assert "Tài khoản cán bộ khớp nhật ký kiểm toán: 2 tài khoản." in text


def test_a_role_changed_with_plain_sql_is_reported(settings: Settings) -> None:
    database = settings.paths.database
    sql(database, "UPDATE officers SET role = 'supervisor' WHERE username = ?", THU)
    status, text = verdict(database)
    assert status == 1
    assert "Nhật ký kiểm toán nguyên vẹn" in text  # the chain alone sees nothing
    assert "Tài khoản cán bộ KHÔNG KHỚP nhật ký kiểm toán (1 chỗ):" in text
    assert (
        f"Tài khoản {THU}: vai trò là Lãnh đạo bộ phận, nhật ký ghi Cán bộ tiếp nhận (sự kiện số 2)"
        in text
    )


TAMPERS: dict[str, tuple[str, tuple[object, ...], str]] = {
    "enabled": (
        "UPDATE officers SET active = 0 WHERE username = ?",
        (THU,),
        f"Tài khoản {THU}: đang ngừng sử dụng, nhật ký ghi hoạt động",
    ),
    "password": (
        "UPDATE officers SET password_hash = ? WHERE username = ?",
        (PasswordHasher().hash("mat-khau-ke-gian"), CHIEF),
        f"Tài khoản {CHIEF}: mật khẩu đã bị thay ngoài desk",
    ),
    "inserted": (
        "INSERT INTO officers (username, full_name, name_key, role, password_hash, created_at, "
        "password_changed_at) SELECT 'ke.gian', 'Kẻ Gian', 'ke gian', 'supervisor', "
        "password_hash, created_at, created_at FROM officers WHERE username = ?",
        (CHIEF,),
        "Tài khoản ke.gian: không có sự kiện tạo tài khoản trong nhật ký",
    ),
    "deleted": (
        "DELETE FROM officers WHERE username = ?",
        (THU,),
        f"Tài khoản {THU}: có trong nhật ký (tạo ở sự kiện số 2) nhưng không còn",
    ),
}


@pytest.mark.parametrize("kind", sorted(TAMPERS))
def test_every_account_change_without_an_event_is_reported(settings: Settings, kind: str) -> None:
    statement, params, expected = TAMPERS[kind]
    sql(settings.paths.database, statement, *params)
    status, text = verdict(settings.paths.database)
    assert status == 1 and expected in text, text


def test_changes_made_through_the_desk_are_recorded_and_match(settings: Settings) -> None:
    store = Store.open(settings.paths.database)
    try:
        chief = get(store, CHIEF)
        assert chief is not None
        set_password(store, THU, "mat-khau-moi-2026", by=chief, at=FIXED_NOW)
        set_active(store, THU, False, by=chief, at=FIXED_NOW)
        set_active(store, THU, True, by=chief, at=FIXED_NOW)
        found = check_officers(store.conn)
        changed = store.audit_events()[-3]
    finally:
        store.close()
    assert found.ok and not found.unchecked, found.lines()
    assert changed.action == Action.PASSWORD
    (encoded,) = (
        raw(settings.paths.database)
        .execute("SELECT password_hash FROM officers WHERE username = ?", (THU,))
        .fetchone()
    )
    assert changed.detail[FINGERPRINT] == password_fingerprint(encoded)


def test_a_password_rehashed_at_sign_in_is_recorded_too(settings: Settings) -> None:
    database = settings.paths.database
    weaker = PasswordHasher(time_cost=1, memory_cost=8192).hash(DEMO_OFFICER[1])
    sql(database, "UPDATE officers SET password_hash = ? WHERE username = ?", weaker, THU)
    store = Store.open(database)
    try:
        assert not check_officers(store.conn).ok  # the weaker hash came in with no event
        authenticate(
            store,
            THU,
            DEMO_OFFICER[1],
            at=FIXED_NOW,
            max_failures=5,
            lockout=timedelta(minutes=15),
        )
        assert check_officers(store.conn).ok  # the sign-in recorded the new hash's fingerprint
    finally:
        store.close()


def test_events_from_before_fingerprints_leave_the_password_unchecked_not_failed(
    settings: Settings,
) -> None:
    database = settings.paths.database
    for event_id in (1, 2):
        conn = raw(database)
        (detail,) = conn.execute("SELECT detail FROM audit WHERE id = ?", (event_id,)).fetchone()
        conn.close()
        older = json.loads(detail)
        del older[FINGERPRINT]  # as the event was written before fingerprints
        set_audit_field(database, event_id, "detail", json.dumps(older))
    store = Store.open(database)
    try:
        found = check_officers(store.conn)
    finally:
        store.close()
    assert found.ok and sorted(found.unchecked) == sorted([CHIEF, THU])
    assert "Chưa đối chiếu được mật khẩu của" in found.lines()[-1]


def test_the_history_module_names_the_real_account_actions() -> None:
    assert set(ACCOUNT_EVENTS) <= {a.value for a in Action}
