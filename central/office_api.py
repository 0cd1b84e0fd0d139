"""Protocol v2's desk endpoints: POST /v1/events and GET /v1/dossiers (search), plus what the
v1 endpoints answer when a v2 desk asks for more (``scope=office``, ``full=1``).

The guards are the batches' own (:mod:`central.guards`): Idempotency-Key, Content-Digest
checked before anything is looked at, the body's size, finite numbers in declarations. What a
v1 desk reads is exactly v1's JSON: v2's additions are left out of its answers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from datetime import datetime

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from central import events, intake, office
from central.errors import ApiError, validation_detail
from central.event_rules import Resume
from central.guards import MAX_CURSOR, check_digest, query_int, read_body, unsafe_number
from central.protocol import (
    IDEMPOTENCY_KEY,
    MAX_BODY_BYTES,
    MAX_UPDATES_PAGE,
    V2_STATE_FIELDS,
)
from central.protocol_v2 import MAX_SEARCH, CorrectionEvent, EventsRequest
from central.store import CentralStore, DeskIdentity

DeskOf = Callable[[Request], Awaitable[DeskIdentity]]
PERSONAL_ID = re.compile(r"[0-9]{12}")
MAX_NAME = 200


def _json(text: str, headers: dict[str, str] | None = None) -> Response:
    return Response(text, media_type="application/json", headers=headers)


def routes(
    prefix: str,
    store: CentralStore,
    desk_of: DeskOf,
    clock: Callable[[], datetime],
    resume: Resume | None,
) -> list[Route]:
    """The v2 routes for the app's route list."""

    async def post_events(request: Request) -> Response:
        desk = await desk_of(request)
        key = request.headers.get("idempotency-key", "")
        if not IDEMPOTENCY_KEY.fullmatch(key):
            raise ApiError(400, "key_missing")
        body = await read_body(request, MAX_BODY_BYTES)
        check_digest(request, body)
        try:
            parsed = EventsRequest.model_validate_json(body)
        except ValidationError as exc:
            raise ApiError(422, "invalid_request", detail=validation_detail(exc)) from None
        for i, e in enumerate(parsed.events):
            if isinstance(e, CorrectionEvent):
                unsafe = unsafe_number(e.data.declarations, f"events.{i}.data.declarations")
                if unsafe is not None:
                    raise ApiError(422, "invalid_request", detail=unsafe)
        digest = hashlib.sha256(body).hexdigest()
        try:
            answer, replayed = await run_in_threadpool(
                events.submit,
                store,
                desk,
                key,
                digest,
                parsed,
                clock(),
                resume or events.no_resume,
            )
        except intake.KeyReused:
            raise ApiError(422, "key_reused") from None
        return _json(
            answer.model_dump_json(),
            headers={"Idempotent-Replayed": "true"} if replayed else None,
        )

    async def search(request: Request) -> Response:
        desk = await desk_of(request)
        personal_id = request.query_params.get("personal_id")
        name = request.query_params.get("name")
        limit = query_int(request, "limit", 20, 1, MAX_SEARCH)
        if (personal_id is None) == (name is None):
            raise ApiError(422, "invalid_request", detail="cần đúng một trong personal_id, name")
        if personal_id is not None and not PERSONAL_ID.fullmatch(personal_id):
            raise ApiError(422, "invalid_request", detail="personal_id: phải gồm đúng 12 chữ số")
        if name is not None and len(name) > MAX_NAME:
            raise ApiError(
                422, "invalid_request", detail=f"name: chuỗi quá dài (tối đa {MAX_NAME} ký tự)"
            )
        found = await run_in_threadpool(
            lambda: office.search(store, desk, personal_id=personal_id, name=name, limit=limit)
        )
        if found is None:
            raise ApiError(422, "invalid_request", detail="name: không có chữ nào để tìm")
        return _json(found.model_dump_json())

    return [
        Route(f"{prefix}/events", post_events, methods=["POST"]),
        Route(f"{prefix}/dossiers", search, methods=["GET"]),
    ]


async def updates(request: Request, store: CentralStore, desk: DeskIdentity) -> Response:
    """GET /v1/updates: a v1 desk's own feed, or with ``scope=office`` the office's."""
    scope = request.query_params.get("scope")
    if scope not in (None, "office"):
        raise ApiError(422, "invalid_request", detail="scope: chỉ nhận giá trị office")
    after = query_int(request, "after", 0, 0, MAX_CURSOR)
    limit = query_int(request, "limit", 500, 1, MAX_UPDATES_PAGE)
    if scope == "office":
        return _json(await run_in_threadpool(office.office_page_json, store, desk, after, limit))
    page = await run_in_threadpool(
        lambda: office.updates_after(store, desk, after, limit, office_wide=False)
    )
    return _json(office.v1_json(page))


async def dossier(request: Request, store: CentralStore, desk: DeskIdentity) -> Response:
    """GET /v1/dossiers/{code}: v1's view, or with ``full=1`` every version and the timeline."""
    code = request.path_params["code"]
    wanted = request.query_params.get("full")
    if wanted not in (None, "0", "1"):
        raise ApiError(422, "invalid_request", detail="full: chỉ nhận 0 hoặc 1")
    if wanted == "1":
        found = await run_in_threadpool(office.full, store, desk, code)
        if found is None:  # another office's dossier looks exactly like a missing one
            raise ApiError(404, "not_found")
        return _json(found.model_dump_json())
    view = await run_in_threadpool(intake.dossier_view, store, desk, code)
    if view is None:
        raise ApiError(404, "not_found")
    return _json(view.model_dump_json(exclude={"state": set(V2_STATE_FIELDS)}))
