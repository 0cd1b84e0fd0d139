"""The duplicate check of a correction, without a screen: when it runs, what it finds, and that
the supervisor's confirmation is written in the correction's transaction or not at all."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from desk_app import corrections
from desk_app.corrections import checked, correct
from desk_app.desk import Desk
from desk_app.duplicates import ACTION, LOCAL_ONLY, approve, central, for_correction
from desk_app.store import DossierRow
from tests.duplicates.conftest import OFFICER, SUPERVISOR, birth, without_ui


def corrected(row: DossierRow, **child: Any) -> dict[str, Any]:
    """The stored dossier with ``child`` facts changed, as the correction wizard submits it."""
    data = copy.deepcopy(row.declarations)
    data["declarations"]["child"].update(child)
    return data


def check_of(desk: Desk, row: DossierRow, **child: Any) -> Any:
    _, new = checked(desk.store, row, corrected(row, **child))
    return for_correction(desk, row, new)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question put to central (none reaches a network here: no token)."""
    calls: list[str] = []
    real = central.ask

    def ask(*args: Any, **kwargs: Any) -> Any:
        calls.append("ask")
        return real(*args, **kwargs)

    monkeypatch.setattr(central, "ask", ask)
    return calls


def test_only_a_correction_of_who_it_is_about_is_checked(desk: Desk, asked: list[str]) -> None:
    an, _ = desk.receive_dossier(without_ui(birth()))
    twice, _ = desk.receive_dossier(without_ui(birth()))  # the same child, already twice
    assert check_of(desk, twice, home_town="Hà Nội") is None
    assert check_of(desk, twice, full_name="TRẦN MINH AN") is None, "the same name, folded"
    assert asked == [], "nothing asked of central"

    khoa, _ = desk.receive_dossier(without_ui(birth(full_name="Trần Minh Khoa")))
    check = check_of(desk, khoa, full_name="Trần Minh An")
    assert check is not None and check.codes == (twice.code, an.code), "itself left out"
    assert check.corrected is not None and check.corrected.code == khoa.code
    born_later = check_of(desk, khoa, date_of_birth="2026-11-16")
    assert born_later is not None and born_later.codes == (), "checked: nobody else's child"
    assert len(asked) == 2


def test_a_check_here_only_is_audited_with_the_correction(desk: Desk) -> None:
    khoa, _ = desk.receive_dossier(without_ui(birth(full_name="Trần Minh Khoa")))
    check = check_of(desk, khoa, full_name="Trần Minh An")
    assert check is not None and check.codes == ()
    assert check.local_only == (
        "Chưa kiểm tra trùng ở hệ thống trung tâm (mất kết nối): chỉ kiểm tra trên bàn này."
    )
    fixed = corrected(khoa, full_name="Trần Minh An")
    correct(
        desk.store,
        khoa.code,
        fixed,
        "Sai ten",
        officer=OFFICER[2],
        at=desk.clock(),
        audit=check.audit(),
    )
    [event] = [e for e in desk.store.audit_events(khoa.code) if e.action == LOCAL_ONLY]
    assert event.detail == {"duplicates_central": False, "reason": "mất kết nối"}


def test_the_confirmation_is_saved_with_the_correction_or_not_at_all(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    an, _ = desk.receive_dossier(without_ui(birth()))
    khoa, _ = desk.receive_dossier(without_ui(birth(full_name="Trần Minh Khoa")))
    check = check_of(desk, khoa, full_name="Trần Minh An")
    assert check is not None and check.codes == (an.code,)
    confirmation = approve(desk, check, SUPERVISOR[0], SUPERVISOR[1])
    fixed = corrected(khoa, full_name="Trần Minh An")
    audit = (*confirmation.audit(), *check.audit())

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")  # the last write of the correction's transaction fails

    record = desk.store.record_within

    def confirmation_fails(db: Any, action: str, **kwargs: Any) -> None:
        if action == ACTION:
            raise OSError("disk full")
        record(db, action, **kwargs)

    for where, name, fails in (
        (corrections.dossier_events, "record", broken),
        (desk.store, "record_within", confirmation_fails),
    ):
        with monkeypatch.context() as patched:
            patched.setattr(where, name, fails)
            with pytest.raises(OSError):
                correct(
                    desk.store,
                    khoa.code,
                    fixed,
                    "Sai ten",
                    officer=OFFICER[2],
                    at=desk.clock(),
                    audit=audit,
                )
        assert desk.store.require(khoa.code).content_version == 1, name
        assert not [e for e in desk.store.audit_events() if e.action == ACTION], "nothing kept"

    correct(
        desk.store, khoa.code, fixed, "Sai ten", officer=OFFICER[2], at=desk.clock(), audit=audit
    )
    actions = [e.action for e in desk.store.audit_events(khoa.code)]
    assert actions[-3:] == [corrections.ACTION, ACTION, LOCAL_ONLY]
    [event] = [e for e in desk.store.audit_events(khoa.code) if e.action == ACTION]
    assert event.detail["duplicate_of"] == [an.code]
    assert event.detail["supervisor"] == SUPERVISOR[2]
