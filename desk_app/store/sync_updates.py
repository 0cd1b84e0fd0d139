"""Applying central's status updates: idempotent, order-proof, audited, cursor in step.

Every update carries the dossier's per-dossier ``version`` and its whole state after the
change (status, finished procedures with their references, reason). Applying one means: if its
version is not newer than the last one applied, skip it; otherwise find the shortest chain of
lifecycle events that leads from the local state to the announced state and apply each through
:meth:`Store.apply_event_within` (so each is audited and checked by the lifecycle). An update
delivered twice is skipped; one delivered late, after a newer one, is skipped too, because the
newer state already contains it; one delivered early brings the intermediate steps with it.
The whole page and the cursor commit in one transaction.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from desk_app.errors import IllegalTransition
from desk_app.lifecycle import FINAL, PROCEDURES, Event, Status, transition
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
    group: str = "birth_interlink",
) -> list[Step] | None:
    """The shortest chain of central events from (status, done) to (target, target_done).

    A breadth-first search over the lifecycle itself (:func:`transition` decides every edge),
    so a rule added to the lifecycle is respected here without a second copy. None when the
    target cannot be reached (the officer has handed the dossier over or cancelled it).
    """
    start = (status, frozenset(done))
    goal = (target, frozenset(target_done))
    if start == goal:
        return []
    seen = {start}
    queue: deque[tuple[tuple[Status, frozenset[str]], list[Step]]] = deque([(start, [])])
    while queue:
        (here, finished), path = queue.popleft()
        for event in CENTRAL_EVENTS:
            for procedure in PROCEDURES[group] if event is Event.PROGRESS else (None,):
                try:
                    outcome = transition(
                        here, event, group=group, done=finished, procedure=procedure
                    )
                except IllegalTransition:
                    continue
                node = (outcome.status, outcome.done)
                if node in seen:
                    continue
                steps = [*path, (event, procedure)]
                if node == goal:
                    return steps
                seen.add(node)
                queue.append((node, steps))
    return None


def apply_updates(store: Store, updates: Sequence[StatusUpdate], cursor: int) -> UpdateTally:
    """Apply one page of updates and move the cursor to ``cursor``, all in one transaction."""
    tally = UpdateTally()
    with store.transaction() as db:
        conn = store.conn
        for update in updates:
            current = store.get(update.code)
            if current is None:
                tally.unknown += 1  # not this desk's (e.g. a desk database restored from backup)
                continue
            row = conn.execute(
                "SELECT version FROM central_versions WHERE dossier_id = ?", (current.id,)
            ).fetchone()
            if row is not None and update.version <= row[0]:
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
                )
            )
            if steps is None:
                tally.not_applicable += 1
                store._audit(  # same transaction as the version it records
                    db,
                    update.at,
                    CENTRAL_ACTOR,
                    "sync.update_not_applied",
                    update.code,
                    {**detail, "status": current.status, "central_status": update.status},
                )
            else:
                for event, procedure in steps:
                    store.apply_event_within(
                        db,
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
            conn.execute(
                "INSERT INTO central_versions (dossier_id, version) VALUES (?, ?) "
                "ON CONFLICT (dossier_id) DO UPDATE SET version = excluded.version",
                (current.id, update.version),
            )
        advance_cursor(conn, cursor)
    return tally
