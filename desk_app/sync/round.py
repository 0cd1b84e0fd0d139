"""One sync round: ship the outbox in batches, then pull status updates until none are left.

The round is what the App's worker runs every ``sync_interval`` and on demand, and what
`desk sync` runs once. It can be interrupted anywhere — network failure, a killed process —
without losing or doubling anything, because every step is either idempotent on central
(batches under their key, attachments by hash, updates after a cursor) or one local
transaction (answers with their outbox rows, updates with their cursor). Network trouble
never raises out of :func:`run_round`: it ends the round, marks the desk offline and says why.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from desk_app.clock import Clock, now
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.sync_outbox import Batch, apply_answers, next_batch, record_failure
from desk_app.store.sync_state import read_cursor, read_state, record_round
from desk_app.store.sync_updates import apply_updates
from desk_app.sync.client import CentralClient, SyncError, read_token
from desk_app.sync.retry import RetryPolicy
from desk_app.sync.wire import ProtocolViolation, parse_answers, parse_updates, submit_body

log = logging.getLogger("desk.sync")
log.addHandler(logging.NullHandler())  # a library: the application decides where logs go

UPDATES_PAGE = 500
MAX_BATCHES_PER_ROUND = 10_000
MAX_PAGES_PER_ROUND = 10_000
"""Bounds that end a round even if dossiers keep arriving faster than they leave."""

Observer = Callable[[str], None]
"""Told each stage of the round as it is reached (tests kill the process at these points)."""


@dataclass
class SyncReport:
    """What a round did, for the footer and the `desk sync` summary."""

    started_at: datetime
    finished_at: datetime | None = None
    batches: int = 0
    accepted: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """(code, reason) of dossiers central sent back: the officer must act."""
    updates: int = 0
    attention: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(code, status, reason) of dossiers that now need the officer (supplement, refusal)."""
    waiting: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the round reached central and finished."""
        return self.error is None


def attachment_path(root: Path, sha256: str) -> Path | None:
    """The stored scan with this hash, or None.

    The attachment store (:mod:`desk_app.attachfiles`) keeps each file once, as
    ``<root>/<first two hex digits>/<sha256>.<ext>``.
    """
    folder = root / sha256[:2]
    if not folder.is_dir():
        return None
    return next(
        (p for p in sorted(folder.iterdir()) if p.is_file() and p.name.split(".")[0] == sha256),
        None,
    )


def run_round(
    store: Store,
    client: CentralClient,
    settings: Settings,
    *,
    clock: Clock = now,
    observe: Observer | None = None,
) -> SyncReport:
    """Ship every waiting dossier, apply every status update; never raises for network trouble."""
    seen = observe or (lambda stage: None)
    report = SyncReport(started_at=clock())
    try:
        _ship(store, client, settings, report, clock, seen)
        _pull(store, client, report, seen)
    except SyncError as exc:
        report.error = exc.message
        log.warning("sync round stopped: %s", exc.message)
    report.finished_at = clock()
    record_round(store, at=report.finished_at, error=report.error)
    report.waiting = read_state(store).waiting
    seen("round-done")
    return report


def _ship(
    store: Store,
    client: CentralClient,
    settings: Settings,
    report: SyncReport,
    clock: Clock,
    seen: Observer,
) -> None:
    uploaded: set[str] = set()
    size = settings.central.batch_size
    batch = next_batch(store, size)
    for _ in range(MAX_BATCHES_PER_ROUND):
        if batch is None or not batch.dossiers:
            return
        seen("batch-prepared")
        try:
            _upload_attachments(client, batch, settings.paths.attachments, uploaded)
            seen("batch-sending")
            response = client.request(
                "POST",
                "/v1/batches",
                content=submit_body(batch),
                headers={"Idempotency-Key": batch.key, "Content-Type": "application/json"},
            )
            answers = parse_answers(batch, _json(response))
        except SyncError as exc:
            record_failure(store, batch, exc.message)
            raise
        seen("batch-answered")
        tally, following = apply_answers(store, batch, answers, clock(), then_stamp=size)
        seen("batch-applied")
        report.batches += 1
        report.accepted += tally.accepted
        report.rejected.extend(tally.rejected_codes)
        log.info("batch %s: %d accepted, %d rejected", batch.key, tally.accepted, tally.rejected)
        batch = following


def _upload_attachments(
    client: CentralClient, batch: Batch, root: Path, uploaded: set[str]
) -> None:
    """Upload each document of the batch central does not hold yet (by SHA-256, idempotent).

    A file missing on this desk is not sent: central then rejects its dossier naming the
    document, which puts it in front of the officer to scan again.
    """
    for sha in sorted({sha for d in batch.dossiers for _, sha in d.attachments} - uploaded):
        if client.request("HEAD", f"/v1/attachments/{sha}").status_code != 200:
            path = attachment_path(root, sha)
            if path is None:
                log.warning("attachment %s… missing on this desk", sha[:12])
                continue
            client.request(
                "PUT",
                f"/v1/attachments/{sha}",
                content=path.read_bytes(),
                headers={"Content-Type": "application/octet-stream"},
            )
        uploaded.add(sha)


def _pull(store: Store, client: CentralClient, report: SyncReport, seen: Observer) -> None:
    for _ in range(MAX_PAGES_PER_ROUND):
        after = read_cursor(store)
        response = client.request(
            "GET", "/v1/updates", params={"after": after, "limit": UPDATES_PAGE}
        )
        updates, cursor, more = parse_updates(_json(response), after)
        seen("updates-received")
        tally = apply_updates(store, updates, cursor)
        seen("updates-applied")
        report.updates += tally.applied
        for code, status, reason in tally.attention:  # a dossier's latest state only
            report.attention = [a for a in report.attention if a[0] != code]
            report.attention.append((code, status.value, reason))
        if not more:
            return


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise ProtocolViolation("phản hồi không phải JSON") from None


def sync_once(
    store: Store,
    settings: Settings,
    *,
    clock: Clock = now,
    env: Mapping[str, str] | None = None,
    policy: RetryPolicy | None = None,
    stop: threading.Event | None = None,
    observe: Observer | None = None,
) -> SyncReport:
    """One round with a client built from desk.toml and the token's environment variable.

    What `desk sync` and the App's worker call. A missing token or a refused URL ends the
    round like being offline: reported, never raised.
    """
    try:
        client = CentralClient(
            settings.central, read_token(settings.central, env), policy=policy, stop=stop
        )
    except SyncError as exc:
        at = clock()
        record_round(store, at=at, error=exc.message)
        return SyncReport(
            started_at=at, finished_at=at, error=exc.message, waiting=read_state(store).waiting
        )
    with client:
        return run_round(store, client, settings, clock=clock, observe=observe)
