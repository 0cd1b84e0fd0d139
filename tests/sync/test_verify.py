"""verify_requester: the wizard's three answers, and never an exception from the network."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

import pytest

from central.faults import FaultPlan
from central.guards import RateLimit
from central.population import people
from desk_app.settings import Settings
from desk_app.sync import VerificationStatus, verify_requester
from forms.text import fold
from tests.sync.conftest import (
    POPULATION,
    POPULATION_SEED,
    TOKEN_ENV,
    Central,
    for_central,
    start_central,
)

PERSON = list(people(POPULATION_SEED, 3))[2]
TONED = next(
    p for p in people(POPULATION_SEED, POPULATION) if "HÒA" in p.full_name or "THỦY" in p.full_name
)
"""Someone whose name is written "Hòa"/"Hoà" or "Thủy"/"Thuỷ" depending on the convention."""


def test_a_person_in_the_register_is_verified_in_either_tone_convention(
    central: Central, settings: Settings
) -> None:
    name = TONED.full_name.title()
    old_style = name.replace("òa", "oà").replace("ủy", "uỷ")
    assert old_style != name
    for written in (name, old_style, f"  {name.lower()} "):
        answer = verify_requester(
            for_central(settings, central.url).central,
            " ".join([TONED.personal_id[:6], TONED.personal_id[6:]]),
            written,
            TONED.date_of_birth,
            env={TOKEN_ENV: central.token},
        )
        assert answer.status is VerificationStatus.VERIFIED and answer.verified
        assert answer.message == "Đã xác thực với Cơ sở dữ liệu quốc gia về dân cư."


def test_a_wrong_name_or_date_does_not_match(central: Central, settings: Settings) -> None:
    settings = for_central(settings, central.url)
    env = {TOKEN_ENV: central.token}
    folded = fold(PERSON.full_name).upper()  # fold to search, never to identify
    assert folded != PERSON.full_name
    for name, born in (
        (folded, PERSON.date_of_birth),
        (PERSON.full_name, PERSON.date_of_birth + timedelta(days=1)),
    ):
        answer = verify_requester(settings.central, PERSON.personal_id, name, born, env=env)
        assert answer.status is VerificationStatus.NOT_MATCHING
        assert "không khớp" in answer.message


def test_offline_is_an_answer_not_an_exception(
    tmp_path: Path, central: Central, settings: Settings
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    failing = start_central(tmp_path / "failing", faults=FaultPlan(rates={"error": 1.0}))
    try:
        cases = [
            (for_central(settings, closed, timeout=0.5), {TOKEN_ENV: central.token}),
            (for_central(settings, central.url), {}),  # no token set
            (for_central(settings, central.url), {TOKEN_ENV: "wrong"}),
            (for_central(settings, failing.url), {TOKEN_ENV: failing.token}),
        ]
        for case, env in cases:
            answer = verify_requester(
                case.central, PERSON.personal_id, PERSON.full_name, PERSON.date_of_birth, env=env
            )
            assert answer.status is VerificationStatus.OFFLINE
            assert answer.message.startswith("Chưa xác thực được")
            assert "thu bản chụp giấy tờ tùy thân" in answer.message
    finally:
        failing.server.stop()
        failing.store.close()


def test_a_desk_verifying_too_fast_is_told_to_wait(tmp_path: Path, settings: Settings) -> None:
    paced = start_central(tmp_path / "paced", verify_limit=RateLimit(burst=1, every=60.0))
    try:
        settings = for_central(settings, paced.url)
        env = {TOKEN_ENV: paced.token}
        asked = (PERSON.personal_id, PERSON.full_name, PERSON.date_of_birth)
        first = verify_requester(settings.central, *asked, env=env)
        second = verify_requester(settings.central, *asked, env=env)
    finally:
        paced.server.stop()
        paced.store.close()
    assert first.status is VerificationStatus.VERIFIED
    assert second.status is VerificationStatus.RATE_LIMITED and not second.verified
    assert second.message.startswith("Bàn đã xác thực quá nhiều lần trong thời gian ngắn")
    assert "hãy chờ khoảng 60 giây rồi bấm F3 lại" in second.message


async def test_f3_says_in_vietnamese_when_central_asks_the_desk_to_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.config import load_config
    from desk_app.demo import make_demo
    from desk_app.desk import Desk
    from screens.app import DeskApp
    from tests.conftest import FIXED_NOW, signed_in
    from tests.wizard.conftest import BIRTH, NEW_DOSSIER, Counter, listening, stored_draft
    from tests.wizard.driver import Officer

    paced = start_central(tmp_path / "paced", verify_limit=RateLimit(burst=0, every=30.0))
    monkeypatch.setenv(TOKEN_ENV, paced.token)
    settings = for_central(load_config(make_demo(tmp_path / "demo"), env={}).settings, paced.url)
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    app = DeskApp.for_desk(desk)
    born = PERSON.date_of_birth.strftime("%d%m%Y")
    sex = "Nam" if PERSON.sex == "male" else "Nữ"
    chip = f"{PERSON.personal_id}||{PERSON.full_name.title()}|{born}|{sex}|Hà Nội|01012022"
    notices, edits = listening()
    try:
        async with app.run_test(
            size=(100, 32), notifications=True, message_hook=notices.hook
        ) as pilot:
            c = Counter(app, pilot, desk, Officer(pilot), notices, edits)
            await c.settle()
            await c.officer.press(NEW_DOSSIER, BIRTH, "enter", "f2")
            await c.officer.scan(chip)
            await c.settle()
            await c.officer.press("f3")
            await c.settle()
            messages = c.notices.messages
            assert any("bấm F3 lại" in m and "30 giây" in m for m in messages), messages
            assert stored_draft(c)["requester"]["verified"] is False
    finally:
        desk.close()
        paced.server.stop()
        paced.store.close()
