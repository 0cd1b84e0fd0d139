"""A demo desk with the app open on its home screen, driven by key presses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from screens.app import DeskApp
from screens.wizard.editors import Edited
from screens.wizard.form import FormPane
from screens.wizard.screen import WizardScreen
from tests.conftest import FIXED_NOW, signed_in
from tests.notices import Caught, Notices
from tests.wizard.driver import Officer


def home_key(action: str) -> str:
    """The key the home screen binds to ``action``, so these tests follow the home's keys."""
    from textual.binding import Binding

    from screens.home import HomeScreen

    for binding in HomeScreen.BINDINGS:
        if isinstance(binding, Binding) and binding.action == action:
            return binding.key.split(",")[0]
    raise LookupError(action)


NEW_DOSSIER = home_key("app.new_dossier")
BIRTH = "1"
"""The chooser's key for the birth interlink: with several groups, the new-dossier key asks
which one, and the birth interlink is listed first."""
DRAFTS = home_key("app.open_drafts")

# A chip ID card QR as the scanner types it: a woman with her pre-2025 permanent address.
CHIP = (
    "001194012345|123456789|Nguyễn Thị Lan|12031994|Nữ|"
    "Số 12 ngõ 34 phố Láng, Phường Láng Thượng, Quận Đống Đa, Hà Nội|15062021"
)


@dataclass
class Counter:
    """An app on a demo desk, its pilot, and an officer pressing keys."""

    app: DeskApp
    pilot: Pilot
    desk: Desk
    officer: Officer
    notices: Notices = field(default_factory=Notices)
    """What the app told the officer (caught when ``run_test`` had :func:`listening`'s hook)."""
    edits: Caught[Edited] = field(default_factory=lambda: Caught(Edited))
    """What the editors posted as the officer chose (caught the same way)."""

    @property
    def wizard(self) -> WizardScreen:
        screen = self.app.screen
        assert isinstance(screen, WizardScreen), screen
        return screen

    async def settle(self) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()


def listening() -> tuple[Notices, Caught[Edited]]:
    """A counter's notifications and edits, caught through one hook: ``notices.hook``."""
    edits = Caught(Edited)
    return Notices(then=edits.hook), edits


def stored_draft(c: Counter) -> dict[str, Any]:
    """The declarations of the desk's one draft, as the drafts screen would reopen it.

    The wizard writes its draft at once on Enter, on a page change and after an assist (and
    after a short pause in typing), so after such a key this is what a crash would leave.
    """
    [draft] = c.desk.store.drafts.list()
    declarations: dict[str, Any] = draft.data["declarations"]
    return declarations


def chosen(c: Counter, path: tuple[str | int, ...]) -> list[Any]:
    """The values the editor of the field at ``path`` posted (``Edited``), oldest first."""
    return [edit.value for edit in c.edits if edit.path == path]


def field_value(c: Counter, path: tuple[str | int, ...]) -> Any:
    """What the field at ``path`` shows the officer: its editor's text, or whether its box
    is ticked (on the page it belongs to, shown or built ahead)."""
    for pane in c.wizard.query(FormPane):
        if path in pane.rows:
            editor: Any = pane.rows[path].editor  # a text editor or a tick box
            return editor.value
    raise LookupError(f"no field {path} on the pages built so far")


async def open_counter(
    tmp_path: Path,
    size: tuple[int, int] = (100, 32),
    *,
    now: datetime = FIXED_NOW,
    notifications: bool = False,
) -> AsyncIterator[Counter]:
    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    desk = signed_in(Desk.open(settings, clock=lambda: now))
    app = DeskApp.for_desk(desk)
    notices, edits = listening()
    try:
        async with app.run_test(
            size=size, notifications=notifications, message_hook=notices.hook
        ) as pilot:
            counter = Counter(app, pilot, desk, Officer(pilot), notices, edits)
            await counter.settle()
            yield counter
    finally:
        desk.close()


@pytest.fixture
async def counter(tmp_path: Path) -> AsyncIterator[Counter]:
    async for opened in open_counter(tmp_path):
        yield opened


async def scan_requester(c: Counter, relation_query: str) -> None:
    """From the requester's page: scan the chip card, choose the relation, type the phone."""
    await c.officer.press("f2")
    await c.officer.scan(CHIP)
    await c.settle()
    await c.officer.type(relation_query)
    await c.officer.press("enter")
    await c.officer.fill("0912345678")


async def child(c: Counter) -> None:
    """The child's page, as in the reference dossier."""
    await c.officer.fill("Trần Minh An")
    await c.officer.fill("15112026")
    await c.officer.type("nam")
    await c.officer.press("enter")
    await c.officer.fill("Bệnh viện Phụ sản Hà Nội")
    await c.officer.fill("Số 929 đường La Thành")
    await c.officer.fill("Xã Đông Hội, huyện Đông Anh, Hà Nội")  # home town (quê quán)
    await c.officer.fill("1234/GCS")


async def receive_papers(c: Counter, *, but: str | None = None) -> None:
    """On the attachments page: Space on each required paper not received yet (but ``but``)."""
    from textual.widgets import DataTable

    from screens.wizard.attachments import AttachmentsPane

    pane = c.wizard.query_one(AttachmentsPane)
    for item in [i for i in pane.missing() if i.id != but]:
        pane.query_one(DataTable).move_cursor(row=pane.items.index(item))
        await c.officer.press("space")


async def save(c: Counter) -> None:
    """From the attachments page: Enter to the delivery page, Enter for the confirmation of
    what will be saved, F10 there to save."""
    await c.officer.press("enter", "enter", "f10")
    await c.settle()
