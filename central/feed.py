"""The update feed: numbered in one serialised step, so a desk's cursor never skips an update.

A desk reads its feed after a cursor (the last number it applied) and moves the cursor to the
last number it read. That is only safe if numbers become visible in order: if update 10 could
be read while update 9 is still uncommitted, a desk would move its cursor to 10 and never see 9.
A PostgreSQL sequence gives exactly that failure — values are handed out at insert and
committed in whatever order the transactions finish — and several central processes writing
at once make it common.

So the feed is numbered from one counter row (``feed.last``), taken as the *last* step of a
writing transaction: ``UPDATE feed … RETURNING last`` row-locks the counter until COMMIT, so
the next writer gets its numbers only after this one's are committed and visible. Numbers are
therefore committed in order, with no gaps (a rolled-back transaction gives its numbers back
with the counter), and every snapshot sees a prefix of the feed. On a replica the same holds:
commit records replay in the order they were written. On SQLite the file's one write lock
gives the same order; the counter keeps the two engines on one code path.

The price is that feed writers queue for the counter between their numbering step and their
commit; only the agencies' steps write the feed, so accepting dossiers never waits for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from central.db import Tx, values

CHUNK = 1000
"""Rows per INSERT statement (both engines cap the parameters of one statement)."""
COLUMNS = ("seq", "dossier_id", "office", "desk_number", "version", "body", "v1")


@dataclass(frozen=True)
class Entry:
    """One change of one dossier, before it has its number in the feed."""

    dossier_id: int
    office: str
    desk_number: int
    version: int
    body: str
    """The update as JSON, without its ``seq`` (the number is the row's)."""
    v1: bool = True
    """Whether a v1 desk's feed carries it (agency steps); a desk's event (v2) is office-only."""


def reserve(tx: Tx, count: int) -> int:
    """The first of ``count`` consecutive feed numbers; the counter stays locked until commit."""
    row = tx.one("UPDATE feed SET last = last + :n WHERE id = 1 RETURNING last", {"n": count})
    assert row is not None, "the feed counter row is missing"
    return int(row[0]) - count + 1


def append(tx: Tx, entries: Sequence[Entry]) -> None:
    """Number ``entries`` and add them to the feed: call it last, just before the commit."""
    if not entries:
        return
    first = reserve(tx, len(entries))
    rows = [
        {
            "seq": first + i,
            "dossier_id": e.dossier_id,
            "office": e.office,
            "desk_number": e.desk_number,
            "version": e.version,
            "body": e.body,
            "v1": 1 if e.v1 else 0,
        }
        for i, e in enumerate(entries)
    ]
    for start in range(0, len(rows), CHUNK):
        sql, params = values(rows[start : start + CHUNK], COLUMNS)
        tx.run(f"INSERT INTO updates ({', '.join(COLUMNS)}) VALUES {sql}", params)
