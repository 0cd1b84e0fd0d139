"""What the register book and the monthly summary know of each dossier, read in two queries.

Both documents are about the dossiers *received* in a period, whichever desk of the office
received them: the desk's own and those of other desks it holds (``origin_desk`` set), all in
the one ``dossiers`` table. The dates a dossier's status alone cannot give — when it was sent
to the deciding agencies, when central said the results were ready (or refused them), when the
citizen took the results or the papers back — come from the audit trail, where every lifecycle
event is recorded with its time (``send``, ``ready``, ``refuse``, ``hand_over``,
``return_papers``, ``cancel``). A dossier whose event is missing from this desk's trail (held
for another desk, received before the trail existed) falls back on its last update time for
the event that put it in its present status, so no resolved dossier is left without a date.

"On time" is measured against the appointment printed on the receipt, or against the new date
of an apology letter (form 04, ``due_on``) when one was given.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desk_app.clock import local_date
from desk_app.lifecycle import Status
from desk_app.store import Store
from desk_app.store.due import due_day

DATED_ACTIONS = ("send", "ready", "refuse", "hand_over", "return_papers", "cancel")
"""Audit actions (lifecycle events) whose times the register book prints."""

RESOLVED = frozenset({Status.READY, Status.HANDED_OVER})
REFUSED = frozenset({Status.REFUSED, Status.PAPERS_RETURNED})


class Outcome(StrEnum):
    """Where a dossier stands for the monthly summary (one of these, exactly)."""

    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"
    OVERDUE = "overdue"
    REFUSED = "refused"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class DossierFacts:
    """One dossier as the reports see it."""

    code: str
    group: str
    status: Status
    received_at: datetime
    appointment_at: datetime | None
    due_on: date | None
    officer: str
    requester_name: str
    declarations: dict[str, Any]
    origin_desk: int | None
    events: dict[str, datetime]
    """Audit action → when it happened (first ``send``, last of the others)."""
    updated_at: datetime
    status_reason: str | None

    def when(self, action: str, *fallback_for: Status) -> datetime | None:
        """The time of ``action``; the last update when the status is one ``action`` leads to
        and the trail has no such event (see the module's docstring)."""
        found = self.events.get(action)
        if found is None and self.status in fallback_for:
            return self.updated_at
        return found

    @property
    def sent_at(self) -> datetime | None:
        """When the dossier went to the deciding agencies (through central)."""
        return self.events.get("send")

    @property
    def resolved_at(self) -> datetime | None:
        """When the results were ready (central's answer), for a resolved dossier."""
        return self.when("ready", *RESOLVED) if self.status in RESOLVED else None

    @property
    def decided_at(self) -> datetime | None:
        """When the agencies' answer came back: results ready, or the refusal."""
        if self.status in REFUSED:
            return self.when("refuse", *REFUSED)
        return self.resolved_at

    @property
    def returned_at(self) -> datetime | None:
        """When the citizen took the results, or the papers of a refused dossier, back."""
        if self.status is Status.HANDED_OVER:
            return self.when("hand_over", Status.HANDED_OVER)
        if self.status is Status.PAPERS_RETURNED:
            return self.when("return_papers", Status.PAPERS_RETURNED)
        return None

    @property
    def due_day(self) -> date | None:
        """The day the results are due: form 04's new date, else the appointment's day."""
        return due_day(self.appointment_at, self.due_on)

    def in_time(self, moment: datetime) -> bool:
        """Whether ``moment`` is within the dossier's time (no due date: always)."""
        if self.due_on is not None:
            return local_date(moment) <= self.due_on
        return self.appointment_at is None or moment <= self.appointment_at

    def outcome(self, as_of: datetime) -> Outcome:
        """Where the dossier stands at ``as_of`` (the moment the report is made)."""
        if self.status is Status.CANCELLED:
            return Outcome.CANCELLED
        if self.status in REFUSED:
            return Outcome.REFUSED
        resolved = self.resolved_at
        if resolved is not None:
            return Outcome.ON_TIME if self.in_time(resolved) else Outcome.LATE
        return Outcome.PENDING if self.in_time(as_of) else Outcome.OVERDUE


_COLUMNS = (
    "d.code, d.procedure_group, d.status, d.received_at, d.appointment_at, d.due_on, d.officer, "
    "d.requester_name, coalesce(c.declarations, '{}'), d.origin_desk, d.updated_at, d.status_reason"
)


def load_facts(store: Store, start: date, end: date) -> list[DossierFacts]:
    """Every dossier received from ``start`` to ``end`` (local days, inclusive), by code."""
    span = (start.isoformat(), end.isoformat())
    rows = store.rows(
        f"SELECT {_COLUMNS} FROM dossiers d LEFT JOIN dossier_content c ON c.dossier_id = d.id "
        "WHERE d.received_on BETWEEN ? AND ? ORDER BY d.code",
        span,
    )
    marks = ",".join("?" * len(DATED_ACTIONS))
    events: dict[str, dict[str, datetime]] = {}
    for code, action, first, last in store.rows(
        "SELECT a.dossier_code, a.action, MIN(a.at), MAX(a.at) FROM audit a "
        "JOIN dossiers d ON d.code = a.dossier_code "
        f"WHERE d.received_on BETWEEN ? AND ? AND a.action IN ({marks}) "
        "GROUP BY a.dossier_code, a.action",
        (*span, *DATED_ACTIONS),
    ):
        at = first if action == "send" else last
        events.setdefault(code, {})[action] = datetime.fromisoformat(at)
    return [_facts(row, events.get(row[0], {})) for row in rows]


def _facts(row: tuple[Any, ...], events: dict[str, datetime]) -> DossierFacts:
    (code, group, status, received, appointment, due_on, officer, requester, body, origin,
     updated, reason) = row  # fmt: skip
    try:
        declarations = json.loads(body)
    except ValueError:
        declarations = {}
    return DossierFacts(
        code=code,
        group=group,
        status=Status(status),
        received_at=datetime.fromisoformat(received),
        appointment_at=datetime.fromisoformat(appointment) if appointment else None,
        due_on=date.fromisoformat(due_on) if due_on else None,
        officer=officer,
        requester_name=requester,
        declarations=declarations if isinstance(declarations, dict) else {},
        origin_desk=origin,
        events=events,
        updated_at=datetime.fromisoformat(updated),
        status_reason=reason,
    )
