"""The review page: everything that will be saved, walked from the declaration models.

The same walk as the lookup view's (:func:`desk_app.lookup.detail.declaration_sections`): every
field the draft holds, ID numbers, phone, email and the verification result included, labelled
by the models' own titles and option ids shown by their labels, so a field added to a model
shows here with no edit. A number key jumps back to each part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from desk_app.dossier import Dossier
from desk_app.drafting import parents_of, prepared
from desk_app.lookup.detail import declaration_sections
from desk_app.presentation import as_saved
from desk_app.safe_text import filled, plain
from forms.errors import describe
from screens.wizard.texts_pages import TEXT

if TYPE_CHECKING:
    from screens.wizard.screen import WizardScreen

SECTIONS = {
    "1": "agencies",
    "2": "requester",
    "3": "child",
    "4": "parents",
    "5": "residence",
    "6": "insurance",
    "7": "delivery",
}
"""The key that jumps back to each part (the two parents share one)."""

PART_NAMES = {
    "agencies": "cơ quan thực hiện",
    "requester": "người yêu cầu",
    "child": "người được khai sinh",
    "parents": "cha, mẹ",
    "residence": "đăng ký thường trú (CT01)",
    "insurance": "thẻ BHYT",
    "delivery": "hình thức nhận kết quả",
}

KEY_OF = {
    "agencies": "1",
    "requester": "2",
    "child": "3",
    "mother": "4",
    "father": "4",
    "residence": "5",
    "insurance": "6",
    "delivery": "7",
}


PART_SEP = " · "
"""How the walk joins a field's label to the labels of the parts holding it."""
INDENT = "  "


def _titles() -> dict[str, str]:
    """Declaration title (as the walk names sections) → its jump key."""
    return {describe(Dossier, ("declarations", part))[0]: key for part, key in KEY_OF.items()}


def review_blocks(data: dict[str, Any]) -> list[RenderableType]:
    """The draft as it will be saved: one titled table per declaration, a line per field."""
    keys = _titles()
    blocks: list[RenderableType] = []
    for section in declaration_sections(as_saved(prepared(data)["declarations"])):
        key = keys.get(section.title)
        title = filled(TEXT["section"], key=key, title=section.title, style="bold")
        if key is None:
            title = plain(section.title, "bold")
        table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
        table.add_column(ratio=2)
        table.add_column(ratio=3)
        shown: list[str] = []
        for label, value in section.lines:
            # "Giấy tờ tùy thân · Số giấy tờ": the part once as a heading, then its fields.
            *parts, name = label.split(PART_SEP)
            common = next(
                (i for i, (a, b) in enumerate(zip(parts, shown, strict=False)) if a != b), None
            )
            start = min(len(parts), len(shown)) if common is None else common
            for depth in range(start, len(parts)):
                table.add_row(plain(INDENT * depth + parts[depth], "italic"), "")
            shown = parts
            # values are what was typed: never markup
            table.add_row(plain(INDENT * len(parts) + name, "dim"), plain(value))
        if blocks:
            blocks.append(Text(""))
        blocks.append(table)
    return blocks


class ReviewPane(VerticalScroll, can_focus=True):
    """Everything that will be saved; a number key jumps back to each part."""

    BINDINGS = [
        Binding(
            key,
            f"jump('{key}')",
            f"Sửa {PART_NAMES[section]}",
            show=False,
            id=f"review.{section}",
            tooltip=f"Quay lại sửa phần {PART_NAMES[section]}",
        )
        for key, section in SECTIONS.items()
    ] + [
        Binding(
            "enter", "next", "Trang sau", id="review.next", tooltip="Sang bước đính kèm giấy tờ"
        )
    ]

    def __init__(self, wizard: WizardScreen, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.wizard = wizard

    def compose(self) -> ComposeResult:
        """The declarations and the keys."""
        yield Static(plain(TEXT["jump"]), classes="hint")
        yield Static(id="review-body")

    def refresh_content(self) -> None:
        """Render the draft as it stands."""
        self.query_one("#review-body", Static).update(Group(*review_blocks(self.wizard.data)))

    async def action_jump(self, key: str) -> None:
        """Back to a section to edit it."""
        section = SECTIONS[key]
        if section == "parents":
            has_mother, _ = parents_of(self.wizard.data)
            section = "mother" if has_mother else "father"
        await self.wizard.go_to(section)

    async def action_next(self) -> None:
        """On to the attachments."""
        await self.wizard.action_next_page()
