"""The audit log as a hash chain: one way in, and a check that finds the first broken link.

The triggers of the audit table refuse UPDATE and DELETE through SQL, but anyone holding the
file can drop them or edit the bytes. So each event also stores ``prev_hash`` (the hash of the
event before it) and ``hash`` = SHA-256 over that previous hash and the event's own content
(id, time, officer, action, dossier code, detail). Changing, removing or slipping in an event
then breaks the link at that point, and :func:`verify` names the first event where it breaks.

The hash function below is part of the file format (migration 5 chained the rows that existed
before it with it): never change it, add a new version instead.

What a chain without a secret key cannot show: an event appended at the end by someone who
recomputes the hashes, or the last events cut off. The event count and head hash that
``desk audit verify`` prints, written down or kept in a backup, are what catch those.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app.store.records import canonical_json
from forms.text import nfc

GENESIS = "0" * 64
"""The ``prev_hash`` of the first event: there is nothing before it."""

COLUMNS = "id, at, officer, action, dossier_code, detail, prev_hash, hash"


def event_hash(
    prev_hash: str,
    event_id: int,
    at: str,
    officer: str,
    action: str,
    dossier_code: str | None,
    detail: str,
) -> str:
    """SHA-256 (hex) of the previous hash and the event's content as stored.

    The content is hashed as canonical JSON of a list, so no two different events can
    produce the same bytes (a separator inside a field cannot shift a boundary). The list is
    written out field by field when the fields have the types the desk writes (every event
    of a sync round: a third of the hash's cost); the bytes are the same (a test holds them).
    """
    if (
        type(event_id) is int
        and type(at) is str
        and type(officer) is str
        and type(action) is str
        and type(detail) is str
        and (dossier_code is None or type(dossier_code) is str)
    ):
        code = "null" if dossier_code is None else _string(dossier_code)
        content = (
            f"[{event_id},{_string(at)},{_string(officer)},{_string(action)},{code},"
            f"{_string(detail)}]"
        )
    else:
        content = canonical_json([event_id, at, officer, action, dossier_code, detail])
    return hashlib.sha256(f"{prev_hash}\n{content}".encode()).hexdigest()


_string = json.encoder.encode_basestring
"""A string as canonical JSON writes it (quoted, escaped, real UTF-8)."""


def append(
    conn: sqlite3.Connection,
    at: datetime,
    officer: str,
    action: str,
    dossier_code: str | None,
    detail: Mapping[str, Any],
) -> int:
    """Append one event after the current head of the chain; return its id.

    With :func:`append_many`, the only way an audit event is written. The caller must hold
    a write transaction (BEGIN IMMEDIATE): reading the head and inserting after it is then
    atomic against other processes, so two desks on one file never fork the chain.
    """
    return append_many(conn, [(at, officer, action, dossier_code, detail)])


Entry = tuple[datetime, str, str, str | None, Mapping[str, Any]]
"""(at, officer, action, dossier code, detail): one event as :func:`append_many` takes it."""


def append_many(conn: sqlite3.Connection, entries: Iterable[Entry]) -> int:
    """Append ``entries`` in their order, each chained to the one before; the last id (0: none).

    The head is read once and the chain is carried on in memory, so a sync batch's hundreds
    of events cost one statement instead of a read and a write each; the events and their
    hashes are exactly what as many :func:`append` calls would have written. Same rule as
    :func:`append`: the caller holds the write transaction.
    """
    if not conn.in_transaction:
        raise RuntimeError("audit events are appended inside a write transaction")
    head = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    event_id, prev = (head[0], head[1]) if head else (0, GENESIS)
    rows = []
    # A batch's events share one time and one officer (the very objects): each is written
    # out once, not once per event.
    last_at: datetime | None = None
    last_officer: str | None = None
    when = name = ""
    for at, officer, action, dossier_code, detail in entries:
        event_id += 1
        if at is not last_at:
            last_at, when = at, at.isoformat()
        if officer is not last_officer:
            last_officer, name = officer, nfc(officer)
        row = (event_id, when, name, action, dossier_code, canonical_json(dict(detail)))
        digest = event_hash(prev, *row)
        rows.append((*row, prev, digest))
        prev = digest
    conn.executemany(f"INSERT INTO audit ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return event_id if rows else 0


@dataclass(frozen=True)
class ChainBreak:
    """The first event where the chain does not hold, and why."""

    event_id: int
    reason: str
    """Vietnamese, for the person reading `desk audit verify`."""


@dataclass(frozen=True)
class ChainReport:
    """What :func:`verify` found: how many events, the last hash, and the first break if any."""

    events: int
    head: str
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        """True when every event links to the one before and matches its own hash."""
        return self.broken is None


def _rows(conn: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    # One statement, so the whole walk reads one snapshot even while a desk writes.
    yield from conn.execute(f"SELECT {COLUMNS} FROM audit ORDER BY id")


WRONG_TYPE = "dữ liệu sai kiểu (số hoặc nhị phân ở chỗ phải là chữ): sự kiện đã bị sửa ngoài desk"


def _well_typed(row: tuple[Any, ...]) -> bool:
    """Whether every field holds what :func:`append` writes (SQLite stores any type anywhere)."""
    event_id, at, officer, action, code, detail, prev_hash, digest = row
    texts = (at, officer, action, detail, prev_hash, digest)
    return (
        type(event_id) is int
        and all(type(v) is str for v in texts)
        and (code is None or type(code) is str)
    )


def verify(conn: sqlite3.Connection) -> ChainReport:
    """Walk the chain from the first event; stop at the first one that does not hold.

    A field of the wrong type (a BLOB or a number where the desk writes text) is a break
    too: the desk never writes one, and hashing it would mean guessing its text.
    """
    prev, expected_id, count = GENESIS, 1, 0
    for row in _rows(conn):
        event_id, at, officer, action, code, detail, prev_hash, digest = row
        count += 1
        reason = None
        if not _well_typed(row):
            shown = event_id if type(event_id) is int else expected_id
            return ChainReport(count - 1, prev, ChainBreak(shown, WRONG_TYPE))
        if prev_hash != prev:
            reason = (
                f"không nối tiếp sự kiện trước: sự kiện số {expected_id} đã bị xóa"
                if event_id > expected_id
                else "không nối tiếp sự kiện trước (có sự kiện bị xóa hoặc chèn vào trước nó)"
            )
        elif digest != event_hash(prev, event_id, at, officer, action, code, detail):
            reason = "nội dung không khớp mã băm (sự kiện đã bị sửa hoặc bị chèn vào)"
        if reason is not None:
            return ChainReport(count - 1, prev, ChainBreak(event_id, reason))
        prev, expected_id = digest, event_id + 1
    return ChainReport(count, prev, None)


LINKS_HEAD = f"""
    CREATE TRIGGER audit_links_head BEFORE INSERT ON audit
    WHEN NEW.id IS NOT coalesce((SELECT max(id) FROM audit), 0) + 1
      OR NEW.prev_hash IS NOT coalesce(
           (SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '{GENESIS}')
    BEGIN SELECT RAISE(ABORT, 'audit event must link to the head of the chain'); END
"""
"""Every new event takes the next id and links to the last event's hash, or is refused.

Stronger than migration 5's UNIQUE ``prev_hash`` (which only stopped two events linking to
the same one) and cheaper: the check reads the table's last page, which the insert writes
anyway, where the unique index put each event's random hash on a random page of a second
B-tree (about one page written per event at every commit, the main cost of a sync batch).
"""


def chain_existing(conn: sqlite3.Connection) -> None:
    """Migration 5: rebuild the audit table with the chain columns, linking old rows by id.

    A rebuild rather than ADD COLUMN so both columns are NOT NULL and checked; the old
    triggers go with the old table and are recreated unchanged. ``prev_hash`` is UNIQUE:
    should a writer ever append without the write lock, the second link to the same event
    fails instead of forking the chain.
    """
    conn.execute(
        """
        CREATE TABLE audit_v5 (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            officer TEXT NOT NULL,
            action TEXT NOT NULL,
            dossier_code TEXT,
            detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
            prev_hash TEXT NOT NULL UNIQUE CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        )
        """
    )
    prev = GENESIS
    # Streamed, not fetched whole: a desk's audit table can hold millions of events.
    old = conn.execute(
        "SELECT id, at, officer, action, dossier_code, detail FROM audit ORDER BY id"
    )
    for row in old:
        digest = event_hash(prev, *row)
        conn.execute(
            f"INSERT INTO audit_v5 ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*row, prev, digest),
        )
        prev = digest
    _replace_table(conn, "audit_v5")


def _replace_table(conn: sqlite3.Connection, rebuilt: str) -> None:
    """Put the table ``rebuilt`` in the audit table's place, with its indexes and the
    append-only triggers (which went with the old table)."""
    conn.execute("DROP TABLE audit")
    conn.execute(f"ALTER TABLE {rebuilt} RENAME TO audit")
    conn.execute("CREATE INDEX audit_dossier ON audit(dossier_code)")
    conn.execute("CREATE INDEX audit_officer ON audit(officer)")
    for verb in ("UPDATE", "DELETE"):
        conn.execute(
            f"CREATE TRIGGER audit_no_{verb.lower()} BEFORE {verb} ON audit "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )


def link_to_head(conn: sqlite3.Connection) -> None:
    """Migration 9: the chain's fork guard moves from the UNIQUE index to :data:`LINKS_HEAD`.

    SQLite cannot drop a constraint's index, so the table is copied (rows, ids and hashes
    unchanged, the chain still verifies) into one declared without it; its indexes and
    append-only triggers are recreated as they were.
    """
    conn.execute(
        """
        CREATE TABLE audit_v9 (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            officer TEXT NOT NULL,
            action TEXT NOT NULL,
            dossier_code TEXT,
            detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        )
        """
    )
    conn.execute(f"INSERT INTO audit_v9 ({COLUMNS}) SELECT {COLUMNS} FROM audit ORDER BY id")
    _replace_table(conn, "audit_v9")
    conn.execute(LINKS_HEAD)
