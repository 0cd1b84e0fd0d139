"""Notifications in rows of their own, above the sync line, never over the screen's content.

Textual shows a notification as a toast floating over the bottom right corner of the screen:
there it covered the wizard's hint line and the receipt's QR code, the very things an officer
needs while a message is up. Here a notification takes rows of its own: a band docked above
the sync line (and the key footer) that the screen's content makes room for while it shows,
and that disappears when the last message expires. Nothing is ever drawn over a field, a list
or a QR code.

Textual's own bookkeeping still runs (``App.notify`` records each notification; tests and
``clear_notifications`` rely on it); only its floating toasts are hidden (desk.tcss). Messages
are shown as plain text: they quote codes, names and central's words.

A mixin of the App (before ``App``), with the screen lock: while the screen is locked a
notification is held back (it may name a dossier) and shown once the officer is back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

MAX_SHOWN = 2
"""Most recent notifications shown at once (older ones give way): the band takes rows from
the screen while it shows, so it stays small."""

SEVERITY_STYLE: dict[str, str] = {
    "information": "bold",
    "warning": "bold yellow",
    "error": "bold red",
}
SEVERITY_MARK: dict[str, str] = {"information": "•", "warning": "!", "error": "✖"}
"""A mark per severity, for a monochrome terminal."""


@dataclass
class Notice:
    """One notification as the band shows it."""

    message: str
    title: str
    severity: SeverityLevel
    expires: float
    """When it goes (``time.monotonic``)."""


class NoticeArea(Static):
    """The band of notifications of one screen (hidden when there is none)."""

    DEFAULT_CSS = """
    NoticeArea {
        dock: bottom;
        display: none;
        height: auto;
        max-height: 5;
        width: 100%;
        padding: 0 1;
        background: $primary 25%;
    }
    NoticeArea.-shown {
        display: block;
    }
    NoticeArea.-above-sync {
        /* Docked widgets on one edge overlap: leave the sync line (and the footer) below. */
        margin-bottom: 1;
    }
    NoticeArea.-above-footer {
        margin-bottom: 2;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="notices", markup=False)

    def show(self, notices: list[Notice]) -> None:
        """Display ``notices``, newest last; hide the band when there are none."""
        text = Text()
        for notice in notices[-MAX_SHOWN:]:
            if text:
                text.append("\n")
            style = SEVERITY_STYLE.get(notice.severity, "bold")
            text.append(f"{SEVERITY_MARK.get(notice.severity, '•')} ", style=style)
            if notice.title:
                text.append(f"{notice.title}: ", style=style)
            text.append(notice.message)
        self.update(text)
        self.set_class(bool(notices), "-shown")


class NoticeBoard:
    """Mixed into the App: ``notify`` shows in each screen's band; held while locked."""

    locked: bool
    _held: list[tuple[str, str, SeverityLevel, float | None]]
    notices: list[Notice]
    """Shown now, oldest first (the App starts it empty)."""

    @dataclass
    class Noticed(Message):
        """A notification to show (posted, so ``notify`` may be called from any thread)."""

        notice: Notice

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification, or keep it until the screen is unlocked (it may name data).

        Always as plain text, whatever ``markup`` says: a notification quotes dossier codes,
        scanned values, file names and central's words, and ``Widget.notify`` passes
        ``markup=True`` unless told otherwise, so one forgotten argument would let ``[/]``
        crash the app or ``[@click=…]`` run an action. Nothing we show needs markup.
        """
        app: Any = self
        if self.locked:
            self._held.append((message, title, severity, timeout))
            return
        super().notify(  # type: ignore[misc]
            message, title=title, severity=severity, timeout=timeout, markup=False
        )
        seconds = app.NOTIFICATION_TIMEOUT if timeout is None else timeout
        notice = Notice(str(message), str(title), severity, time.monotonic() + seconds)
        app.post_message(self.Noticed(notice))

    def on_notice_board_noticed(self, message: Noticed) -> None:
        """Add the notice to the band and take it away when it expires."""
        app: Any = self
        self.notices.append(message.notice)
        app.set_timer(max(0.0, message.notice.expires - time.monotonic()), self.expire_notices)
        self.show_notices()

    def expire_notices(self) -> None:
        """Drop the notices whose time is up."""
        now = time.monotonic()
        self.notices = [n for n in self.notices if n.expires > now]
        self.show_notices()

    def clear_notifications(self) -> None:
        """Drop every notice, Textual's record of them included (the screen locks: they may
        name dossiers)."""
        super().clear_notifications()  # type: ignore[misc]
        self.notices = []
        self.show_notices()

    def show_notices(self) -> None:
        """Show the current notices on the band of the screen in front (only there: a dialog
        shows them in its own band, not twice over the screen under it)."""
        app: Any = self
        for screen in app.screen_stack:
            for area in screen.query(NoticeArea):
                area.show(self.notices if screen is app.screen else [])

    def add_notice_area(self, screen: Screen[Any]) -> None:
        """Give ``screen`` (just shown) its band, once, above its sync line and footer; the
        notices move to it."""
        if not screen.query(NoticeArea):
            area = NoticeArea()
            # A dialog's band sits above the sync line and footer of the screen under it.
            footer = isinstance(screen, ModalScreen) or bool(screen.query(Footer))
            area.set_class(footer, "-above-footer")
            area.set_class(not footer, "-above-sync")
            screen.mount(area)
        self.show_notices()
