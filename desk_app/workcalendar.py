"""Working days and the appointment printed on the receipt.

Working days are Monday to Friday minus Viet Nam's public holidays as the ``holidays``
package knows them (Lunar New Year, Hùng Kings, 30/4, 1/5, National Day, and from 2026 Vietnam
Culture Day on 24 November), plus the weekend days the government swaps into working days.
The package learns the government's yearly decisions late and estimates Tết ahead, so the
official announcements the desk ships (data/) and those the office adds (desk.toml) come on
top of it (:mod:`desk_app.announcements`), and the office's own days off and extra working
days (desk.toml, plain dates) on top of everything. Statutory times per procedure come from
the group's data file, so a second procedure group brings its own times without code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from desk_app.announcements import Announcement, confirmed_tet_years, from_settings, shipped
from desk_app.clock import VN_TZ as TZ
from desk_app.groups import LEGACY_KIND
from desk_app.refdata import group_data

if TYPE_CHECKING:
    from holidays import HolidayBase

    from desk_app.settings import Calendar

MAX_SEARCH_DAYS = 366
"""A year without a working day means the calendar settings are wrong, not a long holiday."""


class WorkCalendar:
    """Which dates are working days at this office."""

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        announcements: Iterable[Announcement] = (),
    ) -> None:
        """Public holidays from ``holidays`` (VN), the official announcements the desk ships,
        the office's ``announcements`` (which win over the shipped ones), and the office's own
        exceptions (which win over everything)."""
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        clash = self.extra_days_off & self.extra_working_days
        if clash:
            raise ValueError(f"dates both off and working: {sorted(clash)}")
        self.announcements = (*announcements, *shipped())
        self._announced: dict[date, bool] = {}
        for announcement in reversed(self.announcements):  # the first one named wins
            self._announced.update(dict.fromkeys(announcement.days_off, False))
            self._announced.update(dict.fromkeys(announcement.working_days, True))
        self.confirmed_tet_years = confirmed_tet_years(self.announcements)
        """Years whose Lunar New Year days off an official announcement confirms."""

    @cached_property
    def _holidays(self) -> HolidayBase:
        import holidays  # ~80 ms: only when a date is first asked about

        return holidays.country_holidays("VN", language="vi")

    def is_working_day(self, day: date) -> bool:
        """Whether the office works on ``day``."""
        if day in self.extra_days_off:
            return False
        if day in self.extra_working_days:
            return True
        if day in self._announced:
            return self._announced[day]
        return bool(self._holidays.is_working_day(day))

    def holidays_between(self, first: date, last: date) -> list[date]:
        """Public holidays and announced days off from ``first`` to ``last`` (inclusive) on
        which the office does not work."""
        days = (first + timedelta(days=n) for n in range((last - first).days + 1))
        found = {d for d in days if d in self._holidays}  # membership loads the year it needs
        found |= {d for d, works in self._announced.items() if not works and first <= d <= last}
        return sorted(d for d in found if not self.is_working_day(d))

    def holiday_name(self, day: date) -> str | None:
        """The Vietnamese name of the public holiday on ``day``, if it is one."""
        name = self._holidays.get(day)  # the library types it ``str | Any``
        return name if isinstance(name, str) else None

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        """The first working day after ``day`` (or ``day`` itself when ``include``)."""
        candidate = day if include else day + timedelta(days=1)
        for _ in range(MAX_SEARCH_DAYS):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError(f"no working day within a year after {day}")

    def add_working_days(self, day: date, count: int) -> date:
        """The working day ``count`` working days after working day ``day`` (0: ``day``)."""
        if count < 0:
            raise ValueError("count must not be negative")
        result = self.next_working_day(day, include=True)
        for _ in range(count):
            result = self.next_working_day(result)
        return result


def office_calendar(calendar: Calendar) -> WorkCalendar:
    """The working days of the office whose desk.toml has this ``[calendar]``."""
    return WorkCalendar(
        calendar.extra_days_off, calendar.extra_working_days, from_settings(calendar)
    )


@dataclass(frozen=True, slots=True)
class ProcedureTime:
    """A procedure's statutory time in working days and what it waits for."""

    id: str
    working_days: int
    working_days_if_verification: int
    after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupTimes:
    """The statutory times of a procedure group (from its data file)."""

    group: str
    cutoff: time
    working_days: int
    working_days_if_verification: int
    supplement_working_days: int
    procedures: tuple[ProcedureTime, ...]
    combinations: tuple[tuple[frozenset[str], int, int], ...] = ()
    """(procedures, working days, with verification) of each ``[[combination]]`` the group's
    data states its own total for: a dossier asking for exactly those procedures takes it."""

    def total(self, verification: bool, procedures: Iterable[str] | None = None) -> int:
        """The statutory time in working days, as the receipt states it: the combination's
        when the dossier's ``procedures`` make one the data states, else the group's."""
        if procedures is not None:
            wanted = frozenset(procedures)
            for chosen, days, with_verification in self.combinations:
                if chosen == wanted:
                    return with_verification if verification else days
        return self.working_days_if_verification if verification else self.working_days


def statutory_times(group: str) -> GroupTimes:
    """The statutory times of ``group`` (KeyError for a group without a data file)."""
    data = group_data(group)
    spec = data["times"]
    combinations = tuple(
        (
            frozenset(str(p) for p in c["procedures"]),
            int(c["working_days"]),
            int(c.get("working_days_if_verification", c["working_days"])),
        )
        for c in data.get("combination", ())
        if "working_days" in c
    )
    procedures = tuple(
        ProcedureTime(
            id=p["id"],
            working_days=p["working_days"],
            working_days_if_verification=p.get("working_days_if_verification", p["working_days"]),
            after=tuple(p.get("after", ())),
        )
        for p in spec["procedure"]
    )
    seen: set[str] = set()
    for p in procedures:
        if not set(p.after) <= seen:
            raise ValueError(f"{group}: {p.id} waits for {p.after}, list those before it")
        seen.add(p.id)
    return GroupTimes(
        group=group,
        cutoff=time.fromisoformat(spec["cutoff"]),
        working_days=spec["working_days"],
        working_days_if_verification=spec.get("working_days_if_verification", spec["working_days"]),
        supplement_working_days=spec["supplement_working_days"],
        procedures=procedures,
        combinations=combinations,
    )


@dataclass(frozen=True, slots=True)
class Appointment:
    """When a dossier's results are due, and how that was counted."""

    received_at: datetime
    counting_from: date
    """The working day the statutory time counts from (the next one after the cut-off)."""
    due: dict[str, date]
    """Due date of each procedure."""
    statutory_days: int
    """The group's statutory time in working days, for the receipt."""
    day: date
    """The appointment: the latest of the procedures' and the group's due dates."""
    opening: datetime | None = None
    """Received outside office hours: the opening the statutory time counts from (else None)."""


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """When the counter receives dossiers on a working day (desk.toml ``[calendar]``).

    A dossier taken outside them (an evening, a weekend, a holiday) is legal to save, but its
    time counts from the next opening, and the officer is told so before saving.
    """

    opens: time = time(7, 30)
    closes: time = time(17, 0)

    def is_open(self, at: datetime, calendar: WorkCalendar) -> bool:
        """Whether ``at`` (timezone-aware) falls within office hours on a working day."""
        local = at.astimezone(TZ)
        return calendar.is_working_day(local.date()) and self.opens <= local.time() < self.closes

    def next_opening(self, at: datetime, calendar: WorkCalendar) -> datetime:
        """The first opening after ``at``: today's when before it on a working day."""
        local = at.astimezone(TZ)
        day = local.date()
        if not (calendar.is_working_day(day) and local.time() < self.opens):
            day = calendar.next_working_day(day)
        return datetime.combine(day, self.opens, tzinfo=TZ)


def appointment(
    received_at: datetime,
    calendar: WorkCalendar,
    group: str = LEGACY_KIND,
    *,
    verification: bool = False,
    procedures: Iterable[str] | None = None,
    hours: OfficeHours | None = None,
) -> Appointment:
    """The appointment for a dossier received at ``received_at`` (timezone-aware).

    ``procedures`` limits the count to the procedures the dossier asks for (all by default);
    ``verification`` uses the longer times that apply when facts must be verified. With the
    office's ``hours``, a dossier received outside them counts from the next opening (after
    the group's cut-off, 15:00, it already counts from the next working day).
    """
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    local = received_at.astimezone(TZ)
    times = statutory_times(group)
    day = local.date()
    start = calendar.next_working_day(day, include=True)
    if start == day and local.time() > times.cutoff:
        start = calendar.next_working_day(day)
    opening = None
    if hours is not None and not hours.is_open(local, calendar):
        opening = hours.next_opening(local, calendar)
        start = max(start, opening.date())
    wanted = set(procedures) if procedures is not None else {p.id for p in times.procedures}
    unknown = wanted - {p.id for p in times.procedures}
    if unknown:
        raise KeyError(f"{group} has no procedures {sorted(unknown)}")
    due: dict[str, date] = {}
    for p in times.procedures:  # the data lists a procedure after those it waits for
        begin = max([start, *(due[a] for a in p.after if a in due)])
        days = p.working_days_if_verification if verification else p.working_days
        due[p.id] = calendar.add_working_days(begin, days)
    due = {k: v for k, v in due.items() if k in wanted}
    total = times.total(verification, wanted)
    final = max([calendar.add_working_days(start, total), *due.values()])
    return Appointment(local, start, due, total, final, opening)
