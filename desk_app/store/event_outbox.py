"""The outbox side of dossier events: forming event batches and applying central's answers.

Events travel like dossiers (:mod:`.sync_outbox`): a batch is formed in one transaction that
stamps its outbox rows (kind ``event``) with a fresh idempotency key, and those rows keep the
key until central's answer is applied — whatever interrupts a round, the same events are sent
again under the same key and central replays its first answer. An unfinished batch is always
resumed before a new one is formed, so a dossier's events reach central in the order they
were recorded even across rounds, kills and two rounds at once.

Only events of dossiers central holds are sent: the dossier has central's id and no
submission of it is still waiting (a dossier sent back and corrected goes out again first).
Events of the others wait in the outbox. The answer (applied / duplicate / refused, with
central's reason and who moved the dossier) is stored on the event in one transaction with
the removal of its outbox row; a refusal is audited ``sync.event_refused``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from desk_app.store.store import Store
from desk_app.store.sync_held import SYNC_ACTOR
from desk_app.store.sync_office import mark_unsettled_within

EventOutcome = Literal["applied", "duplicate", "refused"]

EVENT_REFUSED = "sync.event_refused"
"""Audit action: central refused an action taken at a counter (the officer is told)."""

TEXT = {
    "who": "quầy {desk} ({officer}) lúc {at}",
    "invalid": "Hệ thống trung tâm không nhận thao tác này: {why}",
}


@dataclass(frozen=True)
class OutgoingEvent:
    """One event in the outbox with what central needs to apply it."""

    outbox_id: int
    event_id: str
    dossier_id: int
    code: str
    kind: str
    at: str
    officer: str
    data_json: str

    @property
    def files(self) -> list[str]:
        """SHA-256 of the scans this event brings (a supplement's), to upload first."""
        if self.kind != "supplement_received":
            return []
        data = json.loads(self.data_json)
        return [str(a["sha256"]) for a in data.get("attachments") or () if "sha256" in a]


@dataclass(frozen=True)
class EventBatch:
    """Events sent together under one idempotency key, in outbox order."""

    key: str
    events: tuple[OutgoingEvent, ...]


@dataclass(frozen=True)
class EventAnswer:
    """Central's answer for one event."""

    id: str
    code: str
    outcome: EventOutcome
    version: int | None = None
    reason_code: str | None = None
    reason: str | None = None
    by: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class RefusedEvent:
    """An action central refused: what the officer is told (code, kind, reason, who/when)."""

    code: str
    kind: str
    reason: str
    by: str | None = None
    """Who moved the dossier where it is ("quầy 2 (Trần Thị Bình) lúc …"), when central said."""


@dataclass
class EventTally:
    """What applying one event batch's answers did."""

    applied: int = 0
    duplicate: int = 0
    refused: list[RefusedEvent] = field(default_factory=list)
    already: int = 0


_ELIGIBLE = (
    "SELECT o.id FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
    "WHERE o.kind = 'event' AND o.batch_key IS NULL AND o.held_at IS NULL "
    "AND d.central_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox s "
    "WHERE s.dossier_id = o.dossier_id AND s.kind = 'submit') ORDER BY o.id LIMIT ?"
)


def next_event_batch(store: Store, size: int) -> EventBatch | None:
    """The event batch to send now: an unfinished one first, else up to ``size`` events; or None.

    One transaction, so two rounds never stamp one event with two keys. A new batch only takes
    events no earlier unanswered batch holds: the unfinished one is resumed first, so an
    event never overtakes an earlier event of its dossier.
    """
    with store.transaction():
        conn = store.conn
        row = conn.execute(
            "SELECT batch_key FROM outbox WHERE kind = 'event' AND batch_key IS NOT NULL "
            "ORDER BY id LIMIT 1"
        ).fetchone()
        if row is not None:
            return _load(store, row[0])
        ids = [r[0] for r in conn.execute(_ELIGIBLE, (size,))]
        if not ids:
            return None
        key = uuid.uuid4().hex
        conn.executemany("UPDATE outbox SET batch_key = ? WHERE id = ?", [(key, i) for i in ids])
        return _load(store, key)


def _load(store: Store, key: str) -> EventBatch:
    rows = store.conn.execute(
        "SELECT o.id, e.id, d.id, d.code, e.kind, e.at, e.officer, e.data FROM outbox o "
        "JOIN dossier_events e ON e.id = o.event_id JOIN dossiers d ON d.id = o.dossier_id "
        "WHERE o.batch_key = ? AND o.kind = 'event' ORDER BY o.id",
        (key,),
    ).fetchall()
    return EventBatch(key, tuple(OutgoingEvent(*r) for r in rows))


def waiting_events(store: Store) -> int:
    """Events recorded at this counter and not yet answered by central."""
    (count,) = store.rows("SELECT count(*) FROM outbox WHERE kind = 'event'")[0]
    return int(count)


def pending_dossiers(store: Store, ids: Collection[int]) -> set[int]:
    """Those of the dossiers ``ids`` with an event of this counter central has not answered."""
    return {
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT dossier_id FROM outbox WHERE kind = 'event' "
            "AND dossier_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids)),),
        )
    }


def who(by: Mapping[str, Any] | None) -> str | None:
    """ "quầy 2 (Trần Thị Bình) lúc 10:02 26/11/2026" from central's ``by``, or None."""
    if not by:
        return None
    at = by.get("at")
    try:
        when = datetime.fromisoformat(str(at)).strftime("%H:%M %d/%m/%Y") if at else "?"
    except ValueError:
        when = str(at)
    return TEXT["who"].format(desk=by.get("desk", "?"), officer=by.get("officer", "?"), at=when)


def apply_event_answers(
    store: Store, batch: EventBatch, answers: Mapping[str, EventAnswer], at: datetime
) -> EventTally:
    """Store central's answers on the events and drop their outbox rows, in one transaction.

    An answer applies only to the outbox row it was for (same id, key and event): another
    round (or a run before a crash) may have applied it already.
    """
    tally = EventTally()
    with store.transaction() as db:
        conn = store.conn
        still = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM outbox WHERE batch_key = ? AND kind = 'event'", (batch.key,)
            )
        }
        for event in batch.events:
            if event.outbox_id not in still:
                tally.already += 1
                continue
            answer = answers[event.event_id]
            conn.execute(
                "UPDATE dossier_events SET central_outcome = ?, central_reason = ?, "
                "central_by = ?, central_version = ? WHERE id = ?",
                (
                    answer.outcome,
                    answer.reason,
                    None if answer.by is None else json.dumps(answer.by, ensure_ascii=False),
                    answer.version,
                    event.event_id,
                ),
            )
            conn.execute(
                "DELETE FROM outbox WHERE id = ? AND batch_key = ?", (event.outbox_id, batch.key)
            )
            if answer.outcome == "refused":
                refused = RefusedEvent(
                    event.code,
                    event.kind,
                    answer.reason or answer.reason_code or "",
                    who(answer.by),
                )
                tally.refused.append(refused)
                detail = {
                    "event": event.event_id,
                    "kind": event.kind,
                    "reason_code": answer.reason_code,
                    "reason": answer.reason,
                    "by": dict(answer.by) if answer.by else None,
                    "version": answer.version,
                    "batch": batch.key,
                }
                store._audit(db, at, SYNC_ACTOR, EVENT_REFUSED, event.code, detail)
                mark_unsettled_within(store, [event.code])  # bring it back to central's state
            else:
                if answer.outcome == "duplicate":
                    tally.duplicate += 1
                else:
                    tally.applied += 1
                if event.kind in AS_RECORDED and answer.version is not None:
                    held_through(conn, event.dossier_id, answer.version)
    return tally


AS_RECORDED = frozenset(
    {"correction", "cancel", "hand_over", "return_papers", "reprint", "new_appointment"}
)
"""Actions that leave the dossier at central exactly as the counter recorded it. Not a
supplement received: the counter records it as sent, central's feed says ``accepted``."""


def held_through(conn: sqlite3.Connection, dossier_id: int, version: int) -> None:
    """Central applied an action of this counter as ``version``: the counter holds that version.

    Its state already is central's after the action (recorded here first, see
    :data:`AS_RECORDED`), so when the office feed brings the action back it is nothing new
    (:func:`desk_app.sync.office.pull` leaves it out unread). Only when the dossier was at the
    version just before: if another change came in between (an agency's step this desk has not
    read yet), the feed must still bring that change, and the version stays where it is (the
    feed entries are then applied as usual).
    """
    conn.execute(
        "UPDATE central_versions SET version = ? WHERE dossier_id = ? AND version = ?",
        (version, dossier_id, version - 1),
    )


def refuse_alone(
    store: Store, batch: EventBatch, why: str, at: datetime
) -> tuple[EventTally, bool]:
    """Central refused ``batch`` as a whole request (413/422, ``why``): find the event at fault.

    A batch of several events is split, each event under a key of its own (same order), so
    the next requests find out which one central refuses; (empty tally, True). A batch of one
    is that event: it is stored as refused with central's message and audited, and the
    officer is told, like any refused event; (tally, False).
    """
    if len(batch.events) > 1:
        with store.transaction():
            store.conn.executemany(
                "UPDATE outbox SET batch_key = ?, attempts = attempts + 1, last_error = ? "
                "WHERE id = ? AND batch_key = ?",
                [(uuid.uuid4().hex, why, e.outbox_id, batch.key) for e in batch.events],
            )
        return EventTally(), True
    (event,) = batch.events
    reason = TEXT["invalid"].format(why=why)
    answer = EventAnswer(event.event_id, event.code, "refused", None, "invalid", reason)
    return apply_event_answers(store, batch, {event.event_id: answer}, at), False


def record_event_failure(store: Store, batch: EventBatch, error: str) -> None:
    """Count a failed attempt on the batch's rows (what is stuck, and why, can be seen)."""
    with store.transaction():
        store.conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ? "
            "WHERE id = ? AND batch_key = ?",
            [(error, e.outbox_id, batch.key) for e in batch.events],
        )


def queue_unsent_within(store: Store, dossier_ids: Collection[int], at: datetime) -> int:
    """Queue this counter's events of ``dossier_ids`` that were recorded but never queued.

    A dossier cancelled while its batch was already on its way: central may accept it after
    all, and then must hear of the cancellation. Runs in the caller's transaction (the one
    applying central's acceptance); events already queued or answered are left alone.
    """
    if not dossier_ids:
        return 0
    rows = store.conn.execute(
        "SELECT e.dossier_id, e.id, d.content_hash FROM dossier_events e "
        "JOIN dossiers d ON d.id = e.dossier_id "
        "WHERE e.dossier_id IN (SELECT value FROM json_each(?)) AND e.origin_desk IS NULL "
        "AND e.central_outcome IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id) "
        "ORDER BY e.dossier_id, e.seq",
        (json.dumps(sorted(dossier_ids)),),
    ).fetchall()
    store.conn.executemany(
        "INSERT INTO outbox (dossier_id, kind, content_hash, created_at, event_id) "
        "VALUES (?, 'event', ?, ?, ?)",
        [(dossier_id, digest, at.isoformat(), event_id) for dossier_id, event_id, digest in rows],
    )
    return len(rows)
