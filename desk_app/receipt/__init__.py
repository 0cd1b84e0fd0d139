"""The receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (form no. 01, Circular 01/2018/TT-VPCP).

Made from a *saved* dossier (a :class:`~desk_app.store.DossierRow`) and the desk's settings,
never from what a screen holds: :func:`receipt_content` works out the words,
:func:`render_receipt` draws them as a PDF (A4 or A5, fonts embedded, a QR code holding the
dossier code or the lookup URL), :func:`print_receipt` renders, keeps the PDF in the receipts
folder and prints it with the configured command. Everything here blocks (rendering, the print
command); screens call it from a worker (``DeskApp.print_receipt``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk_app.receipt.api import print_receipt, render_receipt
    from desk_app.receipt.content import ReceiptContent, ReceiptError, receipt_content
    from desk_app.receipt.pdf import RenderedReceipt
    from desk_app.receipt.printing import PrintOutcome, receipt_path, write_pdf

# Loaded on first use (PEP 562): `desk --help` and the screens' start-up must not pay for
# reportlab, qrcode and the reference data just because the CLI names the `receipt` command.
_WHERE = {
    "print_receipt": "api",
    "render_receipt": "api",
    "ReceiptContent": "content",
    "ReceiptError": "content",
    "receipt_content": "content",
    "RenderedReceipt": "pdf",
    "PrintOutcome": "printing",
    "receipt_path": "printing",
    "write_pdf": "printing",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)


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
