"""Applying central's status updates: idempotent, order-proof, audited, cursor in step.

Every update carries the dossier's per-dossier ``version`` and its whole state after the
change (status, finished procedures with their references, reason). Applying one means: if its
version is not newer than the last one applied, skip it; otherwise find the shortest chain of
lifecycle events that leads from the local state to the announced state and apply each through
a :class:`.bulk.Journal` (so each is audited and checked by the lifecycle, and the page is
written with one statement per table). An update
delivered twice is skipped; one delivered late, after a newer one, is skipped too, because the
newer state already contains it; one delivered early brings the intermediate steps with it.
The whole page and the cursor commit in one transaction.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from desk_app.errors import IllegalTransition
from desk_app.groups import LEGACY_KIND
from desk_app.lifecycle import FINAL, PROCEDURES, Event, Status, transition
from desk_app.store.bulk import Journal
from desk_app.store.store import Store
from desk_app.store.sync_outbox import CENTRAL_ACTOR
from desk_app.store.sync_state import advance_cursor

CENTRAL_EVENTS = (
    Event.ACCEPT,
    Event.PROGRESS,
    Event.REQUEST_SUPPLEMENT,
    Event.SUPPLEMENT_RECEIVED,
    Event.READY,
    Event.REFUSE,
)
"""Events central's decisions can cause on the desk (never RECEIVE, HAND_OVER or CANCEL)."""

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


@dataclass
class UpdateTally:
    """What applying a page of updates did."""

    applied: int = 0
    skipped: int = 0
    unknown: int = 0
    not_applicable: int = 0
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


def apply_updates(store: Store, updates: Sequence[StatusUpdate], cursor: int) -> UpdateTally:
    """Apply one page of updates and move the cursor to ``cursor``, all in one transaction."""
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
        applied: dict[int, int] = {}
        for update in updates:
            current = journal.state(update.code)
            if current is None:
                tally.unknown += 1  # not this desk's (e.g. a desk database restored from backup)
                continue
            version = versions.get(current.id)
            if version is not None and update.version <= version:
                tally.skipped += 1
                continue
            detail = {"version": update.version, "seq": update.seq, "central_event": update.event}
            steps = (
                None
                if current.status in FINAL
                else plan(
                    current.status,
                    current.done,
                    update.status,
                    update.progress,
                    group=current.procedure_group,
                    requested=current.requested,
                )
            )
            if steps is None:
                tally.not_applicable += 1
                journal.note(  # same transaction as the version it records
                    update.at,
                    CENTRAL_ACTOR,
                    "sync.update_not_applied",
                    current.code,
                    {**detail, "status": current.status, "central_status": update.status},
                )
            else:
                for event, procedure in steps:
                    journal.apply(
                        update.code,
                        event,
                        officer=CENTRAL_ACTOR,
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
            versions[current.id] = applied[current.id] = update.version
        journal.flush()
        conn.executemany(
            "INSERT INTO central_versions (dossier_id, version) VALUES (?, ?) "
            "ON CONFLICT (dossier_id) DO UPDATE SET version = excluded.version",
            list(applied.items()),
        )
        advance_cursor(conn, cursor)
    return tally
