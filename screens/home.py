"""The home screen: what the desk has on its plate, read from the store.

Counts are read in a thread worker (the store may hold a million dossiers) that posts them
back as a message; a timer refreshes them so dossiers saved by another process show up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, Label, Static

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.store import Counts

REFRESH_SECONDS = 5.0

TEXT = {
    "today": "Hồ sơ tiếp nhận hôm nay",
    "waiting": "Chờ đồng bộ lên hệ thống",
    "officer": "Cán bộ tiếp nhận: {officer}",
    "loading": "Đang mở bàn làm việc…",
}


class CountTile(Vertical):
    """One figure with its caption."""

    def __init__(self, caption: str, *, id: str) -> None:
        super().__init__(id=id, classes="tile")
        self._caption = caption

    def compose(self) -> ComposeResult:
        """A big number above a caption."""
        yield Digits("…", classes="figure")
        yield Label(self._caption, classes="caption")

    def show(self, value: int) -> None:
        """Display ``value``."""
        self.query_one(Digits).update(str(value))


class HomeScreen(Screen[None]):
    """The desk's start page."""

    BINDINGS = [
        Binding(
            "n",
            "app.new_dossier",
            "Hồ sơ mới",
            id="home.new_dossier",
            tooltip="Tiếp nhận hồ sơ liên thông khai sinh – thường trú – BHYT",
        ),
        Binding(
            "d",
            "app.open_drafts",
            "Bản nháp",
            id="home.drafts",
            tooltip="Các hồ sơ đang nhập dở: tiếp tục đúng chỗ, hoặc bỏ",
        ),
        Binding(
            "f5",
            "refresh_counts",
            "Làm mới",
            id="home.refresh",
            tooltip="Đọc lại số liệu từ cơ sở dữ liệu",
        ),
    ]

    @dataclass
    class CountsLoaded(Message):
        """Figures read by the worker."""

        counts: Counts

    def compose(self) -> ComposeResult:
        """Header, the figures, the officer line, and the footer with the keys."""
        yield Header()
        with Vertical(id="home"):
            yield CountTile(TEXT["today"], id="count-today")
            yield CountTile(TEXT["waiting"], id="count-waiting")
            yield Static(TEXT["loading"], id="officer")
        yield Footer()

    def on_mount(self) -> None:
        """Load the figures now (if the desk is open) and every few seconds."""
        self.action_refresh_counts()
        self.set_interval(REFRESH_SECONDS, self.action_refresh_counts)

    def on_desk_app_desk_ready(self) -> None:
        """The desk has just opened: name the officer and read the figures."""
        officer = self.app.desk.officer  # type: ignore[attr-defined]
        self.query_one("#officer", Static).update(TEXT["officer"].format(officer=officer))
        self.action_refresh_counts()

    def action_refresh_counts(self) -> None:
        """Re-read the figures in the background."""
        desk = self.app.desk  # type: ignore[attr-defined]
        if desk is not None:
            self._load_counts(desk)

    @work(thread=True, exit_on_error=False, exclusive=True, group="home-counts")
    def _load_counts(self, desk: Desk) -> None:
        self.post_message(self.CountsLoaded(desk.counts()))

    def on_home_screen_counts_loaded(self, message: CountsLoaded) -> None:
        """Show the figures the worker read."""
        self.query_one("#count-today", CountTile).show(message.counts.today)
        self.query_one("#count-waiting", CountTile).show(message.counts.waiting_sync)
