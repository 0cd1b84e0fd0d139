"""What a counter sent comes back on the office feed: read, not applied again, and nothing lost.

Each dossier a counter sends returns as a ``submit`` entry, and each of its actions central
applied returns as an update of that dossier. The counter already holds them: a round leaves
them out without a transaction for them (issue 20: that read-back was a quarter of a round),
while a change it does not hold yet — an agency's step that came in between — is still
applied, and a counter installed new still takes its own dossiers back
(tests/sync_events/test_converge.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desk_app.lifecycle import Status
from desk_app.lookup import record_reprint
from desk_app.lookup.actions import SupplementItem, receive_supplement
from desk_app.lookup.detail import item_labels
from desk_app.store.sync_state import read_cursor
from desk_app.sync import office as office_pull
from tests.lookup.conftest import receive
from tests.office.conftest import Office
from tests.sync_events.lives import Agencies


def central_last_seq(office: Office) -> int:
    [(last,)] = office.central.rows("SELECT coalesce(max(seq), 0) FROM updates")
    return int(last)


def count_applied_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of updates of each page the round goes on to apply (a list, appended to)."""
    pages: list[int] = []
    apply: Callable[..., Any] = office_pull.apply_updates

    def counting(store: Any, updates: Any, cursor: int, **kwargs: Any) -> Any:
        pages.append(len(updates))
        return apply(store, updates, cursor, **kwargs)

    monkeypatch.setattr(office_pull, "apply_updates", counting)
    return pages


def test_a_round_reads_its_own_dossiers_back_without_applying_them_and_moves_on(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = office.one
    codes = [receive(one.on()).code for _ in range(4)]
    pages = count_applied_pages(monkeypatch)

    report = one.sync()

    assert report.ok and report.accepted == 4
    assert pages == []  # four submit entries of its own: nothing to apply, no write per page
    store = one.on().store
    assert read_cursor(store) == central_last_seq(office)  # yet the cursor is past them
    assert {store.require(c).status for c in codes} == {Status.ACCEPTED}
    assert one.sync().ok and pages == []  # and the next round does not read them again


def test_an_agency_step_between_a_counters_action_and_its_read_back_is_not_skipped(
    office: Office,
) -> None:
    one = office.one
    code = receive(one.on()).code
    assert one.sync().ok
    office.central.finish_everything()  # the agencies' steps: versions counter 1 has not read
    record_reprint(one.on(), code)  # central applies it after them, as the newest version

    report = one.sync()

    assert report.ok and report.events == 1
    store = one.on().store
    assert store.require(code).status is Status.READY  # the agencies' steps were applied
    assert read_cursor(store) == central_last_seq(office)


def test_a_counters_own_actions_come_back_without_a_change_and_the_other_counter_sees_them(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = office.one, office.two
    code = receive(one.on()).code
    assert one.sync().ok
    assert two.sync().ok
    for _ in range(3):
        record_reprint(one.on(), code)
    pages = count_applied_pages(monkeypatch)

    report = one.sync()

    assert report.ok and report.events == 3
    assert pages == []  # its three reprints, read back: already here
    assert read_cursor(one.on().store) == central_last_seq(office)
    assert two.sync().ok
    assert pages == [3]  # counter 2 did not make them: it applies all three


def test_a_supplement_received_here_comes_back_as_centrals_accepted(office: Office) -> None:
    """The one action central leaves otherwise than the counter recorded it: read back, it
    moves the dossier on (recorded as sent, central says accepted)."""
    one = office.one
    code = receive(one.on()).code
    assert one.sync().ok
    Agencies(office.central).request_supplement(code)
    assert one.sync().ok
    desk = one.on()
    row = desk.store.require(code)
    assert row.status is Status.SUPPLEMENT_REQUESTED
    item = next(iter(item_labels(row.procedure_group)))
    receive_supplement(
        desk.store, code, [SupplementItem(item, copies=1)], officer=desk.officer, at=one.clock()
    )
    assert desk.store.require(code).status is Status.SENT

    report = one.sync()

    assert report.ok and report.events == 1
    assert one.on().store.require(code).status is Status.ACCEPTED
