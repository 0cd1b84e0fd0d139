"""A new date given with the apology letter (form 04) is the day the dossier is due, everywhere.

An overdue dossier given a new date in the future leaves "Quá hạn" (the list and its count),
and its result row and its view show the new date; on the new date it is due today; the day
after, it is overdue again. Real store, real form 04 (``issue_form``, what L and ``desk form
04`` call), clocks stopped by hand; one pilot drives the home figures and the L key.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.widgets import Digits

from desk_app.clock import VN_TZ
from desk_app.desk import Desk
from desk_app.documents.api import issue_form
from desk_app.lifecycle import Event
from desk_app.lookup import WorkList, lookup, open_dossier, work_counts, work_list
from desk_app.lookup.columns import row_cells
from desk_app.lookup.report import dossier_panel
from desk_app.store import Store
from desk_app.store import queries as q
from desk_app.store.connection import open_connection
from desk_app.store.marking import mark
from desk_app.store.queries import Urgency
from desk_app.store.schema import MIGRATIONS, migrate
from screens.dossier_blocks import head
from tests.hostile.screen_text import shown
from tests.lookup.conftest import Clock, answered, receive
from tests.lookup.test_dossier_actions import open_dossier as open_view
from tests.screens.counter import Home, home

REASON = "Cơ quan đăng ký cư trú cần xác minh thêm nơi thường trú"
RECEIVED = datetime(2026, 11, 20, 9, 0, tzinfo=VN_TZ)
"""Friday 20 Nov 2026: the appointment is 08:00 on Thursday 26 Nov."""
LATE = datetime(2026, 11, 30, 10, 0, tzinfo=VN_TZ)
"""Monday 30 Nov: four days past the appointment."""
NEW_DATE = date(2026, 12, 2)
"""Wednesday 2 Dec: the working day the apology gives."""


def _late_dossier(counter: Desk, clock: Clock) -> str:
    """A dossier central accepted and nobody decided, now past its appointment."""
    clock.at = RECEIVED
    saved = receive(counter)
    answered(counter, saved.code, Event.ACCEPT)
    assert saved.appointment_at is not None
    assert saved.appointment_at.astimezone(VN_TZ).date() == date(2026, 11, 26)
    clock.at = LATE
    return saved.code


def _codes(counter: Desk, which: WorkList) -> list[str]:
    return [hit.code for hit in work_list(counter, which)]


def _due_cell(counter: Desk, code: str) -> str:
    [hit] = lookup(counter, code).hits
    return row_cells(hit, counter.clock().date())["due"]


def _panel(counter: Desk, code: str) -> str:
    console = Console(width=100, record=True, color_system=None)
    console.print(dossier_panel(open_dossier(counter, code, record_view=False)))
    return console.export_text()


def _colour_of(told: Text, part: str) -> str:
    """The styles the view's head draws ``part`` in (empty: plain)."""
    start = told.plain.index(part)
    return " ".join(str(s.style) for s in told.spans if s.start <= start < s.end)


def test_a_new_date_moves_the_dossier_in_every_list_row_and_view(
    counter: Desk, clock: Clock
) -> None:
    code = _late_dossier(counter, clock)
    assert _codes(counter, WorkList.OVERDUE) == [code] and work_counts(counter).overdue == 1
    assert _due_cell(counter, code) == "quá hạn 4 ngày"

    issue_form(counter, "04", code, reason=REASON, new_date=NEW_DATE)
    assert counter.store.require(code).due_on == NEW_DATE

    # Before the new date: on no urgent list, the row and the view say the new date.
    counts = work_counts(counter)
    assert (counts.overdue, counts.due_today) == (0, 0)
    assert _codes(counter, WorkList.OVERDUE) == [] == _codes(counter, WorkList.DUE_TODAY)
    assert _due_cell(counter, code) == "02/12/2026"
    assert open_dossier(counter, code, record_view=False).urgency is None
    panel = _panel(counter, code)
    assert "02/12/2026" in panel and "quá hạn" not in panel
    assert "08:00 26/11/2026" in panel  # the receipt's appointment is still written, with its time
    told = head(open_dossier(counter, code, record_view=False), None)
    assert "red" not in _colour_of(told, "08:00 26/11/2026") + _colour_of(told, "02/12/2026")

    # On the new date: due today.
    clock.at = datetime(2026, 12, 2, 8, 0, tzinfo=VN_TZ)
    counts = work_counts(counter)
    assert (counts.overdue, counts.due_today) == (0, 1)
    assert _codes(counter, WorkList.DUE_TODAY) == [code]
    assert _due_cell(counter, code) == "hôm nay"
    assert open_dossier(counter, code, record_view=False).urgency is Urgency.DUE_TODAY

    # The day after: overdue again, counted from the new date.
    clock.at = datetime(2026, 12, 3, 8, 0, tzinfo=VN_TZ)
    counts = work_counts(counter)
    assert (counts.overdue, counts.due_today) == (1, 0)
    assert _codes(counter, WorkList.OVERDUE) == [code]
    assert _due_cell(counter, code) == "quá hạn 1 ngày"
    assert open_dossier(counter, code, record_view=False).urgency is Urgency.OVERDUE
    told = head(open_dossier(counter, code, record_view=False), None)
    assert "red" in _colour_of(told, "02/12/2026")  # the date that is late now is the new one
    assert "red" not in _colour_of(told, "08:00 26/11/2026")
    assert "phím L in thư xin lỗi" in told.plain  # a second letter (and date) is due


def test_a_dossier_without_a_new_date_is_still_judged_by_its_appointment(
    counter: Desk, clock: Clock
) -> None:
    """Giving one dossier a new date moves that one only."""
    code = _late_dossier(counter, clock)
    clock.at = RECEIVED
    other = receive(counter).code
    answered(counter, other, Event.ACCEPT)
    clock.at = LATE
    issue_form(counter, "04", code, reason=REASON, new_date=NEW_DATE)
    assert _codes(counter, WorkList.OVERDUE) == [other] and work_counts(counter).overdue == 1
    assert _due_cell(counter, other) == "quá hạn 4 ngày"


def test_a_desk_upgraded_from_schema_10_counts_by_the_due_day_through_its_index(
    tmp_path: Path,
) -> None:
    """Migration 11: the lists' index is on the due day, so the home figures stay index reads
    (1.4 ms for the six counts at a million dossiers, bench/bench_lookup.py's store)."""
    path = tmp_path / "desk.sqlite3"
    conn = open_connection(path)
    migrate(conn, MIGRATIONS[:10])
    mark(conn)
    conn.close()
    store = Store.open(path)
    try:
        ran: list[str] = []
        store.conn.set_trace_callback(ran.append)
        q.work_counts(store, NEW_DATE)
        q.work_list(store, WorkList.OVERDUE, NEW_DATE)
        store.conn.set_trace_callback(None)
        plans = [
            row[3]
            for statement in ran
            if statement.startswith("SELECT")
            for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement)
        ]
    finally:
        store.close()
    assert sum("dossiers_due (status=? AND <expr><?)" in line for line in plans) == 2, plans
    assert any("dossiers_due (status=? AND <expr>=?)" in line for line in plans), plans


def _figure(h: Home, tile: str) -> str:
    return h.app.screen.query_one(f"#{tile} Digits", Digits).value


async def test_home_figures_and_the_view_follow_the_new_date(counter: Desk, clock: Clock) -> None:
    code = _late_dossier(counter, clock)
    async with home(counter) as h:
        assert (_figure(h, "count-overdue"), _figure(h, "count-due")) == ("1", "0")
        view = await open_view(h, code)
        assert "quá hạn" in shown(view)
        await h.pilot.press("l")  # form 04: the new date and why, as the officer gives them
        await h.settle()
        await h.type(NEW_DATE.strftime("%d/%m/%Y"))
        await h.pilot.press("enter")
        await h.type(REASON)
        await h.pilot.press("ctrl+s")
        await h.settle()
        assert h.app.screen is view, (h.app.screen_stack, h.notices.messages)
        told = shown(view)
        assert "hẹn lại: 02/12/2026" in told and "quá hạn" not in told
        await h.pilot.press("escape")  # home reads its figures again
        await h.settle()
        assert (_figure(h, "count-overdue"), _figure(h, "count-due")) == ("0", "0")

        clock.at = datetime(2026, 12, 2, 8, 0, tzinfo=VN_TZ)
        await h.pilot.press("f5")
        await h.settle()
        assert (_figure(h, "count-overdue"), _figure(h, "count-due")) == ("0", "1")

        clock.at = datetime(2026, 12, 3, 8, 0, tzinfo=VN_TZ)
        await h.pilot.press("f5")
        await h.settle()
        assert (_figure(h, "count-overdue"), _figure(h, "count-due")) == ("1", "0")
        view = await open_view(h, code)  # late again: the view offers a second letter
        assert "phím L in thư xin lỗi" in shown(view)
