"""The Textual application of the desk.

The App owns what must outlive any one screen (the open desk, the sync worker and the sync
line at the bottom of every screen) and the single handler that turns a failed worker into a
message the officer can act on.
Nobody sees citizen data before signing in: the first screen is the sign-in screen, and the
App locks itself (the same screen, asking the same officer's password) after the idle time of
desk.toml or on F12, holding back notifications until it is unlocked.
The desk (its settings, then its database) is opened in a worker after the first frame
is painted: validating desk.toml and opening (perhaps migrating) a store of a million
dossiers must never keep the officer looking at a blank terminal. If the desk cannot open,
the app exits with the one clear message and status 2, as the other commands do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from desk_app.errors import DeskError
from screens.app_keys import KeyActions
from screens.home import HomeScreen
from screens.notices import Notice, NoticeBoard
from screens.palette import PALETTE_BINDING, PaletteActions
from screens.receipt_actions import ReceiptActions
from screens.sign_in import SignInScreen
from screens.themes import ThemeActions
from screens.widgets.progress import Advanced, ProgressDialog, Relay, finish_dialog, show_advance
from screens.widgets.sync_status import SyncStatusBar
from screens.wizard.actions import ReceptionActions

if TYPE_CHECKING:
    # Imported for types only: the store (and sqlite-utils) load in the worker, after the
    # first frame is on screen.
    from desk_app.desk import Desk
    from desk_app.store.sync_state import SyncState
    from desk_app.sync import SyncReport
    from desk_app.sync.retry import RetryPolicy

IDLE_CHECK_SECONDS = 5.0
"""How often the App looks at how long the keyboard has been still (the lock is this late)."""

LOCKED_ACTIONS = frozenset({"quit", "help"})
"""The only App actions before signing in and while locked (no palette, no new dossier…):
quitting, and the list of keys (it names keys, never a citizen)."""

SYNC_STATUS_SECONDS = 5.0
"""How often the sync line re-reads the waiting count (dossiers saved by any screen or process)."""

SYNC_TEXT = {
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "running": "Đang đồng bộ, kết quả sẽ hiện ở dòng trạng thái.",
    "done": "Đã đồng bộ: gửi {sent} hồ sơ, nhận {updates} cập nhật trạng thái; còn chờ {waiting}.",
    "rejected": "Hệ thống trung tâm trả lại {count} hồ sơ, cần xử lý: {codes}",
    "attention": "{count} hồ sơ có yêu cầu bổ sung hoặc bị từ chối: {codes}",
    "held": (
        "{count} hồ sơ bị tạm giữ, chưa gửi được (các hồ sơ khác vẫn gửi): {codes}. "
        "Mở hồ sơ để xem lý do và cách xử lý."
    ),
    "title": "Đồng bộ",
    "stopped": "Đã dừng đồng bộ theo yêu cầu: còn {waiting} hồ sơ chờ gửi, sẽ gửi ở lần sau.",
}

LONG_ROUND = 100
"""Dossiers waiting from which F9 shows the round's bar (Esc stops it); fewer go in a blink."""


class DeskApp(
    KeyActions,
    NoticeBoard,
    ReceptionActions,
    ReceiptActions,
    PaletteActions,
    ThemeActions,
    App[None],
):
    """The counter desk."""

    TITLE = "Bàn tiếp nhận một cửa"
    CSS_PATH = "desk.tcss"
    BINDINGS = [
        Binding(
            "f1",
            "help",
            "Trợ giúp",
            id="app.help",
            tooltip="Mọi phím dùng được ở màn hình này và tác dụng của chúng",
            priority=True,  # also over a dialog, where the App's other keys do not reach
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Thoát",
            id="app.quit",
            tooltip="Đóng chương trình (mọi thứ đã nhập đều đã được lưu)",
            priority=True,
        ),
        Binding(
            "f12",
            "lock",
            "Khóa",
            id="app.lock",
            tooltip="Khóa màn hình ngay (che dữ liệu công dân); nhập lại mật khẩu để làm tiếp",
            show=False,  # shown on home's footer; every screen's F1 lists it
            priority=True,  # also over a dialog, where the App's other keys do not reach
        ),
        PALETTE_BINDING,
        Binding(
            "f9",
            "sync_now",
            "Đồng bộ",
            id="app.sync",
            tooltip="Gửi ngay các hồ sơ đang chờ lên hệ thống trung tâm và nhận trạng thái mới",
            show=False,  # shown on home's footer; every screen's F1 lists it
        ),
    ]

    @dataclass
    class DeskReady(Message):
        """The desk's database is open; screens may read from it."""

    @dataclass
    class DeskOpened(Message):
        """The opening worker's result: the desk, open."""

        desk: Desk

    @dataclass
    class DeskFailed(Message):
        """The opening worker's result: the desk could not be opened, and why."""

        message: Text

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

    def __init__(self, open_desk: Callable[[], Desk], *, sign_in_hint: str = "") -> None:
        super().__init__()
        self.register_desk_themes()
        self.desk: Desk | None = None
        self._open_desk = open_desk
        self._sign_in_hint = sign_in_hint
        """Shown under the sign-in box (the demo's accounts); empty for a real desk."""
        self._signed_in_at_start = False
        self.locked = False
        """Whether the lock screen is up: App actions and notifications wait."""
        self._held: list[tuple[str, str, SeverityLevel, float | None]] = []
        self.notices: list[Notice] = []
        """Notifications shown now, in their band (:mod:`screens.notices`)."""
        self.idle_clock: Callable[[], float] = time.monotonic
        """Where idle time is read from (tests move it forward)."""
        self._last_input = self.idle_clock()
        self._working = False
        self.sync_state: SyncState | None = None
        """The latest sync state read; None until the desk is open."""
        self.sync_running = False
        self.sync_policy: RetryPolicy | None = None
        """How hard a round retries; None: the protocol's defaults (tests make it quick)."""
        self._sync_stop = threading.Event()
        self.keymap: dict[str, str] = {}
        """desk.toml's ``[keys]`` in force (:mod:`screens.keymap`); empty: every key its own."""

    @classmethod
    def for_desk(cls, desk: Desk, *, sign_in_hint: str = "") -> DeskApp:
        """An app over a desk that is already open (tests, embedding).

        If an officer is already signed in at ``desk``, the app starts on the home screen.
        """
        app = cls(lambda: desk, sign_in_hint=sign_in_hint)
        app._signed_in_at_start = desk.signed_in is not None
        return app

    def on_mount(self) -> None:
        """Show the sign-in screen at once, then open the database behind it."""
        self.screen_change_signal.subscribe(self, self._add_sync_line)
        if self._signed_in_at_start:
            self.push_screen(HomeScreen())
        else:
            self.push_screen(SignInScreen(hint=self._sign_in_hint))
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
            self.post_message(self.DeskFailed(Text(f"desk: {exc.message}")))
            return
        self.post_message(self.DeskOpened(desk))

    def on_desk_app_desk_failed(self, message: DeskFailed) -> None:
        """The desk cannot open: leave, saying why (the command's exit status is 2)."""
        self.exit(return_code=2, message=message.message)

    def on_desk_app_desk_opened(self, message: DeskOpened) -> None:
        """The desk is open: the screens may read it, sync and the idle lock start."""
        desk = message.desk
        self.desk = desk
        settings = desk.settings
        if settings.keys:  # checked before opening (desk_app.cli.check_keymap)
            from screens.keymap import apply_keymap

            self.keymap = apply_keymap(self, settings.keys)
        # The desk first: a narrow header cuts the end of a long office name, not the desk.
        self.sub_title = f"Bàn {settings.desk.number} · {settings.office.name}"
        for screen in self.screen_stack:
            screen.post_message(self.DeskReady())
        self.set_interval(settings.central.sync_interval, self._scheduled_sync)
        self.set_interval(SYNC_STATUS_SECONDS, self._read_sync_state)
        self.set_interval(IDLE_CHECK_SECONDS, self.lock_when_idle)
        self._start_sync(manual=False)
        if desk.signed_in is not None:  # opened by someone already signed in (embedding)
            if isinstance(self.screen, SignInScreen):
                self.switch_screen(HomeScreen())
            self._start_work()

    # --- signing in, the lock -------------------------------------------------------------

    def _start_work(self) -> None:
        """An officer has just signed in: the day's work begins where drafts left it."""
        self._working = True
        self._last_input = self.idle_clock()
        self.refresh_bindings()  # the keys check_action held back are live now
        if self.desk is not None:
            self.restore_officer_theme(self.desk)  # the theme this officer chose last
        self.remind_drafts()

    def on_sign_in_screen_signed_in(self, message: SignInScreen.SignedIn) -> None:
        """Into the home screen after signing in; back to the same place after unlocking."""
        self._last_input = self.idle_clock()
        if message.resume:
            self.locked = False
            self.refresh_bindings()
            self.pop_screen()
            held, self._held = self._held, []
            for text, title, severity, timeout in held:
                self.notify(text, title=title, severity=severity, timeout=timeout, markup=False)
            return
        self.switch_screen(HomeScreen())
        self._start_work()

    def action_lock(self, reason: str = "key") -> None:
        """Hide everything behind the lock screen; the same officer's password lifts it."""
        desk = self.desk
        if desk is None or desk.signed_in is None or self.locked or not self._working:
            return
        self.locked = True
        self.refresh_bindings()
        self.clear_notifications()
        self.push_screen(SignInScreen(desk.signed_in))
        self._record_lock(desk, reason)

    @work(thread=True, exit_on_error=False, group="lock")
    def _record_lock(self, desk: Desk, reason: str) -> None:
        desk.record_lock(reason)

    def lock_when_idle(self) -> None:
        """Lock when the keyboard (and mouse) have been still for the configured time."""
        if self.desk is None or self.locked or not self._working:
            return
        still = self.idle_clock() - self._last_input
        if still >= self.desk.settings.security.idle_lock_minutes * 60:
            self.action_lock("idle")

    async def on_event(self, event: events.Event) -> None:
        """Every key press or click is activity that keeps the screen unlocked."""
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown)):
            self._last_input = self.idle_clock()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before signing in and while locked, the App does nothing but quit (no palette…)."""
        return action in LOCKED_ACTIONS or (self._working and not self.locked)

    # --- sync -----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette's commands, in Vietnamese (nothing before signing in): reception,
        syncing, and the few of Textual's worth keeping (:mod:`screens.palette`)."""
        if self.locked or not self._working:
            return
        yield from self.reception_commands(screen)
        yield SystemCommand("Đồng bộ ngay", SYNC_TEXT["title"], self.action_sync_now)
        yield from self.theme_commands()
        yield from self.palette_commands(screen)

    def action_sync_now(self) -> None:
        """Run a sync round now (F9), unless one is already running."""
        if self.desk is None:
            self.notify(SYNC_TEXT["not_open"], title=SYNC_TEXT["title"], markup=False)
        elif self.sync_running:
            self.notify(SYNC_TEXT["running"], title=SYNC_TEXT["title"], markup=False)
        else:
            self._start_sync(manual=True)

    def _scheduled_sync(self) -> None:
        if not self.sync_running:
            self._start_sync(manual=False)

    def _start_sync(self, *, manual: bool) -> None:
        assert self.desk is not None
        self.sync_running = True
        self._show_sync_state()
        waiting = self.sync_state.waiting if self.sync_state is not None else 0
        relay = Relay("sync", self.post_message) if manual and waiting >= LONG_ROUND else None
        if relay is not None:
            self.push_screen(ProgressDialog(relay))
        self._sync_round(self.desk, manual, relay)

    @work(thread=True, exit_on_error=False, group="sync")
    def _sync_round(self, desk: Desk, manual: bool, relay: Relay | None = None) -> None:
        from desk_app.progress import Stopped
        from desk_app.sync import SyncReport, read_state, sync_once

        try:
            report = sync_once(
                desk.store,
                desk.settings,
                clock=desk.clock,
                stop=self._sync_stop,
                policy=self.sync_policy,
                progress=relay,
            )
        except Stopped:  # at a batch boundary: what was sent stays sent, the rest waits
            state = read_state(desk.store)
            at = desk.clock()
            stopped = SYNC_TEXT["stopped"].format(waiting=state.waiting)
            report = SyncReport(started_at=at, finished_at=at, waiting=state.waiting, error=stopped)
        self.post_message(self.SyncFinished(report, read_state(desk.store), manual))

    def on_advanced(self, message: Advanced) -> None:
        """A long round's counts, for its bar."""
        show_advance(list(self.screen_stack), message)

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
        finish_dialog(list(self.screen_stack), "sync")
        self.sync_state = message.state
        self._show_sync_state()
        report = message.report
        if report.set_aside:
            self.notify(
                SYNC_TEXT["held"].format(
                    count=len(report.set_aside), codes=", ".join(report.set_aside)
                ),
                title=SYNC_TEXT["title"],
                severity="warning",
                timeout=30,
                markup=False,
            )
        if report.rejected:
            codes = ", ".join(code for code, _ in report.rejected)
            self.notify(
                SYNC_TEXT["rejected"].format(count=len(report.rejected), codes=codes),
                title=SYNC_TEXT["title"],
                severity="warning",
                timeout=30,
                markup=False,
            )
        if report.refused_events:  # another counter got there first: who did it, and when
            from desk_app.sync.messages import refused_notice

            self.notify(
                refused_notice(report),
                title=SYNC_TEXT["title"],
                severity="warning",
                timeout=30,
                markup=False,
            )
        if report.attention:
            codes = ", ".join(code for code, _, _ in report.attention)
            self.notify(
                SYNC_TEXT["attention"].format(count=len(report.attention), codes=codes),
                title=SYNC_TEXT["title"],
                severity="warning",
                timeout=30,
                markup=False,
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
                    markup=False,
                )
            else:
                self.notify(
                    report.error or "", title=SYNC_TEXT["title"], severity="error", markup=False
                )

    def _add_sync_line(self, screen: Screen[Any]) -> None:
        """Give every full screen the sync line (dialogs sit on top of one that has it), and
        every screen its band of notifications."""
        if not isinstance(screen, ModalScreen) and not screen.query(SyncStatusBar):
            bar = SyncStatusBar()
            bar.set_class(bool(screen.query(Footer)), "-above-footer")
            screen.mount(bar)
            bar.show(self.sync_state, running=self.sync_running)
        self.add_notice_area(screen)

    def _show_sync_state(self) -> None:
        for screen in self.screen_stack:
            for bar in screen.query(SyncStatusBar):
                bar.show(self.sync_state, running=self.sync_running)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed background job becomes a message for the officer."""
        if event.worker.group == "sync" and event.state in (
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            self.sync_running = False  # the next interval (or F9) tries again
            finish_dialog(list(self.screen_stack), "sync")
            self._show_sync_state()
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, DeskError):
            self.notify(error.message, title="Không thực hiện được", severity="error", markup=False)
        else:
            self.notify(
                f"Lỗi không mong đợi ({type(error).__name__}). Dữ liệu đã nhập vẫn được giữ; "
                "hãy thử lại hoặc báo bộ phận kỹ thuật.",
                title="Lỗi",
                severity="error",
                markup=False,
            )
