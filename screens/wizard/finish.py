"""The finish page: the saved dossier's code, appointment and receipt QR; print or next.

The wizard hands the saved dossier down (:meth:`FinishPane.show`); P and N post
:class:`~screens.wizard.messages.PrintReceipt` and :class:`~screens.wizard.messages.Finished` up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from screens.wizard.messages import Finished, PrintReceipt
from screens.wizard.qr import qr_text
from screens.wizard.texts_pages import TEXT

if TYPE_CHECKING:
    from desk_app.store import DossierRow


class FinishPane(VerticalScroll, can_focus=True):
    """The saved dossier: its code, appointment and the receipt's QR, and what to do next."""

    BINDINGS = [
        Binding(
            "p",
            "print",
            "In biên nhận",
            id="finish.print",
            tooltip="In giấy tiếp nhận và hẹn trả kết quả",
        ),
        Binding("n", "new", "Hồ sơ mới", id="finish.new", tooltip="Tiếp nhận hồ sơ tiếp theo"),
    ]

    def __init__(self, qr_template: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.qr_template = qr_template
        """What the receipt's QR says (desk.toml), filled with the dossier's codes."""
        self.saved: DossierRow | None = None

    def compose(self) -> ComposeResult:
        """The facts on the left, the QR on the right (both fit 80×24)."""
        with Horizontal(id="finish-row"):
            yield Static(id="finish-body")
            yield Static(id="finish-qr")

    def show(self, saved: DossierRow, warnings: list[str], note: str | None = None) -> None:
        """Code, lookup code, appointment and QR of the saved dossier; what it was warned of;
        ``note``, quietly: a line the officer may want later, not a warning (the duplicate
        check could not ask central)."""
        from desk_app.receipt.content import long_time

        self.saved = saved
        payload = self.qr_template.format(code=saved.code, lookup_code=saved.lookup_code)
        lines = Text()
        lines.append(TEXT["saved_title"] + "\n", style="bold")
        lines.append(TEXT["code"].format(code=saved.code) + "\n", style="bold")
        lines.append(TEXT["lookup"].format(lookup=saved.lookup_code) + "\n")
        if saved.appointment_at is not None:
            lines.append(TEXT["appointment"].format(when=long_time(saved.appointment_at)) + "\n")
        for warning in warnings:
            lines.append(warning + "\n", style="yellow")
        if note:
            lines.append(note + "\n", style="italic")
        lines.append(TEXT["finish_help"] + "\n", style="dim")
        self.query_one("#finish-body", Static).update(lines)
        self.query_one("#finish-qr", Static).update(qr_text(payload))

    def action_print(self) -> None:
        """Print the receipt (rendered from the saved dossier, in a worker)."""
        if self.saved is not None:
            self.post_message(PrintReceipt(self.saved.code))

    def action_new(self) -> None:
        """Start the next dossier."""
        self.post_message(Finished(new_dossier=True))
