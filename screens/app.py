"""The Textual application of the desk.

The App owns what must outlive any one screen (the open desk, later the sync worker) and
the single handler that turns a failed worker into a message the officer can act on.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from desk_app.desk import Desk
from desk_app.errors import DeskError
from screens.home import HomeScreen


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

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        settings = desk.settings
        self.sub_title = f"{settings.office.name} · Bàn {settings.desk.number}"

    def on_mount(self) -> None:
        """Open on the home screen."""
        self.push_screen(HomeScreen())

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
