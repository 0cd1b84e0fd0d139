"""The command palette's own commands, in Vietnamese, and none that copies data out of the desk.

Textual's built-in palette commands are "Theme", "Quit", "Keys", "Maximize" and "Screenshot",
in English. "Screenshot" writes an SVG picture of the screen (a citizen's dossier) to the
Downloads folder, with no audit: it is not offered, and the ``screenshot`` action does nothing
whoever asks for it (a keymap, or a ``[@click=app.screenshot]`` that got into markup). "Theme"
and "Keys" open lists in English, and F1 lists every key of the screen in Vietnamese
(:mod:`screens.help`): not offered either.
Quit and maximize are offered in Vietnamese. A mixin of the App, so ``screens/app.py`` stays
small.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

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


class PaletteActions:
    """Mixed into the App before ``App``: its palette commands and the actions it replaces."""

    use_command_palette: bool

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
