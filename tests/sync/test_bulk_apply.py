"""Applying a batch's answers in bulk leaves the very trail that one event at a time leaves.

The sync writes a batch's lifecycle events and audit entries with one statement per table
(desk_app.store.bulk). What an auditor reads must not depend on that: the events, their
details, their order and the hash chain over them are compared here with the same answers
applied one event at a time through ``Store.apply_event_within``, the path every other
lifecycle change takes. Also: an illegal event writes nothing, and a dossier cancelled while
a round is under way is dropped when its batch would be formed, never sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.errors import IllegalTransition
from desk_app.lifecycle import Event, Status
from desk_app.store import Store
from desk_app.store.audit_chain import verify
from desk_app.store.bulk import Journal
from desk_app.store.sync_outbox import (
    CENTRAL_ACTOR,
    REJECTED_WITHOUT_REASON,
    Answer,
    Batch,
    apply_answers,
    next_batch,
)
from tests.conftest import FIXED_NOW
from tests.sync.conftest import outbox_size, receive

AT = FIXED_NOW + timedelta(minutes=5)


def answers_for(batch: Batch) -> dict[str, Answer]:
    """Accepted, duplicate, rejected with and without a reason, in turn."""
    kinds = [
        Answer("", "accepted", central_id="C-1"),
        Answer("", "duplicate", central_id="C-2"),
        Answer("", "rejected", reason="Thiếu giấy chứng sinh", reason_code="missing_document"),
        Answer("", "rejected"),
    ]
    out = {}
    for n, d in enumerate(batch.dossiers):
        kind = kinds[n % len(kinds)]
        out[d.code] = Answer(d.code, kind.outcome, kind.central_id, kind.reason, kind.reason_code)
    return out


def one_at_a_time(store: Store, batch: Batch, answers: Mapping[str, Answer]) -> None:
    """The same answers through ``Store.apply_event_within``, one event after the other."""
    with store.transaction() as db:
        for d in batch.dossiers:
            answer = answers[d.code]
            detail: dict[str, object] = {"batch": batch.key, "outcome": answer.outcome}
            if answer.outcome == "rejected":
                event, reason = Event.REJECT, answer.reason or REJECTED_WITHOUT_REASON
                detail["reason_code"] = answer.reason_code
            else:
                event, reason = Event.ACCEPT, None
                detail["central_id"] = answer.central_id
            status = store.require(d.code).status
            if status is not Status.RECEIVED:
                store.record_within(
                    db,
                    "sync.answer_not_applied",
                    officer=CENTRAL_ACTOR,
                    at=AT,
                    dossier_code=d.code,
                    detail={**detail, "status": status},
                )
                continue
            store.apply_event_within(
                db, d.code, Event.SEND, officer=CENTRAL_ACTOR, at=AT, detail=detail
            )
            store.apply_event_within(
                db, d.code, event, officer=CENTRAL_ACTOR, at=AT, reason=reason, detail=detail
            )


def twin_desks(tmp_path: Path) -> tuple[Store, Store, list[str]]:
    """Two desks that received the same five dossiers; on both, one was cancelled since."""
    stores = []
    for name in ("bulk", "single"):
        store = Store.open(tmp_path / f"{name}.sqlite3")
        codes = receive(store, 5)
        stores.append(store)
    return stores[0], stores[1], codes


def test_a_batch_applied_in_bulk_leaves_the_trail_of_one_event_at_a_time(
    tmp_path: Path,
) -> None:
    bulk, single, codes = twin_desks(tmp_path)
    batch = next_batch(bulk, 10, AT)
    assert batch is not None and [d.code for d in batch.dossiers] == codes
    for store in (bulk, single):  # cancelled at the counter while its answer was on its way
        store.apply_event(codes[4], Event.CANCEL, officer="Nguyễn Thị Minh Thư", at=AT)
    answers = answers_for(batch)

    tally, following = apply_answers(bulk, batch, answers, AT, then_stamp=10)
    one_at_a_time(single, batch, answers)

    assert (tally.accepted, tally.rejected, tally.already_applied, following) == (3, 2, 0, None)
    events = [bulk.audit_events(), single.audit_events()]
    assert [(e.id, e.at, e.officer, e.action, e.dossier_code, e.detail) for e in events[0]] == [
        (e.id, e.at, e.officer, e.action, e.dossier_code, e.detail) for e in events[1]
    ]
    assert [e.action for e in events[0][-9:]] == [
        *("send", "accept") * 2,
        *("send", "reject") * 2,
        "sync.answer_not_applied",
    ]
    chains = verify(bulk.conn), verify(single.conn)
    assert chains[0].ok and chains[1].ok and chains[0].head == chains[1].head
    for code in codes:
        mine, theirs = bulk.require(code), single.require(code)
        assert (mine.status, mine.status_reason, mine.updated_at) == (
            theirs.status,
            theirs.status_reason,
            theirs.updated_at,
        )
    assert bulk.require(codes[2]).status_reason == "Thiếu giấy chứng sinh"
    assert bulk.require(codes[3]).status_reason == REJECTED_WITHOUT_REASON
    assert bulk.require(codes[0]).central_id == "C-1"
    assert outbox_size(bulk) == 0  # answered, or cancelled and noted: nothing left to send


def test_an_illegal_event_in_a_journal_writes_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.sqlite3")
    [first, second] = receive(store, 2)
    before = store.audit_events()
    with pytest.raises(IllegalTransition), store.transaction() as db:
        journal = Journal(store, db)
        journal.load([first, second])
        journal.apply(first, Event.SEND, officer=CENTRAL_ACTOR, at=AT)
        journal.apply(second, Event.READY, officer=CENTRAL_ACTOR, at=AT)  # not from "received"
        journal.flush()
    assert store.audit_events() == before
    assert store.require(first).status is Status.RECEIVED


def test_a_dossier_cancelled_during_a_round_is_dropped_when_its_batch_forms(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "desk.sqlite3")
    codes = receive(store, 3)
    batch = next_batch(store, 1, AT)
    assert batch is not None and [d.code for d in batch.dossiers] == codes[:1]
    store.apply_event(codes[2], Event.CANCEL, officer="Nguyễn Thị Minh Thư", at=AT)

    _, following = apply_answers(store, batch, answers_for(batch), AT, then_stamp=1)
    assert following is not None and [d.code for d in following.dossiers] == codes[1:2]
    _, last = apply_answers(store, following, answers_for(following), AT, then_stamp=1)

    assert last is None  # the cancelled dossier's entry was dropped, not stamped and sent
    assert outbox_size(store) == 0
    assert store.audit_events(codes[2])[-1].action == "sync.dropped"
    assert [e.action for e in store.audit_events(codes[2])].count("send") == 0
