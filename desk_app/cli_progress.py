"""Progress bars and a safe Ctrl+C for `desk backup`, `restore`, `sync` and `report`.

The work reports to a :class:`desk_app.progress.Progress`; here that becomes a Rich bar on
stderr, **only when stderr is a terminal**: a script, a scheduled task or a test reading the
output gets exactly what it got before. Counts, and an estimate of the time left once Rich
has seen a few steps, with Vietnamese labels.

Ctrl+C no longer interrupts wherever Python happens to be: while the work runs, the first
Ctrl+C only asks it to stop, and the work stops at its next boundary (between two steps of a
copy, two sync batches, two stages of a report), where nothing is half-written. The command
then says in one Vietnamese line what was done and what was not, and exits 130. A second
Ctrl+C stops at once, as before (Python's own KeyboardInterrupt, which `desk` also turns into
exit 130).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

from desk_app.progress import StopSwitch, Throttled, left_text

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import Task, TaskID
    from rich.text import Text

TEXT = {
    "count": "{done}/{total}",
    "count_open": "{done}",
    "stopping": "đang dừng ở điểm an toàn… (Ctrl+C lần nữa: dừng ngay)",
    "backup": (
        "đã dừng sao lưu theo yêu cầu (Ctrl+C): không ghi gì vào {path} (không để lại tệp "
        "dở dang); cơ sở dữ liệu của bàn không thay đổi."
    ),
    "restore": (
        "đã dừng khôi phục theo yêu cầu (Ctrl+C) trước khi thay cơ sở dữ liệu: dữ liệu của "
        "bàn vẫn như cũ, không khôi phục gì từ {path}."
    ),
    "sync": (
        "đã dừng đồng bộ theo yêu cầu (Ctrl+C): lần này đã gửi xong {sent} hồ sơ; còn {waiting} "
        "hồ sơ chờ gửi, sẽ được gửi ở lần đồng bộ sau (không hồ sơ nào bị gửi trùng)."
    ),
    "report": "đã dừng lập báo cáo theo yêu cầu (Ctrl+C): chưa ghi tệp {path}.",
}
"""What the bar shows and what a stopped command says, in one place."""


class Bar:
    """A Rich progress display on stderr: one line per phase, counts and time left."""

    def __init__(self, switch: StopSwitch | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn

        stopping = switch

        class Counts(ProgressColumn):
            def render(self, task: Task) -> Text:
                from rich.text import Text

                done = int(task.completed)
                if task.total is None:
                    return Text(TEXT["count_open"].format(done=done))
                return Text(TEXT["count"].format(done=done, total=int(task.total)))

        class Left(ProgressColumn):
            def render(self, task: Task) -> Text:
                from rich.text import Text

                if stopping is not None and stopping.asked.is_set() and not task.finished:
                    return Text(TEXT["stopping"], style="yellow")
                if task.finished or task.total is None:
                    return Text("")
                return Text(left_text(task.time_remaining), style="cyan")

        self.progress: RichProgress = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            Counts(),
            Left(),
            console=Console(stderr=True),
            refresh_per_second=8,
        )
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        task = self.tasks.get(phase)
        if task is None:
            task = self.tasks[phase] = self.progress.add_task(phase, total=total)
        self.progress.update(task, completed=done, total=total)


def on_terminal() -> bool:
    """Whether stderr is a terminal a person watches (else: no bar at all)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def watched(*, show: bool | None = None) -> Iterator[StopSwitch]:
    """A progress callback for the work in the block, drawn when stderr is a terminal
    (``show`` forces it either way), with Ctrl+C turned into a stop at the next boundary."""
    switch = StopSwitch()
    bar = Bar(switch) if (on_terminal() if show is None else show) else None
    if bar is not None:
        switch.inner = Throttled(bar, interval=0.05)
    previous = _catch_interrupt(switch)
    try:
        if bar is not None:
            bar.progress.start()
        yield switch
    finally:
        if bar is not None:
            bar.progress.stop()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _catch_interrupt(switch: StopSwitch) -> Any:
    """Make the first Ctrl+C ask ``switch`` to stop, the second interrupt at once; the
    handler that was there before (None: not the main thread, nothing changed)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def first(signum: int, frame: FrameType | None) -> None:
        switch.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    return signal.signal(signal.SIGINT, first)
