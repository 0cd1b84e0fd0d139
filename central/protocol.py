"""The wire format of the sync protocol, as central validates it (see docs/sync-protocol.md).

These models are the single description of the JSON bodies: the server validates requests with
them and docs/openapi.json is generated from them (``python -m central.openapi``), so the
document cannot drift from the code. The desk side parses the same JSON independently, as any
other client would.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from forms.limits import MAX_BATCH_BYTES, MAX_FILE_BYTES, MAX_FILES_PER_DOSSIER

API_PREFIX = "/v1"
MAX_BATCH = 1000
"""Dossiers per batch central accepts; a desk's batch_size is at most this."""
MAX_BODY_BYTES = MAX_BATCH_BYTES
MAX_ATTACHMENT_BYTES = MAX_FILE_BYTES
MAX_ATTACHMENTS = MAX_FILES_PER_DOSSIER
"""The limits are the counter's (forms.limits): what a desk accepts, central accepts."""
MAX_VERIFY_BYTES = 16 * 1024
MAX_HEARTBEAT_BYTES = 1024
MAX_UPDATES_PAGE = 1000
DESK_BLOCK = 1000
"""Desk n numbers its dossiers n001–n999 each day (the desk's block of the daily sequence)."""

DOSSIER_CODE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4})$", re.ASCII)
"""``<receiving agency code>-<YYMMDD>-<NNNN>`` (Circular 01/2018/TT-VPCP): office, day, number."""
SHA256 = re.compile(r"^[0-9a-f]{64}$")
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{8,100}$")

Status = Literal[
    "accepted",
    "in_progress",
    "supplement_requested",
    "ready",
    "refused",
    "handed_over",
    "papers_returned",
    "cancelled",
]
"""Statuses central reports; the desk's lifecycle has the same names. The last three are
reached only through a desk's events (protocol v2, :mod:`central.protocol_v2`)."""
EventKind = Literal[
    "supplement_received",
    "correction",
    "cancel",
    "hand_over",
    "return_papers",
    "reprint",
    "new_appointment",
]
"""What a desk does to a dossier after saving it (POST /v1/events)."""
V1_EVENTS = frozenset({"progress", "request_supplement", "ready", "refuse", "accept"})
"""The feed events a v1 desk knows: the only ones its feed (without ``scope``) carries."""
Procedure = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
"""A procedure id of the dossier's group (the group's data lists them; central checks the
procedure against the dossier's group where it matters, not against a fixed list)."""


def canonical_json(value: Any) -> str:
    """The canonical form the content hash is taken over.

    Keys sorted at every level, no insignificant whitespace, characters as UTF-8 (not ``\\u``
    escapes): exactly what ``json.dumps(v, sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`` writes (with its encoder made once, not at every dossier).
    """
    return _CANONICAL.encode(value)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def quick_canonical(value: Any, digest: str, *, strict: bool = False) -> bytes | None:
    """orjson's canonical JSON of ``value`` (sorted keys, no spaces, UTF-8) if its SHA-256 is
    ``digest``, else None; ``strict``: None too for an integer beyond ±(2^53 − 1).

    orjson writes the canonical form in a tenth of the standard encoder's time, but may write
    a float otherwise (``1e-7`` for ``1e-07``) and refuses integers beyond 64 bits: None then
    only says orjson cannot vouch for it. Text that hashes to ``digest`` is the very text the
    desk hashed, whichever encoder wrote it.
    """
    option = orjson.OPT_SORT_KEYS | (orjson.OPT_STRICT_INTEGER if strict else 0)
    try:
        text = orjson.dumps(value, option=option)
    except orjson.JSONEncodeError:
        return None
    return text if hashlib.sha256(text).hexdigest() == digest else None


def canonical_matching(value: Any, digest: str) -> str | None:
    """The canonical JSON of ``value`` if its SHA-256 is ``digest`` (hex), else None:
    :func:`quick_canonical` first, the standard encoder when orjson cannot vouch."""
    fast = quick_canonical(value, digest)
    if fast is not None:
        return fast.decode()
    text = canonical_json(value)
    return text if hashlib.sha256(text.encode()).hexdigest() == digest else None


def content_hash(declarations: Any) -> str:
    """Lower-case hex SHA-256 of the UTF-8 canonical JSON of the declarations."""
    return hashlib.sha256(canonical_json(declarations).encode()).hexdigest()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AttachmentRef(_Model):
    """A document of the dossier, uploaded beforehand by its SHA-256."""

    item: str = Field(min_length=1, max_length=100, description="checklist item id")
    sha256: str = Field(pattern=SHA256.pattern)


class DossierIn(_Model):
    """One dossier as a desk submits it."""

    code: str = Field(description="dossier code, <agency>-<YYMMDD>-<NNNN>", max_length=40)
    content_hash: str = Field(
        pattern=SHA256.pattern, description="SHA-256 of the canonical JSON of declarations"
    )
    procedure_group: str = Field(default="birth_interlink", max_length=40)
    received_at: AwareDatetime = Field(
        description="when the counter received it (with offset); its Vietnam date is the code's"
    )
    declarations: dict[str, Any] = Field(
        description="finite numbers only (no NaN/Infinity), integers within ±(2^53 − 1)"
    )
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    lookup_digest: str | None = Field(
        default=None,
        pattern=SHA256.pattern,
        description="optional: lower-case hex SHA-256 of the UTF-8 text 'desk-lookup-v1' LF "
        "<code> LF <the receipt's secret lookup code, upper case>; never the lookup code "
        "itself, and never served back by any endpoint",
    )
    appointment_at: AwareDatetime | None = Field(
        default=None, description="optional: when the receipt says the result is due"
    )

    @field_validator("received_at")
    @classmethod
    def _in_the_codes_century(cls, value: datetime) -> datetime:
        """A code's YYMMDD is 20YY: a time outside 2000–2099 names no code's day at all."""
        if not 2000 <= value.year <= 2099:
            raise PydanticCustomError("year_range", "year outside 2000-2099")
        return value


class SubmitRequest(_Model):
    """POST /v1/batches: dossiers under one Idempotency-Key."""

    dossiers: list[DossierIn] = Field(min_length=1, max_length=MAX_BATCH)


class DossierResult(_Model):
    """Central's answer for one dossier. duplicate (same code and hash) counts as accepted."""

    code: str
    outcome: Literal["accepted", "duplicate", "rejected"]
    central_id: str | None = None
    reason_code: (
        Literal[
            "bad_code",
            "other_office",
            "other_desk",
            "date_mismatch",
            "future_date",
            "hash_mismatch",
            "conflict",
            "unknown_group",
            "missing_attachments",
        ]
        | None
    ) = None
    reason: str | None = Field(default=None, description="Vietnamese, for the officer")


class SubmitResponse(_Model):
    """Answers in the order of the request."""

    batch: str = Field(description="the Idempotency-Key")
    results: list[DossierResult]


class DossierState(_Model):
    """A dossier's state after an update: what the desk converges to."""

    status: Status
    progress: dict[Procedure, str | None] = Field(
        description="finished procedures → reference (register number, card number)"
    )
    reason: str | None = Field(default=None, description="Vietnamese, for the officer")
    due: date | None = Field(default=None, description="v2: a new appointment's date")
    content_version: int = Field(default=1, ge=1, description="v2: 1 + corrections applied")
    content_hash: str | None = Field(default=None, description="v2: of the current content")


V2_STATE_FIELDS = frozenset({"due", "content_version", "content_hash"})
"""What v2 added to :class:`DossierState`: left out of every answer a v1 desk reads."""


class Actor(_Model):
    """Who did something at a counter: the office, its desk, the officer (None: not known)."""

    office: str
    desk: int
    officer: str | None = None


class Update(_Model):
    """One change of one dossier, in feed order."""

    seq: int = Field(ge=1, description="position in the feed; the desk's cursor")
    code: str
    version: int = Field(
        ge=0, description="per-dossier, increases by 1 with each change (0: its submission)"
    )
    event: Literal[
        "submit",
        "progress",
        "request_supplement",
        "ready",
        "refuse",
        "accept",
        "supplement_received",
        "correction",
        "cancel",
        "hand_over",
        "return_papers",
        "reprint",
        "new_appointment",
    ] = Field(
        description="v1 events (agency steps), or v2: a desk's event of that kind, or `submit` "
        "(v2 office feed only): the dossier was accepted from the desk that received it"
    )
    procedure: Procedure | None = None
    at: datetime
    state: DossierState
    by: Actor | None = Field(default=None, description="v2: the desk's action; null for agencies")
    detail: dict[str, Any] | None = Field(
        default=None,
        description="v2: the event's data without declarations (correction: reason and "
        "content_version)",
    )


V1_UPDATE_EXCLUDE: dict[str, Any] = {"by": True, "detail": True, "state": set(V2_STATE_FIELDS)}
"""``model_dump(exclude=…)`` of an :class:`Update` as a v1 desk reads it: exactly v1's JSON."""


class UpdatesResponse(_Model):
    """GET /v1/updates?after=CURSOR&limit=N."""

    updates: list[Update]
    cursor: int = Field(ge=0, description="pass as `after` next time")
    more: bool = Field(description="true when another page is waiting")


class DossierView(_Model):
    """GET /v1/dossiers/{code}: central's record of one dossier of the caller's office."""

    code: str
    central_id: str
    content_hash: str
    version: int
    state: DossierState
    submitted_at: datetime


class VerifyRequest(_Model):
    """POST /v1/verify: a requester against the population register."""

    personal_id: str = Field(pattern=r"^\d{12}$")
    full_name: str = Field(min_length=1, max_length=200)
    date_of_birth: date


class VerifyResponse(_Model):
    """Only whether all three agree: the register never says which field differs."""

    result: Literal["verified", "not_matching"]


class AttachmentStored(_Model):
    """PUT /v1/attachments/{sha256}."""

    sha256: str
    size: int
    created: bool = Field(description="false when this office had already uploaded it")


class Heartbeat(_Model):
    """POST /v1/heartbeat: a desk's end of round, for the operations team's list of desks."""

    waiting: int = Field(ge=0, le=10**9, description="dossiers still waiting in the outbox")
    held: int = Field(ge=0, le=10**9, description="dossiers set aside for an officer")
    office_name: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="the receiving unit as the desk names it (desk.toml "
        "[office.agencies.receiving] name): where citizens collect results, shown on the "
        "public status page",
    )
    office_phone: str | None = Field(
        None, min_length=1, max_length=40, description="the office's phone (desk.toml [office])"
    )


class HeartbeatAck(_Model):
    """The answer to a heartbeat: when central noted it."""

    at: datetime = Field(description="central's clock")


class ErrorBody(_Model):
    """Every 4xx/5xx answer."""

    error: str = Field(description="machine-readable code")
    message: str = Field(description="Vietnamese, for the officer or the support desk")
