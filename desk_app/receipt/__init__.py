"""The receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (form no. 01, Circular 01/2018/TT-VPCP).

Made from a *saved* dossier (a :class:`~desk_app.store.DossierRow`) and the desk's settings,
never from what a screen holds: :func:`receipt_content` works out the words,
:func:`render_receipt` draws them as a PDF (A4 or A5, fonts embedded, a QR code holding the
dossier code or the lookup URL), :func:`print_receipt` renders, keeps the PDF in the receipts
folder and prints it with the configured command. Everything here blocks (rendering, the print
command); screens call it from a worker (``DeskApp.print_receipt``).
"""

from __future__ import annotations

import subprocess

from desk_app.receipt.content import ReceiptContent, ReceiptError, receipt_content
from desk_app.receipt.pdf import RenderedReceipt, render_content
from desk_app.receipt.printing import PrintOutcome, Runner, deliver, receipt_path, write_pdf
from desk_app.settings import Settings
from desk_app.store import DossierRow


def render_receipt(row: DossierRow, settings: Settings) -> RenderedReceipt:
    """The PDF receipt of the saved dossier ``row``, on the paper of ``[printing]``."""
    return render_content(receipt_content(row, settings), settings.printing.paper)


def print_receipt(
    row: DossierRow, settings: Settings, *, runner: Runner = subprocess.run
) -> PrintOutcome:
    """Render the receipt of ``row``, keep it in the receipts folder and print it if configured.

    A print failure is an outcome (the PDF stays on disk), not an exception; a dossier whose
    saved content cannot be read or a receipts folder that cannot be written raises
    :class:`ReceiptError` with a Vietnamese message.
    """
    rendered = render_receipt(row, settings)
    return deliver(
        rendered.pdf,
        row.code,
        folder=settings.paths.receipts,
        command=settings.printing.command,
        copies=settings.receipt.copies,
        unprintable=rendered.unprintable,
        runner=runner,
    )


__all__ = [
    "PrintOutcome",
    "ReceiptContent",
    "ReceiptError",
    "RenderedReceipt",
    "print_receipt",
    "receipt_content",
    "receipt_path",
    "render_receipt",
    "write_pdf",
]
