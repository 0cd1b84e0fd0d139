"""What the officer does to a dossier at the counter after reception, each one audited.

Handing over the results, handing the papers of a refused dossier back, recording
supplementary documents for a "supplement requested" dossier, and cancelling at the citizen's
request. Each goes through the lifecycle (an illegal
move is refused with its Vietnamese message before anything is written), checks what the
officer entered (a refusal names the field), and writes its event with everything worth
proving later in the audit detail, in one transaction — together with the dossier event that
tells central about it (:func:`desk_app.store.dossier_events.record`): the action and the
promise to ship it commit together or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from desk_app.errors import DeskError
from desk_app.lifecycle import Event, transition
from desk_app.lookup import texts
from desk_app.lookup.detail import item_labels, originals_at_pickup
from desk_app.store import DossierRow, Store, dossier_events
from desk_app.store.queries import unknown_files
from desk_app.store.tables import Database
from forms.text import TextRejected, clean_line

_PASSPORT = re.compile(r"[A-Z0-9]{6,12}")


class ActionRefused(DeskError):
    """What the officer entered for an action cannot be accepted; ``field`` says where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def refusal(row: DossierRow, event: Event) -> str | None:
    """The lifecycle's message if ``event`` is not allowed for ``row`` now, else None.

    Screens ask before opening a dialog, so the officer is told at once that a dossier
    cannot be handed over, rather than after filling in the form.
    """
    try:
        transition(row.status, event, group=row.procedure_group, done=row.done)
    except DeskError as exc:
        return exc.message
    return None


def _line(text: str, field: str) -> str:
    try:
        return clean_line(text)
    except TextRejected as exc:
        raise ActionRefused(exc.message, field) from None


def _require_allowed(row: DossierRow, event: Event) -> None:
    transition(row.status, event, group=row.procedure_group, done=row.done)


def _apply_and_record(
    store: Store,
    db: Database,
    code: str,
    event: Event,
    data: Mapping[str, object],
    *,
    officer: str,
    at: datetime,
    reason: str | None = None,
    detail: Mapping[str, object] | None = None,
) -> None:
    """The lifecycle event (audited) and its dossier event, in the caller's transaction.

    The dossier event is written first, while the dossier still has the status the officer
    acted on: a dossier cancelled before central ever held it then ships no event (its outbox
    entry is dropped instead), exactly as :func:`dossier_events.record` decides from that status.
    """
    dossier_events.record(db, code, event.value, data, officer=officer, at=at)
    store.apply_event_within(db, code, event, officer=officer, at=at, reason=reason, detail=detail)


@dataclass(frozen=True)
class HandOver:
    """Who collected the results, with which document, and which originals were collected."""

    receiver_name: str
    receiver_id: str
    originals: Collection[str] = ()
    """Checklist item ids whose original was handed in (birth certificate) or shown."""
    note: str = ""


def _receiver_id(raw: str) -> str:
    number = "".join(raw.split()).upper()
    if not number:
        raise ActionRefused(texts.RECEIVER_ID_REQUIRED, "receiver_id")
    if number.isdigit() and len(number) in (9, 12):
        return number
    if not number.isdigit() and _PASSPORT.fullmatch(number):
        return number
    raise ActionRefused(texts.RECEIVER_ID_SHAPE.format(number=raw.strip()), "receiver_id")


def hand_over(store: Store, code: str, data: HandOver, *, officer: str, at: datetime) -> DossierRow:
    """Record the results handed to ``data.receiver_name`` (HAND_OVER, audited).

    Every original the group's checklist asks for at pick-up (``original_at_pickup``: for a
    birth dossier the birth certificate always, the authorisation letter or the identity
    document when they were required) must be ticked: the law makes handing in some originals
    a condition of receiving the result.
    """
    row = store.require(code)
    _require_allowed(row, Event.HAND_OVER)
    name = _line(data.receiver_name, "receiver_name")
    if not name:
        raise ActionRefused(texts.RECEIVER_NAME_REQUIRED, "receiver_name")
    number = _receiver_id(data.receiver_id)
    needed = originals_at_pickup(row)
    missing = [i.label for i in needed if i.id not in data.originals]
    if missing:
        raise ActionRefused(texts.ORIGINALS_MISSING.format(items="; ".join(missing)), "originals")
    collected = sorted(i.id for i in needed)
    detail = {
        "receiver": name,
        "receiver_id": number,
        "handed_at": at.isoformat(),
        "originals": collected,
        "original_labels": [i.label for i in needed],
        # The papers whose original the agency keeps (the group's data: original_handed_in),
        # by label. Entries written before this say it as "birth_certificate_original" (true
        # when the birth certificate's was handed in); the chain keeps them as written and
        # the audit register reads both.
        "originals_handed_in": [i.label for i in needed if i.original_handed_in],
    }
    if data.note.strip():
        detail["note"] = _line(data.note, "note")
    event = {"receiver": name, "receiver_id": number, "originals_taken": collected}
    with store.transaction() as db:
        _apply_and_record(
            store, db, row.code, Event.HAND_OVER, event, officer=officer, at=at, detail=detail
        )
    return store.require(row.code)


@dataclass(frozen=True)
class PapersReturned:
    """Who took the papers of a refused dossier back, with which document."""

    receiver_name: str
    receiver_id: str
    note: str = ""


def return_papers(
    store: Store, code: str, data: PapersReturned, *, officer: str, at: datetime
) -> DossierRow:
    """Record the papers of a refused dossier handed back to the citizen (RETURN_PAPERS).

    A refused dossier's originals and copies belong to the citizen, who comes back for them
    with the refusal's reason: who took them, on which document, and the reason they were
    given are kept in the audit detail, and the dossier leaves the counter's lists.
    """
    row = store.require(code)
    _require_allowed(row, Event.RETURN_PAPERS)
    name = _line(data.receiver_name, "receiver_name")
    if not name:
        raise ActionRefused(texts.RECEIVER_NAME_REQUIRED, "receiver_name")
    detail: dict[str, object] = {
        "receiver": name,
        "receiver_id": _receiver_id(data.receiver_id),
        "handed_at": at.isoformat(),
    }
    if data.note.strip():
        detail["note"] = _line(data.note, "note")
    # The refusal's reason stays on the dossier (and goes into the event): it is what the
    # citizen was told when the papers came back.
    event = {"receiver": name, "receiver_id": detail["receiver_id"]}
    with store.transaction() as db:
        _apply_and_record(
            store,
            db,
            row.code,
            Event.RETURN_PAPERS,
            event,
            officer=officer,
            at=at,
            reason=row.status_reason,
            detail=detail,
        )
    return store.require(row.code)


@dataclass(frozen=True)
class SupplementItem:
    """One checklist item received as a supplement: paper copies and/or stored files."""

    item: str
    copies: int = 0
    files: Sequence[str] = field(default_factory=tuple)
    """SHA-256 of files already kept in the attachment store."""
    original_sighted: bool = False


def receive_supplement(
    store: Store,
    code: str,
    items: Sequence[SupplementItem],
    *,
    officer: str,
    at: datetime,
    note: str = "",
) -> DossierRow:
    """Record supplementary documents (SUPPLEMENT_RECEIVED: back to "sent"), files attached.

    The event, its audit detail listing what was received, and the file links commit together.
    """
    row = store.require(code)
    _require_allowed(row, Event.SUPPLEMENT_RECEIVED)
    labels = item_labels(row.procedure_group)
    received = [i for i in items if i.copies > 0 or i.files]
    if not received:
        raise ActionRefused(texts.SUPPLEMENT_EMPTY, "items")
    for part in received:
        if part.item not in labels:
            raise ActionRefused(texts.SUPPLEMENT_UNKNOWN_ITEM.format(item=part.item), "items")
    hashes = [sha for part in received for sha in part.files]
    absent = unknown_files(store, hashes)
    if absent:
        raise ActionRefused(texts.SUPPLEMENT_UNKNOWN_FILES.format(count=len(absent)), "items")
    detail: dict[str, object] = {
        "attachments": [
            {
                "item": p.item,
                "label": labels[p.item],
                "copies": p.copies,
                "files": list(p.files),
                "original_sighted": p.original_sighted,
            }
            for p in received
        ]
    }
    if note.strip():
        detail["note"] = _line(note, "note")
    # Central gets the new scans by hash (uploaded before the event, as for a batch); paper
    # copies without a scan stay at the counter and are only in the audit detail.
    event = {
        "attachments": [{"item": p.item, "sha256": sha} for p in received for sha in p.files],
        "note": detail.get("note"),
    }
    with store.transaction() as db:
        _apply_and_record(
            store,
            db,
            row.code,
            Event.SUPPLEMENT_RECEIVED,
            event,
            officer=officer,
            at=at,
            detail=detail,
        )
        for part in received:
            for sha in part.files:
                db.execute(
                    "INSERT OR IGNORE INTO dossier_attachments "
                    "(dossier_id, item, sha256, original_sighted) VALUES (?, ?, ?, ?)",
                    [row.id, part.item, sha, int(part.original_sighted)],
                )
    return store.require(code)


def cancel(store: Store, code: str, reason: str, *, officer: str, at: datetime) -> DossierRow:
    """Cancel at the citizen's request (CANCEL, audited with the reason)."""
    row = store.require(code)
    _require_allowed(row, Event.CANCEL)
    why = _line(reason, "reason")
    if not why:
        raise ActionRefused(texts.CANCEL_REASON_REQUIRED, "reason")
    with store.transaction() as db:
        _apply_and_record(
            store,
            db,
            row.code,
            Event.CANCEL,
            {"reason": why},
            officer=officer,
            at=at,
            reason=why,
            detail={"requested_by": "citizen"},
        )
    return store.require(row.code)


NEW_APPOINTMENT_ACTION = "dossier.new_appointment"
"""The audit action of a new due date given to the citizen (with form 04's apology)."""


def new_appointment_within(
    store: Store,
    db: Database,
    row: DossierRow,
    due: date,
    reason: str,
    *,
    officer: str,
    at: datetime,
) -> bool:
    """Set ``row``'s new due date (audited, shipped as ``new_appointment``) in ``db``'s transaction.

    The caller has checked the date (a working day after the appointment) and the reason
    (form 04's rules); issuing the same apology again with the same date changes nothing and
    records nothing, so a reprinted letter does not tell central about a "new" date twice.
    Returns whether the date changed.
    """
    if row.due_on == due:
        return False
    db.execute(
        "UPDATE dossiers SET due_on = ?, updated_at = ? WHERE id = ?",
        [due.isoformat(), at.isoformat(), row.id],
    )
    detail = {"due": due.isoformat(), "reason": reason}
    previous = row.due_on.isoformat() if row.due_on is not None else None
    store.record_within(
        db,
        NEW_APPOINTMENT_ACTION,
        officer=officer,
        at=at,
        dossier_code=row.code,
        detail={**detail, "previous": previous},
    )
    dossier_events.record(db, row.code, "new_appointment", detail, officer=officer, at=at)
    return True
