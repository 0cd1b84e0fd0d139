"""The review page: the three declarations as they will be printed, a key back to each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from desk_app import presentation as show
from desk_app.drafting import get_in, parents_of
from desk_app.safe_text import plain_cells
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
}


def _rows(table: Table, rows: list[tuple[str, str]]) -> None:
    for key, value in rows:
        table.add_row(*plain_cells(key, value))  # values are what was typed: never markup


def _table(title: str) -> Table:
    table = Table(title=title, show_header=False, box=None, expand=True, title_justify="left")
    table.add_column(style="dim", width=24, no_wrap=True)
    table.add_column(ratio=1)
    return table


class ReviewPane(VerticalScroll, can_focus=True):
    """The three declarations as they will be printed; a key jumps back to each section."""

    BINDINGS = [
        Binding(
            key,
            f"jump('{key}')",
            f"Sửa {section}",
            show=False,
            id=f"review.{section}",
            tooltip=f"Quay lại sửa phần {section}",
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
        yield Static(TEXT["jump"], classes="hint")
        yield Static(id="review-body")

    def refresh_content(self) -> None:
        """Render the draft as it stands."""
        d = self.wizard.data
        decl = lambda *p: get_in(d, ("declarations", *p))  # noqa: E731
        has_mother, has_father = parents_of(d)
        birth = _table(TEXT["birth"])
        _rows(
            birth,
            [
                ("Người yêu cầu", show.name(decl("requester", "full_name"))),
                ("Quan hệ với trẻ", show.option("relation", decl("requester", "relation"))),
                ("Họ tên trẻ", show.name(decl("child", "full_name"))),
                ("Ngày sinh", show.day(decl("child", "date_of_birth"), words=True)),
                ("Giới tính", show.sex(decl("child", "sex"))),
                ("Dân tộc", show.ethnicity(decl("child", "ethnicity"))),
                ("Quốc tịch", show.nationality(decl("child", "nationality"))),
                ("Nơi sinh", show.text(decl("child", "place_of_birth", "facility_name"))),
                ("Địa chỉ nơi sinh", show.address(decl("child", "place_of_birth", "address"))),
                ("Quê quán", show.text(decl("child", "home_town"))),
            ],
        )
        for present, who, label in ((has_mother, "mother", "Mẹ"), (has_father, "father", "Cha")):
            if present:
                _rows(
                    birth,
                    [
                        (label, show.name(decl(who, "full_name"))),
                        (
                            f"Ngày sinh của {label.lower()}",
                            show.day(decl(who, "date_of_birth") or decl(who, "year_of_birth")),
                        ),
                        (
                            f"Nơi cư trú của {label.lower()}",
                            show.address(decl(who, "residence", "address")),
                        ),
                    ],
                )
        ct01 = _table(TEXT["ct01"])
        _rows(
            ct01,
            [
                ("Chủ hộ", show.name(decl("residence", "household_head_name"))),
                ("Quan hệ với chủ hộ", show.text(decl("residence", "relation_to_head"))),
                ("Số định danh chủ hộ", show.text(decl("residence", "household_head_id"))),
                ("Địa chỉ đăng ký", show.address(decl("residence", "address"))),
                ("Ý kiến đồng ý", show.option("consent", decl("residence", "consent"))),
            ],
        )
        tk1 = _table(TEXT["tk1"])
        _rows(
            tk1,
            [
                ("Nơi KCB ban đầu", show.text(decl("insurance", "facility_name"))),
                (
                    "Người giám hộ trên thẻ",
                    show.option("card_holder", decl("insurance", "card_holder")),
                ),
                ("Số GCN hộ nghèo", show.text(decl("insurance", "poor_household_number"))),
            ],
        )
        self.query_one("#review-body", Static).update(Group(birth, Text(""), ct01, Text(""), tk1))

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
