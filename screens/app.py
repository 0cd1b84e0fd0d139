"""The Textual application of the desk.

The App owns what must outlive any one screen (the open desk, later the sync worker) and
the single handler that turns a failed worker into a message the officer can act on.
The desk (its settings, then its database) is opened in a worker after the first frame
is painted: validating desk.toml and opening (perhaps migrating) a store of a million
dossiers must never keep the officer looking at a blank terminal. If the desk cannot open,
the app exits with the one clear message and status 2, as the other commands do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.worker import Worker, WorkerState

from desk_app.errors import DeskError
from screens.home import HomeScreen

if TYPE_CHECKING:
    # Imported for types only: the store (and sqlite-utils) load in the worker, after the
    # first frame is on screen.
    from desk_app.desk import Desk


class DeskApp(App[None]):
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
    ]

    @dataclass
    class DeskReady(Message):
        """The desk's database is open; screens may read from it."""

    def __init__(self, open_desk: Callable[[], Desk]) -> None:
        super().__init__()
        self.desk: Desk | None = None
        self._open_desk = open_desk

    @classmethod
    def for_desk(cls, desk: Desk) -> DeskApp:
        """An app over a desk that is already open (tests, embedding)."""
        return cls(lambda: desk)

    def on_mount(self) -> None:
        """Show the home screen at once, then open the database behind it."""
        self.push_screen(HomeScreen())
        self.call_after_refresh(self._open)

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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where a failed background job becomes a message for the officer."""
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
