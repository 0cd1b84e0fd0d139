"""Every action on a saved dossier is stored with its outbox entry in one transaction.

The officer's action and the promise to tell central about it commit together or not at all:
a failure between the two (a crash, a full disk) leaves neither, and a dossier central does
not hold yet ships no event (its next batch carries its current content).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from desk_app.desk import Desk
from desk_app.documents.api import issue_form
from desk_app.lifecycle import Event, Status
from desk_app.lookup import record_reprint
from desk_app.lookup.actions import (
    HandOver,
    PapersReturned,
    SupplementItem,
    cancel,
    hand_over,
    receive_supplement,
    return_papers,
)
from desk_app.lookup.detail import originals_at_pickup
from desk_app.store import DossierRow, Store
from desk_app.store.tables import Database
from tests.lookup.conftest import CENTRAL, answered, make_ready, receive


def held_by_central(desk: Desk, code: str, central_id: str = "c-1") -> None:
    """As an accepted batch leaves it: central's id on the dossier."""
    desk.store.conn.execute("UPDATE dossiers SET central_id = ? WHERE code = ?", (central_id, code))


def events_of(store: Store, code: str) -> list[tuple[str, dict[str, Any], bool]]:
    """(kind, data, queued) of each event of ``code`` in order."""
    rows = store.rows(
        "SELECT e.kind, e.data, EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id) "
        "FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = ? "
        "ORDER BY e.seq",
        (code,),
    )
    return [(kind, json.loads(data), bool(queued)) for kind, data, queued in rows]


def ready(desk: Desk) -> DossierRow:
    row = receive(desk)
    held_by_central(desk, row.code)
    return make_ready(desk, row.code)


def test_a_hand_over_is_stored_with_its_event_and_outbox_entry(counter: Desk) -> None:
    row = ready(counter)
    taken = [i.id for i in originals_at_pickup(row)]
    data = HandOver("Nguyễn Thị Lan", "001194012345", taken)
    hand_over(counter.store, row.code, data, officer="Cán bộ A", at=counter.clock())

    assert counter.store.require(row.code).status is Status.HANDED_OVER
    [(kind, sent, queued)] = events_of(counter.store, row.code)
    assert kind == "hand_over" and queued
    assert sent == {
        "receiver": "Nguyễn Thị Lan",
        "receiver_id": "001194012345",
        "originals_taken": sorted(taken),
    }


def test_papers_handed_back_and_a_supplement_are_shipped_with_what_central_needs(
    counter: Desk,
) -> None:
    refused = receive(counter)
    held_by_central(counter, refused.code)
    answered(counter, refused.code, Event.ACCEPT)
    counter.store.apply_event(
        refused.code,
        Event.REFUSE,
        officer=CENTRAL,
        at=counter.clock(),
        reason="Thiếu giấy chứng sinh",
    )
    return_papers(
        counter.store,
        refused.code,
        PapersReturned("Lê Văn Tư", "001194012345"),
        officer="Cán bộ A",
        at=counter.clock(),
    )
    assert events_of(counter.store, refused.code) == [
        ("return_papers", {"receiver": "Lê Văn Tư", "receiver_id": "001194012345"}, True)
    ]

    asked = receive(counter)
    held_by_central(counter, asked.code, "c-2")
    answered(counter, asked.code, Event.ACCEPT)
    counter.store.apply_event(
        asked.code,
        Event.REQUEST_SUPPLEMENT,
        officer=CENTRAL,
        at=counter.clock(),
        reason="Bổ sung giấy chứng sinh",
    )
    item = next(iter(_items(counter, asked)))
    receive_supplement(
        counter.store,
        asked.code,
        [SupplementItem(item, copies=1)],
        officer="Cán bộ A",
        at=counter.clock(),
        note="Bản sao",
    )
    [(kind, sent, queued)] = events_of(counter.store, asked.code)
    assert (kind, queued) == ("supplement_received", True)
    assert sent == {"attachments": [], "note": "Bản sao"}  # a paper copy: no scan to upload


def _items(desk: Desk, row: DossierRow) -> list[str]:
    from desk_app.lookup.detail import item_labels

    return list(item_labels(row.procedure_group))


def test_a_cancel_before_central_holds_the_dossier_ships_no_event_and_drops_its_batch(
    counter: Desk,
) -> None:
    row = receive(counter)  # received, its submission still in the outbox
    cancel(counter.store, row.code, "Công dân rút hồ sơ", officer="Cán bộ A", at=counter.clock())
    [(kind, _, queued)] = events_of(counter.store, row.code)
    assert kind == "cancel" and not queued  # central never heard of it: nothing to cancel there

    accepted = receive(counter)
    held_by_central(counter, accepted.code)
    answered(counter, accepted.code, Event.ACCEPT)
    cancel(
        counter.store, accepted.code, "Công dân rút hồ sơ", officer="Cán bộ A", at=counter.clock()
    )
    assert events_of(counter.store, accepted.code) == [
        ("cancel", {"reason": "Công dân rút hồ sơ"}, True)
    ]


def test_a_reprint_says_which_content_version_the_citizen_holds(counter: Desk) -> None:
    row = receive(counter)
    held_by_central(counter, row.code)
    answered(counter, row.code, Event.ACCEPT)
    record_reprint(counter, row.code)
    assert events_of(counter.store, row.code) == [("reprint", {"content_version": 1}, True)]
    assert counter.store.audit_events(row.code)[-1].action == "receipt.reprint"


def test_form_04_sets_the_new_due_date_and_ships_it_once(counter: Desk) -> None:
    row = receive(counter)
    held_by_central(counter, row.code)
    answered(counter, row.code, Event.ACCEPT)
    new_date = date(2026, 12, 15)
    reason = "Cơ quan đăng ký hộ tịch cần xác minh thêm"
    issue_form(counter, "04", row.code, reason=reason, new_date=new_date)
    issue_form(counter, "04", row.code, reason=reason, new_date=new_date)  # printed again

    assert counter.store.require(row.code).due_on == new_date
    assert events_of(counter.store, row.code) == [
        ("new_appointment", {"due": "2026-12-15", "reason": reason}, True)
    ]
    actions = [e.action for e in counter.store.audit_events(row.code)]
    assert actions.count("dossier.new_appointment") == 1 and actions.count("form04.print") == 2


@pytest.mark.parametrize("action", ["hand_over", "cancel", "return_papers"])
def test_a_failure_between_the_action_and_its_event_leaves_neither(
    counter: Desk, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    store = counter.store
    row = ready(counter) if action == "hand_over" else receive(counter)
    if action != "hand_over":
        held_by_central(counter, row.code)
        answered(counter, row.code, Event.ACCEPT)
    if action == "return_papers":
        store.apply_event(row.code, Event.REFUSE, officer=CENTRAL, at=counter.clock(), reason="x")
    before = store.require(row.code).status
    audit = len(store.audit_events(row.code))

    def crash(self: Store, db: Database, *args: object, **kwargs: object) -> None:
        raise OSError("đĩa đầy")  # after the event and its outbox row were written

    monkeypatch.setattr(Store, "apply_event_within", crash)
    with pytest.raises(OSError):
        if action == "hand_over":
            taken = [i.id for i in originals_at_pickup(row)]
            hand_over(
                store,
                row.code,
                HandOver("Lan", "001194012345", taken),
                officer="A",
                at=counter.clock(),
            )
        elif action == "cancel":
            cancel(store, row.code, "rút", officer="A", at=counter.clock())
        else:
            return_papers(
                store,
                row.code,
                PapersReturned("Lan", "001194012345"),
                officer="A",
                at=counter.clock(),
            )
    assert events_of(store, row.code) == []
    assert store.rows("SELECT count(*) FROM outbox WHERE kind = 'event'") == [(0,)]
    assert store.require(row.code).status is before
    assert len(store.audit_events(row.code)) == audit
