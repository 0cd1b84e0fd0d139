"""The reference central server as an ASGI (Starlette) application.

Every endpoint under /v1 except /v1/health needs ``Authorization: Bearer <desk token>``; the
token names a desk of an office, and everything a desk can read or write is limited to its
office (its dossiers, its feed, its attachments). Database work runs in the thread pool, so a
slow disk never stalls the event loop. Errors are JSON ``{"error", "message"}`` with a
Vietnamese message (:mod:`central.errors`); nothing a desk sends is ever echoed into a log.
What a request must pass before anything is stored is in :mod:`central.guards`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from central import agencies, agency_api, anchors, intake, office_api, office_contacts, public_page
from central.agencies import Simulation
from central.batch_parse import read_batch
from central.errors import MESSAGES, ApiError, validation_detail
from central.guards import (
    RateLimit,
    check_digest,
    read_body,
    unsafe_number,
)
from central.idle import TICK, Activity, Idle, TrackActivity
from central.protocol import (
    API_PREFIX,
    IDEMPOTENCY_KEY,
    MAX_ATTACHMENT_BYTES,
    MAX_BODY_BYTES,
    MAX_HEARTBEAT_BYTES,
    MAX_VERIFY_BYTES,
    SHA256,
    AttachmentStored,
    Heartbeat,
    HeartbeatAck,
    VerifyRequest,
    VerifyResponse,
)
from central.store import CentralStore, DeskIdentity
from desk_app import groups

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
log = logging.getLogger("central")
KEY_RETENTION = 30 * 86_400.0
"""Seconds a batch's stored answer is kept for retries of its key (30 days by default)."""
MAINTENANCE_EVERY = 3600.0

__all__ = ["MESSAGES", "ApiError", "Central", "create_app", "now_vn"]


@dataclass
class Central:
    """What the endpoints share: the store, the simulated agencies, the clock."""

    store: CentralStore
    simulation: Simulation | None
    clock: Callable[[], datetime]


def _no_plan(
    code: str, now: datetime, group: str, declarations: dict[str, Any]
) -> tuple[list[dict[str, object]], float | None]:
    """The planner of a central without simulated agencies: every dossier stays where it is."""
    return [], None


def now_vn() -> datetime:
    """Central's clock: Vietnam time, timezone-aware."""
    return datetime.now(VN_TZ)


def _json(model: BaseModel, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        model.model_dump_json(exclude_none=False),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def create_app(
    store: CentralStore,
    simulation: Simulation | None = None,
    *,
    clock: Callable[[], datetime] = now_vn,
    background: bool = True,
    population: tuple[int, int] | None = None,
    verify_limit: RateLimit | None = None,
    key_retention: float = KEY_RETENTION,
) -> Starlette:
    """The ASGI app over ``store``; ``simulation`` None keeps every dossier where it is.

    With ``background`` False the agencies' steps are planned but only performed when
    :func:`central.agencies.advance` is called (tests move time forward themselves), and
    search terms are written only by the searches (:mod:`central.search_terms`).
    ``population`` (seed, size) fills the register at startup, on the server's own thread.
    ``verify_limit`` paces each desk's verifications (default: 10 at once, then one per 6 s).
    ``key_retention`` is how long (seconds) a batch's answer is kept for its key's retries.
    """
    central = Central(store, simulation, clock)
    activity = Activity()  # requests in flight, for the indexer (:mod:`central.idle`)
    pace = verify_limit or RateLimit()

    async def desk_of(request: Request) -> DeskIdentity:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "unauthorized")
        desk = await run_in_threadpool(store.desk_for, token.strip())
        if desk is None:
            if await run_in_threadpool(store.agency_for, token.strip()) is not None:
                raise ApiError(403, "desk_only")  # an agency's token: known, not a desk's
            raise ApiError(401, "unauthorized")
        return desk

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def submit_batch(request: Request) -> Response:
        desk = await desk_of(request)
        key = request.headers.get("idempotency-key", "")
        if not IDEMPOTENCY_KEY.fullmatch(key):
            raise ApiError(400, "key_missing")
        body = await read_body(request, MAX_BODY_BYTES)
        sha = check_digest(request, body)  # damaged on the way: retryable, nothing looked up
        try:
            read = read_batch(body)
        except ValidationError as exc:
            raise ApiError(422, "invalid_request", detail=validation_detail(exc)) from None
        for i, d in enumerate(read.request.dossiers if read.walk else ()):
            unsafe = unsafe_number(d.declarations, f"dossiers.{i}.declarations")
            if unsafe is not None:
                raise ApiError(422, "invalid_request", detail=unsafe)
        planner = simulation.plan if simulation else _no_plan
        try:
            response, replayed = await run_in_threadpool(
                intake.submit,
                store,
                desk,
                key,
                sha.hex(),
                read.request,
                central.clock(),
                planner,
                read.canonical,
            )
        except intake.KeyReused:
            raise ApiError(422, "key_reused") from None
        return Response(  # the answer's JSON, written once by intake and stored under the key
            response,
            media_type="application/json",
            headers={"Idempotent-Replayed": "true"} if replayed else None,
        )

    async def attachment(request: Request) -> Response:
        desk = await desk_of(request)
        sha = request.path_params["sha256"]
        if not SHA256.fullmatch(sha):
            raise ApiError(422, "invalid_request", detail="sha256")
        if request.method == "HEAD":
            owned = await run_in_threadpool(_owned, store, desk, sha)
            return Response(status_code=200 if owned else 404)
        body = await read_body(request, MAX_ATTACHMENT_BYTES)
        if hashlib.sha256(body).hexdigest() != sha:
            # The path is the file's digest: a desk checks its file before sending, so a
            # difference here happened on the way. Nothing stored; the desk sends it again.
            raise ApiError(400, "digest_mismatch")
        created = await run_in_threadpool(_store_file, store, desk, sha, body, central.clock())
        return _json(
            AttachmentStored(sha256=sha, size=len(body), created=created), 201 if created else 200
        )

    async def updates(request: Request) -> Response:
        return await office_api.updates(request, store, await desk_of(request))

    async def dossier(request: Request) -> Response:
        return await office_api.dossier(request, store, await desk_of(request))

    async def verify(request: Request) -> Response:
        desk = await desk_of(request)
        pace.check(desk.id)  # before the body: every try counts, well-formed or not
        try:
            asked = VerifyRequest.model_validate_json(await read_body(request, MAX_VERIFY_BYTES))
        except ValidationError as exc:
            raise ApiError(422, "invalid_request", detail=validation_detail(exc)) from None
        ok = await run_in_threadpool(
            store.verify, asked.personal_id, asked.full_name, asked.date_of_birth.isoformat()
        )
        return _json(VerifyResponse(result="verified" if ok else "not_matching"))

    async def heartbeat(request: Request) -> Response:
        desk = await desk_of(request)
        try:
            beat = Heartbeat.model_validate_json(await read_body(request, MAX_HEARTBEAT_BYTES))
        except ValidationError as exc:
            raise ApiError(422, "invalid_request", detail=validation_detail(exc)) from None
        at = central.clock()
        await run_in_threadpool(store.heartbeat, desk, beat.waiting, beat.held, at.isoformat())
        if beat.office_name is not None:
            await run_in_threadpool(
                office_contacts.note, store.db, desk.office, beat.office_name, beat.office_phone
            )
        return _json(HeartbeatAck(at=at))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        headers = dict(exc.headers or {})
        if exc.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(
            {"error": exc.error, "message": exc.message}, exc.status, headers=headers or None
        )

    async def server_error(request: Request, exc: Exception) -> Response:
        # Anything unforeseen: a JSON 500 in Vietnamese (retryable), never a dropped connection.
        log.error("unexpected %s on %s", type(exc).__name__, request.url.path)
        return JSONResponse({"error": "internal", "message": MESSAGES["internal"]}, 500)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return JSONResponse(
            {"error": "http", "message": MESSAGES["http"].format(status=exc.status_code)},
            exc.status_code,
            headers=exc.headers,
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if population is not None:
            await run_in_threadpool(store.ensure_population, *population)
        # The procedure groups' modules, imported now rather than by the first batch (whose
        # desk would wait a tenth of a second for them).
        await run_in_threadpool(groups.registered)
        # What start-up loaded (modules, models, the groups' data) stays for the process's
        # life: out of the cyclic collector's sight, its full walks (two a round of 10,000
        # dossiers, 30 ms each) look only at what requests made.
        gc.freeze()
        await run_in_threadpool(_sweep, central, key_retention)  # before the first request
        tasks = [asyncio.create_task(_maintain(central, key_retention, MAINTENANCE_EVERY))]
        if simulation and background:
            tasks.append(asyncio.create_task(_simulate(central)))
        if background:
            tasks.append(asyncio.create_task(_index_when_idle(central, activity)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    p = API_PREFIX
    app = Starlette(
        routes=[
            Route(f"{p}/health", health, methods=["GET"]),
            Route(f"{p}/batches", submit_batch, methods=["POST"]),
            Route(f"{p}/attachments/{{sha256}}", attachment, methods=["HEAD", "PUT"]),
            Route(f"{p}/updates", updates, methods=["GET"]),
            Route(f"{p}/dossiers/{{code}}", dossier, methods=["GET"]),
            Route(f"{p}/verify", verify, methods=["POST"]),
            Route(f"{p}/heartbeat", heartbeat, methods=["POST"]),
            anchors.route(p, store, desk_of, central.clock),
            *agency_api.routes(p, store, central.clock),
            *office_api.routes(
                p, store, desk_of, central.clock, simulation.resume if simulation else None
            ),
            *public_page.routes(store, central.clock),  # the citizen's page: no token
        ],
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
            Exception: server_error,
        },
        middleware=[Middleware(TrackActivity, activity=activity)],
        lifespan=lifespan,
    )
    app.state.central = central
    return app


async def _simulate(central: Central) -> None:
    """Run the agencies: perform due steps a few times per simulated step."""
    assert central.simulation is not None
    tick = min(1.0, max(0.02, central.simulation.step_seconds / 5))
    while True:
        try:
            await run_in_threadpool(agencies.advance, central.store, central.clock())
        except Exception:  # a bad tick must not stop the agencies for good
            log.exception("agency simulation step failed")
        await asyncio.sleep(tick)


def _owned(store: CentralStore, desk: DeskIdentity, sha: str) -> bool:
    with store.for_desk(desk).read() as tx:
        found = tx.one(
            "SELECT 1 FROM attachment_offices WHERE sha256 = :sha AND office = :office",
            {"sha": sha},
        )
    return found is not None


def _store_file(
    store: CentralStore, desk: DeskIdentity, sha: str, body: bytes, at: datetime
) -> bool:
    """Keep the file once (content-addressed, durable) and note the office has it."""
    store.files.put(sha, body)  # first the bytes: the row below promises they are there
    with store.for_desk(desk).write() as tx:
        tx.keep_blob(sha, len(body), at.isoformat())
        created = tx.run(
            "INSERT INTO attachment_offices (sha256, office) VALUES (:sha, :office) "
            "ON CONFLICT (sha256, office) DO NOTHING",
            {"sha": sha},
        )
    return created == 1


def _sweep(central: Central, retention: float) -> None:
    """Forget idempotency records older than ``retention`` seconds (a failure is logged)."""
    try:
        central.store.expire_batches(central.clock().timestamp() - retention)
    except Exception:  # tried again at the next sweep
        log.exception("expiring idempotency records failed")


async def _index_when_idle(central: Central, activity: Activity) -> None:
    """Write pending search terms when the server is idle (and at start-up), or once they have
    waited too long (:mod:`central.idle`): off the acknowledgement's path, and not between
    the requests of a desk's round."""
    idle = Idle(central.store.db, activity)
    while True:
        try:
            await run_in_threadpool(idle.tick)
        except Exception:  # tried again at the next tick; a search indexes first anyway
            log.exception("indexing search terms failed")
        await asyncio.sleep(TICK)


async def _maintain(central: Central, retention: float, every: float) -> None:
    """Sweep expired idempotency records every ``every`` seconds (one ran at start-up)."""
    while True:
        await asyncio.sleep(every)
        await run_in_threadpool(_sweep, central, retention)
