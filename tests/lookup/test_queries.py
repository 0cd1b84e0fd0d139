"""Lookup answers from the store, newest first; the work lists hold what needs the officer."""

from __future__ import annotations

from datetime import datetime, timedelta

from desk_app.clock import VN_TZ
from desk_app.desk import Desk
from desk_app.lifecycle import Event
from desk_app.lookup import WorkList, lookup, work_counts, work_list
from desk_app.store.queries import Urgency
from tests.lookup.conftest import Clock, answered, make_ready, receive


def codes(hits: list) -> list[str]:
    return [h.code for h in hits]


def test_name_without_diacritics_finds_child_and_requester_newest_first(counter: Desk) -> None:
    first = receive(counter)
    second = receive(counter, child__full_name="Trần Minh Ánh")
    other = receive(counter, child__full_name="Lê Thị Hoa")
    assert codes(lookup(counter, "tran minh a").hits) == [second.code, first.code]
    # The requester (the mother, Nguyễn Thị Lan) is indexed too.
    assert codes(lookup(counter, "NGUYEN thi lan").hits) == [other.code, second.code, first.code]
    assert lookup(counter, "le thi hoa").hits[0].subject_name == "Lê Thị Hoa"
    assert lookup(counter, "tran van x").hits == []


def test_whole_code_personal_id_and_fragments(counter: Desk) -> None:
    first = receive(counter)
    second = receive(counter)
    assert codes(lookup(counter, first.code.lower()).hits) == [first.code]
    # The mother's personal ID number is on both dossiers.
    assert codes(lookup(counter, "001194012345").hits) == [second.code, first.code]
    assert codes(lookup(counter, "0011940").hits) == [second.code, first.code]
    seq = first.code[-4:]
    assert codes(lookup(counter, seq).hits) == [first.code]
    assert codes(lookup(counter, first.code[-11:]).hits) == [first.code]  # "261124-1001"
    assert lookup(counter, "000.00.01.H26-261124-9999").hits == []


def test_scanned_receipt_url_finds_its_dossier(counter: Desk) -> None:
    saved = receive(counter)
    template = "https://tracuu.example.vn/?ma={code}&xn={lookup_code}"
    counter.settings = counter.settings.model_copy(
        update={"receipt": counter.settings.receipt.model_copy(update={"qr_template": template})}
    )
    result = lookup(counter, template.format(code=saved.code, lookup_code=saved.lookup_code))
    assert result.query.single and codes(result.hits) == [saved.code]


def test_work_lists_and_their_counts(counter: Desk, clock: Clock) -> None:
    # Friday 20 Nov: two dossiers, appointment Wednesday 25 Nov (24 Nov is a holiday).
    clock.at = datetime(2026, 11, 20, 9, 0, tzinfo=VN_TZ)
    late = receive(counter)
    done = receive(counter)
    make_ready(counter, done.code)
    # Tuesday 24 Nov: one received today, one rejected by central.
    clock.at = datetime(2026, 11, 24, 9, 0, tzinfo=VN_TZ)
    fresh = receive(counter)
    bounced = receive(counter)
    answered(counter, bounced.code, Event.REJECT, reason="Sai mã xã")
    assert late.appointment_at is not None
    # Move to the appointment day, then past it.
    clock.at = late.appointment_at.replace(hour=10)
    assert codes(work_list(counter, WorkList.DUE_TODAY)) == [done.code, late.code]
    assert codes(work_list(counter, WorkList.OVERDUE)) == []
    assert codes(work_list(counter, WorkList.READY)) == [done.code]
    hit = work_list(counter, WorkList.DUE_TODAY)[1]
    assert hit.urgency(late.appointment_at.date()) is Urgency.DUE_TODAY

    clock.at += timedelta(days=1)
    assert codes(work_list(counter, WorkList.OVERDUE)) == [late.code]  # the ready one is not late
    assert codes(work_list(counter, WorkList.DUE_TODAY)) == []
    assert work_list(counter, WorkList.OVERDUE)[0].urgency(clock.at.date()) is Urgency.OVERDUE

    clock.at = datetime(2026, 11, 24, 16, 0, tzinfo=VN_TZ)
    assert codes(work_list(counter, WorkList.TODAY)) == [bounced.code, fresh.code]
    assert codes(work_list(counter, WorkList.REJECTED)) == [bounced.code]
    assert codes(work_list(counter, WorkList.WAITING_SYNC)) == [fresh.code, late.code]
    counts = work_counts(counter)
    assert (counts.today, counts.waiting_sync, counts.rejected, counts.ready) == (2, 2, 1, 1)
    assert counts.of(WorkList.TODAY) == 2
