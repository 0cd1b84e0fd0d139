"""Themes: the officer's choice, remembered per account, and a high-contrast theme.

Counters keep old monitors a long time, and some officers read them with weak eyes. The
high-contrast theme is pure black, white and yellow (errors a light red, success a bright
green, both above 7:1 on black): no grey text, no shaded panels. Its colours cover what the
desk's CSS draws; what widgets draw themselves (a "dim" hint, a Rich colour in a status) is
checked line by line by :class:`ContrastFilter`, which turns any text below WCAG's 7:1
("AAA") into white on a dark background or black on a light one. So every screen stays
readable in it, including screens added later.

The choice is made from the command palette (Ctrl+P, "Giao diện: …"), takes effect at once,
and is stored for the signed-in officer (:mod:`desk_app.officers.preferences`); it comes back
at their next sign-in, on any process of this desk (a terminal or `desk serve`). A mixin of
the App, so ``screens/app.py`` stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.app import SystemCommand
from textual.color import Color
from textual.filter import LineFilter
from textual.message import Message
from textual.theme import Theme

if TYPE_CHECKING:
    from desk_app.desk import Desk

DEFAULT_THEME = "textual-dark"
"""The theme before anyone signs in, and for an officer who never chose one."""
HIGH_CONTRAST_THEME = "desk-high-contrast"

THEME_TEXT = {
    "command": "Giao diện: {label}",
    "current": "Giao diện: {label} (đang dùng)",
    "help": "Đổi màu màn hình; bàn nhớ lựa chọn này cho tài khoản của bạn",
    "title": "Giao diện",
    "chosen": "Đã đổi giao diện: {label}. Lần đăng nhập sau vẫn giữ.",
}
"""What the theme commands say."""

THEME_LABELS = {
    DEFAULT_THEME: "Tối (mặc định)",
    "textual-light": "Sáng",
    HIGH_CONTRAST_THEME: "Tương phản cao (đen, trắng, vàng)",
}
"""The themes an officer may choose, in the order the palette lists them."""

BLACK, WHITE, YELLOW = "#000000", "#FFFFFF", "#FFFF00"

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary=YELLOW,
    secondary=WHITE,
    accent=YELLOW,
    warning=YELLOW,
    error="#FF8080",
    success="#00FF00",
    foreground=WHITE,
    background=BLACK,
    surface=BLACK,
    panel=BLACK,
    boost=BLACK,
    dark=True,
    luminosity_spread=0.0,  # no lighter or darker shades: those are the greys to avoid
    text_alpha=1.0,
    variables={
        "text": "auto 100%",
        "text-muted": "auto 100%",
        "text-disabled": "auto 100%",
        "foreground-muted": WHITE,
        "foreground-disabled": WHITE,
        "primary-muted": BLACK,
        "secondary-muted": BLACK,
        "accent-muted": BLACK,
        "warning-muted": BLACK,
        "error-muted": BLACK,
        "success-muted": BLACK,
        "border": YELLOW,
        "border-blurred": WHITE,
        "surface-active": BLACK,
        "block-cursor-foreground": BLACK,
        "block-cursor-background": YELLOW,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": BLACK,
        "block-cursor-blurred-background": WHITE,
        "block-hover-background": BLACK,
        "input-cursor-foreground": BLACK,
        "input-cursor-background": WHITE,
        "input-selection-foreground": BLACK,
        "input-selection-background": YELLOW,
        "footer-foreground": WHITE,
        "footer-background": BLACK,
        "footer-key-foreground": YELLOW,
        "footer-description-foreground": WHITE,
        "scrollbar": WHITE,
        "scrollbar-hover": YELLOW,
        "scrollbar-active": YELLOW,
        "scrollbar-background": BLACK,
        "scrollbar-background-hover": BLACK,
        "scrollbar-background-active": BLACK,
        "button-color-foreground": BLACK,
        "link-color": YELLOW,
        "link-color-hover": YELLOW,
    },
)
"""The theme for old monitors and weak eyes."""

MIN_CONTRAST = 7.0
"""WCAG 2's "AAA" contrast ratio for text: what the high-contrast theme guarantees."""


def _luminance(color: RichColor) -> float:
    """WCAG relative luminance of a colour with an RGB value."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = color.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(foreground: RichColor, background: RichColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _grey(color: RichColor) -> bool:
    """A grey (neither black nor white): what old monitors wash out first."""
    red, green, blue = color.get_truecolor()
    return max(red, green, blue) - min(red, green, blue) < 24 and 16 < max(red, green, blue) < 240


@lru_cache(4096)
def _readable(style: Style, background: RichColor) -> Style:
    """``style`` with no dim, and white or black text where its colour is grey or too faint
    (text with no colour of its own is the theme's white)."""
    behind = style.bgcolor if style.bgcolor is not None and style.bgcolor.triplet else background
    white, black = RichColor.parse(WHITE), RichColor.parse(BLACK)
    color = style.color if style.color is not None and style.color.triplet else white
    changed = style + Style(dim=False) if style.dim else style
    if behind.triplet is None:
        return changed
    if contrast(color, behind) >= MIN_CONTRAST and not _grey(color):
        return changed
    best = white if contrast(white, behind) >= contrast(black, behind) else black
    return changed + Style(color=best)


class ContrastFilter(LineFilter):
    """Every piece of text at least 7:1 against what is behind it, and never dim."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """Fix the segments that are too faint; leave the rest as they are."""
        behind = background.rich_color
        return [
            Segment(segment.text, _readable(segment.style, behind), segment.control)
            if segment.style is not None and not segment.control
            else segment
            for segment in segments
        ]


class ThemeRestored(Message):
    """The signed-in officer's stored theme, read by a worker (None: never chosen)."""

    def __init__(self, theme: str | None) -> None:
        super().__init__()
        self.theme = theme


class ThemeActions:
    """Mixed into the App before ``App``: the themes, the officer's choice, the filter."""

    desk: Desk | None
    _contrast_filter = ContrastFilter()

    def register_desk_themes(self) -> None:
        """Make the high-contrast theme available (at start, before any screen)."""
        app: Any = self
        app.register_theme(HIGH_CONTRAST)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, and the contrast guard while the high-contrast theme is on."""
        app: Any = self
        filters = list(super().get_line_filters())  # type: ignore[misc]
        if app.theme == HIGH_CONTRAST_THEME:
            filters.append(self._contrast_filter)
        return filters

    def theme_commands(self) -> Iterable[SystemCommand]:
        """One palette command per theme, the current one marked."""
        app: Any = self
        for name, label in THEME_LABELS.items():
            title = THEME_TEXT["current" if app.theme == name else "command"].format(label=label)
            yield SystemCommand(title, THEME_TEXT["help"], partial(self.choose_theme, name))

    def choose_theme(self, name: str) -> None:
        """Use ``name`` now and remember it for the signed-in officer."""
        app: Any = self
        app.theme = name
        app.notify(
            THEME_TEXT["chosen"].format(label=THEME_LABELS[name]),
            title=THEME_TEXT["title"],
            markup=False,
        )
        if self.desk is not None and self.desk.signed_in is not None:
            self._remember_theme(self.desk, name)

    @work(thread=True, exit_on_error=False, group="theme")
    def _remember_theme(self, desk: Desk, name: str) -> None:
        desk.remember_theme(name)

    @work(thread=True, exit_on_error=False, group="theme")
    def restore_officer_theme(self, desk: Desk) -> None:
        """Read the signed-in officer's theme (after signing in); the App applies it."""
        app: Any = self
        app.post_message(ThemeRestored(desk.officer_theme()))

    def on_theme_restored(self, message: ThemeRestored) -> None:
        """Apply the officer's theme (the default one if theirs is unknown here)."""
        app: Any = self
        theme = message.theme if message.theme in THEME_LABELS else DEFAULT_THEME
        app.theme = theme
