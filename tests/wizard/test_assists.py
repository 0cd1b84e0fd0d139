"""F3, F4, F7, F8: what they do where they apply, and a word where they do not."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from central.population import people, spelling_key
from desk_app.demo import DEMO_POPULATION, DEMO_REGISTER_PEOPLE
from screens.wizard.legacy import LegacyDialog
from tests.hostile.screen_text import shown
from tests.wizard.conftest import (
    BIRTH,
    NEW_DOSSIER,
    Counter,
    field_value,
    open_counter,
    stored_draft,
)

REPO = Path(__file__).resolve().parents[2]
DETAIL = ("requester", "residence", "address", "detail")
LEGACY = ("requester", "residence", "address", "legacy_text")


@pytest.fixture
async def told(tmp_path: Path) -> AsyncIterator[Counter]:
    """A counter whose notifications are on the screen, as the officer sees them."""
    async for opened in open_counter(tmp_path, notifications=True):
        yield opened


async def pick_lang_thuong(c: Counter) -> None:
    await c.officer.press("f4")
    assert isinstance(c.app.screen, LegacyDialog)
    for query in ("ha noi", "dong da", "lang thuong"):
        await c.officer.type(query)
        await c.officer.press("enter")


async def test_the_old_address_keeps_its_street(counter: Counter) -> None:
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    page = c.wizard.query_one("#page-requester")
    page.rows[DETAIL].editor.focus()
    await c.officer.type("Số 12 ngõ 34 phố Láng")
    await pick_lang_thuong(c)
    assert field_value(c, LEGACY) == (
        "Số 12 ngõ 34 phố Láng, Phường Láng Thượng, Quận Đống Đa, Thành phố Hà Nội"
    )
    assert field_value(c, DETAIL) == "Số 12 ngõ 34 phố Láng"
    address = stored_draft(c)["requester"]["residence"]["address"]
    assert (address["legacy_text"], address["detail"]) == (
        field_value(c, LEGACY),
        field_value(c, DETAIL),
    )


async def test_a_street_typed_as_old_text_is_kept_and_fills_the_detail(counter: Counter) -> None:
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    page = c.wizard.query_one("#page-requester")
    page.rows[LEGACY].editor.focus()
    await c.officer.type("Số 7 ngõ 15 phố Huỳnh Thúc Kháng, Quận Đống Đa")
    await pick_lang_thuong(c)
    assert field_value(c, LEGACY).startswith("Số 7 ngõ 15 phố Huỳnh Thúc Kháng, Phường Láng")
    assert field_value(c, DETAIL) == "Số 7 ngõ 15 phố Huỳnh Thúc Kháng"
    address = stored_draft(c)["requester"]["residence"]["address"]
    assert (address["legacy_text"], address["detail"]) == (
        field_value(c, LEGACY),
        field_value(c, DETAIL),
    )


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("f3", "dùng ở trang Người yêu cầu"),
        ("f4", "đưa con trỏ vào một ô của địa chỉ"),
        ("f7", "trang Đăng ký thường trú (CT01)"),
        ("f8", "trang Đăng ký thường trú (CT01)"),
    ],
)
async def test_a_key_pressed_where_it_does_not_apply_says_where_it_does(
    told: Counter, key: str, says: str
) -> None:
    c = told
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    await c.wizard.show_step("child")  # focus on the child's name: no address, no requester
    await c.settle()
    before = stored_draft(c)
    c.edits.forget()
    await c.officer.press(key)
    await c.pilot.pause()
    assert c.app.screen is c.wizard
    assert says in shown(c.wizard)
    assert list(c.edits) == [], "nothing was filled in"
    assert stored_draft(c) == before


async def test_f3_on_the_requester_page_without_the_facts_says_what_it_needs(
    told: Counter,
) -> None:
    c = told
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    await c.officer.press("f3")
    await c.pilot.pause()
    assert "Cần số định danh, họ tên và ngày sinh" in shown(c.wizard)


def test_the_demo_says_which_people_its_register_knows() -> None:
    register = {p.personal_id: p for p in people(*DEMO_POPULATION)}
    for number, name, born in DEMO_REGISTER_PEOPLE:
        person = register[number]
        assert spelling_key(person.full_name) == spelling_key(name)
        assert person.date_of_birth.strftime("%d/%m/%Y") == born
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "demo", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for number, name, born in DEMO_REGISTER_PEOPLE:
        line = next(line for line in result.stdout.splitlines() if number in line)
        assert name in line and born in line
    assert "F3" in result.stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(number in readme for number, _, _ in DEMO_REGISTER_PEOPLE)
