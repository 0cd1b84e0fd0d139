"""The app on the demo desk, signed in, on home: what the screen tests of this folder drive."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable

from desk_app.desk import Desk
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from tests.notices import Notices

KEY_NAMES = {" ": "space", "/": "slash", ".": "full_stop", "-": "minus"}


def home_key(action: str) -> str:
    """The key home binds to ``action`` (tests follow home's keys, whatever they are)."""
    from textual.binding import Binding

    from screens.home import HomeScreen

    for binding in HomeScreen.BINDINGS:
        if isinstance(binding, Binding) and binding.action == action:
            return binding.key.split(",")[0]
    raise LookupError(action)


@dataclass
class Home:
    """An app, its pilot, its desk, and what the app told the officer."""

    app: DeskApp
    pilot: Pilot
    desk: Desk
    notices: Notices = field(default_factory=Notices)

    async def settle(self) -> None:
        """Let workers finish and messages be handled (twice: a worker may start another)."""
        for _ in range(2):
            await self.app.workers.wait_for_complete()
            await self.pilot.pause()

    async def type(self, text: str) -> None:
        """Key by key, each handled before the next is sent (a person typing)."""
        for char in text:
            await self.pilot.press(KEY_NAMES.get(char, char))

    async def burst(self, text: str) -> None:
        """Every key queued at once, before the first is handled (a scanner, a paste)."""
        for char in text:
            self.app.post_message(events.Key(KEY_NAMES.get(char, char), char))
        await self.settle()

    def visible(self) -> str:
        """Everything on the terminal now, as plain text."""
        svg = self.app.export_screenshot()
        text = html.unescape(re.sub(r"<[^>]+>", "", svg))
        return text.replace("\xa0", " ")

    def table_codes(self) -> list[str]:
        """The dossier codes of the current screen's list, in order."""
        table = self.app.screen.query_one(DataTable)
        return [str(key.value) for key in table.rows]


@asynccontextmanager
async def home(desk: Desk, size: tuple[int, int] = (100, 32)) -> AsyncIterator[Home]:
    """The app over ``desk`` (an officer signed in), on home, settled; no central to reach."""
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1)
    notices = Notices()
    async with app.run_test(size=size, notifications=True, message_hook=notices.hook) as pilot:
        opened = Home(app, pilot, desk, notices)
        await opened.settle()
        yield opened
