"""A dossier's actions after its receipt, kept as events that are added and never overwritten.

Civil-registration systems keep a record as the sequence of what was done to it (declared,
corrected, printed, handed over) rather than overwriting it, so that every counter and central
can replay the same history and agree on where the dossier stands. Each action the desk takes
on a saved dossier — a supplement received, a correction, a cancellation, a hand-over, papers
handed back, a reprinted receipt, a new due date — is written here together with its outbox
entry inside the caller's transaction: the action and the promise to tell central about it
commit together or not at all (docs/sync-protocol.md, "Events").

The caller audits the action itself (its lifecycle event or its own audit line); this module
only adds the event and its outbox entry, so nothing is audited twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app.lifecycle import Status
from desk_app.store.records import canonical_json
from desk_app.store.tables import Database

KINDS = (
    "supplement_received",
    "correction",
    "cancel",
    "hand_over",
    "return_papers",
    "reprint",
    "new_appointment",
)
"""The actions central takes as events (the protocol's list; nothing else is shipped)."""

_ONLY_LOCAL = (Status.DRAFT.value, Status.RECEIVED.value, Status.REJECTED.value)
"""Statuses in which central holds no record of the dossier unless it has a central id: its
next batch carries its current content, so an event would have nothing to apply to."""


@dataclass(frozen=True)
class Recorded:
    """An event as written: its id, its number within the dossier, whether it will be shipped."""

    id: str
    seq: int
    queued: bool


def record(
    db: Database,
    code: str,
    kind: str,
    data: Mapping[str, Any],
    *,
    officer: str,
    at: datetime,
) -> Recorded:
    """Store ``kind`` on dossier ``code`` and, when central holds the dossier, its outbox entry.

    Runs inside the caller's transaction (``db`` from :meth:`Store.transaction`), after the
    caller has checked that the action is allowed. The event's id is new (uuid4): central
    answers a second delivery of the same id as a duplicate, so shipping it twice is harmless.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    row = db.execute(
        "SELECT id, status, central_id, content_hash FROM dossiers WHERE code = ?", [code]
    ).fetchone()
    if row is None:
        raise LookupError(code)
    dossier_id, status, central_id, digest = row
    (seq,) = db.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM dossier_events WHERE dossier_id = ?", [dossier_id]
    ).fetchone()
    event_id = uuid.uuid4().hex
    stamp = at.isoformat()
    db.execute(
        "INSERT INTO dossier_events (id, dossier_id, seq, kind, at, officer, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [event_id, dossier_id, seq, kind, stamp, officer, canonical_json(dict(data))],
    )
    queued = central_id is not None or status not in _ONLY_LOCAL
    if queued:
        db.execute(
            "INSERT INTO outbox (dossier_id, kind, content_hash, created_at, event_id) "
            "VALUES (?, 'event', ?, ?, ?)",
            [dossier_id, digest, stamp, event_id],
        )
    return Recorded(event_id, seq, queued)
