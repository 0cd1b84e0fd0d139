"""What the closing slip just printed says, on screen: the supervisor reads it before signing.

The slip itself is the paper (or the PDF kept beside the receipts); the dialog repeats its
summary — the codes issued today (first, last, count), the numbers left without a dossier,
the dossiers still waiting to be sent (after the sync round tried first), the audit chain and
the anchor central holds — and where the slip went. Every line is built from the slip's own
facts and sentences (:mod:`desk_app.reports.texts`), as ``Text``: codes and reasons are data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from desk_app.safe_text import filled, plain

if TYPE_CHECKING:
    from desk_app.reports.api import ClosingOutcome
    from desk_app.reports.closing import ClosingFacts

TEXT = {
    "gaps": "{count} số thứ tự bỏ trống (phiếu ghi rõ lý do): {codes}",
    "waiting": "Còn {count} hồ sơ chờ gửi: {codes}",
    "more": "{codes} và {more} mã khác (xem phiếu)",
    "keys": "Enter hoặc Esc: đóng",
}
SHOWN_CODES = 6
"""Codes listed on one line of the dialog; the slip lists them all."""


def _codes(codes: list[str]) -> str:
    if len(codes) <= SHOWN_CODES:
        return ", ".join(codes)
    shown = ", ".join(codes[:SHOWN_CODES])
    return TEXT["more"].format(codes=shown, more=len(codes) - SHOWN_CODES)


def summary_lines(facts: ClosingFacts) -> list[Text]:
    """The slip's summary, one line a fact, in the slip's order."""
    from desk_app.reports import texts

    day = f"{facts.day:%d/%m/%Y}"
    lines = [filled(texts.CLOSING_DAY, day=day, desk=facts.desk_number)]
    if facts.issued:
        first, last = facts.issued[0], facts.issued[-1]
        lines.append(filled(texts.CODES_RANGE, first=first, last=last, count=len(facts.issued)))
    else:
        lines.append(plain(texts.CODES_NONE))
    if facts.gaps:
        codes = _codes([gap.code for gap in facts.gaps])
        lines.append(filled(TEXT["gaps"], count=len(facts.gaps), codes=codes, style="bold"))
    elif facts.issued or facts.allocated:
        lines.append(plain(texts.GAPS_NONE))
    lines.append(plain(facts.sync_line))
    if facts.waiting:
        codes = _codes([code for code, _, _ in facts.waiting])
        lines.append(filled(TEXT["waiting"], count=len(facts.waiting), codes=codes, style="bold"))
    else:
        lines.append(plain(texts.WAITING_NONE))
    if facts.chain is None:
        lines.append(plain(texts.AUDIT_EMPTY))
    else:
        events, head = facts.chain
        lines.append(filled(texts.AUDIT_CHAIN, events=events, head=head))
    lines.append(plain(facts.anchor_line))
    return lines


class ClosingDialog(ModalScreen[None]):
    """The slip's summary and where the slip went; Enter or Esc closes."""

    DEFAULT_CSS = """
    ClosingDialog {
        align: center middle;
    }
    #closing-box {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #closing-box.-failed {
        border: thick $error;
    }
    #closing-title {
        text-style: bold;
    }
    #closing-lines {
        height: auto;
        max-height: 12;
    }
    #closing-outcome {
        margin-top: 1;
    }
    #closing-keys {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape,enter", "close", "Đóng", id="closing.close", tooltip="Đóng bảng tóm tắt"),
    ]

    def __init__(self, outcome: ClosingOutcome) -> None:
        super().__init__(id="closing-dialog")
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        """The title, the summary, what happened to the paper, the keys."""
        from desk_app.reports import texts

        box = Vertical(id="closing-box", classes="" if self.outcome.ok else "-failed")
        with box:
            yield Static(plain(texts.CLOSING_TITLE), id="closing-title")
            with VerticalScroll(id="closing-lines"):
                for line in summary_lines(self.outcome.facts):
                    yield Static(line, classes="closing-line")
            yield Static(plain(self.outcome.message), id="closing-outcome")
            yield Static(plain(TEXT["keys"]), id="closing-keys")

    def action_close(self) -> None:
        """Back to the report screen."""
        self.dismiss(None)
