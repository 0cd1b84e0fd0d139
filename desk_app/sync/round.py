"""One sync round: ship the outbox in batches, then the counter's actions (events), then pull
the office's updates until none are left.

The round is what the App's worker runs every ``sync_interval`` and on demand, and what
`desk sync` runs once. It can be interrupted anywhere — network failure, a killed process —
without losing or doubling anything, because every step is either idempotent on central
(batches under their key, attachments by hash, updates after a cursor) or one local
transaction (answers with their outbox rows, updates with their cursor). Network trouble
never raises out of :func:`run_round`: it ends the round, marks the desk offline and says why.

A dossier central will never take stops only itself: a batch central refuses as a whole
request (413, 422) is split into batches of one, and the one refused alone is set aside with
central's reason; a scan changed on this disk is found before it is uploaded and its dossier
set aside too. The others go on (see :mod:`desk_app.store.sync_held`).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

from desk_app.clock import Clock, now
from desk_app.progress import Progress
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.event_outbox import RefusedEvent
from desk_app.store.sync_held import TEXT as HELD_TEXT
from desk_app.store.sync_held import Defect, held
from desk_app.store.sync_outbox import (
    Batch,
    apply_answers,
    hold_dossiers,
    next_batch,
    record_failure,
    set_aside,
)
from desk_app.store.sync_state import read_state, record_round
from desk_app.sync.anchor import send_anchor
from desk_app.sync.client import CentralClient, RequestRefused, SyncError, read_token
from desk_app.sync.events import ship_events
from desk_app.sync.office import pull
from desk_app.sync.progress import watch_round
from desk_app.sync.retry import RetryPolicy
from desk_app.sync.wire import (
    body_digest,
    json_body,
    parse_answers,
    submit_body,
)

log = logging.getLogger("desk.sync")
log.addHandler(logging.NullHandler())  # a library: the application decides where logs go

MAX_BATCHES_PER_ROUND = 10_000
"""Bounds that end a round even if dossiers keep arriving faster than they leave."""
ISOLATE = frozenset({413, 422})
"""Refusals of a batch that concern its content (too large, not valid): find the dossier at
fault and set it aside. Other refusals (a missing header, say) concern the desk as a whole:
the round stops and says why, and no dossier is blamed."""
SHA256_HEX = re.compile(r"[0-9a-f]{64}")

Observer = Callable[[str], None]
"""Told each stage of the round as it is reached (tests kill the process at these points);
``batch-sending`` is told from the round's sender thread, the others from the round's own."""


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
    held: list[tuple[str, str]] = field(default_factory=list)
    """(code, reason) of every dossier set aside, not sent: waiting for an officer."""
    set_aside: list[str] = field(default_factory=list)
    """Codes set aside during this round (what the App tells the officer about once)."""
    events: int = 0
    """Actions of this counter central took (applied, or already had) this round."""
    refused_events: list[RefusedEvent] = field(default_factory=list)
    """Actions central refused (another counter got there first, ...): the officer is told."""
    converged: int = 0
    """Dossiers whose state was taken from central as it is (no lifecycle chain led there)."""
    adopted: int = 0
    """Dossiers of the office kept here for the first time (received at another counter)."""
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
    progress: Progress | None = None,
) -> SyncReport:
    """Ship every waiting dossier, apply every status update; never raises for network trouble.

    ``progress`` is told the counts at batch boundaries and may stop the round there by
    raising (:mod:`desk_app.sync.progress`): what was committed stays, the rest waits."""
    seen = observe or (lambda stage: None)
    report = SyncReport(started_at=clock())
    if progress is not None:
        seen = watch_round(store, report, seen, progress)
    try:
        _ship(store, client, settings, report, clock, seen)
        ship_events(store, client, settings, report, clock, seen)  # after their dossiers
        pull(store, client, settings, report, clock, seen)  # the office's feed (protocol v2)
        send_anchor(store, client)  # the audit chain's length and head, kept at central
    except SyncError as exc:
        report.error = exc.message
        log.warning("sync round stopped: %s", exc.message)
    report.finished_at = clock()
    record_round(store, at=report.finished_at, error=report.error)
    report.waiting = read_state(store).waiting
    report.held = [(h.code, h.reason) for h in held(store)]
    if report.error is None:
        _heartbeat(client, report, settings)
    seen("round-done")
    return report


def _heartbeat(client: CentralClient, report: SyncReport, settings: Settings) -> None:
    """Tell central what this desk still has waiting, for its operations team, and what the
    office is called and its phone, for the citizens' public status page ("where to collect").

    The last request of a round that reached central; it changes nothing here, so its failure
    (or an older central without the endpoint) is logged and the round stays a success.
    """
    office = settings.office
    beat: dict[str, object] = {"waiting": report.waiting, "held": len(report.held)}
    beat["office_name"] = office.agencies.receiving.name
    if office.phone:
        beat["office_phone"] = office.phone
    try:
        client.request("POST", "/v1/heartbeat", json=beat)
    except SyncError as exc:
        log.info("heartbeat not delivered: %s", exc.message)


def _ship(
    store: Store,
    client: CentralClient,
    settings: Settings,
    report: SyncReport,
    clock: Clock,
    seen: Observer,
) -> None:
    """Send the outbox batch by batch, each batch travelling while the one before is applied.

    A batch's HTTP exchange (its documents, then the POST) runs on one worker thread; every
    SQLite write stays on this thread, one transaction per batch as without the overlap. As
    soon as central has answered batch N, batch N + 1 (formed earlier) is sent, and N's
    answers are applied — forming N + 2 in the same transaction — while it travels: central's
    work and the desk's overlap instead of taking turns. At most one request is in flight,
    and a batch leaves only once the one before it was answered and its answer parsed, so a
    refusal, a failure or a damaged document is handled as before; the batch formed ahead is
    then simply resumed, in order, by the next batch formed (it keeps its key until its
    answer is applied, like any batch in flight).
    """
    uploaded: set[str] = set()
    size = settings.central.batch_size
    root = settings.paths.attachments
    batch = next_batch(store, size, clock())
    ahead: Batch | None = None  # formed after `batch`, not sent yet (when `looked_ahead`)
    ahead_body: bytes | None = None  # its request body, made while this thread has time
    looked_ahead = False
    exchange: Future[tuple[dict[str, Defect], httpx.Response | None]] | None = None  # `batch`'s
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-sync-send") as sender:
        for _ in range(MAX_BATCHES_PER_ROUND):
            if batch is None or not batch.dossiers:
                return
            current = batch  # the batch in hand; `batch` becomes the next one
            if exchange is None:
                seen("batch-prepared")
                exchange = sender.submit(_exchange, client, current, root, uploaded, seen)
            if not looked_ahead:
                ahead = next_batch(store, size, clock(), sweep=False, skip=(current.key,))
                ahead_body = _body_of(ahead)
                looked_ahead = True
            try:
                answered, exchange = exchange, None
                damaged, response = answered.result()
                if damaged or response is None:
                    codes, batch = hold_dossiers(store, current, damaged, clock(), then_stamp=size)
                    report.set_aside.extend(codes)
                    looked_ahead = False
                    continue
                answers = parse_answers(current, json_body(response))
            except RequestRefused as exc:
                if exc.status not in ISOLATE:
                    record_failure(store, current, exc.message)
                    raise
                why = f"HTTP {exc.status}: {exc.detail}"
                log.warning(
                    "batch %s refused (%s): isolating its dossiers", current.key, exc.status
                )
                codes, batch = set_aside(store, current, why, clock(), then_stamp=size)
                report.set_aside.extend(codes)
                looked_ahead = False
                continue
            except SyncError as exc:
                record_failure(store, current, exc.message)
                raise
            seen("batch-answered")
            travelling = ahead if ahead is not None and ahead.dossiers else None
            if travelling is not None:
                seen("batch-prepared")
                leaving = threading.Event()
                exchange = sender.submit(
                    _exchange, client, travelling, root, uploaded, seen, leaving, ahead_body
                )
                # Let the request leave before the answers are applied: once this thread is
                # busy in Python, the sender would wait for the interpreter's lock (up to its
                # 5 ms switch interval) before it could write it, with central idle meanwhile.
                leaving.wait()
            tally, following = apply_answers(
                store,
                current,
                answers,
                clock(),
                then_stamp=size,
                skip=(travelling.key,) if travelling is not None else (),
            )
            seen("batch-applied")
            report.batches += 1
            report.accepted += tally.accepted
            report.rejected.extend(tally.rejected_codes)
            log.info(
                "batch %s: %d accepted, %d rejected", current.key, tally.accepted, tally.rejected
            )
            if travelling is not None:
                batch, ahead = travelling, following
                ahead_body = _body_of(ahead)  # before waiting for `batch`'s answer
            else:
                batch, ahead, looked_ahead = following, None, False


def _body_of(batch: Batch | None) -> bytes | None:
    """The request body of ``batch``, made ahead (off the path between answer and request)."""
    return submit_body(batch) if batch is not None and batch.dossiers else None


def _exchange(
    client: CentralClient,
    batch: Batch,
    root: Path,
    uploaded: set[str],
    seen: Observer,
    leaving: threading.Event | None = None,
    body: bytes | None = None,
) -> tuple[dict[str, Defect], httpx.Response | None]:
    """A batch's HTTP work, on the round's sender thread: documents first, then the batch.

    Returns the dossiers to set aside for a damaged document (the batch is then not sent),
    else central's answer. Touches no database: the round's thread does all of that.
    ``leaving`` is set as the batch is about to be written out (or the exchange ends sooner);
    ``body``, the batch's request body if the round made it beforehand.
    """
    try:
        damaged = _upload_attachments(client, batch, root, uploaded)
        if damaged:
            return damaged, None
        seen("batch-sending")
        if body is None:
            body = submit_body(batch)
    finally:
        if leaving is not None:
            leaving.set()
    response = client.request(
        "POST",
        "/v1/batches",
        content=body,
        headers={
            "Idempotency-Key": batch.key,
            "Content-Type": "application/json",
            "Content-Digest": body_digest(body),
        },
    )
    return {}, response


def _upload_attachments(
    client: CentralClient, batch: Batch, root: Path, uploaded: set[str]
) -> dict[str, Defect]:
    """Upload each document of the batch central does not hold yet (by SHA-256, idempotent).

    A file missing on this desk is not sent: central then rejects its dossier naming the
    document, which puts it in front of the officer to scan again. A file whose bytes no
    longer hash to its name (changed or damaged on this disk) is not sent either: its
    dossiers are returned, by code, to be set aside — central would refuse the upload at
    every round, and the whole batch with it.
    """
    bad: set[str] = set()
    for sha in sorted({sha for d in batch.dossiers for _, sha in d.attachments} - uploaded):
        if not SHA256_HEX.fullmatch(sha):
            bad.add(sha)
            continue
        if client.request("HEAD", f"/v1/attachments/{sha}").status_code != 200:
            try:
                path = attachment_path(root, sha)
                content = path.read_bytes() if path is not None else None
            except OSError:  # unreadable: as good as damaged, and it must not end the round
                path, content = root, b""
            if path is None or content is None:
                log.warning("attachment %s… missing on this desk", sha[:12])
                continue
            if hashlib.sha256(content).hexdigest() != sha:
                log.warning("attachment %s… changed on this desk", sha[:12])
                bad.add(sha)
                continue
            client.put_attachment(sha, content)
        uploaded.add(sha)
    damaged: dict[str, Defect] = {}
    for d in batch.dossiers:
        hit = next((item for item, sha in d.attachments if sha in bad), None)
        if hit is not None:
            from desk_app.lookup.detail import item_labels

            label = item_labels(d.procedure_group).get(hit, hit)
            reason = HELD_TEXT["file_changed"].format(item=label)
            damaged[d.code] = Defect("file_changed", reason, {"item": hit})
    return damaged


def sync_once(
    store: Store,
    settings: Settings,
    *,
    clock: Clock = now,
    env: Mapping[str, str] | None = None,
    policy: RetryPolicy | None = None,
    stop: threading.Event | None = None,
    observe: Observer | None = None,
    progress: Progress | None = None,
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
            started_at=at,
            finished_at=at,
            error=exc.message,
            waiting=read_state(store).waiting,
            held=[(h.code, h.reason) for h in held(store)],
        )
    with client:
        return run_round(store, client, settings, clock=clock, observe=observe, progress=progress)
