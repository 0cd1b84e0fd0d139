"""The monthly summary's figures: one classification per dossier, counted four ways.

The month's dossiers are those *received* in it (the office's intake); each is counted once in
exactly one outcome (:class:`~desk_app.reports.facts.Outcome`) as it stands when the report is
made, so the figures of a row always add up to its "received". Rows: the whole office, each
procedure group, each procedure (a dossier counts under every procedure it asked for, with its
own outcome: the counter hands the results of one dossier over together) and each receiving
officer. The same :class:`Summary` feeds the PDF, the spreadsheet and the supervisor's screen.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from desk_app import groups
from desk_app.reports import texts
from desk_app.reports.facts import DossierFacts, Outcome, load_facts
from desk_app.store import Store


@dataclass
class Figures:
    """The counts of one row of the summary."""

    label: str
    received: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    overdue: int = 0
    refused: int = 0
    cancelled: int = 0

    def add(self, outcome: Outcome) -> None:
        """Count one dossier received, in its outcome."""
        self.received += 1
        name = outcome.value
        setattr(self, name, getattr(self, name) + 1)

    @property
    def resolved(self) -> int:
        """Dossiers whose results are ready or handed over."""
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        """Per cent resolved on time of those resolved; None when none is resolved."""
        return None if not self.resolved else 100.0 * self.on_time / self.resolved

    def rate_text(self) -> str:
        """The on-time rate as printed ("95.0%", "—" when nothing is resolved)."""
        rate = self.rate
        return texts.NO_RATE if rate is None else texts.RATE.format(rate=rate)

    def values(self) -> tuple[int, int, int, int, int, int, int]:
        """The counts in the order of :data:`texts.COLUMNS` (the rate aside)."""
        return (
            self.received,
            self.on_time,
            self.late,
            self.pending,
            self.overdue,
            self.refused,
            self.cancelled,
        )


@dataclass
class Summary:
    """One month's report."""

    year: int
    month: int
    as_of: datetime
    total: Figures
    by_group: list[Figures] = field(default_factory=list)
    by_procedure: list[Figures] = field(default_factory=list)
    by_officer: list[Figures] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[Figures]]]:
        """(heading, rows) in the order every rendering shows them."""
        return [
            (texts.SECTION_TOTAL, [self.total]),
            (texts.SECTION_GROUP, self.by_group),
            (texts.SECTION_PROCEDURE, self.by_procedure),
            (texts.SECTION_OFFICER, self.by_officer),
        ]


def month_span(year: int, month: int) -> tuple[date, date]:
    """The first and last day of the month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _group_label(kind: str) -> str:
    found = groups.find(kind)
    return found.title if found is not None else texts.UNKNOWN_GROUP.format(kind=kind)


def _procedures(facts: DossierFacts) -> list[tuple[str, str]]:
    """(id, label) of each procedure the dossier asked for, in the group's order."""
    found = groups.find(facts.group)
    if found is None:
        return []
    asked = found.requested(facts.declarations)
    return [(p.id, p.label) for p in found.procedures if p.id in asked]


def summarise(facts: Iterable[DossierFacts], year: int, month: int, as_of: datetime) -> Summary:
    """Count ``facts`` (the month's dossiers) into a :class:`Summary`."""
    total = Figures(texts.ALL)
    by_group: dict[str, Figures] = {}
    by_procedure: dict[str, Figures] = {}
    by_officer: dict[str, Figures] = {}
    for one in facts:
        outcome = one.outcome(as_of)
        total.add(outcome)
        by_group.setdefault(one.group, Figures(_group_label(one.group))).add(outcome)
        for pid, label in _procedures(one):
            by_procedure.setdefault(pid, Figures(label)).add(outcome)
        by_officer.setdefault(one.officer, Figures(one.officer)).add(outcome)
    return Summary(
        year,
        month,
        as_of,
        total,
        sorted(by_group.values(), key=lambda f: f.label),
        list(by_procedure.values()),
        sorted(by_officer.values(), key=lambda f: f.label),
    )


def monthly_summary(store: Store, year: int, month: int, as_of: datetime) -> Summary:
    """The summary of the dossiers received in ``month`` of ``year``, as they stand at ``as_of``."""
    start, end = month_span(year, month)
    return summarise(load_facts(store, start, end), year, month, as_of)
