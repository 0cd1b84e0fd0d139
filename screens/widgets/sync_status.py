"""The sync line at the bottom of every screen: online or not, what waits, last success.

A plain one-line widget the App mounts on each screen it shows (just above the key footer),
so the officer always sees whether dossiers are reaching the central system. It only
displays what the App hands it: the App's sync worker and a light timer read the state.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.widgets import Static

from desk_app.clock import now

if TYPE_CHECKING:
    # The store loads after the first frame; so does everything that reads it.
    from desk_app.store.sync_state import SyncState

PENDING = "○ Đang mở cơ sở dữ liệu…"


class SyncStatusBar(Static):
    """One line: ● Trực tuyến · Chờ gửi: 3 · Đồng bộ thành công lần cuối: 09:41."""

    DEFAULT_CSS = """
    SyncStatusBar {
        dock: bottom;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    SyncStatusBar.-above-footer {
        /* Docked widgets on one edge overlap: leave the bottom row to the key footer. */
        margin-bottom: 1;
    }
    SyncStatusBar.-offline {
        color: $warning;
    }
    SyncStatusBar.-online {
        color: $success;
    }
    """

    def __init__(self) -> None:
        super().__init__(PENDING, id="sync-status", markup=False)

    def show(self, state: SyncState | None, *, running: bool, at: datetime | None = None) -> None:
        """Display ``state`` (None: the desk is not open yet)."""
        if state is None:
            self.update(PENDING)
            return
        from desk_app.sync.messages import footer_line

        self.update(footer_line(state, running=running, now=at or now()))
        self.set_class(state.online is False and not running, "-offline")
        self.set_class(bool(state.online) and not running, "-online")
