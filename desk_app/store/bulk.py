"""Lifecycle events for many dossiers in one transaction: each dossier read once, writes in bulk.

Sync applies central's answer to a batch (two events per dossier: SEND, then ACCEPT or
REJECT) and a page of status updates (one to a few events per dossier) inside one
transaction. Going through :meth:`Store.apply_event_within` for each event re-read the dossier
(declarations decoded included) before every event and appended audit events one by one: at
10,000 dossiers that was half of a sync round. A :class:`Journal` reads the dossiers it is
given once, keeps their lifecycle state in memory while events are applied — each still
checked by :func:`desk_app.lifecycle.transition`, in order, against the state the events
before it left — and :meth:`Journal.flush` writes the outcome with one statement per table:
each dossier's final status, the procedures finished, and the audit events in the order they
happened, each chained to the one before (:func:`.audit_chain.append_many`). The trail is the
very one the events applied one at a time would have left.

Nothing is written before :meth:`Journal.flush`: an illegal event raises first, and the
caller's transaction rolls back with nothing half-applied, as with a single event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk_app import groups
from desk_app.errors import NotFound
from desk_app.lifecycle import Event, Status, transition
from desk_app.store.audit_chain import Entry

if TYPE_CHECKING:
    from desk_app.store.store import Store
    from desk_app.store.tables import Database


def lifecycle_detail(
    before: Status,
    after: Status,
    procedure: str | None,
    reference: str | None,
    reason: str | None,
    detail: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The audit detail of a lifecycle event: from, to, what it carried, the caller's detail.

    One function for an event written alone (:meth:`Store.apply_event_within`) and for events
    written in bulk (:class:`Journal`), so both leave the same trail.
    """
    out: dict[str, Any] = {"from": before.value, "to": after.value}
    carried = {"procedure": procedure, "reference": reference, "reason": reason}
    out |= {k: v for k, v in carried.items() if v is not None}
    return out | dict(detail or {})


@dataclass
class DossierState:
    """What the lifecycle needs of one dossier, as the events applied so far left it."""

    id: int
    code: str
    procedure_group: str
    status: Status
    done: frozenset[str]
    changed: tuple[str, str | None] | None = None
    """(updated_at, status_reason) of the last event applied here; None: none yet."""
    central_id: str | None = None
    """Central's id for the dossier, to be written with the rest (:meth:`Journal.identify`)."""
    requested: frozenset[str] | None = None
    """The procedures the dossier asked for (:func:`desk_app.lifecycle.requested_of`)."""


class Journal:
    """Events and audit notes for a set of dossiers, kept in order, written on :meth:`flush`."""

    def __init__(self, store: Store, db: Database) -> None:
        self._store = store
        self._db = db
        self._states: dict[str, DossierState] = {}
        self._audit: list[Entry] = []
        self._progress: list[tuple[int, str, str, str | None]] = []
        self._undone: list[tuple[int, str]] = []

    def load(self, codes: Iterable[str]) -> None:
        """Read the dossiers with these codes (two statements, whatever their number)."""
        wanted = sorted({c.strip().upper() for c in codes} - self._states.keys())
        if not wanted:
            return
        conn = self._store.conn
        keys = json_list(wanted)
        rows = conn.execute(
            "SELECT id, code, procedure_group, status FROM dossiers "
            "WHERE code IN (SELECT value FROM json_each(?))",
            (keys,),
        ).fetchall()
        done: dict[int, set[str]] = {}
        for dossier_id, procedure in conn.execute(
            "SELECT p.dossier_id, p.procedure FROM procedure_progress p "
            "JOIN dossiers d ON d.id = p.dossier_id "
            "WHERE d.code IN (SELECT value FROM json_each(?))",
            (keys,),
        ):
            done.setdefault(dossier_id, set()).add(procedure)
        asked = self._requested(rows)
        for dossier_id, code, group, status in rows:
            self._states[code] = DossierState(
                dossier_id,
                code,
                group,
                Status(status),
                frozenset(done.get(dossier_id, ())),
                requested=asked.get(dossier_id),
            )

    def _requested(self, rows: list[tuple[int, str, str, str]]) -> dict[int, frozenset[str]]:
        """The procedures each dossier asked for, as :meth:`Store.apply_event_within` reads them
        (:func:`desk_app.lifecycle.requested_of`): the group's whole list, or the field its
        definition names, read by SQLite without decoding the declarations (one statement per
        group that has such a field)."""
        out: dict[int, frozenset[str]] = {}
        by_group: dict[str, list[int]] = {}
        for dossier_id, _, group, _ in rows:
            by_group.setdefault(group, []).append(dossier_id)
        for kind, ids in by_group.items():
            found = groups.find(kind)
            if found is None:
                continue  # the lifecycle refuses its events with its own message
            path = found.requested_path
            if path is None:
                out |= dict.fromkeys(ids, frozenset(found.procedure_ids))
                continue
            for dossier_id, listed in self._store.conn.execute(
                "SELECT dossier_id, json_extract(declarations, ?) FROM dossier_content "
                "WHERE dossier_id IN (SELECT value FROM json_each(?))",
                (path, json.dumps(ids)),
            ):
                values = json.loads(listed) if isinstance(listed, str) else []
                out[dossier_id] = frozenset(str(p) for p in values)
        return out

    def state(self, code: str) -> DossierState | None:
        """The dossier as the events applied so far leave it; None if it is not this desk's."""
        return self._states.get(code.strip().upper())

    def require(self, code: str) -> DossierState:
        """:meth:`state`, or :class:`NotFound` as :meth:`Store.require` says it."""
        found = self.state(code)
        if found is None:
            raise NotFound(f"Không có hồ sơ mã {code}.")
        return found

    def apply(
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
    ) -> None:
        """:meth:`Store.apply_event_within` for a loaded dossier, written on :meth:`flush`.

        Raises what :func:`transition` raises for an illegal event, before anything is written.
        """
        state = self.require(code)
        outcome = transition(
            state.status,
            event,
            group=state.procedure_group,
            done=state.done,
            procedure=procedure,
            requested=state.requested,
        )
        if procedure is not None:
            self._progress.append((state.id, procedure, at.isoformat(), reference))
        entry = lifecycle_detail(state.status, outcome.status, procedure, reference, reason, detail)
        self._audit.append((at, officer, event.value, state.code, entry))
        state.status, state.done = outcome.status, outcome.done
        state.changed = (at.isoformat(), reason)

    def converge(
        self,
        code: str,
        status: Status,
        progress: Mapping[str, str | None],
        *,
        at: datetime,
        reason: str | None,
    ) -> None:
        """Take central's state as it is, where no chain of lifecycle events leads there.

        Central is the office's memory: a state it reports that the counter's lifecycle cannot
        reach from where the dossier stands here (ready with one of two procedures done, handed
        over at another counter while this one thought it cancelled) is taken over — status,
        procedures done with their references — rather than dropped, so counter and central
        agree again. The caller audits it (``sync.converged``, both states).
        """
        state = self.require(code)
        target = frozenset(progress)
        stamp = at.isoformat()
        self._undone.extend((state.id, p) for p in sorted(state.done - target))
        self._progress.extend(
            (state.id, p, stamp, progress.get(p)) for p in sorted(target - state.done)
        )
        state.status, state.done = status, target
        state.changed = (stamp, reason)

    def identify(self, code: str, central_id: str | None) -> None:
        """Record central's id for a loaded dossier, written on :meth:`flush`.

        In the same statement as the dossier's new status: a second UPDATE of the same rows
        rewrote each one again (and, as the id lengthens the row, split pages again).
        """
        self.require(code).central_id = central_id

    def note(
        self, at: datetime, officer: str, action: str, code: str | None, detail: Mapping[str, Any]
    ) -> None:
        """An audit event that changes no dossier, in its place among the events."""
        self._audit.append((at, officer, action, code, detail))

    def flush(self) -> None:
        """Write everything applied and noted since the last flush, in the caller's transaction."""
        changed = [
            (s.status.value, s.changed[0], s.changed[1], s.central_id, s.id)
            for s in self._states.values()
            if s.changed is not None
        ]
        if changed:
            self._store.conn.executemany(
                "UPDATE dossiers SET status = ?, updated_at = ?, status_reason = ?, "
                "central_id = coalesce(?, central_id) WHERE id = ?",
                changed,
            )
        identified = [
            (s.central_id, s.id)
            for s in self._states.values()
            if s.changed is None and s.central_id is not None
        ]
        if identified:
            self._store.conn.executemany(
                "UPDATE dossiers SET central_id = ? WHERE id = ?", identified
            )
        if self._undone:
            self._store.conn.executemany(
                "DELETE FROM procedure_progress WHERE dossier_id = ? AND procedure = ?",
                self._undone,
            )
        if self._progress:
            self._store.conn.executemany(
                "INSERT INTO procedure_progress (dossier_id, procedure, at, reference) "
                "VALUES (?, ?, ?, ?)",
                self._progress,
            )
        if self._audit:
            self._store._audit_many(self._db, self._audit)
        for state in self._states.values():
            state.changed = state.central_id = None
        self._audit, self._progress, self._undone = [], [], []


def json_list(values: Iterable[str]) -> str:
    """A JSON array of strings, for ``json_each``: any number of values in one parameter."""
    return json.dumps(list(values), ensure_ascii=False)
