"""Rendering and printing the receipt of a saved dossier: the two calls screens and the CLI use."""

from __future__ import annotations

import subprocess

from desk_app.receipt.content import receipt_content
from desk_app.receipt.pdf import RenderedReceipt, render_content
from desk_app.receipt.printing import PrintOutcome, Runner, deliver
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
