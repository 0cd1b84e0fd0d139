"""The command palette finds Vietnamese commands typed without diacritics, as every search does.

Officers type "dong bo", "in giay hen" the way they search names; Textual's fuzzy matcher
compared the letters as typed and found nothing. The palette now matches through
``forms.text.fold`` and highlights the command's own letters (the "Đ" and "ồ" of "Đồng"),
on home (the App's commands) and in a dossier (the screen's keys).
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.content import Content

from desk_app.desk import Desk
from tests.lookup.conftest import good
from tests.lookup.test_dossier_actions import open_dossier
from tests.screens.counter import Home, home


async def _search(h: Home, typed: str) -> dict[str, str]:
    """Open the palette, type ``typed`` key by key; each command found and its highlighted
    letters, best first."""
    await h.pilot.press("ctrl+p")
    await h.settle()
    assert isinstance(h.app.screen, CommandPalette)
    await h.type(typed)
    await h.settle()  # the palette searches in a worker
    found: dict[str, str] = {}
    for option in h.app.screen.query_one(CommandList).options:
        shown = option.hit.prompt  # type: ignore[attr-defined]
        assert isinstance(shown, Content)
        lit = {i for span in shown.spans for i in range(span.start, span.end)}
        found[shown.plain] = "".join(shown.plain[i] for i in sorted(lit))
    await h.pilot.press("escape")
    await h.settle()
    return found


async def test_the_apps_commands_are_found_without_diacritics(desk: Desk) -> None:
    async with home(desk) as h:
        found = await _search(h, "dong bo")
        assert list(found)[:1] == ["Đồng bộ ngay"], found
        assert found["Đồng bộ ngay"] == "Đồngbộ"  # the letters typed, as written on the command
        found = await _search(h, "ho so moi")
        assert found.get("Hồ sơ mới") == "Hồsơmới", found
        assert "Đồng bộ ngay" in await _search(h, "ĐỒNG BỘ")  # typed with its marks: still found
        assert await _search(h, "qwz") == {}


async def test_a_dossiers_keys_are_found_without_diacritics(desk: Desk) -> None:
    saved, _ = desk.receive_dossier(good())
    async with home(desk) as h:
        await open_dossier(h, saved.code)
        found = await _search(h, "in giay hen")
        assert list(found)[:1] == ["In giấy hẹn"], found
        assert found["In giấy hẹn"] == "Ingiấyhẹn"
        found = await _search(h, "sua ho so")
        assert found.get("Sửa hồ sơ") == "Sửahồsơ", found
        found = await _search(h, "hen lai")
        assert found.get("Hẹn lại (mẫu 04)") == "Hẹnlại", found
