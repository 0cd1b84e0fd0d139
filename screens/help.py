"""F1 on any screen: every key that works there and what it does, in Vietnamese.

The list is read from the bindings themselves at the moment F1 is pressed (the focused
field's, its containers', the screen's and the App's, as Textual would dispatch them), so a
key added to a screen, a page of the wizard or a dialog is listed with no second copy to keep
in step, and a key that does not apply here is not. Keys a screen holds back (an action
that does not apply to this dossier, or not to this officer) are listed apart with the
screen's reason when it gives one (``unavailable_reason``).

Textual's own keys carry English descriptions; the few worth knowing (Tab, the arrows in a
list) are said in Vietnamese here, the rest (editing keys inside a field) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from desk_app.safe_text import filled, plain, plain_cells
from screens.keymap import keys_in_force

TEXT = {
    "title": "Phím dùng được ở màn hình này",
    "screen": "Màn hình: {name}",
    "key": "Phím",
    "does": "Tác dụng",
    "not_now": "(chưa dùng được lúc này)",
    "unavailable": "Không dùng được ở đây",
    "close": "Esc hoặc F1: đóng · ↑↓ PgUp PgDn: cuộn",
    "no_reason": "không áp dụng ở đây",
}

HELP_BINDING = Binding(
    "f1",
    "app.help",
    "Trợ giúp",
    id="help.open",
    tooltip="Mọi phím dùng được ở màn hình này và tác dụng của chúng",
)
"""F1, first in a screen's bindings so the footer shows it first (the App's own F1 comes
after every key of the screen, and a narrow footer cuts it off)."""

TEXTUAL_ACTIONS = {
    "submit": (
        "Xác nhận",
        "Xác nhận ô đang nhập: tìm, mở, sang ô sau hoặc đăng nhập, tùy màn hình",
    ),
    "app.focus_next": ("Ô kế tiếp", "Chuyển sang ô (hoặc danh sách, nút) kế tiếp"),
    "app.focus_previous": ("Ô trước", "Trở về ô (hoặc danh sách, nút) trước"),
    "cursor_up": ("Lên", "Chọn dòng phía trên"),
    "cursor_down": ("Xuống", "Chọn dòng phía dưới"),
    "page_up": ("Trang trước", "Lên một trang"),
    "page_down": ("Trang sau", "Xuống một trang"),
    "select_cursor": ("Chọn", "Chọn dòng đang đứng"),
    "toggle_button": ("Đánh dấu", "Đánh dấu hoặc bỏ đánh dấu ô đang chọn"),
    "scroll_up": ("Cuộn lên", "Cuộn lên một dòng"),
    "scroll_down": ("Cuộn xuống", "Cuộn xuống một dòng"),
}
"""Textual's own actions worth an officer's knowing, said in Vietnamese (action → name, help)."""

KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "tab": "Tab",
    "delete": "Delete",
    "backspace": "Backspace",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "slash": "/",
    "full_stop": ".",
    "question_mark": "?",
}
MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "super": "Super"}


def key_label(key: str) -> str:
    """A key as printed on the keyboard: "ctrl+n" → "Ctrl+N", "f1" → "F1", "escape" → "Esc"."""
    *mods, last = key.split("+")
    if last in KEY_NAMES:
        name = KEY_NAMES[last]
    elif len(last) == 1 or (last[:1] == "f" and last[1:].isdigit()):
        name = last.upper()
    else:
        name = last.replace("_", " ").capitalize()
    return "+".join([*(MODIFIERS.get(m, m.capitalize()) for m in mods), name])


@dataclass(frozen=True)
class KeyLine:
    """One action and every key that does it."""

    keys: tuple[str, ...]
    name: str
    help: str
    enabled: bool = True
    ours: bool = True
    """One of the desk's keys (Textual's own navigation keys are listed after them)."""


def _described(binding: Binding) -> tuple[str, str] | None:
    """Our bindings say what they do in Vietnamese; Textual's, only the few we translate."""
    if binding.id:
        return binding.description, binding.tooltip
    return TEXTUAL_ACTIONS.get(binding.action)


SCROLLING = frozenset({"scroll_up", "scroll_down", "page_up", "page_down"})
"""Textual's scrolling actions: listed only for a container that has something to scroll."""


def _applies(node: object, action: str) -> bool:
    """Scrolling keys only where there is something to scroll (home's screen does not)."""
    if action not in SCROLLING or not isinstance(node, Widget):
        return True
    return node.allow_vertical_scroll


def key_lines(screen: Screen[object]) -> list[KeyLine]:
    """The keys that work on ``screen`` now, most specific first (the field's, then the
    screen's, then the App's), one line per action."""
    found: dict[tuple[int, str, str], KeyLine] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system:
            continue
        described = _described(binding)
        if described is None or not _applies(active.node, binding.action):
            continue
        slot = (id(active.node), binding.action, described[0])  # one action, two names: two
        line = found.get(slot)
        label = key_label(key)
        if line is None:
            found[slot] = KeyLine(
                (label,), *described, enabled=active.enabled, ours=bool(binding.id)
            )
        elif label not in line.keys:
            found[slot] = KeyLine(
                (*line.keys, label), line.name, line.help, line.enabled, line.ours
            )
    # The App's priority keys (F1, Ctrl+P, Ctrl+Q) work over a dialog too, where Textual's
    # list of the screen's keys stops at the dialog.
    for app_key in screen.app.BINDINGS:
        if not isinstance(app_key, Binding) or not app_key.priority or not app_key.id:
            continue
        if any(line.name == app_key.description for line in found.values()):
            continue
        if screen.app.check_action(app_key.action, ()) is False:
            continue
        keys = tuple(key_label(k) for k in keys_in_force(screen.app, app_key))
        found[(id(screen.app), app_key.action, app_key.description)] = KeyLine(
            keys, app_key.description, app_key.tooltip
        )
    ours = [line for line in found.values() if line.ours]
    return ours + [line for line in found.values() if not line.ours]


def unavailable_lines(screen: Screen[object]) -> list[KeyLine]:
    """The screen's own keys it holds back now, with its reason: only a screen that gives
    reasons (``unavailable_reason``) holds keys back from the officer; others (the sign-in's
    Enter, which only moves between its fields) merely route a key elsewhere."""
    reason_of = getattr(screen, "unavailable_reason", None)
    found: dict[str, KeyLine] = {}
    if reason_of is None:
        return []
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.id:
            continue
        action = binding.action.split("(")[0]
        if "." in action or screen.check_action(action, ()) is not False:
            continue
        why = reason_of(action)
        keys = tuple(key_label(k) for k in keys_in_force(screen.app, binding))
        line = found.get(action)
        found[action] = KeyLine(
            (*line.keys, *keys) if line else keys,
            binding.description,
            why or TEXT["no_reason"],
            False,
        )
    return list(found.values())


def _table(lines: list[KeyLine], *, held_back: bool = False) -> Table:
    """Key, then what it does and why, on as few lines as the width allows (``held_back``:
    the list of keys that do not apply, each with its reason)."""
    table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for line in lines:
        dim = not line.enabled and not held_back
        what = Text(line.name, style="dim" if dim else "bold")
        if dim:
            what.append(" " + TEXT["not_now"], style="dim")
        if line.help:
            what.append(" — ")
            what.append(plain(line.help, "dim" if dim else ""))
        table.add_row(*plain_cells(" / ".join(line.keys), what))
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the screen under it; Esc or F1 closes."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #help-title {
        text-style: bold;
    }
    #help-screen, #help-close {
        color: $text-muted;
    }
    #help-unavailable-title {
        margin-top: 1;
        text-style: bold;
        color: $warning;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Đóng", id="help.close", tooltip="Đóng bảng phím"),
    ]

    def __init__(self, screen_name: str, lines: list[KeyLine], unavailable: list[KeyLine]) -> None:
        super().__init__()
        self.screen_name = screen_name
        self.lines = lines
        self.unavailable = unavailable

    @classmethod
    def for_screen(cls, screen: Screen[object]) -> HelpScreen:
        """The help of ``screen`` as it stands now (its focused field, its dossier)."""
        title = screen.title or screen.app.title
        name = " — ".join(str(t) for t in (title, screen.sub_title) if t)
        return cls(str(name or ""), key_lines(screen), unavailable_lines(screen))

    def compose(self) -> ComposeResult:
        """Title, the keys, the keys held back, how to close."""
        with Vertical(id="help-box"):
            yield Static(TEXT["title"], id="help-title")
            if self.screen_name:
                yield Static(filled(TEXT["screen"], name=self.screen_name), id="help-screen")
            with VerticalScroll(id="help-body"):
                yield Static(_table(self.lines), id="help-keys")
                if self.unavailable:
                    yield Static(TEXT["unavailable"], id="help-unavailable-title")
                    yield Static(_table(self.unavailable, held_back=True), id="help-unavailable")
            yield Static(TEXT["close"], id="help-close")

    def on_mount(self) -> None:
        """Arrows scroll the list at once."""
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Back to the screen, as it was."""
        self.dismiss(None)
