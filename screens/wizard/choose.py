"""Which procedure group a new dossier belongs to, when the desk receives more than one.

With a single group registered the desk goes straight to its wizard, as it always has; with
several, this short list comes first: the groups' own titles (their data), a number key or the
arrows and Enter to pick one, Esc to go back without starting anything.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from desk_app.groups import GroupDefinition
from desk_app.safe_text import filled, plain

TEXT = {
    "title": "Tiếp nhận hồ sơ mới: chọn nhóm thủ tục",
    "option": "{n}. {title}",
    "keys": "Số hoặc ↑↓ rồi Enter: chọn · Esc: quay lại",
}


class GroupChooser(ModalScreen[GroupDefinition | None]):
    """The registered groups; the one picked is returned (None: Esc)."""

    DEFAULT_CSS = """
    GroupChooser {
        align: center middle;
    }
    #choose-box {
        width: 90;
        max-width: 95%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #choose-title {
        text-style: bold;
    }
    #choose-groups {
        height: auto;
        max-height: 12;
    }
    #choose-keys {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Quay lại", id="choose.back", tooltip="Không tạo hồ sơ mới"),
        *(
            Binding(
                str(n),
                f"pick({n - 1})",
                f"Nhóm {n}",
                show=False,
                id=f"choose.group{n}",
                tooltip=f"Chọn nhóm thủ tục thứ {n}",
            )
            for n in range(1, 10)
        ),
    ]

    def __init__(self, groups: tuple[GroupDefinition, ...]) -> None:
        super().__init__(id="group-chooser")
        self.groups = groups

    def compose(self) -> ComposeResult:
        """The title, one line per group, the keys."""
        with Vertical(id="choose-box"):
            yield Static(plain(TEXT["title"]), id="choose-title")
            yield OptionList(
                *(
                    Option(filled(TEXT["option"], n=n, title=g.title), id=g.kind)
                    for n, g in enumerate(self.groups, start=1)
                ),
                id="choose-groups",
            )
            yield Static(plain(TEXT["keys"]), id="choose-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a group starts a dossier of it."""
        self.dismiss(self.groups[event.option_index])

    def action_pick(self, index: int) -> None:
        """A number key: that group."""
        if 0 <= index < len(self.groups):
            self.dismiss(self.groups[index])

    def action_cancel(self) -> None:
        """Esc: no new dossier."""
        self.dismiss(None)
