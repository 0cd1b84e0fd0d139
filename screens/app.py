"""The Textual application of the desk.

The App owns what must outlive any one screen (the open desk, the sync worker and the sync
line at the bottom of every screen) and the single handler that turns a failed worker into a
message the officer can act on.
The desk (its settings, then its database) is opened in a worker after the first frame
is painted: validating desk.toml and opening (perhaps migrating) a store of a million
dossiers must never keep the officer looking at a blank terminal. If the desk cannot open,
the app exits with the one clear message and status 2, as the other commands do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from desk_app.errors import DeskError
from screens.home import HomeScreen
from screens.widgets.sync_status import SyncStatusBar
from screens.wizard.actions import ReceptionActions

if TYPE_CHECKING:
    # Imported for types only: the store (and sqlite-utils) load in the worker, after the
    # first frame is on screen.
    from desk_app.desk import Desk
    from desk_app.receipt.printing import PrintOutcome
    from desk_app.store.sync_state import SyncState
    from desk_app.sync import SyncReport
    from desk_app.sync.retry import RetryPolicy

SYNC_STATUS_SECONDS = 5.0
"""How often the sync line re-reads the waiting count (dossiers saved by any screen or process)."""

SYNC_TEXT = {
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "running": "Đang đồng bộ, kết quả sẽ hiện ở dòng trạng thái.",
    "done": "Đã đồng bộ: gửi {sent} hồ sơ, nhận {updates} cập nhật trạng thái; còn chờ {waiting}.",
    "rejected": "Hệ thống trung tâm trả lại {count} hồ sơ, cần xử lý: {codes}",
    "attention": "{count} hồ sơ có yêu cầu bổ sung hoặc bị từ chối: {codes}",
    "title": "Đồng bộ",
}


class DeskApp(ReceptionActions, App[None]):
    """The counter desk."""

    TITLE = "Bàn tiếp nhận một cửa"
    CSS_PATH = "desk.tcss"
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Thoát",
            id="app.quit",
            tooltip="Đóng chương trình (mọi thứ đã nhập đều đã được lưu)",
            priority=True,
        ),
        Binding(
            "f9",
            "sync_now",
            "Đồng bộ",
            id="app.sync",
            tooltip="Gửi ngay các hồ sơ đang chờ lên hệ thống trung tâm và nhận trạng thái mới",
        ),
    ]

    @dataclass
    class DeskReady(Message):
        """The desk's database is open; screens may read from it."""

    @dataclass
    class SyncStateRead(Message):
        """The sync state as a worker read it (after a round, or on the status timer)."""

        state: SyncState

    @dataclass
    class SyncFinished(Message):
        """A sync round ended (successfully or not: ``report.error`` says)."""

        report: SyncReport
        state: SyncState
        manual: bool

    def __init__(self, open_desk: Callable[[], Desk]) -> None:
        super().__init__()
        self.desk: Desk | None = None
        self._open_desk = open_desk
        self.sync_state: SyncState | None = None
        """The latest sync state read; None until the desk is open."""
        self.sync_running = False
        self.sync_policy: RetryPolicy | None = None
        """How hard a round retries; None: the protocol's defaults (tests make it quick)."""
        self._sync_stop = threading.Event()

    @classmethod
    def for_desk(cls, desk: Desk) -> DeskApp:
        """An app over a desk that is already open (tests, embedding)."""
        return cls(lambda: desk)

    def on_mount(self) -> None:
        """Show the home screen at once, then open the database behind it."""
        self.screen_change_signal.subscribe(self, self._add_sync_line)
        self.push_screen(HomeScreen())
        self.call_after_refresh(self._open)

    def on_unmount(self) -> None:
        """Let a round waiting between retries stop at once instead of holding the exit."""
        self._sync_stop.set()

    @work(thread=True, exit_on_error=False, group="open-desk")
    def _open(self) -> None:
        try:
            desk = self._open_desk()
        except DeskError as exc:
            # Text, not a str: a message quoting "[desk]" must not be read as Rich markup.
            message = Text(f"desk: {exc.message}")
            self.call_from_thread(self.exit, return_code=2, message=message)
            return
        self.call_from_thread(self._desk_opened, desk)

    def _desk_opened(self, desk: Desk) -> None:
        self.desk = desk
        settings = desk.settings
        self.sub_title = f"{settings.office.name} · Bàn {settings.desk.number}"
        self.screen.post_message(self.DeskReady())
        self.remind_drafts()
        self.set_interval(settings.central.sync_interval, self._scheduled_sync)
        self.set_interval(SYNC_STATUS_SECONDS, self._read_sync_state)
        self._start_sync(manual=False)

    # --- sync -----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers syncing too."""
        yield from super().get_system_commands(screen)
        yield from self.reception_commands(screen)
        yield SystemCommand("Đồng bộ ngay", SYNC_TEXT["title"], self.action_sync_now)

    def action_sync_now(self) -> None:
        """Run a sync round now (F9), unless one is already running."""
        if self.desk is None:
            self.notify(SYNC_TEXT["not_open"], title=SYNC_TEXT["title"])
        elif self.sync_running:
            self.notify(SYNC_TEXT["running"], title=SYNC_TEXT["title"])
        else:
            self._start_sync(manual=True)

    def _scheduled_sync(self) -> None:
        if not self.sync_running:
            self._start_sync(manual=False)

    def _start_sync(self, *, manual: bool) -> None:
        assert self.desk is not None
        self.sync_running = True
        self._show_sync_state()
        self._sync_round(self.desk, manual)

    @work(thread=True, exit_on_error=False, group="sync")
    def _sync_round(self, desk: Desk, manual: bool) -> None:
        from desk_app.sync import read_state, sync_once

        report = sync_once(
            desk.store,
            desk.settings,
            clock=desk.clock,
            stop=self._sync_stop,
            policy=self.sync_policy,
        )
        self.post_message(self.SyncFinished(report, read_state(desk.store), manual))

    @work(thread=True, exit_on_error=False, exclusive=True, group="sync-state")
    def _read_sync_state(self) -> None:
        from desk_app.sync import read_state

        if self.desk is not None:
            self.post_message(self.SyncStateRead(read_state(self.desk.store)))

    def on_desk_app_sync_state_read(self, message: SyncStateRead) -> None:
        """Show a freshly read state."""
        self.sync_state = message.state
        self._show_sync_state()

    def on_desk_app_sync_finished(self, message: SyncFinished) -> None:
        """Show the round's outcome; tell the officer what needs them."""
        self.sync_running = False
        self.sync_state = message.state
        self._show_sync_state()
        report = message.report
        if report.rejected:
            codes = ", ".join(code for code, _ in report.rejected)
            self.notify(
                SYNC_TEXT["rejected"].format(count=len(report.rejected), codes=codes),
                title=SYNC_TEXT["title"],
                severity="warning",
                timeout=30,
            )
        if report.attention:
            codes = ", ".join(code for code, _, _ in report.attention)
            self.notify(
                SYNC_TEXT["attention"].format(count=len(report.attention), codes=codes),
                title=SYNC_TEXT["title"],
                severity="warning",
                timeout=30,
            )
        if message.manual:
            if report.ok:
                self.notify(
                    SYNC_TEXT["done"].format(
                        sent=report.accepted + len(report.rejected),
                        updates=report.updates,
                        waiting=report.waiting,
                    ),
                    title=SYNC_TEXT["title"],
                )
            else:
                self.notify(report.error or "", title=SYNC_TEXT["title"], severity="error")

    def _add_sync_line(self, screen: Screen) -> None:
        """Give every full screen the sync line (dialogs sit on top of one that has it)."""
        if isinstance(screen, ModalScreen) or screen.query(SyncStatusBar):
            return
        bar = SyncStatusBar()
        bar.set_class(bool(screen.query(Footer)), "-above-footer")
        screen.mount(bar)
        bar.show(self.sync_state, running=self.sync_running)

    def _show_sync_state(self) -> None:
        for screen in self.screen_stack:
            for bar in screen.query(SyncStatusBar):
                bar.show(self.sync_state, running=self.sync_running)

    # --- receipts -------------------------------------------------------------------------

    @dataclass
    class ReceiptDone(Message):
        """A receipt was printed, saved (no printer configured) or failed to print.

        Posted to the screen that asked, from where it bubbles up to the App; the PDF is kept
        at ``outcome.path`` in every case, so lookup can reprint it. A dossier that cannot be
        found or read fails the worker instead, and the worker-error handler says why.
        """

        code: str
        outcome: PrintOutcome

    def print_receipt(self, code: str) -> None:
        """Render and print the receipt of the saved dossier ``code``, off the UI thread.

        Any screen may call this (the wizard after saving, lookup to reprint); rendering reads
        the dossier back from the store, never from the screen.
        """
        if self.desk is None:
            self.notify(SYNC_TEXT["not_open"], title="Giấy tiếp nhận", severity="warning")
            return
        self._print_receipt(self.desk, code, self.screen)

    @work(thread=True, exit_on_error=False, group="receipt")
    def _print_receipt(self, desk: Desk, code: str, asking: Screen) -> None:
        from desk_app.receipt import print_receipt

        outcome = print_receipt(desk.store.require(code), desk.settings)
        done = self.ReceiptDone(code, outcome)
        if not asking.is_attached or not asking.post_message(done):
            self.post_message(done)  # the screen has gone: the App still tells the officer

    def on_desk_app_receipt_done(self, message: ReceiptDone) -> None:
        """Tell the officer what became of the receipt."""
        from desk_app.receipt.texts import NOTIFY_TITLE_FAILED, NOTIFY_TITLE_OK

        outcome = message.outcome
        if outcome.ok:
            self.notify(outcome.message, title=NOTIFY_TITLE_OK, timeout=10)
        else:
            self.notify(outcome.message, title=NOTIFY_TITLE_FAILED, severity="error", timeout=30)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed background job becomes a message for the officer."""
        if event.worker.group == "sync" and event.state in (
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            self.sync_running = False  # the next interval (or F9) tries again
            self._show_sync_state()
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, DeskError):
            self.notify(error.message, title="Không thực hiện được", severity="error")
        else:
            self.notify(
                f"Lỗi không mong đợi ({type(error).__name__}). Dữ liệu đã nhập vẫn được giữ; "
                "hãy thử lại hoặc báo bộ phận kỹ thuật.",
                title="Lỗi",
                severity="error",
            )
