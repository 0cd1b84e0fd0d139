"""Which columns a result list shows at a given width, each cell cut to fit with "…".

A counter terminal is often 80 columns wide. A list that lays its six columns out at their
natural widths pushes the status off the right edge and cuts dates in the middle
("07/12/202"); one that lets the terminal cut long names leaves no mark that anything is
missing. So the width decides: the dossier code, the child, the due date and the status are
always shown, whole; the requester and the day of reception join only when the names keep a
readable width; a name longer than its column ends in "…". The status is the short form of a
list (the dossier view says it in full), and the due column says "hôm nay" or how many days
late rather than colour alone, for a monochrome terminal.

Shared by the lookup screen (Textual's DataTable) and ``desk lookup`` (a Rich table): each says
what a column costs it beyond its text (padding, borders).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.text import Text

from desk_app import groups
from desk_app.clock import local_date
from desk_app.lookup import texts
from desk_app.lookup.detail import vn_date
from desk_app.store.queries import Hit, Urgency

ALWAYS = ("code", "subject", "due", "status")
"""What matters at the counter: never left out, never cut (names end in "…" at worst)."""

OPTIONAL = ("requester", "received")
"""Shown, in this order, while every name keeps :data:`NAME_MIN` cells."""

ORDER = ("code", "subject", "requester", "received", "due", "status")
"""Left to right."""

NAMES = frozenset({"subject", "requester"})
"""Columns that share what is left of the width (and are cut with "…")."""

NAME_MIN = 16
"""Below this, a second name column is not worth the subject's name being cut."""

NAME_FLOOR = 6
"""The subject's column never gets narrower than this, whatever the width."""


def column_label(key: str) -> str:
    """A column's heading; the subject's names whoever the registered groups are about."""
    return groups.subject_heading() if key == "subject" else texts.COLUMN_LABELS[key]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a result list: what it shows, its heading, its width in cells."""

    key: str
    label: str
    width: int


def row_cells(hit: Hit, on: date) -> dict[str, str]:
    """One result's cells by column key, as a list shows them (uncut)."""
    urgency = hit.urgency(on)
    day = hit.due_day  # a new date given with form 04 moves it
    if day is None:
        due = "—"
    elif urgency is Urgency.DUE_TODAY:
        due = texts.DUE_TODAY
    elif urgency is Urgency.OVERDUE:
        due = texts.OVERDUE_DAYS.format(days=(on - day).days)
    else:
        due = vn_date(day)
    return {
        "code": hit.code,
        "subject": hit.subject_name,
        "requester": hit.requester_name,
        "received": vn_date(local_date(hit.received_at)),
        "due": due,
        "status": texts.STATUS_SHORT[hit.status],
    }


def _natural(key: str, rows: Sequence[Mapping[str, str]]) -> int:
    label = cell_len(column_label(key))
    return max([label, *(cell_len(r[key]) for r in rows)])


def layout(
    rows: Sequence[Mapping[str, str]], width: int, *, per_column: int, fixed: int = 0
) -> tuple[Column, ...]:
    """The columns to show for ``rows`` in ``width`` cells.

    ``per_column`` is what each column costs beyond its text (a DataTable's padding, a Rich
    table's padding and border), ``fixed`` what the list costs once (a scrollbar, an edge).
    """
    natural = {key: _natural(key, rows) for key in ORDER}

    def room(keys: Sequence[str]) -> int:
        used = sum(natural[k] for k in keys if k not in NAMES)
        return width - fixed - per_column * len(keys) - used

    keys = list(ALWAYS)
    for key in OPTIONAL:
        trial = [*keys, key]
        names = [k for k in trial if k in NAMES]
        if room(trial) < NAME_MIN * len(names):
            break
        keys = trial
    shares = _share(room(keys), [k for k in ORDER if k in keys and k in NAMES], natural)
    return tuple(Column(k, column_label(k), shares.get(k, natural[k])) for k in ORDER if k in keys)


def _share(room: int, names: list[str], natural: Mapping[str, int]) -> dict[str, int]:
    """Split ``room`` between the name columns: none wider than it needs, the rest evened."""
    widths: dict[str, int] = {}
    left, waiting = room, sorted(names, key=lambda k: natural[k])
    while waiting:
        fair = left // len(waiting)
        key = waiting.pop(0)
        widths[key] = max(NAME_FLOOR, min(natural[key], fair))
        left -= widths[key]
    return widths


def fitted(text: str) -> Text:
    """``text`` as a cell of a column of fixed width: whole when it fits, else cut with "…"
    where it is drawn (the cell keeps the whole value: a reader of the table, a test, a
    screen reader, gets all of it)."""
    return Text(text, no_wrap=True, overflow="ellipsis")
