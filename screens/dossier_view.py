"""One dossier: where it stands, the three procedures, its papers, its history, its declarations.

Read in a thread worker through :func:`desk_app.lookup.open_dossier` (the one place a whole
dossier is read for a person). The counter actions are keys here: each is first asked of the
lifecycle, so a dossier that cannot be handed over says so at once with the lifecycle's own
message, and only then does its dialog open. After an action the dossier is read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from desk_app.safe_text import filled, plain, plain_cells
from screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import DossierDetail
    from desk_app.store import DossierRow
    from desk_app.store.sync_held import HeldDossier

TEXT = {
    "loading": "Đang đọc hồ sơ {code}…",
    "title": "Hồ sơ {code}",
    "status": "Trạng thái: {status}",
    "reason": "Lý do: {reason}",
    "received": "Tiếp nhận: {when} · Cán bộ: {officer}",
    "appointment": "Hẹn trả kết quả: {when}",
    "no_appointment": "Chưa có ngày hẹn trả",
    "child": "Trẻ: {child} · Người yêu cầu: {requester}",
    "progress": "Tiến độ ba thủ tục",
    "done": "xong {when}",
    "pending": "chưa có kết quả",
    "timeline": "Lịch sử hồ sơ",
    "attachments": "Giấy tờ đã nộp",
    "supplement": "bổ sung",
    "copies": "{count} bản",
    "files": "{count} tệp",
    "sighted": "đã xem bản chính",
    "originals": "Khi trả kết quả cần thu/đối chiếu bản chính: {items}",
    "done_title": "Đã ghi nhận",
    "refused_title": "Không thực hiện được",
    "held": "Tạm giữ, chưa gửi lên hệ thống: {reason}",
    "retried": "{code}: đã cho gửi lại; lần đồng bộ tới sẽ gửi hồ sơ này.",
}
URGENCY_STYLE = {"overdue": "bold red", "due_today": "bold yellow"}


class DossierScreen(Screen[None]):
    """The dossier ``code``, with the counter's actions on keys."""

    CSS_PATH = "lookup.tcss"

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        Binding(
            "escape", "app.pop_screen", "Quay lại", id="dossier.back", tooltip="Trở về danh sách"
        ),
        Binding(
            "t",
            "hand_over",
            "Trả kết quả",
            id="dossier.hand_over",
            tooltip="Ghi nhận trả kết quả: người nhận, giấy tờ xuất trình, bản chính đã thu",
        ),
        Binding(
            "b",
            "supplement",
            "Nhận bổ sung",
            id="dossier.supplement",
            tooltip="Ghi nhận giấy tờ bổ sung cho hồ sơ đang được yêu cầu bổ sung",
        ),
        Binding(
            "h",
            "cancel_dossier",
            "Hủy hồ sơ",
            id="dossier.cancel",
            tooltip="Hủy hồ sơ theo yêu cầu của công dân, ghi rõ lý do",
        ),
        Binding(
            "i",
            "reprint",
            "In lại giấy hẹn",
            id="dossier.reprint",
            tooltip="In lại giấy tiếp nhận hồ sơ và hẹn trả kết quả (được ghi vào nhật ký)",
        ),
        Binding(
            "f5", "reload", "Đọc lại", id="dossier.reload", tooltip="Đọc lại hồ sơ từ cơ sở dữ liệu"
        ),
        Binding(
            "g",
            "retry_sync",
            "Gửi lại",
            id="dossier.retry_sync",
            tooltip="Cho gửi lại hồ sơ đang bị tạm giữ, sau khi đã khắc phục lý do",
        ),
    ]

    @dataclass
    class ReprintRecorded(Message):
        """The reprint is in the audit log; the App may print now."""

        code: str

    @dataclass
    class Loaded(Message):
        """The dossier as the worker read it."""

        detail: DossierDetail
        held: HeldDossier | None = None
        """Set aside from sync (not sent), with why; None when it is not."""

    @dataclass
    class RetryDone(Message):
        """Sending a held dossier again was asked: ``error`` says why not, if it was refused."""

        code: str
        error: str | None

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.detail: DossierDetail | None = None
        """The dossier as last read; None until the first read."""
        self.held: HeldDossier | None = None
        """Why the dossier is set aside from sync, as last read; None when it is not."""

    def compose(self) -> ComposeResult:
        """The dossier's blocks, scrollable, above the keys."""
        yield Header()
        with VerticalScroll(id="dossier"):
            yield Static(filled(TEXT["loading"], code=self.code), id="dossier-head")
            yield Static("", id="dossier-progress", classes="block")
            yield Static("", id="dossier-attachments", classes="block")
            yield Static("", id="dossier-timeline", classes="block")
            yield Static("", id="dossier-declarations", classes="block")
        yield Footer()

    def on_mount(self) -> None:
        """Read the dossier."""
        self.title = TEXT["title"].format(code=self.code)
        self.query_one("#dossier").focus()
        self.action_reload()

    def action_reload(self) -> None:
        """Read the dossier again in the background (audited as a view the first time only)."""
        desk = getattr(self.app, "desk", None)
        if desk is not None:
            self._load(desk, self.code, first=self.detail is None)

    @work(thread=True, exit_on_error=False, exclusive=True, group="dossier")
    def _load(self, desk: Desk, code: str, *, first: bool) -> None:
        from desk_app.lookup import open_dossier
        from desk_app.store.sync_held import held_of

        detail = open_dossier(desk, code, record_view=first)
        self.post_message(self.Loaded(detail, held_of(desk.store, detail.row.code)))

    def on_dossier_screen_loaded(self, message: Loaded) -> None:
        """Show what the worker read."""
        self.detail = message.detail
        self.held = message.held
        self.code = message.detail.row.code
        self._show(message.detail)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ "Gửi lại" only for a dossier set aside from sync."""
        if action == "retry_sync":
            return self.held is not None
        return True

    # --- rendering ----------------------------------------------------------------------------

    def _show(self, d: DossierDetail) -> None:
        from desk_app.lookup import texts
        from desk_app.lookup.detail import vn_date

        row = d.row
        head = Text()
        head.append(row.code + "\n", style="bold")
        head.append(TEXT["child"].format(child=row.child_name, requester=row.requester_name) + "\n")
        head.append(TEXT["status"].format(status=d.status_label), style="bold")
        if d.urgency is not None:
            head.append(f" · {texts.URGENCY[d.urgency]}", style=URGENCY_STYLE[d.urgency.value])
        head.append("\n")
        if row.status_reason:
            head.append(TEXT["reason"].format(reason=row.status_reason) + "\n", style="italic")
        if self.held is not None:  # Text.append: central's words stay plain text
            head.append(TEXT["held"].format(reason=self.held.reason) + "\n", style="bold red")
        head.append(
            TEXT["received"].format(when=vn_date(row.received_at), officer=row.officer) + "\n"
        )
        if row.appointment_at is not None:
            style = URGENCY_STYLE[d.urgency.value] if d.urgency else ""
            head.append(TEXT["appointment"].format(when=vn_date(row.appointment_at)), style=style)
        else:
            head.append(TEXT["no_appointment"])
        self.query_one("#dossier-head", Static).update(head)

        progress = Table(title=TEXT["progress"], title_justify="left", show_header=False, box=None)
        for p in d.procedures:
            state = TEXT["done"].format(when=vn_date(p.done_at)) if p.done_at else TEXT["pending"]
            progress.add_row(
                Text("✔" if p.done_at else "·", style="green" if p.done_at else "dim"),
                *plain_cells(p.label, state, p.reference),
            )
        self.query_one("#dossier-progress", Static).update(progress)

        papers = Table(title=TEXT["attachments"], title_justify="left", show_header=False, box=None)
        for a in d.attachments:
            facts = [TEXT["copies"].format(count=a.copies)] if a.copies else []
            facts += [TEXT["files"].format(count=a.files)] if a.files else []
            facts += [TEXT["sighted"]] if a.original_sighted else []
            facts += [TEXT["supplement"]] if a.supplement else []
            papers.add_row(*plain_cells(a.label, ", ".join(facts)))
        notes = filled(
            TEXT["originals"], items="; ".join(o.label for o in d.originals), style="italic"
        )
        self.query_one("#dossier-attachments", Static).update(
            Group(papers, notes) if d.originals else papers
        )

        history = Table(title=TEXT["timeline"], title_justify="left", show_header=False, box=None)
        for e in d.timeline:
            history.add_row(
                *plain_cells(vn_date(e.at), plain(e.title, "bold"), e.detail, e.officer)
            )
        self.query_one("#dossier-timeline", Static).update(history)

        blocks = []
        for section in d.sections:
            table = Table(
                title=plain(section.title), title_justify="left", show_header=False, box=None
            )
            for label, value in section.lines:
                table.add_row(plain(label, "dim"), plain(value))
            blocks.append(table)
        self.query_one("#dossier-declarations", Static).update(Group(*blocks))

    # --- actions ----------------------------------------------------------------------------

    def _allowed(self, event_name: str) -> bool:
        """Ask the lifecycle first; say why not, in its words, when the action cannot happen."""
        from desk_app.lifecycle import Event
        from desk_app.lookup import refusal

        if self.detail is None:
            return False
        why = refusal(self.detail.row, Event(event_name))
        if why is not None:
            self.notify(why, title=TEXT["refused_title"], severity="error", markup=False)
            return False
        return True

    def action_hand_over(self) -> None:
        """Record the handing over of the results (dialog)."""
        from screens.dialogs.hand_over import HandOverDialog

        if self._allowed("hand_over") and self.detail is not None:
            self.app.push_screen(HandOverDialog(self.detail), self._after_action)

    def action_supplement(self) -> None:
        """Record supplementary documents (dialog)."""
        from screens.dialogs.supplement import SupplementDialog

        if self._allowed("supplement_received") and self.detail is not None:
            self.app.push_screen(SupplementDialog(self.detail), self._after_action)

    def action_cancel_dossier(self) -> None:
        """Cancel at the citizen's request (dialog): a supervisor's task."""
        from desk_app.lookup import cancel_refusal
        from screens.dialogs.cancel import CancelDialog

        desk = getattr(self.app, "desk", None)
        why = cancel_refusal(desk) if desk is not None else None
        if why is not None:
            self.notify(why, title=TEXT["refused_title"], severity="error", markup=False)
            return
        if self._allowed("cancel") and self.detail is not None:
            self.app.push_screen(CancelDialog(self.detail), self._after_action)

    def action_retry_sync(self) -> None:
        """Put the held dossier back into the outbox (audited); the next round sends it."""
        desk = getattr(self.app, "desk", None)
        if desk is not None and self.held is not None:
            self._retry(desk, self.held.code)

    @work(thread=True, exit_on_error=False, group="dossier-retry")
    def _retry(self, desk: Desk, code: str) -> None:
        from desk_app.errors import DeskError
        from desk_app.sync.held import retry_held

        try:
            retry_held(desk, code)
        except DeskError as exc:
            self.post_message(self.RetryDone(code, exc.message))
        else:
            self.post_message(self.RetryDone(code, None))

    def on_dossier_screen_retry_done(self, message: RetryDone) -> None:
        """Say what happened, then read the dossier again."""
        if message.error is not None:
            self.notify(message.error, title=TEXT["refused_title"], severity="error", markup=False)
            return
        self.notify(
            TEXT["retried"].format(code=message.code),
            title=TEXT["done_title"],
            timeout=8,
            markup=False,
        )
        self.action_reload()

    def action_reprint(self) -> None:
        """Audit the reprint, then hand the printing to the App's receipt worker."""
        desk = getattr(self.app, "desk", None)
        if desk is not None and self.detail is not None:
            self._record_reprint(desk, self.detail.row.code)

    @work(thread=True, exit_on_error=False, group="dossier-reprint")
    def _record_reprint(self, desk: Desk, code: str) -> None:
        from desk_app.lookup import record_reprint

        record_reprint(desk, code)
        self.post_message(self.ReprintRecorded(code))

    def on_dossier_screen_reprint_recorded(self, message: ReprintRecorded) -> None:
        """Print through the App's hook (rendered from the saved dossier) and show the log line."""
        self.app.print_receipt(message.code)  # type: ignore[attr-defined]
        self.action_reload()

    def _after_action(self, row: DossierRow | None) -> None:
        from desk_app.lifecycle import STATUS_LABELS

        if row is None:
            return
        self.notify(
            f"{row.code}: {STATUS_LABELS[row.status]}",
            title=TEXT["done_title"],
            timeout=8,
            markup=False,
        )
        self.action_reload()
