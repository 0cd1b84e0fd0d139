"""What goes into the store and what comes out of it, as plain frozen dataclasses.

The store does not know the declaration models: it keeps their JSON and indexes the names
and ID numbers the caller extracts, so a second procedure group needs no change here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk_app.groups import LEGACY_KIND
from desk_app.lifecycle import Status


@dataclass(frozen=True)
class NewDossier:
    """A complete dossier ready to be received."""

    declarations: Mapping[str, Any]
    requester_name: str
    subject_name: str
    search_names: Sequence[str] = ()
    id_numbers: Sequence[str] = ()
    appointment_at: datetime | None = None
    procedure_group: str = LEGACY_KIND
    files: Sequence[tuple[str, str, bool]] = ()
    """(checklist item, SHA-256 of a stored file, original sighted) for each attached file."""


@dataclass(frozen=True)
class DossierRow:
    """A stored dossier as read back."""

    id: int
    code: str
    lookup_code: str
    procedure_group: str
    status: Status
    received_at: datetime
    appointment_at: datetime | None
    updated_at: datetime
    officer: str
    desk_number: int
    requester_name: str
    subject_name: str
    declarations: dict[str, Any]
    content_hash: str
    central_id: str | None
    status_reason: str | None
    done: frozenset[str] = field(default_factory=frozenset)
    content_version: int = 1
    """1 as received; each correction adds one (older versions: ``dossier_versions``)."""
    origin_desk: int | None = None
    """The desk of this office that received it, when another one did (fetched from central)."""
    due_on: date | None = None
    """A new due date given with an apology letter (form 04), else None."""


@dataclass(frozen=True)
class Draft:
    """A dossier being entered, saved as the officer types."""

    id: int
    procedure_group: str
    officer: str
    step: str
    data: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit log."""

    id: int
    at: datetime
    officer: str
    action: str
    dossier_code: str | None
    detail: dict[str, Any]


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
"""What ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` uses,
made once: a sync round writes tens of thousands of audit events, and building the encoder
for each cost as much as encoding the event."""


_C_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)  # None outside CPython
_ENCODE = (
    _C_MAKE_ENCODER(
        None,  # no circular check: the values are JSON's own (read, or built of plain parts)
        _CANONICAL.default,
        json.encoder.encode_basestring,
        None,
        ":",
        ",",
        True,
        False,
        True,
    )
    if _C_MAKE_ENCODER is not None
    else None
)
"""The C encoder ``_CANONICAL.encode`` makes anew at every call, made once: the call's own
cost was half of encoding an audit event's detail."""


def canonical_json(value: Any) -> str:
    """Stable JSON (sorted keys, no spaces, real UTF-8) so equal content hashes equally.

    Exactly what ``_CANONICAL.encode`` writes (a test holds the two to it)."""
    if _ENCODE is None or isinstance(value, str):
        return _CANONICAL.encode(value)
    return "".join(_ENCODE(value, 0))


def content_hash(declarations: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical declarations: what central uses to tell duplicates apart."""
    return hashlib.sha256(canonical_json(declarations).encode()).hexdigest()


def iso_day(value: date) -> str:
    """Dates are stored as ISO text so SQLite compares them in order."""
    return value.isoformat()
