"""What the desk remembers about syncing: the update cursor and how the last rounds went.

Kept in the ``sync_state`` key/value table so the footer, `desk sync` and a restarted desk all
read the same facts. The cursor only moves forward, and only in the transaction that applies
the updates it covers (see :mod:`.sync_updates`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from desk_app.lifecycle import Status
from desk_app.store.store import Store

CURSOR = "updates_cursor"
LAST_ATTEMPT = "last_attempt_at"
LAST_SUCCESS = "last_success_at"
LAST_ERROR = "last_error"
ONLINE = "online"


@dataclass(frozen=True)
class SyncState:
    """A snapshot for the footer and the CLI summary."""

    online: bool | None
    """None before the first round: nobody knows yet."""
    waiting: int
    """Dossiers in the outbox, not yet in central's hands (those set aside not counted)."""
    rejected: int
    """Dossiers central sent back, waiting for the officer."""
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    cursor: int
    held: int = 0
    """Dossiers set aside, not sent, waiting for an officer (see :mod:`.sync_held`)."""


def read_cursor(store: Store) -> int:
    """The sequence number of the last status update applied (0: none yet)."""
    with store._lock:
        row = store.conn.execute("SELECT value FROM sync_state WHERE key = ?", (CURSOR,)).fetchone()
    return int(row[0]) if row else 0


def advance_cursor(conn: sqlite3.Connection, cursor: int) -> None:
    """Move the cursor forward to ``cursor``, never back (in the caller's transaction)."""
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
        "value = excluded.value WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)",
        (CURSOR, str(cursor)),
    )


def record_round(store: Store, *, at: datetime, error: str | None) -> None:
    """Remember how a round ended: success (error None) or the Vietnamese reason it failed."""
    values = {LAST_ATTEMPT: at.isoformat(), ONLINE: "0" if error else "1"}
    if error is None:
        values[LAST_SUCCESS] = at.isoformat()
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO sync_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )
        if error is None:
            store.conn.execute("DELETE FROM sync_state WHERE key = ?", (LAST_ERROR,))
        else:
            store.conn.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (LAST_ERROR, error),
            )


def read_state(store: Store) -> SyncState:
    """The current sync state, read in one go."""
    with store._lock:
        values = dict(store.conn.execute("SELECT key, value FROM sync_state").fetchall())
        waiting, held = store.conn.execute(
            "SELECT count(*) - count(held_at), count(held_at) FROM outbox WHERE kind = 'submit'"
        ).fetchone()
        (rejected,) = store.conn.execute(
            "SELECT count(*) FROM dossiers WHERE status = ?", (Status.REJECTED.value,)
        ).fetchone()

    def when(key: str) -> datetime | None:
        return datetime.fromisoformat(values[key]) if key in values else None

    return SyncState(
        online=None if ONLINE not in values else values[ONLINE] == "1",
        waiting=waiting,
        rejected=rejected,
        last_success_at=when(LAST_SUCCESS),
        last_attempt_at=when(LAST_ATTEMPT),
        last_error=values.get(LAST_ERROR),
        cursor=int(values.get(CURSOR, 0)),
        held=held,
    )
