"""One interface over central's two databases: SQLite (embedded, the default) and PostgreSQL.

Everything central stores goes through :class:`Database` and the :class:`Tx` it hands out, and
is written once, in SQL both engines read the same way: named parameters (``:name``),
``INSERT … ON CONFLICT … DO NOTHING/DO UPDATE``, ``RETURNING``. What differs between the two
engines lives in their own modules (:mod:`central.db_sqlite`, :mod:`central.db_postgres`) and
in the migrations (:mod:`central.schema`): how a transaction is opened, how two writers are
kept apart (:meth:`Database.lock`), how a row is claimed by one of several processes
(:attr:`Database.skip_locked`).

A *target* names the database: ``postgresql://USER@HOST:PORT/DBNAME`` (or ``postgres://``) for
PostgreSQL, anything else is the path of a SQLite file.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any, ClassVar

Params = Mapping[str, Any]
Row = tuple[Any, ...]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: str) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than a SQLite file."""
    return target.strip().lower().startswith(POSTGRES_SCHEMES)


def redact(target: str) -> str:
    """``target`` with any password taken out: what may be printed or logged."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", target)


class Tx:
    """One open transaction (or, from :meth:`Database.read`, one connection for reads)."""

    def __init__(self, conn: Any, convert: Callable[[str], str] | None = None) -> None:
        self._conn = conn
        self._convert = convert

    def _exec(self, sql: str, params: Params | None) -> Any:
        if self._convert is not None:
            sql = self._convert(sql)
        return self._conn.execute(sql, dict(params or {}))

    def run(self, sql: str, params: Params | None = None) -> int:
        """Execute one statement; how many rows it changed."""
        return int(self._exec(sql, params).rowcount)

    def one(self, sql: str, params: Params | None = None) -> Row | None:
        """The first row of a query, or None."""
        row = self._exec(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def all(self, sql: str, params: Params | None = None) -> list[Row]:
        """Every row of a query."""
        return [tuple(r) for r in self._exec(sql, params).fetchall()]


def values(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """``(:v0_0, :v1_0), (:v0_1, …)`` and its parameters: many rows in one INSERT statement."""
    sql, names = placeholders(len(columns), len(rows))
    return sql, dict(zip(names, [row[c] for row in rows for c in columns], strict=True))


@lru_cache(maxsize=64)
def placeholders(width: int, count: int) -> tuple[str, tuple[str, ...]]:
    """The ``VALUES`` list of ``count`` rows of ``width`` parameters, and the parameters' names
    row by row: made once per shape (a sync sends full batches of one size), not at every
    statement — naming every parameter of a batch again cost as much as inserting its rows."""
    rows = [[f"v{j}_{i}" for j in range(width)] for i in range(count)]
    sql = ", ".join("(" + ", ".join(f":{name}" for name in row) + ")" for row in rows)
    return sql, tuple(name for row in rows for name in row)


def among(name: str, items: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``(:name0, :name1, …)`` and its parameters, for ``column IN (…)``; never empty."""
    if not items:
        return "(NULL)", {}
    params = {f"{name}{i}": item for i, item in enumerate(items)}
    return "(" + ", ".join(f":{n}" for n in params) + ")", params


class Database(ABC):
    """A central database: transactions, named locks, and what tests need to compare it."""

    dialect: ClassVar[str]
    skip_locked: ClassVar[str]
    """Appended to a ``SELECT`` of rows to work on: rows another process is working on are
    left to it (PostgreSQL ``FOR UPDATE SKIP LOCKED``; SQLite has one writer anyway)."""
    target: str
    """What names the database (a path, or the URL with its password taken out)."""

    @abstractmethod
    def write(self) -> AbstractContextManager[Tx]:
        """One write transaction: committed (durably) when the block ends, rolled back on error."""

    @abstractmethod
    def read(self) -> AbstractContextManager[Tx]:
        """A connection for reads; each statement sees everything committed before it."""

    @abstractmethod
    def lock(self, tx: Tx, name: str) -> None:
        """Hold the lock ``name`` until ``tx`` ends: one such transaction at a time, in every
        process that shares this database."""

    @abstractmethod
    def tables(self, tx: Tx) -> list[str]:
        """The names of central's tables (for :meth:`picture`)."""

    @abstractmethod
    def close(self) -> None:
        """Close every connection."""

    def picture(self) -> dict[str, list[Row]]:
        """Every row of every table, sorted: a test compares two to see that nothing changed."""
        with self.read() as tx:
            return {
                name: sorted(tx.all(f'SELECT * FROM "{name}"'), key=repr)
                for name in self.tables(tx)
            }


def open_database(target: str, *, pool_size: int = 10) -> Database:
    """The database ``target`` names (see the module's docstring), opened and ready."""
    if is_postgres(target):
        from central.db_postgres import PostgresDatabase

        return PostgresDatabase(target, pool_size=pool_size)
    from pathlib import Path

    from central.db_sqlite import SqliteDatabase

    return SqliteDatabase(Path(target))


__all__ = [
    "Database",
    "Params",
    "Row",
    "Tx",
    "among",
    "is_postgres",
    "open_database",
    "placeholders",
    "redact",
    "values",
]
