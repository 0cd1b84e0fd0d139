"""The desk's SQLite store: dossiers, their lifecycle, audit, outbox, search and drafts.

Every write that matters is one transaction: a dossier is saved together with its code
allocation, its search entry, its audit event and its outbox entry, or not at all. Reads
and writes go through sqlite-utils over one connection opened by :mod:`.connection`
(:mod:`.tables` imports sqlite-utils without numpy and pandas).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desk_app.clock import local_date
from desk_app.errors import NotFound, StoreError
from desk_app.lifecycle import Event, Status, requested_of, transition
from desk_app.reasons import sqlite_reason
from desk_app.store import audit_chain, marking
from desk_app.store.bulk import lifecycle_detail
from desk_app.store.codes import allocate_code, new_lookup_code
from desk_app.store.connection import open_connection, write_transaction
from desk_app.store.drafts import Drafts
from desk_app.store.records import (
    AuditEvent,
    DossierRow,
    NewDossier,
    canonical_json,
    content_hash,
)
from desk_app.store.schema import migrate
from desk_app.store.tables import Database
from forms.text import fold, nfc

_TOKEN = re.compile(r"\w+")


class Store:
    """One desk database. Thread-safe: a lock serialises use of the single connection."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self.conn = conn
        self.db = Database(conn)
        self._lock = threading.RLock()
        self.drafts = Drafts(self)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open ``path`` (creating it), run pending migrations, and return the store.

        A file that is not a desk database, or lacks a table or column of its version, is
        refused before any migration touches it (see :mod:`.marking`); a desk database is
        marked as such in its header.
        """
        conn = open_connection(path)  # identified and shape-checked before anything is written
        try:
            migrate(conn)
            marking.mark(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(
                f"Không nâng cấp được cơ sở dữ liệu {path}: {sqlite_reason(exc)}."
            ) from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with self._lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction; everything inside commits together or not at all."""
        with self._lock, write_transaction(self.conn):
            yield self.db

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read query, taken under the store's lock (other modules' reads)."""
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    # --- dossiers -------------------------------------------------------------------------

    def save_dossier(
        self,
        new: NewDossier,
        *,
        agency_code: str,
        desk_number: int,
        officer: str,
        received_at: datetime,
        draft_id: int | None = None,
        audit: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> DossierRow:
        """Receive a dossier: allocate its code and save it, its audit and outbox entries.

        One transaction. When ``draft_id`` is given, the draft it came from is removed in
        the same transaction, so a crash can leave either the draft or the dossier, never both.
        ``audit`` are further events about the new dossier ((action, detail); a supervisor's
        confirmation of a possible duplicate), written in that transaction after its receipt.
        """
        outcome = transition(Status.DRAFT, Event.RECEIVE, group=new.procedure_group)
        declarations = dict(new.declarations)
        digest = content_hash(declarations)
        stamp = received_at.isoformat()
        with self.transaction() as db:
            code = allocate_code(self.conn, agency_code, local_date(received_at), desk_number)
            conn = self.conn
            dossier_id = insert_row(
                conn,
                "dossiers",
                {
                    "code": code,
                    "lookup_code": new_lookup_code(),
                    "procedure_group": new.procedure_group,
                    "status": outcome.status.value,
                    "received_at": stamp,
                    "received_on": local_date(received_at).isoformat(),
                    "appointment_at": new.appointment_at.isoformat()
                    if new.appointment_at
                    else None,
                    "updated_at": stamp,
                    "officer": nfc(officer),
                    "desk_number": desk_number,
                    "requester_name": nfc(new.requester_name),
                    "subject_name": nfc(new.subject_name),
                    "content_hash": digest,
                },
            )
            write_declarations(conn, dossier_id, declarations)
            insert_row(
                conn,
                "dossier_search",
                {
                    "rowid": dossier_id,
                    "names": " ".join(fold(n) for n in new.search_names),
                    "ids": " ".join(new.id_numbers),
                },
            )
            conn.executemany(
                "INSERT INTO dossier_attachments (dossier_id, item, sha256, original_sighted) "
                "VALUES (?, ?, ?, ?)",
                [(dossier_id, item, sha, seen) for item, sha, seen in new.files],
            )
            insert_row(
                conn,
                "outbox",
                {
                    "dossier_id": dossier_id,
                    "kind": "submit",
                    "content_hash": digest,
                    "created_at": stamp,
                },
            )
            self._audit(db, received_at, officer, Event.RECEIVE.value, code, {"hash": digest})
            for action, detail in audit:
                self._audit(db, received_at, officer, action, code, detail)
            if draft_id is not None:
                db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        return self.require(code)

    def missing_files(self, hashes: Sequence[str]) -> list[str]:
        """The hashes among ``hashes`` that name no stored attachment."""
        marks = ",".join("?" * len(hashes))
        with self._lock:
            rows = self.conn.execute(
                f"SELECT sha256 FROM attachments WHERE sha256 IN ({marks})", tuple(hashes)
            )
            known = {h for (h,) in rows}
        return [h for h in hashes if h not in known]

    def get(self, code: str) -> DossierRow | None:
        """The dossier with exactly this code, or None."""
        with self._lock:
            row = self.conn.execute(
                f"SELECT {_SELECT} FROM dossiers WHERE code = ?", (code.strip().upper(),)
            ).fetchone()
            return self._row(row) if row else None

    def require(self, code: str) -> DossierRow:
        """The dossier with this code, or :class:`NotFound` with a message for the officer."""
        found = self.get(code)
        if found is None:
            raise NotFound(f"Không có hồ sơ mã {code}.")
        return found

    def apply_event(
        self,
        code: str,
        event: Event,
        *,
        officer: str,
        at: datetime,
        procedure: str | None = None,
        reference: str | None = None,
        reason: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> DossierRow:
        """Move a dossier through its lifecycle, audited, in one transaction.

        An illegal event raises before anything is written.
        """
        with self.transaction() as db:
            self.apply_event_within(
                db,
                code,
                event,
                officer=officer,
                at=at,
                procedure=procedure,
                reference=reference,
                reason=reason,
                detail=detail,
            )
        return self.require(code)

    def apply_event_within(
        self,
        db: Database,
        code: str,
        event: Event,
        *,
        officer: str,
        at: datetime,
        procedure: str | None = None,
        reference: str | None = None,
        reason: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """:meth:`apply_event` inside a transaction the caller already holds.

        Sync applies central's answer to a whole batch (or a page of status updates) together
        with its own bookkeeping, so those events must commit with it or not at all.
        """
        current = self.require(code)
        outcome = transition(
            current.status,
            event,
            group=current.procedure_group,
            done=current.done,
            procedure=procedure,
            requested=requested_of(current.procedure_group, current.declarations),
        )
        db.execute(
            "UPDATE dossiers SET status = ?, updated_at = ?, status_reason = ? WHERE id = ?",
            [outcome.status.value, at.isoformat(), reason, current.id],
        )
        if procedure is not None:
            db.table("procedure_progress").insert(
                {
                    "dossier_id": current.id,
                    "procedure": procedure,
                    "at": at.isoformat(),
                    "reference": reference,
                }
            )
        event_detail = lifecycle_detail(
            current.status, outcome.status, procedure, reference, reason, detail
        )
        self._audit(db, at, officer, event.value, code, event_detail)

    def search(self, query: str, limit: int = 50) -> list[DossierRow]:
        """Dossiers whose names or ID numbers start with every word of ``query``, newest first.

        Names are matched accent-insensitively: the index holds folded text and the query is
        folded by the same function.
        """
        tokens = _TOKEN.findall(fold(query))
        if not tokens:
            return []
        match = " AND ".join(f'"{t}"*' for t in tokens)
        with self._lock:
            rows = self.conn.execute(
                f"SELECT {_SELECT_D} FROM dossier_search s JOIN dossiers d ON d.id = s.rowid "
                "WHERE dossier_search MATCH ? ORDER BY s.rowid DESC LIMIT ?",
                (match, limit),
            ).fetchall()
            return [self._row(r) for r in rows]

    # --- audit ----------------------------------------------------------------------------

    def record(
        self,
        action: str,
        *,
        officer: str,
        at: datetime,
        dossier_code: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Append one audit event in its own transaction."""
        with self.transaction() as db:
            self.record_within(
                db, action, officer=officer, at=at, dossier_code=dossier_code, detail=detail
            )

    def record_within(
        self,
        db: Database,
        action: str,
        *,
        officer: str,
        at: datetime,
        dossier_code: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """Append one audit event inside the caller's :meth:`transaction` (with its change)."""
        self._audit(db, at, officer, action, dossier_code, detail or {})

    def audit_events(self, dossier_code: str | None = None) -> list[AuditEvent]:
        """The audit log, oldest first, optionally for one dossier."""
        sql = "SELECT * FROM audit"
        params: tuple[str, ...] = ()
        if dossier_code is not None:
            sql, params = sql + " WHERE dossier_code = ?", (dossier_code,)
        with self._lock:
            rows = self.conn.execute(sql + " ORDER BY id", params).fetchall()
        return [
            AuditEvent(
                id=r[0],
                at=datetime.fromisoformat(r[1]),
                officer=r[2],
                action=r[3],
                dossier_code=r[4],
                detail=json.loads(r[5]),
            )
            for r in rows
        ]

    @staticmethod
    def _audit(
        db: Database,
        at: datetime,
        officer: str,
        action: str,
        dossier_code: str | None,
        detail: Mapping[str, Any],
    ) -> None:
        """Append one event to the hash chain, inside the caller's write transaction.

        Every audit event of the desk passes here or through :meth:`_audit_many` (and only
        there on to :mod:`.audit_chain`), so none can skip the chain.
        """
        audit_chain.append(db.conn, at, officer, action, dossier_code, detail)

    @staticmethod
    def _audit_many(db: Database, entries: Sequence[audit_chain.Entry]) -> None:
        """:meth:`_audit` for several events at once, in order (see :mod:`.bulk`)."""
        audit_chain.append_many(db.conn, entries)

    # --- rows -----------------------------------------------------------------------------

    def _row(self, row: tuple[Any, ...]) -> DossierRow:
        data = dict(zip(_DOSSIER_COLUMNS, row, strict=True))
        done = frozenset(
            p
            for (p,) in self.conn.execute(
                "SELECT procedure FROM procedure_progress WHERE dossier_id = ?", (data["id"],)
            )
        )
        return DossierRow(
            id=data["id"],
            code=data["code"],
            lookup_code=data["lookup_code"],
            procedure_group=data["procedure_group"],
            status=Status(data["status"]),
            received_at=datetime.fromisoformat(data["received_at"]),
            appointment_at=datetime.fromisoformat(data["appointment_at"])
            if data["appointment_at"]
            else None,
            updated_at=datetime.fromisoformat(data["updated_at"]),
            officer=data["officer"],
            desk_number=data["desk_number"],
            requester_name=data["requester_name"],
            subject_name=data["subject_name"],
            declarations=json.loads(data["declarations"]),
            content_hash=data["content_hash"],
            central_id=data["central_id"],
            status_reason=data["status_reason"],
            done=done,
            content_version=data["content_version"],
            origin_desk=data["origin_desk"],
            due_on=date.fromisoformat(data["due_on"]) if data["due_on"] else None,
        )


_DOSSIER_COLUMNS = (
    "id",
    "code",
    "lookup_code",
    "procedure_group",
    "status",
    "received_at",
    "received_on",
    "appointment_at",
    "updated_at",
    "officer",
    "desk_number",
    "requester_name",
    "subject_name",
    "declarations",
    "content_hash",
    "central_id",
    "status_reason",
    "content_version",
    "origin_desk",
    "due_on",
)


def write_declarations(
    conn: sqlite3.Connection, dossier_id: int, declarations: Mapping[str, Any]
) -> None:
    """Keep ``declarations`` (canonical JSON) as the dossier's, in their own table (migration
    12): at reception, at a correction here or at another counter, on adopting a dossier.
    Inside the caller's write transaction."""
    conn.execute(
        "INSERT INTO dossier_content (dossier_id, declarations) VALUES (?, ?) "
        "ON CONFLICT (dossier_id) DO UPDATE SET declarations = excluded.declarations",
        [dossier_id, canonical_json(dict(declarations))],
    )


_CONTENT = (
    "coalesce((SELECT c.declarations FROM dossier_content c WHERE c.dossier_id = {table}.id), "
    "'{{}}')"
)
"""A dossier's declarations, kept in their own table (migration 12), read with its row (none,
if they were deleted from the file: the sync then holds the dossier as tampered)."""
_SELECT = ", ".join(
    _CONTENT.format(table="dossiers") if c == "declarations" else c for c in _DOSSIER_COLUMNS
)
_SELECT_D = ", ".join(
    _CONTENT.format(table="d") if c == "declarations" else f"d.{c}" for c in _DOSSIER_COLUMNS
)


def insert_row(conn: sqlite3.Connection, table: str, row: Mapping[str, object]) -> int:
    """Insert ``row`` (column → value, names from this code, never from input); its rowid.

    What ``db.table(table).insert(row)`` does for a table the schema made, without
    sqlite-utils' look at the schema on every call (it lists the tables and reads the
    columns each time): three such inserts were a third of receiving a dossier.
    """
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    cursor = conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
    assert cursor.lastrowid is not None  # SQLite always gives the new row's id
    return cursor.lastrowid
