"""The wizard's pages that are not plain forms: review, attachments, finish."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from desk_app import presentation as show
from desk_app.attachfiles import AttachmentRefused, store_file
from desk_app.checklist import ChecklistItem, checklist
from desk_app.drafting import get_in, parents_of
from forms.errors import FieldMessage
from screens.wizard.inbox import InboxDialog
from screens.wizard.qr import qr_text

if TYPE_CHECKING:
    from screens.wizard.screen import WizardScreen

TEXT = {
    "birth": "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "ct01": "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ (CT01)",
    "tk1": "TỜ KHAI THAM GIA BẢO HIỂM Y TẾ (TK1-TS)",
    "jump": "Phím 1–6 để sửa: 1 Cơ quan · 2 Người yêu cầu · 3 Trẻ · 4 Cha mẹ · 5 CT01 · 6 BHYT",
    "required": "có",
    "optional": "không",
    "attach_help": (
        "Space: đã nhận/chưa · +/−: số bản · O: đã xem bản chính · F: đính kèm tệp quét · "
        "Enter: trang sau"
    ),
    "saved_title": "ĐÃ TIẾP NHẬN HỒ SƠ",
    "code": "Mã hồ sơ: {code}",
    "lookup": "Mã tra cứu: {lookup}",
    "appointment": "Hẹn trả kết quả: {when}",
    "finish_help": "P: in biên nhận · N: hồ sơ mới · Esc: về màn hình chính",
}

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
        table.add_row(key, value)


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


class AttachmentsPane(Vertical, can_focus=False):
    """The checklist of this dossier: what was received, on paper or scanned."""

    BINDINGS = [
        Binding(
            "space",
            "toggle",
            "Đã nhận",
            id="attach.toggle",
            tooltip="Đánh dấu đã nhận / chưa nhận giấy tờ này",
        ),
        Binding(
            "plus,equals_sign",
            "copies(1)",
            "+ bản",
            show=False,
            id="attach.more",
            tooltip="Thêm một bản",
        ),
        Binding(
            "minus", "copies(-1)", "− bản", show=False, id="attach.fewer", tooltip="Bớt một bản"
        ),
        Binding(
            "o",
            "sighted",
            "Bản chính",
            show=False,
            id="attach.sighted",
            tooltip="Đã xem bản chính để đối chiếu",
        ),
        Binding(
            "f",
            "attach_file",
            "Tệp quét",
            id="attach.file",
            tooltip="Đính kèm tệp từ thư mục máy quét",
        ),
        Binding(
            "enter",
            "next",
            "Trang sau",
            show=False,
            id="attach.next",
            tooltip="Sang bước chọn hình thức nhận kết quả",
        ),
    ]

    def __init__(self, wizard: WizardScreen, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.wizard = wizard
        self.items: list[ChecklistItem] = []

    def compose(self) -> ComposeResult:
        """The checklist table, the keys, the message line."""
        yield DataTable(id="checklist", cursor_type="row", zebra_stripes=True)
        yield Static("", id="attach-why")
        yield Static(TEXT["attach_help"], classes="hint")
        yield Static("", id="attach-message")

    # Fixed columns beside the document's name, which takes the rest of the width and is
    # cut with an ellipsis (the whole name shows in the help line of the selected row).
    COLUMNS = (("", 1), ("Bắt buộc", 8), ("Bản", 3), ("Đã xem", 6), ("Tệp", 3))

    def on_mount(self) -> None:
        """Columns of the checklist, sized to the terminal."""
        table = self.query_one(DataTable)
        fixed = sum(width for _, width in self.COLUMNS) + 2 * (len(self.COLUMNS) + 1) + 4
        self.label_width = max(20, self.app.size.width - fixed)
        mark, *rest = self.COLUMNS
        table.add_column(mark[0], width=mark[1])
        table.add_column("Giấy tờ", width=self.label_width)
        for title, width in rest:
            table.add_column(title, width=width)

    def focus(self, scroll_visible: bool = True) -> AttachmentsPane:
        """Focus goes to the checklist."""
        self.query_one(DataTable).focus(scroll_visible)
        return self

    def _entries(self) -> list[dict[str, Any]]:
        return (
            self.wizard.data["declarations"].setdefault("attachments", {}).setdefault("items", [])
        )

    def _entry(self, item_id: str) -> dict[str, Any]:
        for entry in self._entries():
            if entry.get("item") == item_id:
                return entry
        entry = {"item": item_id, "copies": 0, "files": [], "original_sighted": False}
        self._entries().append(entry)
        return entry

    def refresh_content(self) -> None:
        """The checklist for the dossier as it now stands (relation, verification)."""
        d = self.wizard.data
        relation = get_in(d, ("declarations", "requester", "relation")) or "other"
        verified = bool(get_in(d, ("declarations", "requester", "verified")))
        self.items = checklist(
            d["declarations"].get("kind", "birth_interlink"),
            {"requester_relation": relation, "requester_verified": verified},
        )
        wanted = {i.id for i in self.items}
        entries = self._entries()
        entries[:] = [e for e in entries if e.get("item") in wanted]
        self._redraw()

    def _redraw(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.items:
            entry = next((e for e in self._entries() if e.get("item") == item.id), {})
            copies = int(entry.get("copies") or 0)
            files = entry.get("files") or []
            received = copies > 0 or bool(files)
            mark = "✔" if received else ("✘" if item.required else "·")
            table.add_row(
                mark,
                Text(item.label, overflow="ellipsis", no_wrap=True),
                TEXT["required"] if item.required else TEXT["optional"],
                str(copies),
                "có" if entry.get("original_sighted") else "—",
                str(len(files)),
                key=item.id,
            )
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))

    def _current(self) -> ChecklistItem | None:
        table = self.query_one(DataTable)
        return self.items[table.cursor_row] if self.items else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The selected document's full name and why it is (not) required."""
        item = self._current()
        if item is not None:
            self.query_one("#attach-why", Static).update(f"{item.label}. {item.why}")

    def _changed(self) -> None:
        self._redraw()
        self.query_one("#attach-message", Static).update("")
        self.wizard.save_draft()

    def action_toggle(self) -> None:
        """Received or not (one paper copy by default)."""
        item = self._current()
        if item is not None:
            entry = self._entry(item.id)
            entry["copies"] = 0 if entry.get("copies") else max(item.copies, 1)
            self._changed()

    def action_copies(self, step: int) -> None:
        """One copy more or less."""
        item = self._current()
        if item is not None:
            entry = self._entry(item.id)
            entry["copies"] = max(0, min(20, int(entry.get("copies") or 0) + step))
            self._changed()

    def action_sighted(self) -> None:
        """The officer has seen the original."""
        item = self._current()
        if item is not None:
            entry = self._entry(item.id)
            entry["original_sighted"] = not entry.get("original_sighted")
            self._changed()

    def action_attach_file(self) -> None:
        """Pick a scanned file from the scanner's folder for the current item."""
        item = self._current()
        if item is not None:
            folder = self.wizard.desk.settings.paths.scanner_inbox
            self.app.push_screen(InboxDialog(folder), lambda path: self._import(item.id, path))

    def _import(self, item_id: str, path: Any) -> None:
        if path is not None:
            self._store(item_id, path)

    @work(thread=True, exit_on_error=False, group="attach")
    def _store(self, item_id: str, path: Any) -> None:
        desk = self.wizard.desk
        try:
            stored = store_file(path, desk.settings.paths.attachments, desk.store, at=desk.clock())
        except AttachmentRefused as exc:
            self.app.call_from_thread(self._say, exc.message)
            return
        self.app.call_from_thread(self._attached, item_id, stored.sha256)

    def _attached(self, item_id: str, sha: str) -> None:
        entry = self._entry(item_id)
        if sha not in entry.setdefault("files", []):
            entry["files"].append(sha)
        self._changed()

    def _say(self, message: str) -> None:
        self.query_one("#attach-message", Static).update(Text(message, style="bold red"))

    def show_errors(self, errors: list[FieldMessage]) -> None:
        """Say what is missing (e.g. the required items not received)."""
        self._say("\n".join(e.hint for e in errors))

    async def action_next(self) -> None:
        """On to the delivery choices."""
        await self.wizard.action_next_page()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on the checklist (the table takes Enter first): on to the next page."""
        event.stop()
        await self.action_next()


class FinishPane(VerticalScroll, can_focus=True):
    """The saved dossier: its code, appointment and the receipt's QR, and what to do next."""

    BINDINGS = [
        Binding(
            "p",
            "print",
            "In biên nhận",
            id="finish.print",
            tooltip="In giấy tiếp nhận và hẹn trả kết quả",
        ),
        Binding("n", "new", "Hồ sơ mới", id="finish.new", tooltip="Tiếp nhận hồ sơ tiếp theo"),
    ]

    def __init__(self, wizard: WizardScreen, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.wizard = wizard

    def compose(self) -> ComposeResult:
        """The facts on the left, the QR on the right (both fit 80×24)."""
        with Horizontal(id="finish-row"):
            yield Static(id="finish-body")
            yield Static(id="finish-qr")

    def refresh_content(self) -> None:
        """Code, lookup code, appointment and QR of the saved dossier."""
        saved = self.wizard.saved
        if saved is None:
            return
        from desk_app.receipt.content import long_time

        settings = self.wizard.desk.settings
        payload = settings.receipt.qr_template.format(
            code=saved.code, lookup_code=saved.lookup_code
        )
        lines = Text()
        lines.append(TEXT["saved_title"] + "\n", style="bold")
        lines.append(TEXT["code"].format(code=saved.code) + "\n", style="bold")
        lines.append(TEXT["lookup"].format(lookup=saved.lookup_code) + "\n")
        if saved.appointment_at is not None:
            lines.append(TEXT["appointment"].format(when=long_time(saved.appointment_at)) + "\n")
        lines.append(TEXT["finish_help"] + "\n", style="dim")
        self.query_one("#finish-body", Static).update(lines)
        self.query_one("#finish-qr", Static).update(qr_text(payload))

    def action_print(self) -> None:
        """Print the receipt (rendered from the saved dossier, in a worker)."""
        saved = self.wizard.saved
        printer = getattr(self.app, "print_receipt", None)
        if saved is not None and printer is not None:
            printer(saved.code)

    async def action_new(self) -> None:
        """Start the next dossier."""
        new_dossier = getattr(self.app, "action_new_dossier", None)
        self.wizard.dismiss()
        if new_dossier is not None:
            await new_dossier()
