"""Central's database in one SQLite file: the embedded default (`desk demo`, tests, a laptop).

One connection behind a lock: SQLite has one writer at a time anyway, and ``BEGIN IMMEDIATE``
takes the write lock at the start of a transaction, so two transactions never interleave and
whatever one commits is visible, in order, before the next begins — also to another process
that opens the same file. ``synchronous=FULL`` because once central has answered "accepted"
the desk deletes its outbox row: an answer the disk then forgot would be a lost dossier. Like
a desk's, the database (with its -wal and -shm) is private to central's own user: 0600 in a
0700 folder (:mod:`desk_app.private`), made so when it is opened.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from central.db import Database, Tx
from desk_app.private import private_file, tighten


class SqliteDatabase(Database):
    """A SQLite file (WAL, synchronous=FULL, foreign keys on)."""

    dialect = "sqlite"
    skip_locked = ""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.target = str(path)
        private_file(path)  # 0600 before SQLite opens it: the -wal and -shm inherit its mode
        for sidecar in ("-wal", "-shm"):
            tighten(path.with_name(path.name + sidecar))
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA busy_timeout = 10000")
        self._lock = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Tx]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Tx]:
        with self._lock:
            yield Tx(self._conn)

    def lock(self, tx: Tx, name: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already holds the one write lock of the file."""

    def tables(self, tx: Tx) -> list[str]:
        return [
            r[0]
            for r in tx.all(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
