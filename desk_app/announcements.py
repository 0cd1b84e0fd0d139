"""Official announcements of days off: those the desk ships, those the office adds, and Tết.

The ``holidays`` package knows the public holidays in law, but it learns the government's
yearly decisions (a New Year swap, the Lunar New Year days off of state agencies) months
late, and for a year not yet announced it *estimates* Tết. A wrong working day moves every
appointment printed around it. So the desk ships the announcements it knows as data, each
with its source (``data/holiday_announcements.toml``), the office adds newer ones in desk.toml
(``[[calendar.announcement]]``), and :class:`desk_app.workcalendar.WorkCalendar` applies both
on top of the package. While the coming Tết has no announcement confirming it, home tells a
supervisor (:func:`supervisor_notice`), who is the one who can add it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from desk_app.clock import local_date
from desk_app.refdata import data_toml

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.settings import Calendar
    from desk_app.workcalendar import WorkCalendar

DATA_FILE: Final = "holiday_announcements.toml"

TET_NOTICE_FROM: Final = (10, 1)
"""From 1 October the coming Tết is next year's: the Ministry announces it around then
(16/10/2025 for 2026), and home starts reminding a supervisor until it is entered."""

TET_WINDOW: Final = ((1, 15), (2, 28))
"""Lunar New Year day 1 falls between 21 January and 20 February; its days off around it."""

TEXT: Final = {
    "tet_unconfirmed": (
        "Chưa có lịch nghỉ Tết Nguyên đán {year} chính thức: ngày hẹn trả kết quả quanh Tết "
        "đang tính theo ngày nghỉ ước tính ({first} – {last}). Khi Bộ Nội vụ thông báo, hãy "
        "ghi vào desk.toml mục [[calendar.announcement]] có tet = {year} và các ngày nghỉ."
    ),
    "tet_title": "Lịch nghỉ Tết chưa xác nhận",
}


@dataclass(frozen=True, slots=True)
class Announcement:
    """Days an official announcement closes or opens the offices."""

    title: str
    reference: str
    source: str
    days_off: frozenset[date]
    working_days: frozenset[date]
    tet: int | None = None
    """The year whose Lunar New Year days off this announcement confirms."""


def _announcement(entry: Mapping[str, Any]) -> Announcement:
    days_off = frozenset(entry.get("days_off") or ())
    working_days = frozenset(entry.get("working_days") or ())
    if days_off & working_days:
        raise ValueError(f"{entry.get('title')}: dates both off and working")
    return Announcement(
        title=str(entry["title"]),
        reference=str(entry.get("reference") or ""),
        source=str(entry.get("source") or ""),
        days_off=days_off,
        working_days=working_days,
        tet=entry.get("tet"),
    )


@cache
def shipped() -> tuple[Announcement, ...]:
    """The announcements the desk ships, from ``data/``."""
    return tuple(_announcement(e) for e in data_toml(DATA_FILE).get("announcement", []))


def from_settings(calendar: Calendar) -> tuple[Announcement, ...]:
    """The announcements the office added in desk.toml."""
    return tuple(_announcement(a.model_dump()) for a in calendar.announcement)


def confirmed_tet_years(announcements: Iterable[Announcement]) -> frozenset[int]:
    """Years whose Lunar New Year days off an announcement confirms."""
    return frozenset(a.tet for a in announcements if a.tet is not None)


def tet_days(calendar: WorkCalendar, year: int) -> list[date]:
    """The public holidays of Tết ``year`` as the calendar has them (estimated or confirmed)."""
    (m0, d0), (m1, d1) = TET_WINDOW
    first, last = date(year, m0, d0), date(year, m1, d1)
    return sorted(d for d in calendar.holidays_between(first, last) if d != date(year, 1, 1))


def coming_tet(calendar: WorkCalendar, today: date) -> int | None:
    """The year of the Tết the desk should know by ``today``, or None when none is near.

    In January and February it is this year's (until its last day off has passed); from
    :data:`TET_NOTICE_FROM` on, next year's.
    """
    days = tet_days(calendar, today.year)
    if days and today <= days[-1]:
        return today.year
    if (today.month, today.day) >= TET_NOTICE_FROM:
        return today.year + 1
    return None


def tet_notice(calendar: WorkCalendar, today: date) -> str | None:
    """A warning when the coming Tết has no announcement confirming its days off."""
    year = coming_tet(calendar, today)
    if year is None or year in calendar.confirmed_tet_years:
        return None
    days = tet_days(calendar, year)
    if not days:
        return None
    return TEXT["tet_unconfirmed"].format(
        year=year, first=f"{days[0]:%d/%m/%Y}", last=f"{days[-1]:%d/%m/%Y}"
    )


def supervisor_notice(desk: Desk) -> str | None:
    """What home tells a supervisor about the calendar (nothing for an officer)."""
    from desk_app.workcalendar import office_calendar

    officer = desk.signed_in
    if officer is None or not officer.is_supervisor:
        return None
    return tet_notice(office_calendar(desk.settings.calendar), local_date(desk.clock()))
