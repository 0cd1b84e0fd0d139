"""Answering the person at the counter: find a dossier, show it, act on it.

One service for the lookup screen, the dossier view, the home screen's work lists and
``desk lookup``, so they all give the same answers. Everything here blocks on the store:
screens call it from thread workers.

:func:`open_dossier` is the single path by which anyone reads a whole dossier, so it is where
"officer X viewed dossier Y" is recorded in the audit trail: who looked at whose data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.clock import local_date
from desk_app.desk import Desk
from desk_app.errors import NotFound
from desk_app.lookup import actions as _actions
from desk_app.lookup import detail as _detail
from desk_app.lookup import history as _history
from desk_app.lookup import texts
from desk_app.lookup.actions import (
    ActionRefused,
    HandOver,
    PapersReturned,
    SupplementItem,
    refusal,
)
from desk_app.lookup.detail import DossierDetail
from desk_app.lookup.query import Query, QueryKind, classify
from desk_app.store import DossierRow, Store
from desk_app.store import queries as q
from desk_app.store.queries import DEFAULT_LIMIT, Hit, Urgency, WorkCounts, WorkList


@dataclass(frozen=True)
class LookupResult:
    """What a query found, newest first."""

    query: Query
    hits: list[Hit]
    limit: int

    @property
    def truncated(self) -> bool:
        """Whether more dossiers may match than were read."""
        return len(self.hits) >= self.limit


def find(store: Store, query: Query, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """The dossiers answering a classified query, newest first."""
    match query.kind:
        case QueryKind.SCAN | QueryKind.CODE:
            hit = q.by_code(store, query.value)
            return [hit] if hit else []
        case QueryKind.CODE_PART:
            return q.by_code_part(store, query.value, limit)
        case QueryKind.PERSONAL_ID | QueryKind.OLD_ID:
            return q.by_id_number(store, query.value, limit=limit)
        case QueryKind.ID_PART:
            return q.by_id_number(store, query.value, prefix=True, limit=limit)
        case QueryKind.NAME:
            return q.by_names(store, list(query.words), limit)
    return []


def lookup(desk: Desk, text: str, limit: int = DEFAULT_LIMIT) -> LookupResult:
    """Classify ``text`` (with this desk's receipt QR template) and answer it."""
    query = classify(text, desk.settings.receipt.qr_template)
    return LookupResult(query, find(desk.store, query, limit), limit)


def today(desk: Desk) -> date:
    """The desk's today, in Vietnam."""
    return local_date(desk.clock())


def work_list(desk: Desk, which: WorkList, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """One work list of the home screen, newest first."""
    return q.work_list(desk.store, which, today(desk), limit)


def work_counts(desk: Desk) -> WorkCounts:
    """The counts of every work list (the desk's own figures)."""
    return desk.counts()


VIEW_ACTION = "dossier.view"
"""The audit action of a whole dossier read for the signed-in officer."""


def open_dossier(desk: Desk, code: str, *, record_view: bool = True) -> DossierDetail:
    """The whole dossier ``code`` as the view shows it; :class:`NotFound` if there is none.

    The one place a whole dossier is read for a person, so the one place the view is audited
    (by the signed-in officer; nobody signed in, nothing shown). ``record_view=False`` is for
    reading it again on the same screen after an action, which is not a new look.
    """
    officer = desk.officer
    row = desk.store.get(code)
    if row is None:
        raise NotFound(texts.NOT_FOUND.format(code=code))
    if record_view:
        desk.store.record(VIEW_ACTION, officer=officer, at=desk.clock(), dossier_code=row.code)
    hit = q.by_code(desk.store, row.code)
    # A refusal of this desk's action is shown from its event, with who did it first and when.
    from desk_app.store.event_outbox import EVENT_REFUSED

    events = [
        e for e in desk.store.audit_events(row.code) if e.action not in (VIEW_ACTION, EVENT_REFUSED)
    ]
    return DossierDetail(
        row=row,
        urgency=hit.urgency(today(desk)) if hit else None,
        procedures=_detail.procedures(row, q.progress(desk.store, row.id)),
        timeline=_history.merged(
            _detail.timeline(events, row.procedure_group),
            _history.entries(_history.read(desk.store, row.id), row.procedure_group),
        ),
        attachments=_detail.attachments(row, q.files(desk.store, row.id), events),
        sections=_detail.sections(row),
        originals=_detail.originals_at_pickup(row),
    )


# --- actions: this desk's officer, now ---------------------------------------------------------


def hand_over(desk: Desk, code: str, data: HandOver) -> DossierRow:
    """Record the results of ``code`` handed over now by this desk's officer."""
    return _actions.hand_over(desk.store, code, data, officer=desk.officer, at=desk.clock())


def return_papers(desk: Desk, code: str, data: PapersReturned) -> DossierRow:
    """Record the papers of the refused dossier ``code`` handed back now by this officer."""
    return _actions.return_papers(desk.store, code, data, officer=desk.officer, at=desk.clock())


def receive_supplement(
    desk: Desk, code: str, items: list[SupplementItem], note: str = ""
) -> DossierRow:
    """Record supplementary documents received now for ``code``."""
    return _actions.receive_supplement(
        desk.store, code, items, officer=desk.officer, at=desk.clock(), note=note
    )


def cancel_refusal(desk: Desk) -> str | None:
    """Why the signed-in officer may not cancel dossiers (a supervisor's task), or None."""
    from desk_app.officers import NotAllowed
    from desk_app.officers.texts import WHAT_CANCEL

    try:
        desk.require_supervisor(WHAT_CANCEL)
    except NotAllowed as refused:
        return refused.message
    return None


def cancel(desk: Desk, code: str, reason: str) -> DossierRow:
    """Cancel ``code`` now at the citizen's request: only a supervisor may."""
    from desk_app.officers.texts import WHAT_CANCEL

    officer = desk.require_supervisor(WHAT_CANCEL)
    return _actions.cancel(desk.store, code, reason, officer=officer.full_name, at=desk.clock())


REPRINT_ACTION = "receipt.reprint"
"""The audit action of a receipt printed again at the counter."""


def record_reprint(desk: Desk, code: str) -> None:
    """Audit that the officer printed the receipt of ``code`` again (before it prints).

    The printing itself is the App's (it renders from the saved dossier in its own worker);
    what must be provable later is who asked for a second receipt of which dossier, and when.
    The reprint is also a dossier event (same transaction), shipped to central like any action.
    """
    from desk_app.store import dossier_events

    row = desk.store.require(code)
    at = desk.clock()
    with desk.store.transaction() as db:
        desk.store.record_within(
            db,
            REPRINT_ACTION,
            officer=desk.officer,
            at=at,
            dossier_code=row.code,
            detail={"copies": desk.settings.receipt.copies, "status": row.status.value},
        )
        # Central keeps which version of the receipt the citizen holds (protocol v2 `reprint`).
        dossier_events.record(
            db,
            row.code,
            "reprint",
            {"content_version": row.content_version},
            officer=desk.officer,
            at=at,
        )


__all__ = [
    "ActionRefused",
    "DossierDetail",
    "HandOver",
    "Hit",
    "LookupResult",
    "PapersReturned",
    "Query",
    "QueryKind",
    "SupplementItem",
    "Urgency",
    "WorkCounts",
    "WorkList",
    "cancel",
    "cancel_refusal",
    "classify",
    "find",
    "hand_over",
    "lookup",
    "open_dossier",
    "receive_supplement",
    "record_reprint",
    "refusal",
    "return_papers",
    "today",
    "work_counts",
    "work_list",
]
