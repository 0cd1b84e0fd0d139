"""Lookup beyond this desk: dossiers of the office that another counter received.

What the lookup screen and ``desk lookup`` call after the local answer: :func:`ask_central`
asks central for what the query names (a whole code that is not here; an ID number; a name),
leaving out what this desk already holds; :func:`take_from_central` fetches one dossier's whole
record and keeps it here (:func:`desk_app.store.foreign.adopt`), audited, so it opens and is
acted on like any other. Both block on the network: screens call them from thread workers.
Neither raises for the network: an unreachable central is an answer with a sentence in it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.lookup import texts
from desk_app.lookup.columns import row_cells
from desk_app.lookup.query import Query, QueryKind
from desk_app.store import DossierRow
from desk_app.store.foreign import adopt
from desk_app.store.queries import Hit
from desk_app.sync.client import SyncError
from desk_app.sync.remote import RemoteHit, fetch_record, offline_text, open_client, search

ASKED = frozenset({QueryKind.SCAN, QueryKind.CODE, QueryKind.PERSONAL_ID, QueryKind.NAME})
"""Queries central answers (fragments of codes and ID numbers are answered locally only)."""


@dataclass(frozen=True)
class CentralResult:
    """What central added to a query: other counters' dossiers, or why it could not be asked.

    ``opened`` is set when the query named one dossier (a scan, a whole code) and it was
    found and taken: the screen opens it at once, as it would a dossier of this desk.
    """

    hits: list[RemoteHit] = field(default_factory=list)
    offline: str | None = None
    opened: DossierRow | None = None


def asks_central(query: Query) -> bool:
    """Whether central is asked for this query."""
    return query.kind in ASKED


def ask_central(
    desk: Desk,
    query: Query,
    local: set[str],
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
) -> CentralResult:
    """Central's answer to ``query``, without the codes in ``local`` (already on this desk)."""
    if not asks_central(query):
        return CentralResult()
    try:
        with open_client(desk.settings, env=env, stop=stop) as client:
            if query.single:
                if query.value in local:
                    return CentralResult()
                record = fetch_record(client, query.value)
                if record is None:
                    return CentralResult()
                return CentralResult(opened=keep(desk, record))
            if query.kind is QueryKind.PERSONAL_ID:
                found = search(client, personal_id=query.value)
            else:
                found = search(client, name=" ".join(query.words))
    except SyncError as exc:
        return CentralResult(offline=offline_text(exc))
    return CentralResult(hits=[h for h in found if h.code not in local])


def take_from_central(
    desk: Desk,
    code: str,
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
) -> DossierRow:
    """Fetch ``code``'s whole record from central and keep it here; the stored dossier.

    Raises :class:`DeskError` with the officer's sentence when central cannot be asked or no
    longer has it for this office.
    """
    try:
        with open_client(desk.settings, env=env, stop=stop) as client:
            record = fetch_record(client, code)
    except SyncError as exc:
        raise DeskError(offline_text(exc)) from None
    if record is None:
        raise DeskError(texts.NOT_AT_CENTRAL.format(code=code))
    return keep(desk, record)


def keep(desk: Desk, record: Mapping[str, Any]) -> DossierRow:
    """Adopt ``record`` with the appointment the office calendar gives it, audited now."""
    return adopt(
        desk.store, record, appointment_at=_appointment(desk, record), fetched_at=desk.clock()
    )


def _appointment(desk: Desk, record: Mapping[str, Any]) -> datetime | None:
    """The due time the receipt promised, counted as reception counted it (central keeps none).

    The office's calendar is the same at every counter, so this is the receiving counter's
    appointment; None when the record cannot be read that far.
    """
    from pydantic import ValidationError

    from desk_app.dossier import Dossier
    from desk_app.reception import appointment_for

    try:
        dossier = Dossier.model_validate(record["declarations"])
        received = datetime.fromisoformat(str(record["received_at"]))
        at, _ = appointment_for(received, desk.settings, dossier.kind, dossier.procedures)
    except (ValidationError, KeyError, TypeError, ValueError, DeskError):
        return None
    return at


def remote_cells(hit: RemoteHit) -> dict[str, str]:
    """A central match's cells for a result list: where the appointment would be, which
    counter holds it ("ở quầy 2")."""
    cells = row_cells(as_hit(hit), hit.received_at.date())
    cells["due"] = texts.AT_DESK.format(desk=hit.desk or "?")
    return cells


def as_hit(hit: RemoteHit) -> Hit:
    """A central match in the shape of a local result (no id, no appointment known)."""
    return Hit(
        id=0,
        code=hit.code,
        subject_name=hit.subject_name,
        requester_name=hit.requester_name,
        received_at=hit.received_at,
        appointment_at=None,
        status=hit.status,
        status_reason=None,
    )
