"""Opening the SQLite file the way every part of the desk needs it.

WAL so the screen can read while a worker writes; foreign keys on; ``synchronous=FULL``
because a receipt handed to a citizen must never name a dossier the disk forgot; a busy
timeout so two processes on one file wait for each other instead of failing. The file is
created readable by its owner only (see :mod:`desk_app.private`).

Before any pragma that writes (switching to WAL rewrites the header), the file is identified
and its schema checked (:mod:`.marking`): a config, another program's database, or a desk
database missing a table or column, is refused as it is, untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desk_app.errors import StoreError, os_reason
from desk_app.private import private_file, tighten
from desk_app.reasons import sqlite_reason
from desk_app.store.marking import check

BUSY_TIMEOUT_MS = 10_000


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path`` in autocommit mode with our pragmas.

    A new file is born 0600 (the -wal and -shm SQLite makes inherit its mode); an existing one
    is made private only once it is known to be the desk's, so a wrong path (a config, another
    program's database) is refused with not even its permissions changed.
    """
    try:
        if not os.path.lexists(path):
            private_file(path)
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise StoreError(f"Không mở được cơ sở dữ liệu {path}: {sqlite_reason(exc)}.") from None
    except OSError as exc:
        raise StoreError(f"Không mở được cơ sở dữ liệu {path}: {os_reason(exc)}.") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check(conn, path)  # reads only; refuses what is not (or no longer) a desk database
        tighten(path)
        for sidecar in ("-wal", "-shm"):
            tighten(path.with_name(path.name + sidecar))
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"Không mở được cơ sở dữ liệu {path}: {sqlite_reason(exc)}.") from None
    except BaseException:
        conn.close()
        raise
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
