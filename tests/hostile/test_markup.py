"""Text is data, never markup: every markup-hostile string is shown as typed, on every screen.

The strings of ``corpus/markup.json`` (``[/]``, ``[@click=app.quit]…``, ``{0}``, ``:smile:``…)
sit in every free-text field of stored dossiers, in their names, in drafts, in officers' full
names, in central's reasons, in scanner file names and in chip scans (see
:mod:`tests.hostile.markup_world`). Real pilots open every screen that shows them: each must
show the string literally, and the app must still be running (a leaked ``[/]`` crashes it, a
leaked ``[@click=app.quit]`` could end it). The strings travel in a few groups (one value
holding many strings, see the world's docstring) and each surface shares one app run, which
keeps the module quick; each string is still looked for on its own.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input

from desk_app.demo import DEMO_OFFICER
from desk_app.desk import Desk
from desk_app.officers import get
from desk_app.sync.retry import RetryPolicy
from forms.text import for_print
from screens.app import DeskApp
from screens.dialogs.hand_over import HandOverDialog
from screens.dialogs.supplement import SupplementDialog
from screens.dossier_view import DossierScreen
from screens.home import HomeScreen
from screens.lookup import LookupScreen
from screens.sign_in import SignInScreen
from screens.wizard.drafts import DraftsScreen
from screens.wizard.inbox import InboxDialog
from screens.wizard.screen import WizardScreen
from tests.hostile.markup_world import (
    NAMES,
    World,
    build,
    officer_name,
    requester_name,
    subject_name,
)
from tests.hostile.screen_text import shown
from tests.hostile.support import MARKUP_HOSTILE
from tests.notices import Notices
from tests.wizard.conftest import CHIP

THU, THU_PASSWORD, _ = DEMO_OFFICER


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """One desk holding every string everywhere, shared by the module's app runs."""
    return build(tmp_path_factory.mktemp("markup"))


@dataclass
class Counter:
    """An app over the world's desk, its pilot, and what the app told the officer."""

    app: DeskApp
    pilot: Pilot
    desk: Desk
    notices: Notices

    async def settle(self) -> None:
        for _ in range(2):
            await self.app.workers.wait_for_complete()
            await self.pilot.pause()

    async def until_told(self, seconds: float = 15.0) -> None:
        """Settle until a notification arrives, by the clock: a loaded machine needs more turns."""
        deadline = time.monotonic() + seconds
        while not self.notices.messages and time.monotonic() < deadline:
            await self.settle()
            await self.pilot.pause(0.02)

    def text(self) -> str:
        return shown(self.app.screen)

    def alive(self) -> None:
        """The app is still running: nothing crashed it, no markup action ended it."""
        assert self.app.is_running and self.app.return_code is None

    async def enter(self, selector: str, value: str) -> None:
        """Put ``value`` in a field (as a paste or a scanner burst would) and press Enter."""
        field = self.app.screen.query_one(selector, Input)
        field.focus()
        field.value = value
        await self.pilot.press("enter")
        await self.settle()


async def _counter(world: World, username: str | None) -> AsyncIterator[Counter]:
    desk = world.open()
    desk.signed_in = get(desk.store, username) if username else None
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1)  # no central here: a round gives up at once
    notices = Notices()
    try:
        async with app.run_test(
            size=(100, 32), notifications=True, message_hook=notices.hook
        ) as pilot:
            counter = Counter(app, pilot, desk, notices)
            await counter.settle()
            yield counter
    finally:
        desk.close()


@pytest.fixture
async def counter(world: World) -> AsyncIterator[Counter]:
    """The counter officer at work, on the home screen."""
    async for opened in _counter(world, THU):
        yield opened


@pytest.fixture
async def door(world: World) -> AsyncIterator[Counter]:
    """The app on its sign-in screen, nobody signed in."""
    async for opened in _counter(world, None):
        yield opened


def test_the_corpus_holds_every_shared_hostile_string(world: World) -> None:
    assert set(MARKUP_HOSTILE) <= set(world.texts)
    assert len(world.texts) == len(set(world.texts))
    assert sorted(t for g in world.groups for t in g) == sorted(world.texts)


def literally(group: list[str], seen: str) -> None:
    """Each string of ``group`` is on the screen exactly as it was typed."""
    missing = [text for text in group if text not in seen]
    assert not missing, f"not shown literally: {missing}"


async def test_officer_names_show_literally_on_home_and_on_the_lock(
    door: Counter, world: World
) -> None:
    c = door
    for i, group in enumerate(world.groups):
        if not isinstance(c.app.screen, SignInScreen):
            await c.app.push_screen(SignInScreen())  # the next officer at the desk
            await c.settle()
        c.app.screen.query_one("#username", Input).value = world.usernames[i]
        await c.enter("#password", THU_PASSWORD)
        assert isinstance(c.app.screen, HomeScreen), c.text()
        assert f"Cán bộ tiếp nhận: {officer_name(world.joined(i))}" in c.text()
        await c.pilot.press("f12")
        await c.settle()
        assert isinstance(c.app.screen, SignInScreen) and c.app.screen.unlocking
        assert f"{officer_name(world.joined(i))} ({world.usernames[i]})" in c.text()
        await c.enter("#password", THU_PASSWORD)
        assert isinstance(c.app.screen, HomeScreen)
        literally(group, c.text())
        c.alive()


async def test_a_stored_dossier_its_supplement_dialog_and_central_reason_show_literally(
    counter: Counter, world: World
) -> None:
    c = counter
    for i, group in enumerate(world.groups):
        value, code = world.joined(i), world.asked[i]
        await c.enter("#scan", code)  # the receipt's code, scanned on home
        assert isinstance(c.app.screen, DossierScreen), c.text()
        seen = c.text()
        assert f"Trẻ: {subject_name(value)} · Người yêu cầu: {requester_name(value)}" in seen
        assert f"Lý do: {value}" in seen  # central's reason
        assert f"lý do: {value}" in seen  # … in the history
        assert f"Cán bộ: {officer_name(value)}" in seen
        assert seen.count(value) >= 9 + len(NAMES)  # the long free-text fields, the names
        literally(group, seen)
        await c.pilot.press("b")
        await c.settle()
        assert isinstance(c.app.screen, SupplementDialog)
        assert f"{code} · {subject_name(value)}" in c.text()
        assert f"Yêu cầu bổ sung: {value}" in c.text()
        await c.pilot.press("escape", "escape")
        await c.settle()
        assert isinstance(c.app.screen, HomeScreen)
        c.alive()


async def test_text_typed_into_the_hand_over_dialog_shows_literally(
    counter: Counter, world: World
) -> None:
    c = counter
    for i, _group in enumerate(world.groups):
        value, code = world.joined(i), world.ready[i]
        await c.enter("#scan", code)
        await c.pilot.press("t")
        await c.settle()
        dialog = c.app.screen
        assert isinstance(dialog, HandOverDialog)
        assert f"{code} · {subject_name(value)}" in c.text()
        assert dialog.query_one("#field-receiver_name", Input).value == requester_name(value)
        number = dialog.query_one("#field-receiver_id", Input).value
        for field in ("#field-receiver_name", "#field-receiver_id", "#field-note"):
            dialog.query_one(field, Input).value = value
        for box in dialog.query(Checkbox):
            box.value = True
        await c.pilot.press("ctrl+s")  # refused: the receiver's document number is the group
        await c.settle()
        assert c.app.screen is dialog
        assert f"“{value}”" in shown(dialog)
        dialog.query_one("#field-receiver_id", Input).value = number
        await c.pilot.press("ctrl+s")
        await c.settle()
        assert isinstance(c.app.screen, DossierScreen), c.text()
        assert f"người nhận {value}," in c.text()
        assert f"ghi chú: {value}" in c.text()
        await c.pilot.press("escape")
        await c.settle()
        c.alive()


async def test_work_lists_and_typed_queries_show_literally(counter: Counter, world: World) -> None:
    c = counter
    await c.pilot.press("f2")  # received today: among them, the dossiers whose names carry them
    await c.settle()
    assert isinstance(c.app.screen, LookupScreen)
    listed = c.text()
    for i, _group in enumerate(world.groups):
        assert subject_name(world.joined(i)) in listed
        assert requester_name(world.joined(i)) in listed
    for text in world.texts:  # typed (or pasted) into the search field, one by one
        c.app.screen.query_one("#lookup-query", Input).value = text
        await c.settle()
        assert isinstance(c.app.screen, LookupScreen)
        c.alive()


async def test_drafts_the_review_page_and_scanner_files_show_literally(
    counter: Counter, world: World
) -> None:
    c = counter
    for i, group in enumerate(world.groups):
        await c.pilot.press("ctrl+b")
        await c.settle()
        drafts = c.app.screen
        assert isinstance(drafts, DraftsScreen)
        listed = c.text()
        for j in range(len(world.groups)):
            assert for_print(subject_name(world.joined(j))) in listed
        table = drafts.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(world.drafts[i])))
        await c.pilot.press("enter")
        await c.settle()
        wizard = c.app.screen
        assert isinstance(wizard, WizardScreen) and wizard.current == "review"
        review = c.text()
        assert subject_name(world.joined(i)) in review  # as it will be saved (walked from models)
        assert review.count(world.joined(i)) >= 5  # facility, home town, addresses, insurance
        literally(group, review)
        if i == 0:
            await _pick_a_scanner_file(c, world)
        await c.app.pop_screen()
        await c.settle()
        c.alive()


async def _pick_a_scanner_file(c: Counter, world: World) -> None:
    """From the review page to the checklist, F: every file name listed as it is, one picked."""
    inbox = world.settings.paths.scanner_inbox
    refused = inbox / 'ghi chú [b]x[@click=app.quit] [a="] {0}.txt'
    refused.write_text("không phải bản quét", encoding="utf-8")
    os.utime(refused, (4_000_000_000, 4_000_000_000))  # the newest: first in the list
    await c.pilot.press("enter")
    await c.settle()
    await c.pilot.press("f")
    await c.settle()
    assert isinstance(c.app.screen, InboxDialog)
    listed = c.text()
    assert refused.name in listed
    literally(list(world.files.values()), listed)
    await c.pilot.press("enter")  # picks the text file: refused, saying so
    await c.settle()
    assert isinstance(c.app.screen, WizardScreen)
    assert "Tệp" in shown(c.app.screen)
    refused.unlink()


async def test_chip_scans_are_echoed_literally_in_notifications(
    counter: Counter, world: World
) -> None:
    c = counter
    await c.pilot.press("ctrl+n", "1")  # the birth interlink, from the chooser
    await c.settle()
    assert isinstance(c.app.screen, WizardScreen)
    fields = CHIP.split("|")
    for i, group in enumerate(world.groups):
        for position in (2, 4):  # the name, the sex
            payload = "|".join(
                world.joined(i) if n == position else f for n, f in enumerate(fields)
            )
            await c.pilot.press("f2")
            await c.settle()
            await c.enter("#scan-input", payload)
            await c.until_told()  # the scan is applied through a chain of messages and workers
            assert isinstance(c.app.screen, WizardScreen)
            told = c.notices.messages
            assert any(f"«{world.joined(i)}»" in m for m in told), (position, told)
            assert f"«{world.joined(i)}»" in c.text(), position
            literally(group, c.text())
            c.app.clear_notifications()  # the next scan's notice is then the only one shown
            c.notices.forget()
        c.alive()
