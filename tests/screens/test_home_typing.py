"""Home's field: every letter is text, whether typed, scanned or pasted; commands are on keys
nobody types into a name (Ctrl+N, Ctrl+B, Ctrl+F, the F-keys).

Half the surnames of the country start with N or Đ: typed into home's field they used to open
a new dossier ("n") or the drafts ("d") instead of being searched, and a scanner's burst lost
its first letters the same way.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input

from desk_app.desk import Desk
from screens.home import HomeScreen
from screens.lookup import LookupScreen
from screens.wizard.drafts import DraftsScreen
from screens.wizard.screen import WizardScreen
from tests.lookup.conftest import receive
from tests.screens.counter import home, home_key

NAMES = {
    "nguyen": ("Nguyễn Minh Khôi", "nguyen minh khoi"),
    "dang": ("Đặng Thu Hà", "dang thu ha"),
    "đặng with diacritics": ("Đặng Thu Hà", "Đặng Thu Hà"),
}


@pytest.mark.parametrize("how", ["key by key", "one burst"])
@pytest.mark.parametrize("name", list(NAMES))
async def test_a_surname_starting_with_n_or_d_typed_into_home_finds_the_dossier(
    desk: Desk, name: str, how: str
) -> None:
    child, typed = NAMES[name]
    wanted = receive(desk, child__full_name=child).code
    receive(desk, child__full_name="Lê Thị Hoa")  # another family: must not be found
    async with home(desk) as h:
        if how == "key by key":
            await h.type(typed)
        else:
            await h.burst(typed)
        assert isinstance(h.app.screen, HomeScreen)  # no wizard, no drafts list opened
        assert h.app.screen.query_one("#scan", Input).value == typed  # not one letter lost
        await h.pilot.press("enter")
        await h.settle()
        assert isinstance(h.app.screen, LookupScreen)
        assert h.table_codes() == [wanted]


async def test_the_commands_are_on_keys_nobody_types_into_a_name(desk: Desk) -> None:
    async with home(desk) as h:
        await h.pilot.press("ctrl+n", "1")  # the birth interlink, from the chooser
        await h.settle()
        assert isinstance(h.app.screen, WizardScreen)
        await h.pilot.press("escape")  # back home, the draft kept
        await h.settle()
        assert isinstance(h.app.screen, HomeScreen)
        await h.pilot.press("ctrl+f")
        await h.settle()
        assert isinstance(h.app.screen, LookupScreen)


async def test_the_drafts_list_shows_the_drafts(desk: Desk) -> None:
    """Ctrl+B lists the drafts: the table used to be hidden by a style meant for home."""
    desk.store.drafts.save(
        None,
        data={"declarations": {"child": {"full_name": "Đoàn Bảo Ngọc"}}},
        step="child",
        officer=desk.officer,
        at=desk.clock(),
    )
    async with home(desk, size=(80, 24)) as h:
        assert "1 hồ sơ đang nhập dở chờ hoàn thành" in h.visible()  # said on home
        await h.pilot.press(home_key("app.open_drafts"))
        await h.settle()
        drafts = h.app.screen
        assert isinstance(drafts, DraftsScreen)
        table = drafts.query_one(DataTable)
        assert table.display and table.region.height > 1
        assert "ĐOÀN BẢO NGỌC" in h.visible()  # the list writes names in capitals
