"""The home screen of `desk demo` shows counts read from the demo's own SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Digits

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.store import Store
from screens.app import DeskApp
from screens.home import HomeScreen
from tests.conftest import FIXED_NOW, sample_dossier, signed_in


def figure(app: DeskApp, tile: str) -> str:
    return app.screen.query_one(f"#{tile} Digits", Digits).value


async def test_demo_home_screen_shows_counts_from_its_database(tmp_path: Path) -> None:
    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    # Another process (here: another connection) fills the demo's SQLite file.
    other = Store.open(settings.paths.database)
    for when in (FIXED_NOW, FIXED_NOW - timedelta(days=1)):
        other.save_dossier(
            sample_dossier(),
            agency_code="000.00.01.H26",
            desk_number=1,
            officer="A",
            received_at=when,
        )
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    app = DeskApp.for_desk(desk)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert (figure(app, "count-today"), figure(app, "count-waiting")) == ("1", "2")

            other.save_dossier(
                sample_dossier(),
                agency_code="000.00.01.H26",
                desk_number=1,
                officer="A",
                received_at=FIXED_NOW,
            )
            await pilot.press("f5")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert (figure(app, "count-today"), figure(app, "count-waiting")) == ("2", "3")
            footer_keys = {b.id for _, b, *_ in app.active_bindings.values() if b.show}
            assert {"app.help", "app.quit"} <= footer_keys
    finally:
        desk.close()
        other.close()


async def test_a_desk_that_cannot_open_ends_the_app_with_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "desk.toml"
    bad.write_text("[desk]\nnumber = 0\n[printing]\npaper = 'A3'\n", encoding="utf-8")

    def open_desk() -> Desk:
        return signed_in(Desk.open(load_config(bad, env={}).settings))

    app = DeskApp(open_desk)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2
    # Printed once the terminal is restored: the same message `desk config check` gives.
    # Compared without white space: the terminal folds a long path anywhere, even mid-name.
    printed = "".join(capsys.readouterr().err.split())
    assert "".join(f"{bad}: cấu hình không hợp lệ".split()) in printed
    assert "khóaprinting.paper" in printed
