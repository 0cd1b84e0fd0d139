"""At counter 2, by keys: a name finds counter 1's dossier at central; Enter takes and opens it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import DataTable, Static

from desk_app.lifecycle import Status
from screens.app import DeskApp
from screens.dossier_view import DossierScreen
from screens.lookup import LookupScreen
from tests.lookup.conftest import receive
from tests.notices import Notices
from tests.office.conftest import FAST, TOKEN_ENV, Office


def shown(app: DeskApp, selector: str) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(app.screen.query_one(selector, Static).content)
    return console.export_text()


async def test_a_name_finds_another_counters_dossier_and_enter_opens_it(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = office.two.on()
    monkeypatch.setenv(TOKEN_ENV, office.two.token)
    app = DeskApp.for_desk(two)
    app.sync_policy = FAST
    notices = Notices()
    async with app.run_test(size=(100, 32), notifications=True, message_hook=notices.hook) as pilot:

        async def settle() -> None:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()  # counter 2's first round has run: it holds nothing yet
        # Counter 1 receives a dossier after that round: only central knows it.
        saved = receive(office.one.on(), child__full_name="Lê Hoàng Yến")
        assert office.one.sync().ok
        assert two.store.get(saved.code) is None

        await pilot.press("ctrl+f", *"le hoang yen")
        await settle()
        assert isinstance(app.screen, LookupScreen)
        assert [str(k.value) for k in app.screen.query_one(DataTable).rows] == []
        assert "Enter: tìm cả ở quầy khác" in shown(app, "#lookup-summary")

        await pilot.press("enter")  # nothing here: ask central
        await settle()
        table = app.screen.query_one(DataTable)
        assert [str(k.value) for k in table.rows] == [saved.code]
        assert "ở quầy 1" in [str(c) for c in table.get_row_at(0)]
        assert "1 hồ sơ ở quầy khác" in shown(app, "#lookup-summary")

        await pilot.press("enter")  # the only row: taken from central and opened
        await settle()
        screen = app.screen
        assert isinstance(screen, DossierScreen) and screen.detail is not None
        assert screen.detail.row.code == saved.code
        assert screen.detail.row.origin_desk == 1
        assert screen.detail.row.status is Status.ACCEPTED
        assert "Hồ sơ do quầy 1 tiếp nhận, lấy từ hệ thống trung tâm" in shown(app, "#dossier-head")
        assert f"{saved.code}: đã lấy hồ sơ của quầy 1 từ hệ thống trung tâm." in notices.messages
        assert two.store.require(saved.code).origin_desk == 1


async def test_a_name_typed_on_home_and_entered_is_asked_of_central_at_once(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home's Enter already said "search": the lookup asks central without a second Enter."""
    two = office.two.on()
    monkeypatch.setenv(TOKEN_ENV, office.two.token)
    app = DeskApp.for_desk(two)
    app.sync_policy = FAST
    async with app.run_test(size=(100, 32)) as pilot:

        async def settle() -> None:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()
        saved = receive(office.one.on(), child__full_name="Lê Hoàng Yến")
        assert office.one.sync().ok

        await pilot.press(*"le hoang yen", "enter")  # typed on home, Enter there
        await settle()
        assert isinstance(app.screen, LookupScreen)
        table = app.screen.query_one(DataTable)
        assert [str(k.value) for k in table.rows] == [saved.code]
        assert "1 hồ sơ ở quầy khác" in shown(app, "#lookup-summary")
