"""Official holiday announcements: shipped as data, added in desk.toml; an unconfirmed Tết."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import holidays
import pytest

from desk_app.announcements import shipped, tet_notice
from desk_app.config import ConfigError, load_config
from desk_app.demo import DEMO_SUPERVISOR, DEMO_TOML, make_demo
from desk_app.desk import Desk
from desk_app.workcalendar import TZ, WorkCalendar, appointment, office_calendar
from screens.app import DeskApp
from screens.home import HomeScreen
from tests.conftest import FIXED_NOW, signed_in
from tests.hostile.screen_text import shown

TET_2027 = """
[[calendar.announcement]]
title = "Nghỉ Tết Âm lịch Đinh Mùi 2027"
reference = "Thông báo của Bộ Nội vụ"
tet = 2027
days_off = [2027-02-04, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11]
"""


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = make_demo(tmp_path / "demo")
    path.write_text(DEMO_TOML + "\n[calendar]\n" + extra, encoding="utf-8")
    return path


def test_the_2026_new_year_swap_counts_though_the_holidays_package_lags() -> None:
    package = holidays.country_holidays("VN", language="vi")
    assert package.is_working_day(date(2026, 1, 2))  # the package does not know the swap yet
    calendar = WorkCalendar()
    assert not calendar.is_working_day(date(2026, 1, 2))  # Friday off
    assert calendar.is_working_day(date(2026, 1, 10))  # Saturday worked instead
    # Received on 31 Dec 2025: 1 Jan is a holiday, 2 Jan off, so 5, 6, 7 January.
    due = appointment(datetime(2025, 12, 31, 9, 0, tzinfo=TZ), calendar)
    assert due.day == date(2026, 1, 7)
    saturday = appointment(datetime(2026, 1, 10, 9, 0, tzinfo=TZ), calendar)
    assert saturday.counting_from == date(2026, 1, 10)


def test_every_shipped_announcement_says_where_it_comes_from() -> None:
    announcements = shipped()
    assert {a.tet for a in announcements} >= {2026}
    for announcement in announcements:
        assert announcement.title and announcement.reference
        assert announcement.source.startswith("https://")
        assert announcement.days_off or announcement.working_days


def test_the_office_adds_an_announcement_in_desk_toml_and_it_wins(tmp_path: Path) -> None:
    extra = TET_2027 + (
        '\n[[calendar.announcement]]\ntitle = "Làm việc bình thường"\nworking_days = [2026-01-02]\n'
    )
    settings = load_config(_config(tmp_path, extra), env={}).settings
    calendar = office_calendar(settings.calendar)
    assert 2027 in calendar.confirmed_tet_years
    assert not calendar.is_working_day(date(2027, 2, 11))  # beyond the package's estimate
    assert calendar.is_working_day(date(2026, 1, 2))  # the office's word over the shipped one
    assert tet_notice(calendar, date(2026, 11, 24)) is None


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (
            '[[calendar.announcement]]\ntitle = "Tết"\ntet = 2027\ndays_off = [2026-05-04]\n',
            "không có ngày nào của năm 2027",
        ),
        (
            '[[calendar.announcement]]\ntitle = "Hoán đổi"\n'
            "days_off = [2026-05-04]\nworking_days = [2026-05-04]\n",
            "vừa là ngày nghỉ vừa là ngày làm việc",
        ),
    ],
)
def test_a_wrong_announcement_in_desk_toml_is_one_vietnamese_message(
    tmp_path: Path, extra: str, says: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, extra), env={})
    assert says in caught.value.message
    assert "calendar.announcement" in caught.value.message


def test_a_supervisor_is_told_while_the_coming_tet_is_only_an_estimate() -> None:
    calendar = WorkCalendar()
    notice = tet_notice(calendar, date(2026, 11, 24))
    assert notice is not None
    assert "Tết Nguyên đán 2027" in notice and "04/02/2027 – 10/02/2027" in notice
    assert "[[calendar.announcement]]" in notice and "tet = 2027" in notice
    assert tet_notice(calendar, date(2026, 2, 2)) is None  # Tết 2026 is confirmed
    assert tet_notice(calendar, date(2026, 6, 1)) is None  # too early to know 2027's
    assert tet_notice(calendar, date(2027, 1, 20)) is not None


async def _home_text(tmp_path: Path, username: str, extra: str = "") -> str:
    settings = load_config(_config(tmp_path, extra), env={}).settings
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW), username)
    app = DeskApp.for_desk(desk)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            return shown(app.screen)
    finally:
        desk.close()


async def test_home_warns_a_supervisor_of_an_unconfirmed_tet(tmp_path: Path) -> None:
    text = await _home_text(tmp_path / "a", DEMO_SUPERVISOR[0])
    assert "Chưa có lịch nghỉ Tết Nguyên đán 2027 chính thức" in text
    confirmed = await _home_text(tmp_path / "b", DEMO_SUPERVISOR[0], TET_2027)
    assert "Tết Nguyên đán" not in confirmed
    officer = await _home_text(tmp_path / "c", "thu")
    assert "Tết Nguyên đán" not in officer  # the counter officer cannot change desk.toml
