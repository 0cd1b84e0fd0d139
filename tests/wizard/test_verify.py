"""F3 on the requester's page: verified against the register, or offline and said so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.population import people
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from tests.conftest import FIXED_NOW, signed_in
from tests.sync.conftest import POPULATION_SEED, TOKEN_ENV, Central, for_central, start_central
from tests.wizard.conftest import BIRTH, NEW_DOSSIER, Counter, listening, stored_draft
from tests.wizard.driver import Officer

PERSON = list(people(POPULATION_SEED, 3))[2]


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Central]:
    """A central server on loopback with its population register (SQLite)."""
    running = start_central(tmp_path)
    yield running
    running.stop()


def chip_of(person) -> str:  # type: ignore[no-untyped-def]
    born = person.date_of_birth.strftime("%d%m%Y")
    sex = "Nam" if person.sex == "male" else "Nữ"
    return f"{person.personal_id}||{person.full_name.title()}|{born}|{sex}|Hà Nội|01012022"


async def verify_on_requester_page(c: Counter, payload: str) -> list[str]:
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter", "f2")
    await c.officer.scan(payload)
    await c.settle()
    await c.officer.press("f3")
    await c.settle()
    return c.notices.messages


async def test_verified_requester_needs_no_id_copy(
    tmp_path: Path, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, central.token)
    settings = for_central(load_config(make_demo(tmp_path / "demo"), env={}).settings, central.url)
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    app = DeskApp.for_desk(desk)
    notices, edits = listening()
    try:
        async with app.run_test(
            size=(100, 32), notifications=True, message_hook=notices.hook
        ) as pilot:
            c = Counter(app, pilot, desk, Officer(pilot), notices, edits)
            await c.settle()
            messages = await verify_on_requester_page(c, chip_of(PERSON))
            assert "Đã xác thực với Cơ sở dữ liệu quốc gia về dân cư." in messages
            assert stored_draft(c)["requester"]["verified"] is True
            await c.wizard.show_step("attachments")
            await c.pilot.pause()
            rows = c.wizard.query_one("#checklist")
            required = {
                str(rows.get_row_at(i)[1]): str(rows.get_row_at(i)[2])
                for i in range(rows.row_count)
            }
            identity = next(v for k, v in required.items() if k.startswith("Giấy tờ tùy thân"))
            assert identity == "không"
    finally:
        desk.close()


async def test_offline_verification_says_so_and_keeps_the_id_copy(tmp_path: Path) -> None:
    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    settings = for_central(settings, "http://127.0.0.1:9")  # nothing listens there
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)
    notices, edits = listening()
    try:
        async with app.run_test(
            size=(100, 32), notifications=True, message_hook=notices.hook
        ) as pilot:
            c = Counter(app, pilot, desk, Officer(pilot), notices, edits)
            await c.settle()
            messages = await verify_on_requester_page(c, chip_of(PERSON))
            assert any(m.startswith("Chưa xác thực được") for m in messages), messages
            assert stored_draft(c)["requester"]["verified"] is False
    finally:
        desk.close()
