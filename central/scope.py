"""What central does on behalf of one desk, in queries bound to that desk's office.

Endpoints never get the database: they get a :class:`DeskScope` for the desk the bearer token
named, and its transactions (:class:`ScopedTx`) accept only statements that name the caller —
``:office``, ``:desk_number`` or ``:desk_id`` — and fill those parameters themselves from the
authenticated identity. A query that forgot to say whose rows it wants is refused before it
reaches the database (:class:`Unscoped`), and one that names the caller cannot be handed
another office's code by a request: the office is never a parameter a request supplies.

The one write that belongs to no office — a document's bytes being known at all
(``attachments``: content-addressed, shared) — is its own method, :meth:`ScopedTx.keep_blob`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from central import feed
from central.db import Database, Row, Tx
from central.identity import DeskIdentity

_CALLER = re.compile(r":(office|desk_number|desk_id)\b")


class Unscoped(Exception):
    """A statement on behalf of a desk that does not say whose rows it concerns."""


class ScopedTx:
    """A transaction (or read connection) acting for one desk; see the module's docstring."""

    def __init__(self, tx: Tx, desk: DeskIdentity, dialect: str = "sqlite") -> None:
        self._tx = tx
        self.desk = desk
        self.dialect = dialect
        """The engine's SQL dialect, for the rare statement the two spell differently."""
        self._caller = {
            "office": desk.office,
            "desk_number": desk.desk_number,
            "desk_id": desk.id,
        }

    def _bind(self, sql: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
        if not _CALLER.search(sql):
            raise Unscoped(sql.split("\n")[0][:80])
        given = dict(params or {})
        clash = given.keys() & self._caller.keys()
        if clash:  # the caller's identity comes from the token, never from a request
            raise Unscoped(f"parameter {sorted(clash)[0]} is the caller's own")
        return given | self._caller

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        return self._tx.one(sql, self._bind(sql, params))

    def all(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return self._tx.all(sql, self._bind(sql, params))

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> int:
        return self._tx.run(sql, self._bind(sql, params))

    def keep_blob(self, sha256: str, size: int, at: str) -> None:
        """Note that a document with this digest is stored (for any office; idempotent)."""
        self._tx.run(
            "INSERT INTO attachments (sha256, size, stored_at) VALUES (:sha, :size, :at) "
            "ON CONFLICT (sha256) DO NOTHING",
            {"sha": sha256, "size": size, "at": at},
        )

    def append_feed(self, entries: Sequence[feed.Entry]) -> None:
        """Number and append changes of this office's dossiers to the feed, as the last step
        before the commit (:mod:`central.feed`): the counter row is everyone's, the rows are not."""
        if any(e.office != self.desk.office for e in entries):
            raise Unscoped("a feed entry of another office")
        feed.append(self._tx, entries)


class DeskScope:
    """The store as one desk may use it."""

    def __init__(self, db: Database, desk: DeskIdentity) -> None:
        self._db = db
        self.desk = desk

    @contextmanager
    def write(self) -> Iterator[ScopedTx]:
        """One write transaction for this desk."""
        with self._db.write() as tx:
            yield ScopedTx(tx, self.desk, self._db.dialect)

    @contextmanager
    def read(self) -> Iterator[ScopedTx]:
        """Reads for this desk."""
        with self._db.read() as tx:
            yield ScopedTx(tx, self.desk, self._db.dialect)

    def lock(self, tx: ScopedTx, name: str) -> None:
        """Serialise ``name`` *of this desk* across processes until ``tx`` ends."""
        d = self.desk
        self._db.lock(tx._tx, f"{name}:{d.office}:{d.desk_number}")
