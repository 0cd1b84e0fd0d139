"""Long work on screen: a bar with its phase, counts and time left, and Esc to stop it.

A worker cannot touch widgets, so the work's :class:`desk_app.progress.Progress` callback is
a :class:`Relay`: called from the worker's thread, it posts an :class:`Advanced` message (a
few a second at most) and, once :meth:`Relay.stop` was asked, raises
:class:`desk_app.progress.Stopped` at the work's next boundary, where nothing is half-done.
:class:`WorkProgress` shows the messages: inline on a screen that runs the work (the report
screen), or in :class:`ProgressDialog` over whatever screen a long sync round started from.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from desk_app.progress import Estimate, StopSwitch, Throttled, left_text

TEXT = {
    "counts": "{phase}: {done}/{total}",
    "open": "{phase}: {done}",
    "starting": "Đang bắt đầu…",
    "hint": "Esc: dừng",
    "stopping": "Đang dừng ở điểm an toàn tiếp theo…",
}
"""What the bar says around the work's own phase labels (:data:`desk_app.progress.PHASES`)."""


@dataclass
class Advanced(Message):
    """The work reached a boundary: ``phase``, ``done`` of ``total`` (None: not known)."""

    key: str
    phase: str
    done: int
    total: int | None


class Relay(StopSwitch):
    """The progress callback handed to a worker: posts :class:`Advanced`, raises when stopped."""

    def __init__(self, key: str, post: Callable[[Message], object]) -> None:
        def send(phase: str, done: int, total: int | None = None) -> None:
            post(Advanced(key, phase, done, total))

        super().__init__(Throttled(send, interval=0.1))
        self.key = key


class WorkProgress(Vertical):
    """Phase and counts (with the time left and the stop key) over a Textual progress bar."""

    DEFAULT_CSS = """
    WorkProgress {
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    WorkProgress #work-line {
        height: 1;
    }
    WorkProgress Horizontal {
        height: 1;
    }
    WorkProgress #work-hint {
        width: auto;
        margin-left: 2;
        color: $text-muted;
    }
    """

    def __init__(self, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.key = key
        self.estimate = Estimate()
        self.clock: Callable[[], float] = time.monotonic

    def compose(self) -> ComposeResult:
        """The line, then the bar with the key that stops the work beside it."""
        yield Static(Text(TEXT["starting"]), id="work-line")
        with Horizontal():
            yield ProgressBar(total=None, show_eta=False, id="work-bar")
            yield Static(Text(TEXT["hint"]), id="work-hint")

    def advance(self, phase: str, done: int, total: int | None) -> None:
        """Show ``done`` of ``total`` in ``phase`` (the label, its counts, the time left)."""
        key = "open" if total is None else "counts"
        parts = [TEXT[key].format(phase=phase, done=done, total=total)]
        left = left_text(self.estimate(phase, done, total, self.clock()))
        if left:
            parts.append(left)
        self.query_one("#work-line", Static).update(Text(" · ".join(parts)))
        self.query_one("#work-bar", ProgressBar).update(total=total, progress=done)

    def stopping(self) -> None:
        """Say the stop was heard (the work ends at its next boundary)."""
        self.query_one("#work-hint", Static).update(Text(TEXT["stopping"]))


class ProgressDialog(ModalScreen[None]):
    """A long job's bar over the screen it started from; Esc stops the job at a boundary.

    The App closes it when the job ends (:meth:`finish`), also if it is under the lock
    screen at that moment: then it closes as soon as it is on top again.
    """

    DEFAULT_CSS = """
    ProgressDialog {
        align: center middle;
    }
    ProgressDialog > WorkProgress {
        width: 72;
        border: round $primary;
        padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("escape", "stop", "Dừng", id="progress.stop",
                tooltip="Dừng ở điểm an toàn tiếp theo: việc đã xong được giữ, phần còn lại "
                "làm ở lần sau"),
    ]  # fmt: skip

    def __init__(self, relay: Relay) -> None:
        super().__init__()
        self.relay = relay
        self.finished = False

    def compose(self) -> ComposeResult:
        """The job's bar."""
        yield WorkProgress(self.relay.key)

    def action_stop(self) -> None:
        """Ask the job to stop at its next boundary."""
        self.relay.stop()
        self.query_one(WorkProgress).stopping()

    def finish(self) -> None:
        """The job ended: close now, or once this dialog is on top again."""
        self.finished = True
        if self.is_current:
            self.dismiss(None)

    def on_screen_resume(self) -> None:
        """Back on top (after the lock screen): close if the job ended meanwhile."""
        if self.finished:
            self.dismiss(None)


def dialog_for(screens: list[object], key: str) -> ProgressDialog | None:
    """The open dialog of the job ``key`` in a screen stack, if any."""
    found = [s for s in screens if isinstance(s, ProgressDialog) and s.relay.key == key]
    return found[-1] if found else None


def show_advance(screens: list[object], message: Advanced) -> None:
    """Show a job's :class:`Advanced` in its dialog (a late one, once it closed, is dropped)."""
    dialog = dialog_for(screens, message.key)
    if dialog is not None and not dialog.finished:
        dialog.query_one(WorkProgress).advance(message.phase, message.done, message.total)


def finish_dialog(screens: list[object], key: str) -> None:
    """The job ``key`` ended: close its dialog."""
    dialog = dialog_for(screens, key)
    if dialog is not None:
        dialog.finish()
