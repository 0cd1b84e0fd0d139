"""Shipping the counter's actions to central (protocol v2, ``POST /v1/events``).

After the round's batches, the events recorded at this counter (a supplement received, a
cancellation, a hand-over, papers handed back, a reprint, a new appointment, a correction)
go to central in outbox order, a batch at a time under a stamped idempotency key
(:mod:`desk_app.store.event_outbox`): the scans a supplement brings are uploaded first (by
hash, as for dossiers), then the events, with ``Idempotency-Key`` and ``Content-Digest``.
Central answers per event — applied, duplicate (already applied: nothing doubles) or refused
with its reason and who moved the dossier — and the answers are stored in one transaction
with the removal of the outbox rows. Whatever interrupts this, the same key is sent again.

A central that does not know the endpoint yet (404) leaves the events waiting: a v2 desk
keeps working with a v1 central.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.clock import Clock
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.event_outbox import (
    EventBatch,
    apply_event_answers,
    next_event_batch,
    record_event_failure,
    refuse_alone,
)
from desk_app.sync.client import CentralClient, RequestRefused, SyncError
from desk_app.sync.wire import (
    body_digest,
    events_body,
    json_body,
    parse_event_answers,
)

if TYPE_CHECKING:
    from desk_app.sync.round import SyncReport

log = logging.getLogger("desk.sync")

MAX_EVENT_BATCHES_PER_ROUND = 10_000
ISOLATE = frozenset({413, 422})
"""Refusals of a whole request that concern its content: find the event at fault."""


def ship_events(
    store: Store,
    client: CentralClient,
    settings: Settings,
    report: SyncReport,
    clock: Clock,
    seen: Callable[[str], None],
) -> None:
    """Send every event central can take now; raises :class:`SyncError` like the batches."""
    from desk_app.sync.round import attachment_path

    uploaded: set[str] = set()
    root = settings.paths.attachments
    for _ in range(MAX_EVENT_BATCHES_PER_ROUND):
        batch = next_event_batch(store, settings.central.batch_size)
        if batch is None:
            return
        seen("events-prepared")
        try:
            _upload(client, batch, root, uploaded, attachment_path)
            body = events_body(batch)
            seen("events-sending")
            response = client.request(
                "POST",
                "/v1/events",
                content=body,
                headers={
                    "Idempotency-Key": batch.key,
                    "Content-Type": "application/json",
                    "Content-Digest": body_digest(body),
                },
            )
            if response.status_code == 404:
                log.info("central does not take events yet: %d wait", len(batch.events))
                return
            answers = parse_event_answers(batch, json_body(response))
        except RequestRefused as exc:
            if exc.status not in ISOLATE:
                record_event_failure(store, batch, exc.message)
                raise
            log.warning("event batch %s refused (%s): isolating", batch.key, exc.status)
            tally, _split = refuse_alone(store, batch, f"HTTP {exc.status}: {exc.detail}", clock())
            report.refused_events.extend(tally.refused)
            continue
        except SyncError as exc:
            record_event_failure(store, batch, exc.message)
            raise
        seen("events-answered")
        tally = apply_event_answers(store, batch, answers, clock())
        seen("events-applied")
        report.events += tally.applied + tally.duplicate
        report.refused_events.extend(tally.refused)
        log.info(
            "events %s: %d applied, %d duplicate, %d refused",
            batch.key,
            tally.applied,
            tally.duplicate,
            len(tally.refused),
        )


def _upload(
    client: CentralClient,
    batch: EventBatch,
    root: Path,
    uploaded: set[str],
    locate: Callable[[Path, str], Path | None],
) -> None:
    """Upload the scans of the batch's supplements central does not hold (by SHA-256).

    A scan missing or changed on this disk is not sent: central then refuses the event
    (``missing_attachments``), which puts it in front of the officer.
    """
    for sha in sorted({sha for e in batch.events for sha in e.files} - uploaded):
        if client.request("HEAD", f"/v1/attachments/{sha}").status_code != 200:
            path = locate(root, sha)
            try:
                content = path.read_bytes() if path is not None else None
            except OSError:
                content = None
            if content is None or hashlib.sha256(content).hexdigest() != sha:
                log.warning("attachment %s… missing or changed on this desk", sha[:12])
                continue
            client.put_attachment(sha, content)
        uploaded.add(sha)
