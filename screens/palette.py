"""The command palette's own commands, in Vietnamese, and none that copies data out of the desk.

Textual's built-in palette commands are "Theme", "Quit", "Keys", "Maximize" and "Screenshot",
in English. "Screenshot" writes an SVG picture of the screen (a citizen's dossier) to the
Downloads folder, with no audit: it is not offered, and the ``screenshot`` action does nothing
whoever asks for it (a keymap, or a ``[@click=app.screenshot]`` that got into markup). "Theme"
and "Keys" open lists in English, and F1 lists every key of the screen in Vietnamese
(:mod:`screens.help`): not offered either.
Quit and maximize are offered in Vietnamese. A mixin of the App, so ``screens/app.py`` stays
small.

Officers type without diacritics ("dong bo", "tra ket qua") as they do in every search of the
desk; Textual's fuzzy :class:`~textual.fuzzy.Matcher` compares letters as typed, so "dong bo"
found nothing in "Đồng bộ ngay". :class:`FoldingMatcher` scores the folded name against the
folded query (:func:`forms.text.fold`, the desk's one fold) and highlights the name's own
letters at the folded match's places; every provider of the palette uses it (:class:`Folding`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.style import Style
from textual.system_commands import SystemCommandsProvider

from forms.text import fold

PALETTE_TEXT = {
    "placeholder": "Tìm thao tác theo tên…",
    "palette": "Lệnh",
    "palette_help": "Mở bảng lệnh: tìm mọi thao tác của màn hình này theo tên",
    "quit": "Thoát",
    "quit_help": "Đóng chương trình (mọi thứ đã nhập đều đã được lưu)",
    "maximize": "Phóng to",
    "maximize_help": "Phóng to ô đang chọn ra cả màn hình",
    "minimize": "Thu nhỏ",
    "minimize_help": "Trả ô đang phóng to về kích thước cũ",
    "how_to_quit": "Ctrl+C không thoát chương trình; nhấn Ctrl+Q để thoát.",
}
"""What the command palette itself says."""

PALETTE_BINDING = Binding(
    "ctrl+p",
    "command_palette",
    PALETTE_TEXT["palette"],
    show=False,
    priority=True,
    id="app.palette",
    tooltip=PALETTE_TEXT["palette_help"],
)
"""Ctrl+P, described in Vietnamese (Textual would add its own, "palette", otherwise)."""


@lru_cache(maxsize=512)
def _folded(name: str) -> tuple[str, str, tuple[int, ...]]:
    """``name`` in NFC, folded, and for each folded character the NFC character it came from.

    Folded one character at a time, so a highlight lands on the right letter even where folding
    changes a length (a character that lower-cases to two).
    """
    text = unicodedata.normalize("NFC", name)
    pieces: list[str] = []
    owner: list[int] = []
    for index, char in enumerate(text):
        piece = fold(char)
        pieces.append(piece)
        owner.extend([index] * len(piece))
    return text, "".join(pieces), tuple(owner)


class FoldingMatcher(Matcher):
    """Textual's fuzzy matcher over folded text: "in giay hen" finds "In giấy hẹn"."""

    def __init__(self, query: str, *, match_style: Style | None = None) -> None:
        super().__init__(fold(query), match_style=match_style, case_sensitive=False)
        self._typed = unicodedata.normalize("NFC", query).strip().casefold()

    def match(self, candidate: str) -> float:
        """How well the folded query matches the folded ``candidate`` (0: not at all).

        Folding makes more names match ("cao" finds "Báo cáo" beside "Tương phản cao"), so
        among them a name holding what was typed with its very marks ranks first, then one
        that starts with it: Enter takes the command meant, not the one a provider sent first.
        """
        text, folded, _ = _folded(candidate)
        score = self.fuzzy_search.match(self.query, folded)[0]
        if not score:
            return 0.0
        bonus = 1.0
        if self._typed and self._typed in text.casefold():
            bonus += 0.5
        if folded.startswith(self.query):
            bonus += 0.25
        return score * bonus

    def highlight(self, candidate: str) -> Content:
        """``candidate`` as plain content (never markup), its matched letters highlighted."""
        text, folded, owner = _folded(candidate)
        content = Content(text)
        score, offsets = self.fuzzy_search.match(self.query, folded)
        if not score:
            return content
        for index in sorted({owner[offset] for offset in offsets}):
            if not text[index].isspace():
                content = content.stylize(self.match_style, index, index + 1)
        return content


class Folding(Provider):
    """A palette provider whose matching ignores diacritics and case (:class:`FoldingMatcher`)."""

    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        """The folding matcher for what was typed (case never matters once folded)."""
        return FoldingMatcher(user_input, match_style=self.match_style)


class FoldingSystemCommands(Folding, SystemCommandsProvider):
    """The App's commands (:meth:`DeskApp.get_system_commands`), matched without diacritics."""


class PaletteActions:
    """Mixed into the App before ``App``: its palette commands and the actions it replaces."""

    use_command_palette: bool
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {FoldingSystemCommands}
    """The App's palette provider, replacing Textual's (same commands, folded matching)."""

    def palette_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Maximize (or minimize) the focused widget, and quit: Textual's useful ones."""
        if screen.maximized is not None:
            yield SystemCommand(
                PALETTE_TEXT["minimize"], PALETTE_TEXT["minimize_help"], screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                PALETTE_TEXT["maximize"], PALETTE_TEXT["maximize_help"], screen.action_maximize
            )
        yield SystemCommand(
            PALETTE_TEXT["quit"],
            PALETTE_TEXT["quit_help"],
            self.action_quit,  # type: ignore[attr-defined]
        )

    def action_command_palette(self) -> None:
        """Open the command palette, its search field prompting in Vietnamese."""
        from textual.command import CommandPalette

        app: Any = self
        if self.use_command_palette and not CommandPalette.is_open(app):
            app.push_screen(
                CommandPalette(placeholder=PALETTE_TEXT["placeholder"], id="--command-palette")
            )

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Refused: a screenshot is a copy of citizens' data outside the desk, never audited."""

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (it copies in a field): say which key does, in Vietnamese."""
        self.notify(  # type: ignore[attr-defined]
            PALETTE_TEXT["how_to_quit"], title=PALETTE_TEXT["quit"], markup=False
        )
