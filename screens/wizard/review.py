"""The review page: everything that will be saved, walked from the declaration models.

The same walk as the lookup view's (:func:`desk_app.lookup.detail.declaration_sections`): every
field the draft holds, ID numbers, phone, email and the verification result included, labelled
by the models' own titles and option ids shown by their labels, so a field added to a model
shows here with no edit. A number key jumps back to each part.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from desk_app.drafting import prepared
from desk_app.groups import GroupDefinition
from desk_app.lookup.detail import declaration_sections
from desk_app.presentation import as_saved
from desk_app.safe_text import filled, plain
from forms.errors import describe
from screens.wizard.messages import JumpTo, NextPage
from screens.wizard.texts_pages import TEXT

PART_SEP = " · "
"""How the walk joins a field's label to the labels of the parts holding it."""
INDENT = "  "


def _titles(group: GroupDefinition) -> dict[str, str]:
    """Declaration title (as the walk names sections) → its jump key."""
    titles: dict[str, str] = {}
    for part in group.review_parts:
        for page in part.pages:
            model_path = group.page(page).model_path
            if model_path:
                titles[describe(group.model, model_path)[0]] = part.key
    return titles


def review_blocks(data: Mapping[str, Any], group: GroupDefinition) -> list[RenderableType]:
    """The draft as it will be saved: one titled table per declaration, a line per field."""
    keys = _titles(group)
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
    """Everything that will be saved; a number key jumps back to each part of the group.

    The number keys differ by group: :func:`review_pane` makes the pane of one group. The
    wizard hands the draft down each time the page is shown (:meth:`show`); the keys post
    :class:`JumpTo` and :class:`NextPage` up.
    """

    def __init__(self, group: GroupDefinition, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.group = group
        self.shown_pages: frozenset[str] = frozenset()
        """The pages the draft shows now (a part's key goes to the first of its pages shown)."""

    def compose(self) -> ComposeResult:
        """The declarations and the keys."""
        last = len(self.group.review_parts)
        yield Static(filled(TEXT["jump"], last=last), classes="hint")
        yield Static(id="review-body")

    def show(self, data: Mapping[str, Any], shown_pages: Collection[str]) -> None:
        """Render the draft as it stands; ``shown_pages``: the ids of the pages it shows."""
        self.shown_pages = frozenset(shown_pages)
        body = Group(*review_blocks(data, self.group))
        self.query_one("#review-body", Static).update(body)

    def action_jump(self, key: str) -> None:
        """Back to a part to edit it: its first page the draft shows."""
        part = next((p for p in self.group.review_parts if p.key == key), None)
        if part is None:
            return
        page = next((p for p in part.pages if p in self.shown_pages), part.pages[0])
        self.post_message(JumpTo(page))

    def action_next(self) -> None:
        """On to the attachments."""
        self.post_message(NextPage())


NEXT = Binding("enter", "next", "Trang sau", id="review.next", tooltip="Sang bước đính kèm giấy tờ")
_PANES: dict[str, type[ReviewPane]] = {}


def review_pane(group: GroupDefinition) -> type[ReviewPane]:
    """The review pane of ``group``: the generic pane with one number key per part."""
    if group.kind not in _PANES:
        bindings = [
            Binding(
                part.key,
                f"jump('{part.key}')",
                f"Sửa {part.name}",
                show=False,
                id=f"review.{part.id or part.pages[0]}",
                tooltip=f"Quay lại sửa phần {part.name}",
            )
            for part in group.review_parts
        ]
        bindings.append(NEXT)
        _PANES[group.kind] = type("ReviewPane", (ReviewPane,), {"BINDINGS": bindings})
    return _PANES[group.kind]
