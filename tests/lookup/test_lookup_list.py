"""The lookup list at a counter's terminal: what matters is whole at 80 columns, the field
is ready for the next citizen after a dossier."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Input

from desk_app.desk import Desk
from desk_app.lifecycle import Event, Status
from desk_app.lookup.columns import column_label, layout, row_cells
from desk_app.store.queries import Hit
from screens.dossier_view import DossierScreen
from screens.lookup import LookupScreen
from tests.conftest import FIXED_NOW
from tests.lookup.conftest import Clock, answered, make_ready, receive
from tests.screens.counter import home

LONG = "Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương"
DATE = re.compile(r"^\d\d/\d\d/\d{4}$")


def labels(table: DataTable[object]) -> list[str]:
    return [column.label.plain for column in table.columns.values()]


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        ((80, 24), ["code", "subject", "due", "status"]),
        ((100, 32), ["code", "subject", "requester", "due", "status"]),
        ((140, 32), ["code", "subject", "requester", "received", "due", "status"]),
    ],
    ids=["80x24", "100x32", "140x32"],
)
async def test_the_list_fits_its_width_with_code_child_due_date_and_status_whole(
    counter: Desk, clock: Clock, size: tuple[int, int], shown: list[str]
) -> None:
    late = receive(counter, child__full_name=LONG)
    answered(counter, late.code, Event.ACCEPT)  # in progress, and soon overdue
    ready = make_ready(counter, receive(counter, child__full_name="Trần Minh").code)
    clock.at = FIXED_NOW + timedelta(days=30)
    async with home(counter, size=size) as h:
        await h.pilot.press("ctrl+f")
        await h.type("minh")
        await h.settle()
        table = h.app.screen.query_one(DataTable)
        assert labels(table) == [column_label(k) for k in shown]
        padding = 2 * table.cell_padding * len(table.columns)
        assert sum(c.width for c in table.columns.values()) + padding <= table.size.width
        widths = dict(zip(shown, (c.width for c in table.columns.values()), strict=True))
        rows = {str(key.value): table.get_row(key) for key in table.rows}
        late_row = dict(zip(shown, (c.plain for c in rows[late.code]), strict=True))
        ready_row = dict(zip(shown, (c.plain for c in rows[ready.code]), strict=True))
        for row in (late_row, ready_row):  # what matters fits its column: drawn whole
            for key in ("code", "due", "status"):
                assert cell_len(row[key]) <= widths[key], (key, row[key])
        assert late_row["status"] == "Đang xử lý" and ready_row["status"] == "Có kết quả"
        assert re.fullmatch(r"quá hạn \d+ ngày", late_row["due"])  # in words, not colour only
        assert DATE.match(ready_row["due"])  # ready: not late, its date whole
        [drawn] = [line for line in h.visible().splitlines() if late.code in line]
        if cell_len(LONG) > widths["subject"]:  # too long: drawn cut, and saying so
            assert LONG[: widths["subject"] - 1] + "…" in drawn, drawn
        else:
            assert LONG in drawn


@pytest.mark.parametrize("width", [60, 76, 80, 96, 100, 120, 160, 200])
def test_the_layout_keeps_what_matters_at_any_width(width: int) -> None:
    """Unit: at every width the four columns that matter are there and wide enough."""
    hits = [
        Hit(1, "000.00.01.H26-261124-1001", LONG, "Nguyễn Thị Lan", FIXED_NOW,
            FIXED_NOW - timedelta(days=120), Status.IN_PROGRESS, None),
        Hit(2, "000.00.01.H26-261124-1002", "An", "Lê Văn Tâm", FIXED_NOW,
            FIXED_NOW, Status.SUPPLEMENT_REQUESTED, None),
    ]  # fmt: skip
    rows = [row_cells(hit, FIXED_NOW.date()) for hit in hits]
    assert rows[0]["due"] == "quá hạn 120 ngày" and rows[1]["due"] == "hôm nay"
    columns = {c.key: c for c in layout(rows, width, per_column=2, fixed=2)}
    assert {"code", "subject", "due", "status"} <= set(columns)
    for key in ("code", "due", "status"):
        assert columns[key].width >= max(cell_len(r[key]) for r in rows), key
    used = sum(c.width + 2 for c in columns.values()) + 2
    assert used <= width or width < 70  # below 70 the code and dates win over fitting
    assert columns["subject"].width >= 6


async def test_back_from_a_dossier_the_next_name_replaces_the_last_query(counter: Desk) -> None:
    first = receive(counter, child__full_name="Trần Minh Ánh")
    receive(counter, child__full_name="Trần Minh Châu")
    other = receive(counter, child__full_name="Lê Thị Hoa", requester__full_name="Lê Văn Tâm")
    async with home(counter) as h:
        await h.type("tran minh")
        await h.pilot.press("enter")
        await h.settle()
        lookup = h.app.screen
        assert isinstance(lookup, LookupScreen) and len(h.table_codes()) == 2
        await h.pilot.press("enter")  # two found: Enter goes down to the list
        await h.pilot.press("down", "enter")  # the older one
        await h.settle()
        assert isinstance(h.app.screen, DossierScreen) and h.app.screen.code == first.code
        await h.pilot.press("escape")
        await h.settle()
        assert h.app.screen is lookup
        await h.type("le thi hoa")  # the next citizen, typed straight away
        await h.settle()
        assert lookup.query_one("#lookup-query", Input).value == "le thi hoa"
        assert h.table_codes() == [other.code]
