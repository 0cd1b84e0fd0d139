"""The desk's notion of time: always timezone-aware, always Vietnam's.

Counter rules (15:00 cut-off, the day in the dossier code, "today's dossiers") are about the
wall clock in Vietnam, whatever zone the machine is set to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

Clock = Callable[[], datetime]
"""A source of the current time; tests pass a fixed one."""


def now() -> datetime:
    """The current time in Asia/Ho_Chi_Minh."""
    return datetime.now(VN_TZ)


def local_date(moment: datetime) -> date:
    """The calendar date of ``moment`` in Vietnam."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the desk only handles timezone-aware times")
    return moment.astimezone(VN_TZ).date()
