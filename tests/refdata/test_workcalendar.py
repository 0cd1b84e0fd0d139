"""Working days and the appointment on the receipt."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desk_app.workcalendar import TZ, WorkCalendar, appointment, statutory_times

CAL = WorkCalendar()


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_vietnam_culture_day_and_lunar_new_year_are_days_off() -> None:
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert CAL.holiday_name(date(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    tet_2027 = [date(2027, 2, d) for d in (4, 5, 8, 9, 10)]
    assert not any(CAL.is_working_day(d) for d in tet_2027)
    assert CAL.is_working_day(date(2027, 2, 11))
    assert CAL.is_working_day(date(2026, 8, 22))  # a Saturday swapped into a working day


def test_appointment_across_24_november_2026_skips_the_holiday() -> None:
    result = appointment(at(2026, 11, 23), CAL)  # Monday; Tuesday 24 is a holiday
    assert result.counting_from == date(2026, 11, 23)
    assert result.due["birth"] == date(2026, 11, 23)  # same working day
    assert result.due["residence"] == date(2026, 11, 26)
    assert result.day == date(2026, 11, 27)  # 3 working days: 25, 26, 27


def test_appointment_across_lunar_new_year_2027_skips_the_holidays() -> None:
    result = appointment(at(2027, 2, 3), CAL)  # the Wednesday before Tết
    assert result.due["insurance"] == date(2027, 2, 12)
    assert result.day == date(2027, 2, 15)  # 11, 12, 15 February


def test_received_at_15_05_on_a_friday_counts_from_monday() -> None:
    result = appointment(at(2026, 11, 27, 15, 5), CAL)
    assert result.counting_from == date(2026, 11, 30)
    assert result.due["birth"] == date(2026, 11, 30)
    assert result.day == date(2026, 12, 3)
    before_cutoff = appointment(at(2026, 11, 27, 14, 55), CAL)
    assert before_cutoff.counting_from == date(2026, 11, 27)


def test_the_appointment_is_the_latest_procedure_and_a_working_day() -> None:
    slow = appointment(at(2026, 12, 1), CAL, verification=True)
    assert slow.statutory_days == 5
    assert slow.day == max(slow.due.values()) == slow.due["residence"]
    start = datetime(2026, 11, 2, 8, 0, tzinfo=TZ)
    for hours in range(0, 24 * 120, 7):
        result = appointment(start + timedelta(hours=hours), CAL)
        assert CAL.is_working_day(result.day)
        assert result.day >= max(result.due.values())


def test_only_the_procedures_asked_for_count() -> None:
    result = appointment(at(2026, 12, 1), CAL, procedures=["birth"])
    assert set(result.due) == {"birth"}
    with pytest.raises(KeyError):
        appointment(at(2026, 12, 1), CAL, procedures=["funeral"])


def test_office_days_off_and_extra_working_days() -> None:
    office = WorkCalendar(
        extra_days_off=[date(2026, 11, 25)], extra_working_days=[date(2026, 11, 28)]
    )
    assert not office.is_working_day(date(2026, 11, 25))
    assert office.is_working_day(date(2026, 11, 28))  # a Saturday the office works
    result = appointment(at(2026, 11, 23), office)
    assert result.day == date(2026, 11, 28)  # 24 holiday, 25 off: 26, 27, 28 (a worked Saturday)
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off=[date(2026, 1, 5)], extra_working_days=[date(2026, 1, 5)])


def test_times_are_read_from_the_group_data() -> None:
    times = statutory_times("birth_interlink")
    assert (times.working_days, times.working_days_if_verification) == (3, 5)
    assert times.cutoff.hour == 15 and times.supplement_working_days == 7
    assert [p.id for p in times.procedures] == ["birth", "residence", "insurance"]


def test_naive_or_foreign_times_are_handled() -> None:
    with pytest.raises(ValueError):
        appointment(datetime(2026, 11, 27, 9, 0), CAL)
    # 08:05 UTC is 15:05 in Hà Nội: after the cut-off.
    utc = appointment(datetime(2026, 11, 27, 8, 5, tzinfo=UTC), CAL)
    assert utc.counting_from == date(2026, 11, 30)
    assert utc.received_at.tzinfo == TZ
