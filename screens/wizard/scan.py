"""Scan to fill: a chip ID card's QR, typed by a keyboard-wedge scanner, fills the requester.

The scanner types fast and ends with Enter, into whatever has focus: the dedicated scan
field (F2) or any field of the requester's page. Either way the payload is recognised by its
shape (fields separated by ``|``), parsed by :func:`forms.parse_chip_qr`, and the
requester is filled and marked scanned. The card's permanent address is usually the
pre-2025 three-level form; when the gazetteer can place it, the 2025 province and commune
are filled too, so the officer only confirms. The filling itself is the core's
(:func:`desk_app.assists.apply_scan`); this module is the scan field.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

TEXT = {
    "title": "Quét mã QR trên thẻ căn cước của người yêu cầu",
    "hint": "Đưa thẻ vào máy quét; máy sẽ tự gõ nội dung và Enter. Esc để đóng.",
}


class ScanDialog(ModalScreen[str | None]):
    """A field that always takes the scanner's burst, whatever page the officer is on."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Đóng", id="scan.close", tooltip="Đóng, không quét"),
    ]

    def compose(self) -> ComposeResult:
        """Title, the scan field, a hint."""
        with Vertical(id="scan-box"):
            yield Label(TEXT["title"], id="scan-title")
            yield Input(id="scan-input", compact=True)
            yield Static(TEXT["hint"], id="scan-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """The scanner's Enter: hand the payload to the wizard."""
        event.stop()
        self.dismiss(event.value)
