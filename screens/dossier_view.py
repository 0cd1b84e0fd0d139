"""One dossier: where it stands, the three procedures, its papers, its history, its declarations.

Read in a thread worker through :func:`desk_app.lookup.open_dossier` (the one place a whole
dossier is read for a person). The counter actions are keys here, and only those that apply to
this dossier and this officer are offered (in the footer, the palette and F1): each is asked
of the lifecycle (and cancelling, of the supervisor rule) through ``check_action``. Pressing
the key of one held back says why, in the lifecycle's own words; F1 lists them with their
reasons. T means "trả" in both of its senses: the results of a ready dossier, or the papers
of a refused one. After an action the dossier is read again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from desk_app.safe_text import filled
from screens.desk_access import current_desk
from screens.dialogs.apology import ApologyDialog, apology_refusal
from screens.dossier_corrections import CORRECTION_ACTIONS, CorrectionKeys
from screens.help import HELP_BINDING
from screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import DossierDetail
    from desk_app.store import DossierRow
    from desk_app.store.sync_held import HeldDossier

TEXT = {
    "loading": "Đang đọc hồ sơ {code}…",
    "title": "Hồ sơ {code}",
    "done_title": "Đã ghi nhận",
    "refused_title": "Không thực hiện được",
    "retried": "{code}: đã cho gửi lại; lần đồng bộ tới sẽ gửi hồ sơ này.",
    "not_read": "Hồ sơ chưa đọc xong; thử lại sau giây lát.",
    "not_held": "Hồ sơ không bị tạm giữ: không có gì để gửi lại.",
    "unavailable_title": "Không dùng được với hồ sơ này",
    "central_title": "Hệ thống trung tâm",
}
LIFECYCLE_ACTIONS = {
    "hand_over": "hand_over",
    "return_papers": "return_papers",
    "supplement": "supplement_received",
    "cancel_dossier": "cancel",
}
"""Screen action → the lifecycle event it records (offered only where the lifecycle allows)."""


class DossierScreen(CorrectionKeys, Screen[None]):
    """The dossier ``code``, with the counter's actions on keys."""

    CSS_PATH = "lookup.tcss"

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        HELP_BINDING,
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
            "t",
            "return_papers",
            "Trả lại hồ sơ",
            id="dossier.return_papers",
            tooltip="Ghi nhận đã trả lại hồ sơ bị từ chối cho công dân (kèm lý do từ chối)",
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
            "In giấy hẹn",
            id="dossier.reprint",
            tooltip="In lại giấy tiếp nhận hồ sơ và hẹn trả kết quả (được ghi vào nhật ký)",
        ),
        Binding(
            "s",
            "correct",
            "Sửa hồ sơ",
            id="dossier.correct",
            tooltip="Sửa nội dung hồ sơ trên các trang tiếp nhận, ghi lý do: lưu phiên bản mới",
        ),
        Binding(
            "s",
            "correct_resend",
            "Sửa và gửi lại",
            id="dossier.correct_resend",
            tooltip="Hồ sơ bị hệ thống trả lại: sửa nội dung, ghi lý do, rồi gửi lại",
        ),
        Binding(
            "v",
            "next_version",
            "Phiên bản",
            id="dossier.versions",
            tooltip="Xem lần lượt nội dung các phiên bản của hồ sơ (phiên bản cũ: chỉ đọc)",
        ),
        Binding(
            "l",
            "apology",
            "Hẹn lại (mẫu 04)",
            id="dossier.apology",
            tooltip="Hồ sơ sẽ trễ hẹn: in thư xin lỗi và hẹn lại ngày trả (mẫu 04), ghi ngày mới",
        ),
        Binding(
            "f5",
            "reload",
            "Đọc lại",
            id="dossier.reload",
            tooltip="Đọc lại hồ sơ từ cơ sở dữ liệu",
            show=False,
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
    class Confirmed(Message):
        """Central's answer to a hand-over shipped at once, in the officer's words."""

        code: str
        text: str

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
            yield Static("", id="dossier-versions", classes="block")
            yield Static("", id="dossier-declarations", classes="block")
        yield Footer(show_command_palette=False)  # Ctrl+P is in F1's list

    def on_mount(self) -> None:
        """Read the dossier."""
        self.title = TEXT["title"].format(code=self.code)
        self.sub_title = ""
        self.query_one("#dossier").focus()
        self.action_reload()

    def action_reload(self) -> None:
        """Read the dossier again in the background (audited as a view the first time only)."""
        desk = current_desk(self.app)
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
        from desk_app.lookup.texts import STATUS_SHORT

        self.sub_title = STATUS_SHORT[message.detail.row.status]  # the header fits 80 columns
        self._show(message.detail)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer an action only where it applies (see :meth:`unavailable_reason`)."""
        if action in LIFECYCLE_ACTIONS or action in (
            "retry_sync",
            "reprint",
            "apology",
            *CORRECTION_ACTIONS,
        ):
            return self.unavailable_reason(action) is None
        return True

    def unavailable_reason(self, action: str) -> str | None:
        """Why ``action`` cannot be taken on this dossier by this officer now; None if it can."""
        from desk_app.lifecycle import Event
        from desk_app.lookup import cancel_refusal, refusal

        if action == "retry_sync":
            return None if self.held is not None else TEXT["not_held"]
        if action in CORRECTION_ACTIONS:
            return self.correction_refusal(action)
        if action == "apology":
            return apology_refusal(self.detail.row) if self.detail else TEXT["not_read"]
        if action == "reprint":  # another counter's dossier: its secret lookup code is there
            if self.detail is None or self.detail.row.lookup_code:
                return None
            from desk_app.receipt.texts import NO_LOOKUP_CODE

            row = self.detail.row
            return NO_LOOKUP_CODE.format(code=row.code, desk=row.origin_desk or row.desk_number)
        if action not in LIFECYCLE_ACTIONS:
            return None
        if self.detail is None:
            return TEXT["not_read"]
        if action == "cancel_dossier":
            desk = current_desk(self.app)
            why = cancel_refusal(desk) if desk is not None else TEXT["not_read"]
            if why is not None:
                return why
        return refusal(self.detail.row, Event(LIFECYCLE_ACTIONS[action]))

    def on_key(self, event: events.Key) -> None:
        """The key of an action held back says why, rather than nothing happening."""
        held_back = []
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or event.key not in binding.key.split(","):
                continue
            why = self.unavailable_reason(binding.action)
            if why is None:
                return  # another action of this key applies: its binding runs
            held_back.append(why)
        if held_back:
            event.stop()
            self.notify(
                held_back[0], title=TEXT["unavailable_title"], severity="warning", markup=False
            )

    # --- rendering ----------------------------------------------------------------------------

    def _show(self, d: DossierDetail) -> None:
        from screens import dossier_blocks as blocks

        self.query_one("#dossier-head", Static).update(blocks.head(d, self.held))
        self.query_one("#dossier-progress", Static).update(blocks.progress(d))
        self.query_one("#dossier-attachments", Static).update(blocks.papers(d))
        self.query_one("#dossier-timeline", Static).update(blocks.history(d))
        self.query_one("#dossier-declarations", Static).update(blocks.declarations(d))
        self.read_versions()

    # --- actions ----------------------------------------------------------------------------

    def _allowed(self, action: str) -> bool:
        """Say why not, in the lifecycle's words, when the action cannot happen (the palette
        or a keymap may still ask for it)."""
        why = self.unavailable_reason(action)
        if why is not None:
            self.notify(why, title=TEXT["refused_title"], severity="error", markup=False)
        return why is None and self.detail is not None

    def action_hand_over(self) -> None:
        """Record the handing over of the results (dialog)."""
        from screens.dialogs.hand_over import HandOverDialog

        if self._allowed("hand_over") and self.detail is not None:
            self.app.push_screen(HandOverDialog(self.detail), self._after_action)

    def action_return_papers(self) -> None:
        """Record the papers of a refused dossier handed back (dialog)."""
        from screens.dialogs.return_papers import ReturnPapersDialog

        if self._allowed("return_papers") and self.detail is not None:
            self.app.push_screen(ReturnPapersDialog(self.detail), self._after_action)

    def action_supplement(self) -> None:
        """Record supplementary documents (dialog)."""
        from screens.dialogs.supplement import SupplementDialog

        if self._allowed("supplement") and self.detail is not None:
            self.app.push_screen(SupplementDialog(self.detail), self._after_action)

    def action_apology(self) -> None:
        """The dossier will be late: form 04 with a new date (dialog), recorded and printed."""
        if self._allowed("apology") and self.detail is not None:
            self.app.push_screen(ApologyDialog(self.detail), self._after_action)

    def action_cancel_dossier(self) -> None:
        """Cancel at the citizen's request (dialog): a supervisor's task."""
        from screens.dialogs.cancel import CancelDialog

        if self._allowed("cancel_dossier") and self.detail is not None:
            self.app.push_screen(CancelDialog(self.detail), self._after_action)

    def action_retry_sync(self) -> None:
        """Put the held dossier back into the outbox (audited); the next round sends it."""
        desk = current_desk(self.app)
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
        desk = current_desk(self.app)
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
        from desk_app.lifecycle import STATUS_LABELS, Status

        if row is None:
            return
        self.notify(
            f"{row.code}: {STATUS_LABELS[row.status]}",
            title=TEXT["done_title"],
            timeout=8,
            markup=False,
        )
        self.action_reload()
        if row.status is Status.HANDED_OVER:  # another counter may have done it already
            self._confirm_with_central(row.code)

    def _confirm_with_central(self, code: str) -> None:
        """Ship the hand-over now and tell the officer what central made of it."""
        from desk_app.lookup.confirm import TEXT as CONFIRM_TEXT

        desk = current_desk(self.app)
        if desk is None:
            return
        if getattr(self.app, "sync_running", False):  # that round ships it; its end tells
            self.notify(CONFIRM_TEXT["running"], title=TEXT["central_title"], markup=False)
            return
        self._confirm(desk, code)

    @work(thread=True, exit_on_error=False, group="dossier-confirm")
    def _confirm(self, desk: Desk, code: str) -> None:
        from desk_app.lookup.confirm import confirm_hand_over

        policy = getattr(self.app, "sync_policy", None)
        said = (
            confirm_hand_over(desk, code, policy=policy)
            if policy is not None
            else confirm_hand_over(desk, code)
        )
        self.post_message(self.Confirmed(code, said))

    def on_dossier_screen_confirmed(self, message: Confirmed) -> None:
        """Central's word on the hand-over: taken, refused (by whom, when), or later."""
        from desk_app.lookup.confirm import TEXT as CONFIRM_TEXT

        refused = message.text.startswith(CONFIRM_TEXT["refused"].split(":")[0])
        self.notify(
            message.text,
            title=TEXT["central_title"],
            severity="error" if refused else "information",
            timeout=30 if refused else 10,
            markup=False,
        )
        self.action_reload()
