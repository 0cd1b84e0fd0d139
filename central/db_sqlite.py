"""Central's database in one SQLite file: the embedded default (`desk demo`, tests, a laptop).

One connection behind a lock: SQLite has one writer at a time anyway, and ``BEGIN IMMEDIATE``
takes the write lock at the start of a transaction, so two transactions never interleave and
whatever one commits is visible, in order, before the next begins — also to another process
that opens the same file. ``synchronous=FULL`` because once central has answered "accepted"
the desk deletes its outbox row: an answer the disk then forgot would be a lost dossier. Like
a desk's, the database (with its -wal and -shm) is private to central's own user: 0600 in a
0700 folder (:mod:`desk_app.private`), made so when it is opened.

Statements are written with named parameters (``:name``, see :mod:`central.db`) but handed to
SQLite with positional ones (``?``): SQLite looks a named parameter up in a list, one by one,
so a batch's multi-row INSERT (500 rows of 12 values) took 49 ms, against 4 ms once its
thousands of names are numbered here.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from central.db import Database, Params, Tx
from desk_app.private import private_file, tighten

_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
"""A ``:name`` parameter (not a ``::`` cast)."""
LONG_SQL = 4096
"""Statements longer than this are multi-row INSERTs, whose text depends on the number of rows
(the same for every full batch): a few of them are kept, not hundreds."""


def _numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    # Split on quotes: the even pieces are outside string literals ('' inside a literal
    # yields an empty even piece), so a ':' inside a literal is never taken for a parameter.
    pieces = sql.split("'")
    names: list[str] = []
    for i in range(0, len(pieces), 2):
        names += _PARAMETER.findall(pieces[i])
        pieces[i] = _PARAMETER.sub("?", pieces[i])
    return "'".join(pieces), tuple(names)


_numbered_short = lru_cache(maxsize=512)(_numbered)
_numbered_long = lru_cache(maxsize=8)(_numbered)


def positional(sql: str) -> tuple[str, tuple[str, ...]]:
    """``sql`` with ``?`` for each ``:name``, and the names in order (one per occurrence)."""
    return _numbered_short(sql) if len(sql) <= LONG_SQL else _numbered_long(sql)


class SqliteTx(Tx):
    """A :class:`Tx` that binds its named parameters by position (see the module's docstring)."""

    def _exec(self, sql: str, params: Params | None) -> Any:
        text, names = positional(sql)
        given = params or {}
        try:
            values = [given[name] for name in names]
        except KeyError as exc:
            raise sqlite3.ProgrammingError(
                f"You did not supply a value for binding parameter :{exc.args[0]}."
            ) from None
        return self._conn.execute(text, values)


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
                yield SqliteTx(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Tx]:
        with self._lock:
            yield SqliteTx(self._conn)

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
