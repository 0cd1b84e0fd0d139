"""When a dossier is due: the one definition every list, count, result row and view uses.

The receipt promises an appointment (``appointment_at``, a time). When the office will be late
it gives the citizen an apology letter (form 04) with a new date, recorded in ``due_on`` (also
sent by central when another counter gave it). From then on the dossier is due on that day:
it leaves "quá hạn" while the new date is ahead, is due on the day itself and is late again
after it. The receipt's appointment keeps its time; the new date is a day (the letter gives the
office's usual hour on it), so a dossier is judged by its due *day* in Vietnam.

SQL and Python say the same thing: :data:`DUE_DAY_SQL` is the expression migration 11 indexes
(with the status), so "due today" and "overdue" stay index range reads at a million dossiers;
:func:`due_day` is that expression for a row already read.
"""

from __future__ import annotations

from datetime import date, datetime

from desk_app.clock import local_date

DUE_DAY_SQL = "coalesce(d.due_on, date(d.appointment_at, '+7 hours'))"
"""The due day of the dossier ``d`` as ISO text: the new date of form 04, else the appointment's
calendar day in Vietnam (no daylight saving there, so ``+7 hours`` is exact). Written exactly
as the index of migration 11 (SQLite uses an expression index only for the same expression)."""


def due_day(appointment_at: datetime | None, due_on: date | None) -> date | None:
    """The day the result is due: the new date of form 04 when one was given, else the day of
    the receipt's appointment; None when neither is known."""
    if due_on is not None:
        return due_on
    return None if appointment_at is None else local_date(appointment_at)
