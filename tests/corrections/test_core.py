"""Corrections at the counter: a new content version, checked as at reception, or nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_app.corrections import ACTION, CorrectionRefused, correct
from desk_app.desk import Desk
from desk_app.dossier import DossierRejected
from desk_app.lifecycle import Event, Status
from desk_app.lookup import find
from desk_app.lookup.query import classify
from desk_app.store import DossierRow, Store
from tests.corrections.conftest import answered, receive, with_change

REASON = "Ghi nhầm số điện thoại"


def snapshot(store: Store, row: DossierRow) -> tuple[object, ...]:
    """Everything a correction writes, to show that a refused one wrote nothing."""
    rows = store.rows
    return (
        rows("SELECT * FROM dossiers WHERE id = ?", (row.id,)),
        rows("SELECT * FROM dossier_versions WHERE dossier_id = ?", (row.id,)),
        rows("SELECT * FROM dossier_events WHERE dossier_id = ?", (row.id,)),
        rows("SELECT id, kind, content_hash, event_id FROM outbox WHERE dossier_id = ?", (row.id,)),
        rows("SELECT names, ids FROM dossier_search WHERE rowid = ?", (row.id,)),
        rows("SELECT count(*) FROM audit"),
    )


def decided(desk: Desk, code: str, *procedures: str) -> DossierRow:
    """``code`` accepted by central (with its id) and ``procedures`` decided there."""
    answered(desk, code, Event.ACCEPT)
    store = desk.store
    with store.transaction() as db:
        db.execute("UPDATE dossiers SET central_id = 'C-1' WHERE code = ?", [code])
        for p in procedures:
            store.apply_event_within(
                db, code, Event.PROGRESS, officer="central", at=desk.clock(), procedure=p
            )
    return store.require(code)


def test_a_correction_is_a_new_version_with_the_old_one_kept_and_audited(counter: Desk) -> None:
    row = receive(counter)
    counter.clock.at += timedelta(hours=1)  # type: ignore[attr-defined]
    fixed = correct(
        counter.store,
        row.code,
        with_change(row, "child.full_name", "Trần Minh Khoa"),
        "  Ghi nhầm tên  trẻ ",
        officer=counter.officer,
        at=counter.clock(),
    )
    assert fixed.content_version == 2
    assert fixed.subject_name == "Trần Minh Khoa"
    assert fixed.declarations["declarations"]["child"]["full_name"] == "Trần Minh Khoa"
    assert fixed.content_hash != row.content_hash
    versions = counter.store.rows(
        "SELECT content_version, content_hash, json_extract(declarations, "
        "'$.declarations.child.full_name'), officer, reason FROM dossier_versions "
        "WHERE dossier_id = ? ORDER BY content_version",
        (row.id,),
    )
    assert versions == [
        (1, row.content_hash, "Trần Minh An", row.officer, None),
        (2, fixed.content_hash, "Trần Minh Khoa", counter.officer, "Ghi nhầm tên trẻ"),
    ]
    [audit] = [e for e in counter.store.audit_events(row.code) if e.action == ACTION]
    assert audit.detail == {
        "old_hash": row.content_hash,
        "hash": fixed.content_hash,
        "version": 2,
        "reason": "Ghi nhầm tên trẻ",
    }
    # The search follows the new name, accent-insensitively, and forgets the old one.
    found = find(counter.store, classify("tran minh khoa", counter.settings.receipt.qr_template))
    assert [h.code for h in found] == [row.code]
    assert find(counter.store, classify("Trần Minh An", "")) == []


def test_a_field_failing_receptions_rules_is_named_and_nothing_is_stored(counter: Desk) -> None:
    row = receive(counter)
    before = snapshot(counter.store, row)
    bad = with_change(row, "child.date_of_birth", "2026-12-30")  # after the day it was received
    with pytest.raises(DossierRejected) as refused:
        correct(counter.store, row.code, bad, REASON, officer=counter.officer, at=counter.clock())
    [error] = refused.value.errors
    assert error.loc == ("declarations", "child", "date_of_birth")
    assert "Ngày" in error.message and "sinh" in error.message
    assert snapshot(counter.store, row) == before


def test_a_reason_is_required_and_at_most_500_characters(counter: Desk) -> None:
    row = receive(counter)
    before = snapshot(counter.store, row)
    changed = with_change(row, "requester.phone", "0987654321")
    for reason, words in ((" \t", "chưa ghi lý do"), ("x" * 501, "quá 500 ký tự")):
        with pytest.raises(CorrectionRefused) as refused:
            correct(counter.store, row.code, changed, reason, officer="A", at=counter.clock())
        assert refused.value.message.startswith("Lý do sửa hồ sơ: ")
        assert words in refused.value.message
    assert snapshot(counter.store, row) == before


def test_nothing_changed_is_said_and_no_version_is_made(counter: Desk) -> None:
    row = receive(counter)
    before = snapshot(counter.store, row)
    with pytest.raises(CorrectionRefused, match="không có gì để lưu"):
        correct(counter.store, row.code, row.declarations, REASON, officer="A", at=counter.clock())
    assert snapshot(counter.store, row) == before


def test_a_part_a_decided_procedure_rests_on_is_refused_naming_field_procedure_and_route(
    counter: Desk,
) -> None:
    row = decided(counter, receive(counter).code, "birth")
    before = snapshot(counter.store, row)
    renamed = with_change(row, "child.full_name", "Trần Minh Khoa")
    with pytest.raises(CorrectionRefused) as refused:
        correct(counter.store, row.code, renamed, REASON, officer="A", at=counter.clock())
    [error] = refused.value.errors
    assert error.loc == ("declarations", "child", "full_name")
    assert "Họ, chữ đệm và tên" in error.message
    assert "“Đăng ký khai sinh”" in error.message and "cải chính hộ tịch" in error.message
    assert snapshot(counter.store, row) == before
    # What no decided procedure rests on is still corrected (and shipped as an event).
    fixed = correct(
        counter.store,
        row.code,
        with_change(row, "requester.phone", "0987654321"),
        REASON,
        officer=counter.officer,
        at=counter.clock(),
    )
    assert fixed.content_version == 2 and fixed.status is Status.IN_PROGRESS


@pytest.mark.parametrize("final", [Event.HAND_OVER, Event.CANCEL, Event.REFUSE])
def test_a_final_status_cannot_be_corrected(counter: Desk, final: Event) -> None:
    code = decided(counter, receive(counter).code).code
    store = counter.store
    with store.transaction() as db:
        if final is Event.HAND_OVER:
            for p in ("birth", "residence", "insurance"):
                store.apply_event_within(
                    db, code, Event.PROGRESS, officer="c", at=counter.clock(), procedure=p
                )
            store.apply_event_within(db, code, Event.READY, officer="c", at=counter.clock())
        store.apply_event_within(db, code, final, officer="c", at=counter.clock(), reason="x")
    row = store.require(code)
    before = snapshot(store, row)
    with pytest.raises(CorrectionRefused, match="không sửa được nữa"):
        correct(
            store,
            code,
            with_change(row, "requester.phone", "0987654321"),
            REASON,
            officer="A",
            at=counter.clock(),
        )
    assert snapshot(store, row) == before


def test_attachments_are_not_corrected(counter: Desk) -> None:
    row = receive(counter)
    data = with_change(row, "requester.phone", "0987654321")
    data["declarations"]["attachments"]["items"][0]["copies"] += 1
    with pytest.raises(CorrectionRefused, match="Nhận bổ sung"):
        correct(counter.store, row.code, data, REASON, officer="A", at=counter.clock())
