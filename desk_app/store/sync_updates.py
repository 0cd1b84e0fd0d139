"""Applying central's status updates: idempotent, order-proof, audited, cursor in step.

Every update carries the dossier's per-dossier ``version`` and its whole state after the
change (status, finished procedures with their references, reason). Applying one means: if its
version is not newer than the last one applied, skip it; otherwise find the shortest chain of
lifecycle events that leads from the local state to the announced state and apply each through
a :class:`.bulk.Journal` (so each is audited and checked by the lifecycle, and the page is
written with one statement per table). An update
delivered twice is skipped; one delivered late, after a newer one, is skipped too, because the
newer state already contains it; one delivered early brings the intermediate steps with it.
A state no chain reaches (ready with one of two procedures done, handed over at another
counter) is taken over as central reports it and audited ``sync.converged``: after a round the
desk shows what central holds. The whole page and the cursor commit in one transaction.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from desk_app.errors import IllegalTransition
from desk_app.groups import LEGACY_KIND
from desk_app.lifecycle import PROCEDURES, Event, Status, transition
from desk_app.store.bulk import DossierState, Journal
from desk_app.store.event_outbox import pending_dossiers
from desk_app.store.store import Store
from desk_app.store.sync_office import (
    AUDIT_ACTIONS,
    actor,
    is_other_counter,
    remember_within,
    store_version_within,
)
from desk_app.store.sync_outbox import CENTRAL_ACTOR
from desk_app.store.sync_state import advance_cursor

CENTRAL_EVENTS = (
    Event.ACCEPT,
    Event.PROGRESS,
    Event.REQUEST_SUPPLEMENT,
    Event.SUPPLEMENT_RECEIVED,
    Event.READY,
    Event.REFUSE,
    Event.HAND_OVER,
    Event.RETURN_PAPERS,
    Event.CANCEL,
)
"""Events central's feed can cause on the desk: its agencies' decisions and (protocol v2) the
actions of the office's counters — never RECEIVE."""

REASONED = frozenset({Event.REQUEST_SUPPLEMENT, Event.REFUSE, Event.REJECT})


@dataclass(frozen=True)
class StatusUpdate:
    """One entry of central's update feed."""

    seq: int
    code: str
    version: int
    event: str
    at: datetime
    status: Status
    progress: Mapping[str, str | None]
    """Finished procedures → their reference (birth-certificate number, card number, …)."""
    reason: str | None = None
    by: Mapping[str, Any] | None = None
    """Protocol v2: the counter that acted (office, desk, officer); None for an agency step."""
    detail: Mapping[str, Any] | None = None
    """Protocol v2: the action's data (a correction's reason and content version, ...)."""
    due: str | None = None
    """Protocol v2: the due date a new appointment set (YYYY-MM-DD)."""
    content_version: int = 1


@dataclass
class UpdateTally:
    """What applying a page of updates did."""

    applied: int = 0
    skipped: int = 0
    unknown: int = 0
    not_applicable: int = 0
    converged: int = 0
    deferred: int = 0
    events: int = 0
    attention: list[tuple[str, Status, str | None]] = field(default_factory=list)
    """(code, status, reason) of dossiers that now need the officer (supplement, refusal)."""


Step = tuple[Event, str | None]


def plan(
    status: Status,
    done: Iterable[str],
    target: Status,
    target_done: Iterable[str],
    *,
    group: str = LEGACY_KIND,
    requested: Iterable[str] | None = None,
) -> list[Step] | None:
    """The shortest chain of central events from (status, done) to (target, target_done).

    A breadth-first search over the lifecycle itself (:func:`transition` decides every edge),
    so a rule added to the lifecycle is respected here without a second copy. None when the
    target cannot be reached (the officer has handed the dossier over or cancelled it).
    ``requested``: the procedures the dossier asked for, which alone make it ready.
    """
    asked = None if requested is None else frozenset(requested)
    found = _shortest(status, frozenset(done), target, frozenset(target_done), group, asked)
    return None if found is None else list(found)


@lru_cache(maxsize=1024)
def _shortest(
    status: Status,
    done: frozenset[str],
    target: Status,
    target_done: frozenset[str],
    group: str,
    requested: frozenset[str] | None = None,
) -> tuple[Step, ...] | None:
    """:func:`plan`, remembered: a page of updates asks the same few questions again and again."""
    start = (status, done)
    goal = (target, target_done)
    if start == goal:
        return ()
    seen = {start}
    queue: deque[tuple[tuple[Status, frozenset[str]], list[Step]]] = deque([(start, [])])
    while queue:
        (here, finished), path = queue.popleft()
        for event in CENTRAL_EVENTS:
            for procedure in PROCEDURES[group] if event is Event.PROGRESS else (None,):
                try:
                    outcome = transition(
                        here,
                        event,
                        group=group,
                        done=finished,
                        procedure=procedure,
                        requested=requested,
                    )
                except IllegalTransition:
                    continue
                node = (outcome.status, outcome.done)
                if node in seen:
                    continue
                steps = [*path, (event, procedure)]
                if node == goal:
                    return tuple(steps)
                seen.add(node)
                queue.append((node, steps))
    return None


def apply_updates(
    store: Store,
    updates: Sequence[StatusUpdate],
    cursor: int,
    *,
    desk: int | None = None,
    records: Mapping[str, Mapping[str, Any]] | None = None,
) -> UpdateTally:
    """Apply one page of updates and move the cursor to ``cursor``, all in one transaction.

    ``desk``: this counter's number, to tell its own actions (already here) from another
    counter's (kept and audited under that counter); ``records``: central's full records the
    round fetched for this page (the new content of a correction made at another counter).
    A state no chain of lifecycle events reaches is taken as central reports it (converged,
    audited ``sync.converged``), unless this counter has an action of its own on the dossier
    that central has not answered yet: that answer decides (applied: central's next update
    says the outcome; refused: the round settles the dossier from central's view).
    """
    tally = UpdateTally()
    with store.transaction() as db:
        conn = store.conn
        journal = Journal(store, db)
        journal.load(u.code for u in updates)
        known = [s.id for u in updates if (s := journal.state(u.code)) is not None]
        versions: dict[int, int] = dict(
            conn.execute(
                "SELECT dossier_id, version FROM central_versions "
                "WHERE dossier_id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(set(known))),),
            ).fetchall()
        )
        pending = pending_dossiers(store, known)
        applied: dict[int, int] = {}
        for update in updates:
            current = journal.state(update.code)
            if current is None:
                tally.unknown += 1  # not held here, and central's record could not be fetched
                continue
            if update.event == "submit":  # held here: received here, or adopted just now
                tally.skipped += 1
                continue
            version = versions.get(current.id)
            if version is not None and update.version <= version:
                tally.skipped += 1
                continue
            _apply_one(store, journal, tally, current, update, desk, records or {}, pending)
            versions[current.id] = applied[current.id] = update.version
        journal.flush()
        conn.executemany(
            "INSERT INTO central_versions (dossier_id, version) VALUES (?, ?) "
            "ON CONFLICT (dossier_id) DO UPDATE SET version = excluded.version",
            list(applied.items()),
        )
        advance_cursor(conn, cursor)
    return tally


def _apply_one(
    store: Store,
    journal: Journal,
    tally: UpdateTally,
    current: DossierState,
    update: StatusUpdate,
    desk: int | None,
    records: Mapping[str, Mapping[str, Any]],
    pending: set[int],
) -> None:
    """One update of a page (see :func:`apply_updates`), inside its transaction."""
    detail: dict[str, Any] = {
        "version": update.version,
        "seq": update.seq,
        "central_event": update.event,
    }
    who = CENTRAL_ACTOR
    if is_other_counter(update.event, update.by, desk):
        assert update.by is not None
        who = actor(update.by)
        detail["desk"] = update.by.get("desk")
        remember_within(
            store,
            current.id,
            current.code,
            update.version,
            update.event,
            update.at,
            update.by,
            update.detail,
        )
        _other_counter(store, journal, current, update, who, records.get(current.code), detail)
    if update.due is not None and current.id not in pending:
        store.conn.execute(
            "UPDATE dossiers SET due_on = ? WHERE id = ? AND due_on IS NOT ?",
            (update.due, current.id, update.due),
        )
    target = (update.status, frozenset(update.progress))
    if (current.status, current.done) == target:
        steps: list[Step] | None = []
    else:
        steps = plan(
            current.status,
            current.done,
            update.status,
            update.progress,
            group=current.procedure_group,
            requested=current.requested,
        )
    if steps is None:
        states = {"status": current.status, "central_status": update.status}
        if current.id in pending:
            tally.deferred += 1  # this counter's own action decides; see apply_updates
            journal.note(
                update.at, CENTRAL_ACTOR, "sync.update_deferred", current.code, {**detail, **states}
            )
            return
        before = {"from": current.status.value, "done_from": sorted(current.done)}
        journal.converge(
            update.code, update.status, update.progress, at=update.at, reason=update.reason
        )
        after = {"to": update.status.value, "done_to": sorted(update.progress)}
        journal.note(
            update.at, CENTRAL_ACTOR, "sync.converged", current.code, {**detail, **before, **after}
        )
        tally.converged += 1
        tally.applied += 1
        if update.status in (Status.SUPPLEMENT_REQUESTED, Status.REFUSED):
            tally.attention.append((update.code, update.status, update.reason))
        return
    for event, procedure in steps:
        journal.apply(
            update.code,
            event,
            officer=who if event.value == update.event else CENTRAL_ACTOR,
            at=update.at,
            procedure=procedure,
            reference=update.progress.get(procedure) if procedure else None,
            reason=update.reason if event in REASONED else None,
            detail=detail,
        )
    tally.events += len(steps)
    tally.applied += 1
    if update.status in (Status.SUPPLEMENT_REQUESTED, Status.REFUSED) and steps:
        tally.attention.append((update.code, update.status, update.reason))


def _other_counter(
    store: Store,
    journal: Journal,
    current: DossierState,
    update: StatusUpdate,
    who: str,
    record: Mapping[str, Any] | None,
    detail: dict[str, Any],
) -> None:
    """Another counter's action that moves no status: audited once under that counter."""
    action = AUDIT_ACTIONS.get(update.event)
    if action is None:
        return  # a lifecycle event: audited by the journal under ``who``
    extra = dict(update.detail or {})
    stored = (
        update.event == "correction"
        and record is not None
        and store_version_within(store, current.id, record, at=update.at, officer=who)
    )
    if stored and record is not None:
        extra["hash"] = record.get("content_hash")
    journal.note(update.at, who, action, current.code, {**detail, **extra})


def settle(
    store: Store,
    code: str,
    status: Status,
    progress: Mapping[str, str | None],
    *,
    reason: str | None,
    version: int,
    at: datetime,
) -> bool:
    """Bring ``code`` back to central's state after central refused an action of this counter.

    Central's view of the dossier (``GET /v1/dossiers/{code}``) is the truth: the chain of
    lifecycle events that leads there is applied, or its state taken as it is (converged,
    audited). Not while another action of this counter on it still waits for central's
    answer (the next round settles it then). Returns whether the dossier was settled.
    """
    from desk_app.store.sync_office import settled_within

    with store.transaction() as db:
        journal = Journal(store, db)
        journal.load([code])
        current = journal.state(code)
        if current is None:
            settled_within(store, code)
            return True
        if pending_dossiers(store, [current.id]):
            return False
        update = StatusUpdate(0, current.code, version, "settle", at, status, progress, reason)
        _apply_one(store, journal, UpdateTally(), current, update, None, {}, set())
        journal.flush()
        store.conn.execute(
            "INSERT INTO central_versions (dossier_id, version) VALUES (?, ?) "
            "ON CONFLICT (dossier_id) DO UPDATE SET version = max(version, excluded.version)",
            (current.id, version),
        )
        settled_within(store, current.code)
    return True
