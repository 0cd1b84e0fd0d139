"""Receipts of dossiers saved through the desk, and readers that look at the PDF as a person would.

A person reads the receipt on paper and scans its QR code with a phone: so the tests read the
text back from the PDF (pypdf), rasterise the page (pypdfium2) and decode the QR from the pixels
(zxing-cpp), rather than trusting what the renderer meant to draw.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from typing import Any

import pypdf
import pypdfium2
import pytest
import zxingcpp

from desk_app.desk import Desk
from desk_app.dossier import Dossier
from desk_app.reception import new_dossier
from desk_app.settings import Settings
from desk_app.store import DossierRow
from tests.conftest import FIXED_NOW
from tests.forms.corpus import good

CORPUS_ENTRY = "both-owner-mother-requests"
"""The good-corpus dossier the receipt tests save: both parents, the mother asks."""


def pdf_text(pdf: bytes, page: int | None = None) -> str:
    """The text a reader copies out of the PDF (every page, or one)."""
    reader = pypdf.PdfReader(_stream(pdf))
    pages = reader.pages if page is None else [reader.pages[page]]
    return "\n".join(p.extract_text() for p in pages)


def flat(text: str) -> str:
    """Text with every run of whitespace (line breaks of wrapped values) as one space."""
    return " ".join(text.split())


def _stream(pdf: bytes) -> io.BytesIO:
    return io.BytesIO(pdf)


def page_count(pdf: bytes) -> int:
    """How many pages the print job has."""
    return len(pypdf.PdfReader(_stream(pdf)).pages)


def scan_qr(pdf: bytes, page: int = 0, dpi: int = 150) -> list[str]:
    """The QR codes a scanner reads off the printed page, as text."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found]


def is_nfc(text: str) -> bool:
    """Whether ``text`` is in Unicode NFC, the one form the desk stores and prints."""
    return unicodedata.is_normalized("NFC", text)


@pytest.fixture
def save(desk: Desk) -> Callable[[dict[str, Any]], DossierRow]:
    """Save dossier JSON as reception saves it (appointment included); return the stored row.

    The dossier is validated as the store's envelope and saved through :meth:`Desk.receive`;
    the counter checks that precede saving (scanned files present, …) are reception's own tests.
    """

    def saving(data: dict[str, Any]) -> DossierRow:
        dossier = Dossier.model_validate(data)
        row = desk.receive(new_dossier(dossier, FIXED_NOW, desk.settings), at=FIXED_NOW)
        return desk.store.require(row.code)

    return saving


@pytest.fixture
def saved(save: Callable[[dict[str, Any]], DossierRow]) -> DossierRow:
    """A good-corpus dossier, saved and read back from the store."""
    return save(good(CORPUS_ENTRY))


def with_settings(settings: Settings, **sections: dict[str, Any]) -> Settings:
    """``settings`` with some keys of some sections changed, e.g. ``printing={"paper": "A5"}``."""
    update = {
        name: getattr(settings, name).model_copy(update=values) for name, values in sections.items()
    }
    return settings.model_copy(update=update)
