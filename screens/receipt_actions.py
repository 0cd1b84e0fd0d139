"""Printing a dossier's receipt from any screen, off the UI thread.

A mixin of the App (so ``screens/app.py`` stays small): the wizard prints after saving and
lookup reprints, and the outcome must reach the officer even when the screen that asked has
gone. Rendering reads the dossier back from the store, never from the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.receipt.printing import PrintOutcome

NOT_OPEN = "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát."
TITLE = "Giấy tiếp nhận"


class ReceiptActions:
    """Mixed into the App: ``print_receipt`` and the message that reports its outcome."""

    desk: Desk | None
    notify: Any
    post_message: Any
    screen: Screen[Any]

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
            self.notify(NOT_OPEN, title=TITLE, severity="warning", markup=False)
            return
        self._print_receipt(self.desk, code, self.screen)

    @work(thread=True, exit_on_error=False, group="receipt")
    def _print_receipt(self, desk: Desk, code: str, asking: Screen[Any]) -> None:
        from desk_app.receipt import print_receipt

        outcome = print_receipt(desk.store.require(code), desk.settings)
        done = self.ReceiptDone(code, outcome)
        if not asking.is_attached or not asking.post_message(done):
            self.post_message(done)  # the screen has gone: the App still tells the officer

    def on_receipt_actions_receipt_done(self, message: ReceiptDone) -> None:
        """Tell the officer what became of the receipt."""
        from desk_app.receipt.texts import NOTIFY_TITLE_FAILED, NOTIFY_TITLE_OK

        outcome = message.outcome
        if outcome.ok:
            self.notify(outcome.message, title=NOTIFY_TITLE_OK, timeout=10, markup=False)
        else:
            self.notify(
                outcome.message,
                title=NOTIFY_TITLE_FAILED,
                severity="error",
                timeout=30,
                markup=False,
            )
