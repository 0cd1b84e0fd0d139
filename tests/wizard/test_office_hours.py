"""Office hours (desk.toml ``[calendar] opens``/``closes``): when time counts from the next
opening, and the warning the officer gets for a dossier received outside them."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import DEMO_TOML
from desk_app.errors import ConfigError
from desk_app.reception import appointment_for, hours_warning
from desk_app.workcalendar import OfficeHours, WorkCalendar, appointment

CAL = WorkCalendar()
HOURS = OfficeHours(time(7, 30), time(17, 0))


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def test_within_hours_counts_from_today() -> None:
    counted = appointment(at(25, 10), CAL, hours=HOURS)  # Wednesday morning
    assert counted.opening is None and counted.counting_from == date(2026, 11, 25)


def test_before_opening_counts_from_todays_opening() -> None:
    counted = appointment(at(25, 6, 45), CAL, hours=HOURS)
    assert counted.opening == at(25, 7, 30)
    assert counted.counting_from == date(2026, 11, 25)


def test_a_weekend_counts_from_mondays_opening() -> None:
    counted = appointment(at(28, 9), CAL, hours=HOURS)  # Saturday
    assert counted.opening == at(30, 7, 30)
    assert counted.counting_from == date(2026, 11, 30)


def test_an_office_closing_before_the_cut_off_counts_from_the_next_day() -> None:
    """The 15:00 rule alone would count a 14:30 dossier from today; the office is closed."""
    early = OfficeHours(time(7, 0), time(14, 0))
    counted = appointment(at(25, 14, 30), CAL, hours=early)
    assert counted.counting_from == date(2026, 11, 26)
    assert appointment(at(25, 14, 30), CAL).counting_from == date(2026, 11, 25)


def test_the_warning_says_when_it_was_received_and_when_time_counts(tmp_path: Path) -> None:
    path = tmp_path / "desk.toml"
    path.write_text(DEMO_TOML, encoding="utf-8")
    settings = load_config(path, env={}).settings
    _, counted = appointment_for(at(25, 20, 7), settings, "birth_interlink")
    warning = hours_warning(counted, settings)
    assert warning is not None and warning.severity == "warning"
    assert warning.message == (
        "Giờ tiếp nhận: hồ sơ nhận lúc 20:07 thứ Tư 25/11/2026, ngoài giờ làm việc "
        "(07:30–17:00): thời hạn giải quyết tính từ 07:30 thứ Năm 26/11/2026."
    )
    _, holiday = appointment_for(at(24, 9, 30), settings, "birth_interlink")
    said = hours_warning(holiday, settings)
    assert said is not None and "ngày nghỉ lễ: Ngày Văn hóa Việt Nam" in said.message
    _, within = appointment_for(at(25, 16, 59), settings, "birth_interlink")
    assert hours_warning(within, settings) is None


def test_office_hours_are_read_from_desk_toml_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "desk.toml"
    path.write_text(
        DEMO_TOML + "\n[calendar]\nopens = 08:00:00\ncloses = 16:30:00\n", encoding="utf-8"
    )
    calendar = load_config(path, env={}).settings.calendar
    assert (calendar.opens, calendar.closes) == (time(8, 0), time(16, 30))
    path.write_text(
        DEMO_TOML + "\n[calendar]\nopens = 17:00:00\ncloses = 08:00:00\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert "opens = 17:00 phải sớm hơn giờ đóng cửa closes = 08:00" in err.value.message
