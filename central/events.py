"""POST /v1/events: a desk's actions on its office's dossiers, applied in order, each once.

A request is one transaction, idempotent under its key exactly as a batch is
(:mod:`central.intake`): its answer is stored in ``batches`` under ``events:<key>`` — a colon
no batch key may hold, so the two kinds of key never meet — and a delivery of the same key
replays it. Independently of keys an event id is recorded once: sent again (under a new key,
after the desk lost an answer), it gets its first answer back — ``duplicate`` with the same
version when it was applied, the same refusal when it was refused — and nothing changes.

The request's dossiers are locked first, in code order (``FOR UPDATE`` on PostgreSQL; SQLite's
one writer), so two counters acting on one dossier at once are put in an order: the second
finds the status the first left, and is refused naming who did it and when. A refused event
is stored too, with the event that moved the dossier where it is (``by_event``). Each applied
event bumps the dossier's version and writes an office-wide feed entry (not a v1 desk's), all
numbered last (:mod:`central.feed`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from central import office
from central.db import among
from central.event_rules import (
    MOVES,
    REASONS,
    Change,
    Held,
    LastMove,
    Refusal,
    Resume,
    applies,
    decide,
    state_refusal,
)
from central.feed import Entry
from central.intake import KeyReused
from central.protocol import Actor, DossierState, Update, canonical_json
from central.protocol_v2 import DoneBy, EventIn, EventResult, EventsRequest, EventsResponse
from central.scope import ScopedTx
from central.store import CentralStore, DeskIdentity

KEY_PREFIX = "events:"
_HELD = (
    "id, code, desk_number, procedure_group, received_at, status, progress, reason, version, "
    "content_version, content_hash, declarations, due, plan, next_step_at"
)
_FOR_UPDATE = {"postgresql": " FOR UPDATE", "sqlite": ""}


def no_resume(
    code: str, now: datetime, group: str, declarations: Mapping[str, Any], done: frozenset[str]
) -> tuple[list[dict[str, Any]], float | None]:
    """A central without simulated agencies: nothing is planned once a supplement arrives."""
    return [], None


def submit(
    store: CentralStore,
    desk: DeskIdentity,
    key: str,
    body_sha256: str,
    request: EventsRequest,
    now: datetime,
    resume: Resume = no_resume,
) -> tuple[EventsResponse, bool]:
    """Apply a request's events (or replay the answer to its key); the answer, whether replayed."""
    with store.for_desk(desk).write() as tx:
        claimed = tx.one(
            "INSERT INTO batches (desk_id, key, request_sha256, response, created_at, "
            "created_epoch) VALUES (:desk_id, :key, :sha, '', :at, :epoch) "
            "ON CONFLICT (desk_id, key) DO NOTHING RETURNING key",
            {
                "key": KEY_PREFIX + key,
                "sha": body_sha256,
                "at": now.isoformat(),
                "epoch": now.timestamp(),
            },
        )
        if claimed is None:
            stored = tx.one(
                "SELECT request_sha256, response FROM batches "
                "WHERE desk_id = :desk_id AND key = :key",
                {"key": KEY_PREFIX + key},
            )
            assert stored is not None
            if stored[0] != body_sha256:
                raise KeyReused(key)
            return EventsResponse.model_validate_json(stored[1]), True
        held = _lock(tx, sorted({e.code for e in request.events}), store.db.dialect)
        entries: list[Entry] = []
        results = [_one(tx, desk, held, e, now, resume, entries) for e in request.events]
        response = EventsResponse(batch=key, results=results)
        tx.run(
            "UPDATE batches SET response = :response WHERE desk_id = :desk_id AND key = :key",
            {"response": response.model_dump_json(), "key": KEY_PREFIX + key},
        )
        tx.append_feed(entries)
    return response, False


def _lock(tx: ScopedTx, codes: list[str], dialect: str) -> dict[str, Held]:
    """The office's dossiers among ``codes``, locked until the commit (in code order)."""
    listed, params = among("code", codes)
    rows = tx.all(
        f"SELECT {_HELD} FROM dossiers WHERE office = :office AND code IN {listed} "
        f"ORDER BY code{_FOR_UPDATE[dialect]}",
        params,
    )
    return {
        r[1]: Held(
            id=r[0],
            code=r[1],
            desk_number=r[2],
            group=r[3],
            received_at=r[4],
            status=r[5],
            progress=json.loads(r[6]),
            reason=r[7],
            version=r[8],
            content_version=r[9],
            content_hash=r[10],
            declarations=r[11],
            due=r[12],
            plan=r[13],
            next_step_at=r[14],
        )
        for r in rows
    }


def _one(
    tx: ScopedTx,
    desk: DeskIdentity,
    held: dict[str, Held],
    event: EventIn,
    now: datetime,
    resume: Resume,
    entries: list[Entry],
) -> EventResult:
    """One event's answer; what it changes is written, its feed entry added to ``entries``."""
    seen = _seen(tx, event, held.get(event.code))
    if seen is not None:
        return seen
    dossier = held.get(event.code)
    if dossier is None:
        text = REASONS["unknown_dossier"].format(code=event.code)
        return _record(tx, event, None, Refusal("unknown_dossier", text), 0, now)
    before = _snapshot(dossier)
    if not applies(dossier, event.kind):
        refusal = state_refusal(dossier, event.kind, _last_move(tx, dossier))
        return _record(tx, event, dossier, refusal, dossier.version, now)
    verdict = decide(dossier, event, now, lambda shas: _owned(tx, shas), resume)
    if isinstance(verdict, Refusal):
        _restore(dossier, before)
        return _record(tx, event, dossier, verdict, dossier.version, now)
    dossier.version += 1
    result = _record(tx, event, dossier, verdict, dossier.version, now)
    if result.outcome != "applied":  # the id was another office's: nothing may change
        _restore(dossier, before)
        return result.model_copy(update={"version": dossier.version})
    _write(tx, desk, dossier, event, verdict, entries)
    return result


def _seen(tx: ScopedTx, event: EventIn, dossier: Held | None) -> EventResult | None:
    """The first answer to an event id this office already sent, or None."""
    row = tx.one(
        "SELECT code, outcome, version, reason_code, reason, by_event FROM events "
        "WHERE id = :id AND office = :office",
        {"id": event.id},
    )
    if row is None:
        return None
    code, outcome, version, reason_code, reason, by_event = row
    if code != event.code:
        return _reused(event, dossier)
    if outcome == "applied":
        return EventResult(id=event.id, code=code, outcome="duplicate", version=version or 0)
    last = _move(tx, by_event) if by_event else None
    return EventResult(
        id=event.id,
        code=code,
        outcome="refused",
        version=version or 0,
        reason_code=reason_code,
        reason=reason,
        by=_done_by(last),
    )


def _record(
    tx: ScopedTx,
    event: EventIn,
    dossier: Held | None,
    verdict: Refusal | Change,
    version: int,
    now: datetime,
) -> EventResult:
    """Store the event with its outcome; its answer (refused, not stored, if the id is taken)."""
    refusal = verdict if isinstance(verdict, Refusal) else None
    # A correction's content is kept as a version (dossier_versions), not twice.
    data = event.data.model_dump(mode="json", exclude={"declarations"})
    if event.kind == "correction" and refusal is None and dossier is not None:
        data["content_version"] = dossier.content_version
    inserted = tx.one(
        "INSERT INTO events (id, dossier_id, code, kind, at, office, desk_number, officer, "
        "data, outcome, version, reason_code, reason, by_event, recorded_at) VALUES "
        "(:id, :dossier, :code, :kind, :at, :office, :desk_number, :officer, :data, :outcome, "
        ":version, :reason_code, :reason, :by_event, :now) ON CONFLICT (id) DO NOTHING "
        "RETURNING id",
        {
            "id": event.id,
            "dossier": dossier.id if dossier else None,
            "code": event.code,
            "kind": event.kind,
            "at": event.at.isoformat(),
            "officer": event.officer,
            "data": canonical_json(data),
            "outcome": "refused" if refusal else "applied",
            "version": version,
            "reason_code": refusal.reason_code if refusal else None,
            "reason": refusal.reason if refusal else None,
            "by_event": refusal.by.id if refusal and refusal.by else None,
            "now": now.isoformat(),
        },
    )
    if inserted is None:  # another office's event id: answered, not stored, nothing changed
        return _reused(event, dossier)
    if refusal is not None:
        return EventResult(
            id=event.id,
            code=event.code,
            outcome="refused",
            version=version,
            reason_code=refusal.reason_code,  # type: ignore[arg-type]
            reason=refusal.reason,
            by=_done_by(refusal.by),
        )
    return EventResult(id=event.id, code=event.code, outcome="applied", version=version)


def _write(
    tx: ScopedTx,
    desk: DeskIdentity,
    dossier: Held,
    event: EventIn,
    change: Change,
    entries: list[Entry],
) -> None:
    """Write an applied event's change and queue its office-wide feed entry."""
    tx.run(
        "UPDATE dossiers SET status = :status, reason = :reason, version = :version, "
        "plan = :plan, next_step_at = :next, due = :due, content_version = :cv, "
        "content_hash = :hash, declarations = :decl WHERE id = :id AND office = :office",
        {
            "status": dossier.status,
            "reason": dossier.reason,
            "version": dossier.version,
            "plan": dossier.plan,
            "next": dossier.next_step_at,
            "due": dossier.due,
            "cv": dossier.content_version,
            "hash": dossier.content_hash,
            "decl": dossier.declarations,
            "id": dossier.id,
        },
    )
    if change.attachments:
        for item, sha in sorted(set(change.attachments)):
            tx.run(
                "INSERT INTO dossier_attachments (dossier_id, item, sha256) "
                "SELECT id, :item, :sha FROM dossiers WHERE id = :id AND office = :office "
                "ON CONFLICT DO NOTHING",
                {"item": item, "sha": sha, "id": dossier.id},
            )
    if change.declarations is not None:
        _keep_version(tx, desk, dossier, event, change)
        office.index(tx, [(dossier.id, change.declarations)])
    by = Actor(office=desk.office, desk=desk.desk_number, officer=event.officer)
    body = Update(
        seq=1,  # the feed row's own number replaces it when read
        code=dossier.code,
        version=dossier.version,
        event=event.kind,
        at=event.at,
        state=DossierState.model_validate(
            {
                "status": dossier.status,
                "progress": dossier.progress,
                "reason": dossier.reason,
                "due": dossier.due,
                "content_version": dossier.content_version,
                "content_hash": dossier.content_hash,
            }
        ),
        by=by,
        detail=change.detail,
    ).model_dump_json(exclude={"seq"})
    entries.append(
        Entry(dossier.id, desk.office, dossier.desk_number, dossier.version, body, v1=False)
    )


def _keep_version(
    tx: ScopedTx, desk: DeskIdentity, dossier: Held, event: EventIn, change: Change
) -> None:
    """Keep the new content version; the first correction also keeps version 1 as submitted."""
    if change.replaced is not None and dossier.content_version == 2:
        old_hash, old_declarations = change.replaced
        tx.run(
            "INSERT INTO dossier_versions (dossier_id, content_version, content_hash, "
            "declarations, at, office, desk_number, officer, reason) VALUES (:id, 1, :hash, "
            ":decl, :at, :office, :receiver, NULL, NULL) ON CONFLICT DO NOTHING",
            {
                "hash": old_hash,
                "decl": old_declarations,
                "at": dossier.received_at,
                "receiver": dossier.desk_number,
                "id": dossier.id,
            },
        )
    tx.run(
        "INSERT INTO dossier_versions (dossier_id, content_version, content_hash, "
        "declarations, at, office, desk_number, officer, reason) VALUES (:id, :cv, :hash, "
        ":decl, :at, :office, :desk_number, :officer, :reason)",
        {
            "id": dossier.id,
            "cv": dossier.content_version,
            "hash": dossier.content_hash,
            "decl": dossier.declarations,
            "at": event.at.isoformat(),
            "officer": event.officer,
            "reason": change.detail["reason"],
        },
    )


def _last_move(tx: ScopedTx, dossier: Held) -> LastMove | None:
    """The last applied event that moved the dossier into its current status, if one did."""
    kinds = sorted(k for k, status in MOVES.items() if status == dossier.status)
    if not kinds:
        return None
    listed, params = among("kind", kinds)
    row = tx.one(
        "SELECT id, desk_number, officer, at, kind FROM events WHERE dossier_id = :d "
        f"AND office = :office AND outcome = 'applied' AND kind IN {listed} "
        "ORDER BY version DESC LIMIT 1",
        {**params, "d": dossier.id},
    )
    return LastMove(*row) if row else None


def _move(tx: ScopedTx, event_id: str) -> LastMove | None:
    row = tx.one(
        "SELECT id, desk_number, officer, at, kind FROM events WHERE id = :id AND office = :office",
        {"id": event_id},
    )
    return LastMove(*row) if row else None


def _reused(event: EventIn, dossier: Held | None) -> EventResult:
    """An event id already used for another dossier (or by another office): refused, and the
    dossier left as it is."""
    return EventResult(
        id=event.id,
        code=event.code,
        outcome="refused",
        version=dossier.version if dossier else 0,
        reason_code="invalid",
        reason=REASONS["event_reused"].format(id=event.id),
    )


def _done_by(last: LastMove | None) -> DoneBy | None:
    if last is None:
        return None
    return DoneBy(
        desk=last.desk, officer=last.officer, at=datetime.fromisoformat(last.at), kind=last.kind
    )


def _owned(tx: ScopedTx, shas: list[str]) -> set[str]:
    listed, params = among("sha", shas)
    rows = tx.all(
        f"SELECT sha256 FROM attachment_offices WHERE office = :office AND sha256 IN {listed}",
        params,
    )
    return {r[0] for r in rows}


def _snapshot(dossier: Held) -> dict[str, object]:
    return dict(vars(dossier))


def _restore(dossier: Held, before: dict[str, object]) -> None:
    for name, value in before.items():
        setattr(dossier, name, value)
