"""Central's database on PostgreSQL: what a province runs, several central processes at once.

A pool of connections (psycopg 3 and psycopg-pool) serves the request threads; each write is
one transaction on one connection. Every connection is set up with ``synchronous_commit=on``
whatever the server's default says: central answers "accepted" only after COMMIT returned,
and the desk then deletes its outbox row, so a commit the server could still lose (an
asynchronous one, lost to a crash in the next 200 ms) would be a lost dossier. A statement
that waits too long fails (``statement_timeout``, ``lock_timeout``) and the desk retries the
request, rather than a request thread hanging for good.

Processes meet in the database, not in memory: :meth:`PostgresDatabase.lock` is a
transaction-scoped advisory lock, rows are claimed with ``FOR UPDATE SKIP LOCKED``, and
uniqueness (a batch key, a dossier code, a dossier's version) is a unique index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from central.db import Database, Tx, redact

SESSION: dict[str, str] = {
    "synchronous_commit": "on",
    "statement_timeout": "30s",
    "lock_timeout": "20s",
    "idle_in_transaction_session_timeout": "60s",
    "application_name": "desk-central",
}
"""Set on every connection of the pool (``set_config``), whatever the server's defaults."""
CONNECT_TIMEOUT = 5
POOL_TIMEOUT = 10.0
"""Seconds a request waits for a connection before it fails (and the desk retries)."""

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def convert(sql: str) -> str:
    """Central's SQL (``:name`` parameters) in psycopg's spelling (``%(name)s``)."""
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


def _configure(conn: Any) -> None:
    for name, value in SESSION.items():
        conn.execute("SELECT set_config(%(n)s, %(v)s, false)", {"n": name, "v": value})


class PostgresDatabase(Database):
    """A PostgreSQL database reached through a connection pool."""

    dialect = "postgresql"
    skip_locked = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = url
        self.target = redact(url)
        # One direct connection first: a wrong address or account fails now, with the
        # driver's own error, rather than after the pool has retried for POOL_TIMEOUT.
        psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT).close()
        self.pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            configure=_configure,
            check=self._check,
            timeout=POOL_TIMEOUT,
            name="desk-central",
            open=False,
        )
        try:
            self.pool.open(wait=True, timeout=POOL_TIMEOUT)
        except BaseException:
            self.pool.close()
            raise

    def _check(self, conn: Any) -> None:
        """Check a connection before it is handed out; one dead one means all idle ones are.

        Idle connections die together when the server restarts. The pool would find that out one
        request at a time, sleeping 1, 2, 4, 8 s between the dead connections it draws, so a pool
        of ten idle connections kept central answering "try again" for half a minute after the
        server was back. Checking every idle connection as soon as one fails drops them all at
        once, and the next draw gets a new connection.
        """
        from psycopg_pool import ConnectionPool

        try:
            ConnectionPool.check_connection(conn)
        except Exception:
            self.pool.check()
            raise

    @contextmanager
    def write(self) -> Iterator[Tx]:
        with self.pool.connection() as conn, conn.transaction():
            yield Tx(conn, convert)

    @contextmanager
    def read(self) -> Iterator[Tx]:
        with self.pool.connection() as conn:
            yield Tx(conn, convert)

    def lock(self, tx: Tx, name: str) -> None:
        tx.one("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))", {"name": name})

    def tables(self, tx: Tx) -> list[str]:
        return [
            r[0]
            for r in tx.all(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            )
        ]

    def close(self) -> None:
        self.pool.close()
