"""Protocol v2's wire format: events, a dossier's full record, office-wide search.

Kept apart from :mod:`central.protocol` (the v1 models, which a v1 desk still reads unchanged)
so that each file stays short; both feed docs/openapi.json. An event's ``data`` is told apart
by its ``kind`` and refuses keys it does not know, so a desk's typo is a ``422`` naming where,
never an event central half-understands.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Union

from pydantic import AwareDatetime, Field, field_validator
from pydantic_core import PydanticCustomError

from central.protocol import (
    MAX_ATTACHMENTS,
    SHA256,
    Actor,
    AttachmentRef,
    DossierView,
    Procedure,
    Status,
    _Model,
)

MAX_EVENTS = 1000
"""Events per POST /v1/events."""
EVENT_ID = r"^[0-9a-f]{32}$"
MAX_SEARCH = 50

Text = Annotated[str, Field(min_length=1, max_length=500)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class SupplementReceived(_Model):
    """The papers a supplement request asked for, brought to the counter (scans uploaded first)."""

    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)
    note: str | None = Field(default=None, max_length=500)


class Correction(_Model):
    """A new content version: the whole declarations (as in a batch), their hash, the reason."""

    declarations: dict[str, Any]
    content_hash: str = Field(pattern=SHA256.pattern)
    reason: Text


class Cancel(_Model):
    """The citizen withdraws the dossier (or the office cancels it)."""

    reason: Text


class HandOver(_Model):
    """The result handed to the citizen: who received it, which originals they took back."""

    receiver: Name
    receiver_id: str | None = Field(default=None, max_length=40)
    originals_taken: list[Annotated[str, Field(max_length=100)]] = Field(
        default_factory=list, max_length=MAX_ATTACHMENTS
    )


class ReturnPapers(_Model):
    """A refused dossier's papers handed back to the citizen."""

    receiver: Name
    receiver_id: str | None = Field(default=None, max_length=40)


class Reprint(_Model):
    """The receipt printed again, of this content version."""

    content_version: int = Field(ge=1)


class NewAppointment(_Model):
    """An apology letter (form 04) with a new date for the result."""

    due: date
    reason: Text


class _Event(_Model):
    id: str = Field(pattern=EVENT_ID, description="uuid4().hex, chosen by the desk once")
    code: str = Field(max_length=40)
    at: AwareDatetime = Field(description="when the officer acted (with offset)")
    officer: Name

    @field_validator("at")
    @classmethod
    def _plausible(cls, value: datetime) -> datetime:
        if not 2000 <= value.year <= 2099:
            raise PydanticCustomError("year_range", "year outside 2000-2099")
        return value


class SupplementReceivedEvent(_Event):
    kind: Literal["supplement_received"]
    data: SupplementReceived


class CorrectionEvent(_Event):
    kind: Literal["correction"]
    data: Correction


class CancelEvent(_Event):
    kind: Literal["cancel"]
    data: Cancel


class HandOverEvent(_Event):
    kind: Literal["hand_over"]
    data: HandOver


class ReturnPapersEvent(_Event):
    kind: Literal["return_papers"]
    data: ReturnPapers


class ReprintEvent(_Event):
    kind: Literal["reprint"]
    data: Reprint


class NewAppointmentEvent(_Event):
    kind: Literal["new_appointment"]
    data: NewAppointment


EventIn = Annotated[
    Union[  # noqa: UP007 (a discriminated union reads best spelled out)
        SupplementReceivedEvent,
        CorrectionEvent,
        CancelEvent,
        HandOverEvent,
        ReturnPapersEvent,
        ReprintEvent,
        NewAppointmentEvent,
    ],
    Field(discriminator="kind"),
]


class EventsRequest(_Model):
    """POST /v1/events: a desk's actions, applied in this order, under one Idempotency-Key."""

    events: list[EventIn] = Field(min_length=1, max_length=MAX_EVENTS)


ReasonCode = Literal[
    "unknown_dossier", "state", "locked", "hash_mismatch", "missing_attachments", "invalid"
]


class DoneBy(_Model):
    """The event that moved a dossier into the status that refuses another one."""

    desk: int
    officer: str
    at: datetime
    kind: str


class EventResult(_Model):
    """Central's answer to one event."""

    id: str
    code: str
    outcome: Literal["applied", "duplicate", "refused"]
    version: int = Field(
        ge=0, description="the dossier's version after the event (refused: its current; 0: none)"
    )
    reason_code: ReasonCode | None = None
    reason: str | None = Field(default=None, description="Vietnamese, for the officer")
    by: DoneBy | None = None


class EventsResponse(_Model):
    """One result per event, in request order."""

    batch: str = Field(description="the Idempotency-Key")
    results: list[EventResult]


class VersionView(_Model):
    """One content version of a dossier (1 = as submitted)."""

    content_version: int = Field(ge=1)
    content_hash: str
    at: datetime
    by: Actor | None = None
    reason: str | None = None
    declarations: dict[str, Any]


class TimelineEntry(_Model):
    """One thing that happened to a dossier, oldest first (the submission is version 0)."""

    version: int = Field(ge=0)
    event: str
    at: datetime
    by: Actor | None = None
    procedure: Procedure | None = None
    reason: str | None = None
    detail: dict[str, Any] | None = None


class DossierFull(DossierView):
    """GET /v1/dossiers/{code}?full=1: the record, every content version and the timeline."""

    procedure_group: str
    received_at: datetime
    desk_number: int = Field(description="the desk that received it")
    declarations: dict[str, Any] = Field(description="the current content version")
    content_version: int = Field(ge=1)
    attachments: list[AttachmentRef]
    versions: list[VersionView]
    timeline: list[TimelineEntry]


class SearchHit(_Model):
    """One dossier found by GET /v1/dossiers?personal_id=…|name=…."""

    code: str
    procedure_group: str
    received_at: datetime
    status: Status
    subject_name: str
    requester_name: str


class SearchResponse(_Model):
    """Dossiers of the caller's office, newest first."""

    dossiers: list[SearchHit]


MODELS = (EventsRequest, EventsResponse, DossierFull, SearchResponse)
"""What docs/openapi.json describes of protocol v2."""
