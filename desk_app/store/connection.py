"""Opening the SQLite file the way every part of the desk needs it.

WAL so the screen can read while a worker writes; foreign keys on; ``synchronous=FULL``
because a receipt handed to a citizen must never name a dossier the disk forgot; a busy
timeout so two processes on one file wait for each other instead of failing. The file is
created readable by its owner only (see :mod:`desk_app.private`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desk_app.errors import StoreError
from desk_app.private import private_file, tighten

BUSY_TIMEOUT_MS = 10_000


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path`` in autocommit mode with our pragmas."""
    try:
        private_file(path)  # 0600 before SQLite opens it: the -wal and -shm inherit it
        for sidecar in ("-wal", "-shm"):
            tighten(path.with_name(path.name + sidecar))
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"Không mở được cơ sở dữ liệu {path}: {exc}") from None
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken with BEGIN IMMEDIATE.

    IMMEDIATE takes the write lock up front, so two processes allocating dossier codes queue
    on the busy timeout instead of one failing when it upgrades a read to a write.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
