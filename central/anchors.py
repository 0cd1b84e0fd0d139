"""Anchors of the desks' audit chains: the one copy of a trail's history the desk cannot edit.

A desk's audit trail is a hash chain (desk_app.store.audit_chain): it shows any edit, but
someone holding the database file can rewrite it end to end (edit an event, recompute every
hash after it), cut its tail, or empty it, and the chain still verifies. So after each sync
round the desk sends central its chain's length and head hash (``POST /v1/anchors``), and
central keeps every such anchor per desk (office and desk number, so a new token keeps the
history), append-only: the table refuses UPDATE and DELETE. ``desk audit verify`` reads them
back (``GET /v1/anchors``) and checks that the local event at each anchored length still has
the anchored hash.

Central itself can already see two things when an anchor arrives, and records them flagged
(answering 409 so the desk logs it):

* ``behind``: fewer events than an anchor already held — the trail was cut or emptied (or an
  older backup was restored with ``--force``, which also loses events);
* ``conflict``: the same length as a held anchor with another head — the trail was rewritten.

A longer chain with a rewritten past cannot be told apart here (central holds hashes, not
events); the desk's verify finds it against the older anchors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from central.errors import ApiError, validation_detail
from central.guards import MAX_CURSOR, query_int, read_body
from central.protocol import SHA256
from central.scope import ScopedTx
from central.store import CentralStore, DeskIdentity

MAX_ANCHOR_BYTES = 1024
MAX_ANCHORS_PAGE = 1000
MAX_EVENTS = 2**62
"""More events than any desk will write; keeps the number within a 64-bit integer column."""

MESSAGES = {
    "anchor_behind": (
        "Nhật ký kiểm toán bàn gửi chỉ có {events} sự kiện, ít hơn {held} sự kiện trung tâm "
        "đã neo lúc {at}: nhật ký trên bàn đã bị cắt bớt, bị xóa hoặc bị thay bằng bản cũ. "
        "Trung tâm đã ghi nhận việc này."
    ),
    "anchor_conflict": (
        "Sự kiện số {events} trong nhật ký bàn gửi khác với mốc trung tâm đã neo lúc {at}: "
        "nhật ký trên bàn đã bị sửa. Trung tâm đã ghi nhận việc này."
    ),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnchorIn(_Model):
    """POST /v1/anchors: the desk's audit chain as it stands."""

    events: int = Field(ge=1, le=MAX_EVENTS, description="number of the chain's last event")
    head: str = Field(pattern=SHA256.pattern, description="hash of that event (hex SHA-256)")


class Anchor(_Model):
    """One anchor central holds for the calling desk."""

    seq: int = Field(ge=1, description="position among all anchors; the paging cursor")
    events: int
    head: str
    anchored_at: datetime = Field(description="central's clock when it was received")
    flag: str | None = Field(
        default=None,
        description="null, or behind / conflict: central saw a cut or rewritten trail",
    )


class AnchorsPage(_Model):
    """GET /v1/anchors?after=SEQ&limit=N: the calling desk's anchors, oldest first."""

    anchors: list[Anchor]
    cursor: int = Field(ge=0, description="pass as `after` next time")
    more: bool


MODELS: tuple[type[BaseModel], ...] = (AnchorIn, Anchor, AnchorsPage)
"""The wire models of this endpoint, for the OpenAPI document."""


def _anchor(row: tuple[Any, ...]) -> Anchor:
    seq, events, head, at, flag = row
    return Anchor(
        seq=seq, events=events, head=head, anchored_at=datetime.fromisoformat(at), flag=flag
    )


_COLUMNS = "seq, events, head, anchored_at, flag"
_MINE = "office = :office AND desk_number = :desk_number"


def record(
    store: CentralStore, desk: DeskIdentity, sent: AnchorIn, at: datetime
) -> tuple[Anchor, int, dict[str, Any] | None]:
    """Keep ``sent`` for ``desk``: the anchor, the HTTP status, and the flag's error body.

    One desk's anchors are recorded one at a time, whichever central process receives them
    (a lock named after the desk, held until commit), so each is judged against all before it
    and their numbers are committed in order.
    """
    scope = store.for_desk(desk)
    with scope.write() as tx:
        scope.lock(tx, "anchor")
        latest = tx.one(f"SELECT {_COLUMNS} FROM anchors WHERE {_MINE} ORDER BY seq DESC LIMIT 1")
        if latest is not None and (latest[1], latest[2]) == (sent.events, sent.head):
            return _answer(tx, _anchor(latest))  # the same chain again: nothing new
        flag = None
        held = tx.one(
            f"SELECT {_COLUMNS} FROM anchors WHERE {_MINE} AND flag IS NULL "
            "ORDER BY events DESC, seq DESC LIMIT 1"
        )
        same_length = tx.one(
            f"SELECT 1 FROM anchors WHERE {_MINE} AND flag IS NULL "
            "AND events = :events AND head <> :head",
            {"events": sent.events, "head": sent.head},
        )
        if held is not None and sent.events < held[1]:
            flag = "behind"
        elif same_length is not None:
            flag = "conflict"
        row = tx.one(
            "INSERT INTO anchors (office, desk_number, events, head, anchored_at, flag) "
            "VALUES (:office, :desk_number, :events, :head, :at, :flag) "
            f"RETURNING {_COLUMNS}",
            {"events": sent.events, "head": sent.head, "at": at.isoformat(), "flag": flag},
        )
        assert row is not None
        anchor, status, error = _answer(tx, _anchor(row))
        return anchor, 201 if status == 200 else status, error


def _answer(tx: ScopedTx, anchor: Anchor) -> tuple[Anchor, int, Any]:
    """200 for an unflagged anchor; 409 with the Vietnamese reason for a flagged one."""
    if anchor.flag is None:
        return anchor, 200, None
    held = tx.one(
        f"SELECT events, anchored_at FROM anchors WHERE {_MINE} AND flag IS NULL "
        "AND (events > :events OR (events = :events AND head <> :head)) "
        "ORDER BY events DESC LIMIT 1",
        {"events": anchor.events, "head": anchor.head},
    )
    events, at = held if held else (anchor.events, anchor.anchored_at.isoformat())
    when = datetime.fromisoformat(at).strftime("%H:%M ngày %d/%m/%Y")
    error = f"anchor_{anchor.flag}"
    message = MESSAGES[error].format(events=anchor.events, held=events, at=when)
    return anchor, 409, {"error": error, "message": message}


def page(store: CentralStore, desk: DeskIdentity, after: int, limit: int) -> AnchorsPage:
    """The desk's anchors after ``after`` (a seq), at most ``limit``, oldest first."""
    with store.for_desk(desk).read() as tx:
        rows = tx.all(
            f"SELECT {_COLUMNS} FROM anchors WHERE {_MINE} AND seq > :after "
            "ORDER BY seq LIMIT :limit",
            {"after": after, "limit": limit + 1},
        )
    anchors = [_anchor(r) for r in rows[:limit]]
    return AnchorsPage(
        anchors=anchors, cursor=anchors[-1].seq if anchors else after, more=len(rows) > limit
    )


DeskOf = Callable[[Request], Awaitable[DeskIdentity]]


def endpoint(
    store: CentralStore, desk_of: DeskOf, clock: Callable[[], datetime]
) -> Callable[[Request], Awaitable[Response]]:
    """The handler of ``/v1/anchors`` (GET and POST), authenticated by the app's ``desk_of``."""

    async def anchors(request: Request) -> Response:
        desk = await desk_of(request)
        if request.method == "GET":
            after = query_int(request, "after", 0, 0, MAX_CURSOR)
            limit = query_int(request, "limit", MAX_ANCHORS_PAGE, 1, MAX_ANCHORS_PAGE)
            found = await run_in_threadpool(page, store, desk, after, limit)
            return Response(found.model_dump_json(), media_type="application/json")
        body = await read_body(request, MAX_ANCHOR_BYTES)
        try:
            sent = AnchorIn.model_validate_json(body)
        except ValidationError as exc:
            raise ApiError(422, "invalid_request", detail=validation_detail(exc)) from None
        anchor, status, error = await run_in_threadpool(record, store, desk, sent, clock())
        if error is not None:
            return JSONResponse(error, status)
        return Response(anchor.model_dump_json(), status, media_type="application/json")

    return anchors


def route(
    prefix: str, store: CentralStore, desk_of: DeskOf, clock: Callable[[], datetime]
) -> Route:
    """``{prefix}/anchors`` for the app's route list (GET and POST)."""
    return Route(f"{prefix}/anchors", endpoint(store, desk_of, clock), methods=["GET", "POST"])
