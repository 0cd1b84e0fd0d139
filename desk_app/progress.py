"""How long work says how far it is, and how it is asked to stop: one small interface.

Backup, restore, a sync round with many dossiers, a catch-up from central and the reports can
take minutes on a busy office's database. The work itself knows nothing of terminals or
screens: it calls a :class:`Progress` with a Vietnamese phase label, what is done and the
total when it is known, at its natural boundaries (a step of pages, a batch, a page of
updates, a stage of a report), never per row. The CLI draws a Rich bar from these calls
(:mod:`desk_app.cli_progress`), the App a Textual bar (:mod:`screens.widgets.progress`).

Stopping uses the same call: whoever wants the work to stop makes its progress callback raise
:class:`Stopped` at the next boundary. The work is written so that an exception there leaves
nothing half-done: what was committed stays committed, a partial file is removed, a restore
has not replaced anything yet. :class:`Stopped` is a :class:`KeyboardInterrupt` on purpose:
no ``except Exception`` on the way swallows it, and `desk` already turns it into exit 130.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from typing import Protocol

PHASES = {
    "backup_copy": "Sao chép cơ sở dữ liệu",
    "backup_check": "Kiểm tra bản sao lưu",
    "restore_copy": "Đọc bản sao lưu",
    "restore_check": "Kiểm tra bản sao lưu",
    "sync_send": "Gửi hồ sơ lên trung tâm",
    "sync_events": "Gửi thao tác lên trung tâm",
    "sync_pull": "Nhận cập nhật từ trung tâm",
    "report_read": "Đọc số liệu",
    "report_render": "Dựng tệp báo cáo",
    "report_write": "Ghi tệp báo cáo",
}
"""Every phase label long work reports, in one place (what the officer reads on the bar)."""

LEFT = {
    "seconds": "còn khoảng {n} giây",
    "minutes": "còn khoảng {n} phút",
    "hours": "còn khoảng {h} giờ {m} phút",
}
"""The estimate of the time left, as the CLI's bar and the App's say it."""


def left_text(seconds: float | None) -> str:
    """The estimate of time left in Vietnamese ("còn khoảng 12 giây"); "" when unknown."""
    if seconds is None:
        return ""
    whole = max(1, round(seconds))
    if whole < 90:
        return LEFT["seconds"].format(n=whole)
    if whole < 90 * 60:
        return LEFT["minutes"].format(n=round(whole / 60))
    hours, minutes = divmod(round(whole / 60), 60)
    return LEFT["hours"].format(h=hours, m=minutes)


class Estimate:
    """Time left in a phase from the pace so far (``None`` until there is a pace)."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.start = (0.0, 0)

    def __call__(self, phase: str, done: int, total: int | None, at: float) -> float | None:
        if phase != self.phase:
            self.phase, self.start = phase, (at, done)
            return None
        began, first = self.start
        if total is None or done <= first or at <= began:
            return None
        return (total - done) * (at - began) / (done - first)


class Progress(Protocol):
    """Told how far the work is: ``phase`` (Vietnamese), ``done`` so far, ``total`` if known.

    Within one phase ``done`` never goes down and ends at ``total`` when the phase finishes.
    May raise (:class:`Stopped`) to stop the work at this boundary.
    """

    def __call__(self, phase: str, done: int, total: int | None = None) -> None: ...


class Stopped(KeyboardInterrupt):
    """The person asked the work to stop; raised by a progress callback at a boundary."""


def ignore(phase: str, done: int, total: int | None = None) -> None:
    """The progress of work nobody watches."""


def steps(progress: Progress | None, phase_keys: tuple[str, ...]) -> Callable[[int], None]:
    """Report work made of a few named stages as ``done`` of ``len(phase_keys)``.

    ``step(n)`` says stage ``n`` begins (its label, n done); ``step(len)`` says all are done,
    and a stop asked then is too late to matter: the work is finished, so it is not raised.
    """
    report = progress or ignore
    total = len(phase_keys)

    def step(n: int) -> None:
        label = PHASES[phase_keys[min(n, total - 1)]]
        if n < total:
            report(label, n, total)
            return
        with contextlib.suppress(Stopped):
            report(label, n, total)

    return step


class StopSwitch:
    """A progress callback that passes calls on and raises :class:`Stopped` once asked to.

    ``stop()`` may be called from any thread or a signal handler; the work notices at its
    next boundary. ``last`` keeps the latest call, for a closing sentence.
    """

    def __init__(self, inner: Progress | None = None) -> None:
        self.inner = inner or ignore
        self.asked = threading.Event()
        self.last: tuple[str, int, int | None] | None = None

    def stop(self) -> None:
        """Ask the work to stop at its next boundary."""
        self.asked.set()

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        self.last = (phase, done, total)
        self.inner(phase, done, total)
        if self.asked.is_set():
            raise Stopped


class Throttled:
    """Pass calls on at most every ``interval`` seconds, always the first of a phase and the
    last (``done == total``): a bar needs a few updates a second, not one per batch of 50."""

    def __init__(self, inner: Progress, interval: float = 0.1) -> None:
        self.inner = inner
        self.interval = interval
        self._phase: str | None = None
        self._at = 0.0

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        moment = time.monotonic()
        if phase == self._phase and moment - self._at < self.interval and done != total:
            return
        self._phase, self._at = phase, moment
        self.inner(phase, done, total)
