"""What a correction tells central, per status, in the same transaction as the new version."""

from __future__ import annotations

import json

import pytest

from desk_app import corrections
from desk_app.corrections import CorrectionRefused, correct
from desk_app.desk import Desk
from desk_app.lifecycle import Event, Status
from desk_app.store.sync_held import held_of
from desk_app.store.sync_outbox import next_batch
from tests.corrections.conftest import answered, receive, with_change
from tests.corrections.test_core import REASON, decided, snapshot


def outbox(desk: Desk, dossier_id: int) -> list[tuple[str, str, str | None]]:
    return desk.store.rows(
        "SELECT kind, content_hash, event_id FROM outbox WHERE dossier_id = ? ORDER BY id",
        (dossier_id,),
    )


def events(desk: Desk, dossier_id: int) -> list[tuple[str, str, dict[str, object]]]:
    return [
        (id_, kind, json.loads(data))
        for id_, kind, data in desk.store.rows(
            "SELECT id, kind, data FROM dossier_events WHERE dossier_id = ? ORDER BY seq",
            (dossier_id,),
        )
    ]


def fix_phone(desk: Desk, code: str, phone: str = "0987654321") -> None:
    row = desk.store.require(code)
    correct(
        desk.store,
        code,
        with_change(row, "requester.phone", phone),
        REASON,
        officer=desk.officer,
        at=desk.clock(),
    )


def test_not_yet_sent_the_waiting_entry_follows_the_new_content_and_it_is_sent_as_is(
    counter: Desk,
) -> None:
    row = receive(counter)
    fix_phone(counter, row.code)
    fixed = counter.store.require(row.code)
    assert outbox(counter, row.id) == [("submit", fixed.content_hash, None)]  # no event to ship
    [(_, kind, _)] = events(counter, row.id)
    assert kind == "correction"  # kept in the dossier's history, not shipped
    batch = next_batch(counter.store, 10, counter.clock())
    assert batch is not None
    [sent] = batch.dossiers
    assert sent.content_hash == fixed.content_hash
    assert json.loads(sent.declarations_json)["declarations"]["requester"]["phone"] == "0987654321"
    assert held_of(counter.store, row.code) is None  # the integrity check takes the correction


def test_the_integrity_check_still_catches_an_edit_outside_the_program_after_a_correction(
    counter: Desk,
) -> None:
    row = receive(counter)
    fix_phone(counter, row.code)
    with counter.store.transaction() as db:
        db.execute(
            "UPDATE dossier_content "
            "SET declarations = replace(declarations, '0987654321', '0900000000') "
            "WHERE dossier_id = ?",
            [row.id],
        )
    assert next_batch(counter.store, 10, counter.clock()) is None
    held = held_of(counter.store, row.code)
    assert held is not None and held.kind == "tampered"
    # And such a dossier is not laundered by correcting it.
    with pytest.raises(CorrectionRefused, match="bị sửa ngoài chương trình"):
        fix_phone(counter, row.code, "0911111111")


def test_held_by_central_the_correction_is_an_event_in_the_outbox(counter: Desk) -> None:
    row = decided(counter, receive(counter).code)
    fix_phone(counter, row.code)
    fixed = counter.store.require(row.code)
    [(event_id, kind, data)] = events(counter, row.id)
    assert kind == "correction"
    assert data == {
        "declarations": fixed.declarations,
        "content_hash": fixed.content_hash,
        "reason": REASON,
    }
    assert outbox(counter, row.id) == [("event", fixed.content_hash, event_id)]
    assert fixed.status is Status.ACCEPTED  # a correction does not move the status


def test_rejected_is_corrected_and_resent(counter: Desk) -> None:
    row = receive(counter)
    answered(counter, row.code, Event.REJECT, reason="Sai số điện thoại")
    assert outbox(counter, row.id) == []
    fix_phone(counter, row.code)
    fixed = counter.store.require(row.code)
    assert fixed.status is Status.RECEIVED
    assert outbox(counter, row.id) == [("submit", fixed.content_hash, None)]
    actions = [e.action for e in counter.store.audit_events(row.code)]
    assert actions[-2:] == ["correct", "resubmit"]
    batch = next_batch(counter.store, 10, counter.clock())
    assert batch is not None and [d.code for d in batch.dossiers] == [row.code]
    assert held_of(counter.store, row.code) is None


def test_a_dossier_on_its_way_to_central_waits_for_the_answer(counter: Desk) -> None:
    row = receive(counter)
    assert next_batch(counter.store, 10, counter.clock()) is not None  # stamped: being sent
    before = snapshot(counter.store, row)
    with pytest.raises(CorrectionRefused, match="đang được gửi"):
        fix_phone(counter, row.code)
    assert snapshot(counter.store, row) == before


def test_one_transaction_a_failure_at_the_last_write_leaves_nothing(
    counter: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = decided(counter, receive(counter).code)
    before = snapshot(counter.store, row)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(corrections.dossier_events, "record", broken)
    with pytest.raises(RuntimeError):
        fix_phone(counter, row.code)
    assert snapshot(counter.store, row) == before


def test_a_dossier_whose_declarations_were_deleted_from_the_file_is_not_corrected(
    counter: Desk,
) -> None:
    """The content is gone (migration 12 keeps it in its own table): the correction is refused
    with a sentence for the officer (here: what it would change no longer matches what is
    stored), not raised as an error, and nothing is written."""
    row = receive(counter)
    changed = with_change(row, "requester.phone", "0987654321")
    with counter.store.transaction() as db:
        db.execute("DELETE FROM dossier_content WHERE dossier_id = ?", [row.id])
    before = counter.store.require(row.code)
    with pytest.raises(CorrectionRefused):
        correct(
            counter.store, row.code, changed, REASON, officer=counter.officer, at=counter.clock()
        )
    assert counter.store.require(row.code) == before
