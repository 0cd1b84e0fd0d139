"""The deciding agencies as parties: what waits for them, and the steps they record.

A deciding agency calls central with its own bearer token (:mod:`central.agency_tokens`):

- ``GET /v1/agency/dossiers?status=&after=&limit=`` — the dossiers waiting for its role (a
  procedure of its own still to decide, or the result to report), of its office or of every
  office, oldest first, with the declarations it decides on;
- ``POST /v1/agency/dossiers/{code}/progress`` ``{"procedure", "reference"}``,
  ``…/request-supplement`` ``{"reason"}``, ``…/refuse`` ``{"reason", "procedure"?}``,
  ``…/ready`` ``{}`` — one step each, under an ``Idempotency-Key``.

A step is decided by :func:`central.agency_steps.decide` — the same function the simulated
agencies go through — and performed in one transaction: the key claimed, the dossier's row
locked, its new state and version written, its feed entry appended last
(:mod:`central.feed`), the answer stored under (token, key). The same key with the same
request answers the stored answer again (``Idempotent-Replayed: true``), whatever happened to
the first response on the way back; the same key with another request is ``422 key_reused``.
A step that does not apply is ``409`` with a Vietnamese reason and changes nothing but the
stored answer; a dossier of another office, or one in which the agency decides nothing, is
``404``, exactly like a code that does not exist.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from central import feed
from central.agency_steps import (
    HELD_COLUMNS,
    WAITING,
    Held,
    Refused,
    Step,
    decide,
    held,
    update_body,
)
from central.agency_tokens import AgencyIdentity
from central.db import Tx, among
from central.errors import MESSAGES, ApiError, validation_detail
from central.guards import MAX_CURSOR, query_int, read_body
from central.protocol import IDEMPOTENCY_KEY, DossierState, Procedure, Status
from central.store import CentralStore

MAX_AGENCY_BYTES = 16 * 1024
MAX_AGENCY_PAGE = 200
SCAN = 2000
"""Dossiers looked at per listing request: a page may come back short, with ``more``."""

ACTIONS = {
    "progress": "progress",
    "request-supplement": "request_supplement",
    "refuse": "refuse",
    "ready": "ready",
}
"""The path's name of each step → the feed's."""


def _text(value: str) -> str:
    """NFC, trimmed, no control characters: what an agency writes reaches officers and receipts."""
    value = unicodedata.normalize("NFC", value).strip()
    if not value or any(unicodedata.category(c) in ("Cc", "Cf") for c in value):
        raise PydanticCustomError("string_unicode", "control characters")
    return value


Text = Annotated[str, AfterValidator(_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgressIn(_Model):
    """POST …/progress: a procedure of the agency is done."""

    procedure: Procedure
    reference: Text | None = Field(
        default=None,
        max_length=60,
        description="the result's number (register, card, decision); required when the "
        "procedure's agency issues one",
    )


class SupplementIn(_Model):
    """POST …/request-supplement: the citizen must bring more papers."""

    reason: Text = Field(max_length=500, description="Vietnamese, for the officer and citizen")


class RefuseIn(_Model):
    """POST …/refuse: the agency refuses to decide the dossier."""

    reason: Text = Field(max_length=500, description="Vietnamese, for the officer and citizen")
    procedure: Procedure | None = Field(
        default=None, description="the agency's procedure refused (any of its own when absent)"
    )


class ReadyIn(_Model):
    """POST …/ready: every procedure is done; the result goes back to the counter."""


class AgencyAnswer(_Model):
    """A step recorded: the dossier's new state and version."""

    code: str
    version: int = Field(ge=1, description="the dossier's version after this step")
    state: DossierState


class AgencyDossier(_Model):
    """A dossier as an agency sees it in its list."""

    code: str
    office: str
    procedure_group: str
    received_at: datetime
    status: Status
    version: int
    progress: dict[str, str | None]
    procedures: list[str] = Field(description="its procedures this agency decides")
    pending: list[str] = Field(description="those not done yet")
    marks_ready: bool = Field(description="this agency reports the result once all are done")
    declarations: dict[str, Any] = Field(description="the current content, as submitted")


class AgencyPage(_Model):
    """GET /v1/agency/dossiers: a page, oldest first."""

    dossiers: list[AgencyDossier]
    cursor: int = Field(ge=0, description="pass as `after` next time")
    more: bool = Field(description="true when more dossiers may wait (a page may be short)")


MODELS: tuple[type[BaseModel], ...] = (
    ProgressIn,
    SupplementIn,
    RefuseIn,
    ReadyIn,
    AgencyAnswer,
    AgencyPage,
)
"""The wire models of the agency endpoints, for the OpenAPI document."""
BODIES: dict[str, type[BaseModel]] = {
    "progress": ProgressIn,
    "request-supplement": SupplementIn,
    "refuse": RefuseIn,
    "ready": ReadyIn,
}


class KeyReused(Exception):
    """An Idempotency-Key this agency already used for another request."""


@dataclass(frozen=True)
class Answer:
    """What an agency's step request is answered: status and JSON body."""

    status: int
    body: str
    replayed: bool = False


def _error(status: int, error: str, message: str) -> Answer:
    return Answer(status, json.dumps({"error": error, "message": message}, ensure_ascii=False))


def step_of(action: str, sent: BaseModel) -> Step:
    """The step an action's body asks for."""
    event = ACTIONS[action]
    return Step(
        event=event,
        procedure=getattr(sent, "procedure", None),
        reference=getattr(sent, "reference", None),
        reason=getattr(sent, "reason", None),
    )


def perform(
    store: CentralStore,
    agency: AgencyIdentity,
    key: str,
    request_sha256: str,
    code: str,
    step: Step,
    at: datetime,
) -> Answer:
    """Perform ``step`` on ``code`` for ``agency`` (or replay the answer to ``key``).

    One transaction: the key is claimed first (a second delivery, to any process, waits on
    the key's row and then finds the answer), then the dossier's row is locked and re-read, so
    two agencies acting at once are decided one after the other on what the first wrote.
    """
    with store.db.write() as tx:
        claimed = tx.one(
            "INSERT INTO agency_requests (token_id, key, request_sha256, response, status, "
            "created_at, created_epoch) VALUES (:token, :key, :sha, '', 0, :at, :epoch) "
            "ON CONFLICT (token_id, key) DO NOTHING RETURNING key",
            {
                "token": agency.id,
                "key": key,
                "sha": request_sha256,
                "at": at.isoformat(),
                "epoch": at.timestamp(),
            },
        )
        if claimed is None:
            stored = tx.one(
                "SELECT request_sha256, response, status FROM agency_requests "
                "WHERE token_id = :token AND key = :key",
                {"token": agency.id, "key": key},
            )
            assert stored is not None
            if stored[0] != request_sha256:
                raise KeyReused(key)
            return Answer(int(stored[2]), stored[1], replayed=True)
        office = "AND office = :office" if agency.office is not None else ""
        row = tx.one(
            f"UPDATE dossiers SET version = version WHERE code = :code {office} "
            f"RETURNING {HELD_COLUMNS}",
            {"code": code} | ({"office": agency.office} if agency.office is not None else {}),
        )
        before = held(row) if row is not None else None
        answer: Answer
        entry: feed.Entry | None = None
        if before is None or agency.role not in before.roles():
            answer = _error(404, "agency_not_found", MESSAGES["agency_not_found"])
        else:
            try:
                after = decide(before, agency.role, step)
            except Refused as refused:
                answer = _error(409, refused.error, refused.message)
            else:
                write(tx, after)
                entry = feed.Entry(
                    dossier_id=after.id,
                    office=after.office,
                    desk_number=after.desk_number,
                    version=after.version,
                    body=update_body(after, step, at),
                )
                body = AgencyAnswer(code=after.code, version=after.version, state=after.state())
                answer = Answer(200, body.model_dump_json())
        tx.run(
            "UPDATE agency_requests SET response = :response, status = :status "
            "WHERE token_id = :token AND key = :key",
            {"response": answer.body, "status": answer.status, "token": agency.id, "key": key},
        )
        if entry is not None:
            feed.append(tx, [entry])  # last: the feed's counter is held until commit
    return answer


def write(tx: Tx, after: Held) -> None:
    """Write a dossier's state after an agency's step (its row is locked by ``tx``)."""
    tx.run(
        "UPDATE dossiers SET status = :status, progress = :progress, reason = :reason, "
        "version = :version WHERE id = :id",
        {
            "status": after.status,
            "progress": json.dumps(after.progress),
            "reason": after.reason,
            "version": after.version,
            "id": after.id,
        },
    )


def waiting(
    store: CentralStore, agency: AgencyIdentity, status: str | None, after: int, limit: int
) -> AgencyPage:
    """The dossiers waiting for ``agency`` after cursor ``after`` (or, with ``status``, every
    dossier in that status in which it decides a procedure), at most ``limit``."""
    statuses = (status,) if status is not None else WAITING
    listed, params = among("status", statuses)
    office = "AND office = :office" if agency.office is not None else ""
    if agency.office is not None:
        params["office"] = agency.office
    with store.db.read() as tx:
        rows = tx.all(
            f"SELECT {HELD_COLUMNS}, received_at FROM dossiers WHERE id > :after "
            f"AND status IN {listed} {office} ORDER BY id LIMIT :scan",
            params | {"after": after, "scan": SCAN},
        )
    found: list[AgencyDossier] = []
    cursor, more = after, len(rows) == SCAN
    for n, row in enumerate(rows):
        dossier = held(row[:-1])
        cursor = dossier.id
        if _listed(dossier, agency.role, explicit=status is not None):
            found.append(_seen(dossier, agency.role, row[-1]))
            if len(found) == limit:
                more = more or n + 1 < len(rows)
                break
    return AgencyPage(dossiers=found, cursor=cursor, more=more)


def _listed(dossier: Held, role: str, *, explicit: bool) -> bool:
    if role not in dossier.roles():
        return False
    if explicit:
        return True
    pending = dossier.pending(role)
    return bool(pending) or (
        not dossier.pending()
        and dossier.marks_ready() == role
        and dossier.status in ("accepted", "in_progress")
    )


def _seen(dossier: Held, role: str, received_at: str) -> AgencyDossier:
    return AgencyDossier(
        code=dossier.code,
        office=dossier.office,
        procedure_group=dossier.group,
        received_at=datetime.fromisoformat(received_at),
        status=dossier.status,  # type: ignore[arg-type]
        version=dossier.version,
        progress=dossier.progress,
        procedures=[p for p, r in dossier.plan if r == role],
        pending=dossier.pending(role),
        marks_ready=dossier.marks_ready() == role,
        declarations=dict(dossier.declarations),
    )


AgencyOf = Callable[[Request], Awaitable[AgencyIdentity]]


def request_digest(method: str, path: str, body: bytes) -> str:
    """What a key's request is compared by: the same key on another dossier or step differs."""
    return hashlib.sha256(f"{method} {path}\n".encode() + body).hexdigest()


def routes(prefix: str, store: CentralStore, clock: Callable[[], datetime]) -> list[Route]:
    """The agency endpoints under ``{prefix}/agency``, for the app's route list."""

    async def agency_of(request: Request) -> AgencyIdentity:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "agency_unauthorized")
        agency = await run_in_threadpool(store.agency_for, token.strip())
        if agency is not None:
            return agency
        if await run_in_threadpool(store.desk_for, token.strip()) is not None:
            raise ApiError(403, "agency_only")  # a desk's token: known, but not an agency's
        raise ApiError(401, "agency_unauthorized")

    async def listing(request: Request) -> Response:
        agency = await agency_of(request)
        status = request.query_params.get("status")
        if status is not None and status not in get_args(Status):
            raise ApiError(
                422,
                "invalid_request",
                detail="status: giá trị không thuộc danh sách cho phép",
            )
        after = query_int(request, "after", 0, 0, MAX_CURSOR)
        limit = query_int(request, "limit", 100, 1, MAX_AGENCY_PAGE)
        page = await run_in_threadpool(waiting, store, agency, status, after, limit)
        return Response(page.model_dump_json(), media_type="application/json")

    def action(name: str) -> Callable[[Request], Awaitable[Response]]:
        model = BODIES[name]

        async def endpoint(request: Request) -> Response:
            agency = await agency_of(request)
            key = request.headers.get("idempotency-key", "")
            if not IDEMPOTENCY_KEY.fullmatch(key):
                raise ApiError(400, "key_missing")
            body = await read_body(request, MAX_AGENCY_BYTES)
            try:
                sent = model.model_validate_json(body or b"{}")
            except ValidationError as exc:
                raise ApiError(422, "invalid_request", detail=validation_detail(exc)) from None
            code = request.path_params["code"]
            digest = request_digest("POST", request.url.path, body)
            try:
                answer = await run_in_threadpool(
                    perform, store, agency, key, digest, code, step_of(name, sent), clock()
                )
            except KeyReused:
                raise ApiError(422, "key_reused") from None
            headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
            return Response(
                answer.body, answer.status, media_type="application/json", headers=headers
            )

        return endpoint

    base = f"{prefix}/agency/dossiers"
    return [
        Route(base, listing, methods=["GET"]),
        *(Route(f"{base}/{{code}}/{name}", action(name), methods=["POST"]) for name in ACTIONS),
    ]
