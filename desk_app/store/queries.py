"""Read queries for the counter: lookup by code, ID number or name, and the work lists.

Everything here returns :class:`Hit` rows: the few columns a result list shows, read without
the declarations JSON or the per-procedure progress, so fifty results cost fifty index reads
and nothing more. The full record is :meth:`Store.get`. Queries lean on the indexes of
migrations 1, 4 and 11: the unique code index, the prefix-indexed search table (rowid = dossier
id, so "newest first" is the search table's own order), and the due day by status (the new date
of form 04, else the appointment's local day: :mod:`desk_app.store.due`). Every list is newest
first (highest id first: ids grow with reception).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desk_app.lifecycle import AT_COUNTER, FINAL, Status
from desk_app.store.due import DUE_DAY_SQL, due_day
from desk_app.store.store import Store

OPEN: frozenset[Status] = frozenset(Status) - FINAL - {Status.DRAFT}
"""Statuses of a dossier the office still has to do something about (results included)."""

PENDING: frozenset[Status] = OPEN - AT_COUNTER
"""Open dossiers not decided yet: the ones that can be late (a refused dossier is decided)."""

DEFAULT_LIMIT = 200
"""How many rows a list shows; a screen never needs more to answer a person at the counter."""

_HIT_COLUMNS = (
    "id",
    "code",
    "subject_name",
    "requester_name",
    "received_at",
    "appointment_at",
    "status",
    "status_reason",
    "due_on",
)
_HIT_SELECT = ", ".join(f"d.{c}" for c in _HIT_COLUMNS)
_CODE_PART = re.compile(r"[0-9A-Z.\-]+")
_SIX_DIGITS = re.compile(r"(?<!\d)(\d{6})(?!\d)")


class Urgency(StrEnum):
    """How an open dossier stands against its appointment."""

    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


class WorkList(StrEnum):
    """The lists of the home screen, each answering "what needs me now?"."""

    TODAY = "today"
    WAITING_SYNC = "waiting_sync"
    REJECTED = "rejected"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    READY = "ready"


@dataclass(frozen=True, slots=True)
class Hit:
    """One dossier as a result list shows it."""

    id: int
    code: str
    subject_name: str
    requester_name: str
    received_at: datetime
    appointment_at: datetime | None
    status: Status
    status_reason: str | None
    due_on: date | None = None
    """The new date of an apology letter (form 04), else None."""

    @property
    def due_day(self) -> date | None:
        """The day the result is due (:func:`desk_app.store.due.due_day`)."""
        return due_day(self.appointment_at, self.due_on)

    def urgency(self, today: date) -> Urgency | None:
        """Overdue (not decided and the due day has passed) or due today, else None."""
        due = self.due_day  # the same day as DUE_DAY_SQL
        if due is None or self.status not in OPEN:
            return None
        if due < today and self.status in PENDING:
            return Urgency.OVERDUE
        if due == today:
            return Urgency.DUE_TODAY
        return None


@dataclass(frozen=True, slots=True)
class WorkCounts:
    """How many dossiers each work list holds."""

    today: int
    waiting_sync: int
    rejected: int
    due_today: int
    overdue: int
    ready: int

    def of(self, which: WorkList) -> int:
        """The count of one list."""
        return int(getattr(self, which.value))


def _hit(row: tuple[Any, ...]) -> Hit:
    return Hit(
        id=row[0],
        code=row[1],
        subject_name=row[2],
        requester_name=row[3],
        received_at=datetime.fromisoformat(row[4]),
        appointment_at=datetime.fromisoformat(row[5]) if row[5] else None,
        status=Status(row[6]),
        status_reason=row[7],
        due_on=date.fromisoformat(row[8]) if row[8] else None,
    )


def _hits(store: Store, sql: str, params: tuple[Any, ...]) -> list[Hit]:
    with store._lock:
        return [_hit(r) for r in store.conn.execute(sql, params).fetchall()]


def _in(statuses: frozenset[Status]) -> str:
    return ", ".join(f"'{s.value}'" for s in sorted(statuses))


# --- lookup --------------------------------------------------------------------------------


def by_code(store: Store, code: str) -> Hit | None:
    """The dossier with exactly this code (one read of the unique code index)."""
    found = _hits(store, f"SELECT {_HIT_SELECT} FROM dossiers d WHERE d.code = ?", (code,))
    return found[0] if found else None


def by_code_part(store: Store, part: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """Dossiers whose code contains ``part`` ("1007", "261124-1007", "H26-2611"), newest first.

    A fragment holding six digits in a row names the day of reception (the only six-digit
    run of a code), so only that day's dossiers are read. Any other fragment reads the code
    index alone, newest codes first (codes of one agency sort by day, then sequence), stopping
    at ``limit`` matches: a fragment that matches little reads the whole index, about 70 ms
    at a million dossiers, in a worker.
    """
    part = part.strip().upper()
    if not _CODE_PART.fullmatch(part):
        return []
    day = _day_in(part)
    if day is not None:
        sql = (
            "SELECT id FROM dossiers WHERE received_on = ? AND instr(code, ?) > 0 "
            "ORDER BY id DESC LIMIT ?"
        )
        params: tuple[Any, ...] = (day.isoformat(), part, limit)
    else:
        sql = "SELECT id FROM dossiers WHERE instr(code, ?) > 0 ORDER BY code DESC LIMIT ?"
        params = (part, limit)
    with store._lock:
        ids = [i for (i,) in store.conn.execute(sql, params)]
    return _by_ids(store, ids)


def _day_in(part: str) -> date | None:
    run = _SIX_DIGITS.search(part)
    if run is None:
        return None
    try:
        return datetime.strptime(run.group(1), "%y%m%d").date()
    except ValueError:
        return None


def by_names(store: Store, words: list[str], limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """Dossiers with a name holding a word starting with each of ``words`` (folded), newest first.

    Names of the child, requester, parents and household head are indexed folded, so
    ``["tran", "thi", "b"]`` finds "Trần Thị Bé" and "TRẦN THỊ BÍCH".
    """
    tokens = [w for w in words if w]
    if not tokens:
        return []
    match = "names : (" + " AND ".join(f'"{t}"*' for t in tokens) + ")"
    return _search(store, match, limit)


def by_id_number(
    store: Store, digits: str, *, prefix: bool = False, limit: int = DEFAULT_LIMIT
) -> list[Hit]:
    """Dossiers naming this ID number (requester, parents, household head), newest first."""
    if not digits.isdigit():
        return []
    return _search(store, f'ids : "{digits}"' + ("*" if prefix else ""), limit)


def _search(store: Store, match: str, limit: int) -> list[Hit]:
    return _hits(
        store,
        f"SELECT {_HIT_SELECT} FROM dossier_search s JOIN dossiers d ON d.id = s.rowid "
        "WHERE dossier_search MATCH ? ORDER BY s.rowid DESC LIMIT ?",
        (match, limit),
    )


def _by_ids(store: Store, ids: list[int]) -> list[Hit]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _hits(
        store,
        f"SELECT {_HIT_SELECT} FROM dossiers d WHERE d.id IN ({marks}) ORDER BY d.id DESC",
        tuple(ids),
    )


# --- work lists ----------------------------------------------------------------------------


def _where(which: WorkList) -> str:
    """The condition selecting one work list (``?`` is today's date where it appears)."""
    return {
        WorkList.TODAY: "d.received_on = ?",
        WorkList.WAITING_SYNC: "d.id IN (SELECT dossier_id FROM outbox WHERE kind = 'submit')",
        WorkList.REJECTED: f"d.status = '{Status.REJECTED.value}'",
        WorkList.DUE_TODAY: f"d.status IN ({_in(OPEN)}) AND {DUE_DAY_SQL} = ?",
        WorkList.OVERDUE: f"d.status IN ({_in(PENDING)}) AND {DUE_DAY_SQL} < ?",
        WorkList.READY: f"d.status IN ({_in(AT_COUNTER)})",
    }[which]


def _params(which: WorkList, today: date) -> tuple[str, ...]:
    dated = (WorkList.TODAY, WorkList.DUE_TODAY, WorkList.OVERDUE)
    return (today.isoformat(),) if which in dated else ()


def work_list(store: Store, which: WorkList, today: date, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """The dossiers of one work list, newest first."""
    return _hits(
        store,
        # "+d.id": sort the list's rows rather than walk the whole table in id order.
        f"SELECT {_HIT_SELECT} FROM dossiers d WHERE {_where(which)} ORDER BY +d.id DESC LIMIT ?",
        (*_params(which, today), limit),
    )


_COUNTED_BY: Mapping[WorkList, str] = {WorkList.DUE_TODAY: "INDEXED BY dossiers_due"}
"""Indexes SQLite's planner does not choose for a count by itself. Counting "due today" it
took the (status, appointment) index, which holds every row it needs without the table, and
tested the day of each open dossier: 14 ms of the home screen's 15 with a million dossiers,
against 0.1 ms through the index on the day itself."""


def work_counts(store: Store, today: date) -> WorkCounts:
    """Every work list's count, read in one statement (each an index range count)."""
    parts = [
        f"(SELECT count(*) FROM dossiers d {_COUNTED_BY.get(w, '')} WHERE {_where(w)})"
        if w is not WorkList.WAITING_SYNC
        else "(SELECT count(*) FROM outbox WHERE kind = 'submit')"
        for w in WorkList
    ]
    params = tuple(p for w in WorkList for p in _params(w, today))
    with store._lock:
        row = store.conn.execute("SELECT " + ", ".join(parts), params).fetchone()
    return WorkCounts(*row)


def in_list(store: Store, which: WorkList, code: str, today: date) -> bool:
    """Whether the dossier ``code`` is on the work list ``which`` today."""
    with store._lock:
        found = store.conn.execute(
            f"SELECT 1 FROM dossiers d WHERE d.code = ? AND {_where(which)}",
            (code, *_params(which, today)),
        ).fetchone()
    return found is not None


# --- one dossier ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Progress:
    """One procedure recorded as finished, with its result's reference."""

    procedure: str
    at: datetime
    reference: str | None


@dataclass(frozen=True, slots=True)
class FileRow:
    """A file attached to a dossier (at reception or with a supplement)."""

    item: str
    sha256: str
    original_sighted: bool


def progress(store: Store, dossier_id: int) -> list[Progress]:
    """The procedures of a dossier recorded as finished, in the order they finished."""
    with store._lock:
        rows = store.conn.execute(
            "SELECT procedure, at, reference FROM procedure_progress WHERE dossier_id = ? "
            "ORDER BY at",
            (dossier_id,),
        ).fetchall()
    return [Progress(p, datetime.fromisoformat(at), ref) for p, at, ref in rows]


def files(store: Store, dossier_id: int) -> list[FileRow]:
    """The files attached to a dossier."""
    with store._lock:
        rows = store.conn.execute(
            "SELECT item, sha256, original_sighted FROM dossier_attachments "
            "WHERE dossier_id = ? ORDER BY item, sha256",
            (dossier_id,),
        ).fetchall()
    return [FileRow(item, sha, bool(seen)) for item, sha, seen in rows]


def unknown_files(store: Store, hashes: list[str]) -> list[str]:
    """The hashes among ``hashes`` that name no file in the attachment store."""
    if not hashes:
        return []
    with store._lock:
        known = {
            h
            for (h,) in store.conn.execute(
                f"SELECT sha256 FROM attachments WHERE sha256 IN ({','.join('?' * len(hashes))})",
                tuple(hashes),
            )
        }
    return [h for h in hashes if h not in known]
