"""The register book (sổ theo dõi hồ sơ, form 06 of Circular 01/2018/TT-VPCP) as rows of text.

One row per dossier received in the period, ordered by code (the office's order of reception,
desk by desk), with the columns the book has: number, code, procedure, sets, requester, address
and phone, lead agency, the five dates (received, due, sent to the agencies, results back,
returned to the citizen), the citizen's signature (left blank: signed on paper) and a note.
Every value is plain text worked out here once, so the PDF and the spreadsheet print the same
book.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desk_app import groups, presentation
from desk_app.clock import local_date
from desk_app.lifecycle import STATUS_LABELS, Status
from desk_app.reports import texts
from desk_app.reports.collector import collector_paused
from desk_app.reports.facts import DossierFacts, load_facts
from desk_app.store import Store

MAX_DAYS = 3660
"""The longest period one book covers (ten years): a mistyped year is refused, not rendered."""

QUIET = frozenset({Status.HANDED_OVER, Status.PAPERS_RETURNED})
"""Statuses that need no note: the book's dates already say what happened."""


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the book, every cell as text (blank where nothing happened yet)."""

    number: int
    code: str
    procedure: str
    sets: int
    requester: str
    contact: str
    agency: str
    received: str
    due: str
    sent: str
    decided: str
    returned: str
    note: str

    def cells(self) -> list[str]:
        """The cells in the order of :data:`texts.REGISTER_HEAD` (signature left blank)."""
        return [
            str(self.number),
            self.code,
            self.procedure,
            str(self.sets),
            self.requester,
            self.contact,
            self.agency,
            self.received,
            self.due,
            self.sent,
            self.decided,
            self.returned,
            "",
            self.note,
        ]


@dataclass(frozen=True, slots=True)
class RegisterBook:
    """The book for one period."""

    start: date
    end: date
    rows: list[RegisterRow]


def _day(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    day = local_date(moment) if isinstance(moment, datetime) else moment
    return f"{day:%d/%m/%Y}"


def _inner(declarations: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = declarations.get("declarations")
    return inner if isinstance(inner, Mapping) else declarations


def _procedure_and_agency(facts: DossierFacts) -> tuple[str, str]:
    """The procedures asked for (one per line) and the lead (first deciding) agency's name."""
    found = groups.find(facts.group)
    if found is None:
        return texts.UNKNOWN_GROUP.format(kind=facts.group), ""
    asked = found.requested(facts.declarations)
    chosen = [p for p in found.procedures if p.id in asked] or list(found.procedures)
    agencies = _inner(facts.declarations).get("agencies")
    agency = ""
    if isinstance(agencies, Mapping) and chosen:
        lead = chosen[0].id
        ref = agencies.get(found.agency_fields.get(lead, f"{lead}_agency"))
        if isinstance(ref, Mapping):
            agency = str(ref.get("name") or ref.get("code") or "")
    return "; ".join(p.label for p in chosen), agency


def _contact(facts: DossierFacts) -> str:
    requester = _inner(facts.declarations).get("requester")
    if not isinstance(requester, Mapping):
        return ""
    residence = requester.get("residence")
    where = residence.get("address") if isinstance(residence, Mapping) else None
    parts = [presentation.address(where) if where is not None else ""]
    parts.append(str(requester.get("phone") or ""))
    return "; ".join(p for p in parts if p and p != presentation.DASH)


def _note(facts: DossierFacts) -> str:
    notes = []
    if facts.origin_desk is not None:
        notes.append(texts.OTHER_DESK.format(desk=facts.origin_desk))
    if facts.status not in QUIET:
        notes.append(STATUS_LABELS[facts.status])
    return "; ".join(notes)


def register_row(number: int, facts: DossierFacts) -> RegisterRow:
    """The book's line for one dossier."""
    procedure, agency = _procedure_and_agency(facts)
    return RegisterRow(
        number=number,
        code=facts.code,
        procedure=procedure,
        sets=1,
        requester=facts.requester_name,
        contact=_contact(facts),
        agency=agency,
        received=_day(facts.received_at),
        due=_day(facts.due_day),
        sent=_day(facts.sent_at),
        decided=_day(facts.decided_at),
        returned=_day(facts.returned_at),
        note=_note(facts),
    )


@collector_paused
def register_book(store: Store, start: date, end: date) -> RegisterBook:
    """The book of the dossiers received from ``start`` to ``end`` (inclusive)."""
    facts = load_facts(store, start, end)
    return RegisterBook(start, end, [register_row(n, f) for n, f in enumerate(facts, 1)])
