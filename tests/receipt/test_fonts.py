"""Every letter of Vietnamese prints: the font is embedded and has a glyph for each character."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pypdf
import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from desk_app.receipt import print_receipt, render_receipt
from desk_app.receipt.fonts import FILES, font_path
from desk_app.settings import Settings
from desk_app.store import DossierRow
from tests.forms.corpus import good
from tests.receipt.conftest import CORPUS_ENTRY, flat, pdf_text

TONED = "aăâeêioôơuưy"
MARKS = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
"""No mark, huyền, sắc, ngã, hỏi, nặng."""


def vietnamese_letters() -> str:
    """Every lower-case letter of Vietnamese, precomposed (NFC): 72 toned vowels and đ."""
    import unicodedata

    letters = [unicodedata.normalize("NFC", v + m) for v in TONED for m in MARKS]
    return "".join(letters) + "đ"


def font_characters(face: str) -> set[str]:
    """Characters the TrueType file of ``face`` maps to a glyph (read independently of reportlab's
    registration in the renderer)."""
    return {chr(cp) for cp in TTFontFile(str(font_path(face))).charToGlyph}


def used_fonts(pdf: bytes) -> list[dict[str, Any]]:
    """Every font the pages' text is set in (the ``Tf`` operators), resolved."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        for operands, operator in page.get_contents().operations:
            if operator == b"Tf":
                found.append(fonts[operands[0]].get_object())
    return found


@pytest.fixture
def every_letter(save: Callable[[dict[str, Any]], DossierRow]) -> DossierRow:
    """A dossier whose requester's name and address hold every Vietnamese letter."""
    letters = vietnamese_letters()
    data = good(CORPUS_ENTRY)
    requester = data["declarations"]["requester"]
    # The name prints in capitals, the address as typed: both cases of every letter.
    requester["full_name"] = " ".join(letters[i : i + 8] for i in range(0, len(letters), 8))
    requester["residence"]["address"]["detail"] = letters
    return save(data)


def test_every_vietnamese_letter_is_in_every_face() -> None:
    letters = vietnamese_letters()
    assert len(letters) == 73
    for face in FILES:
        missing = set(letters + letters.upper()) - font_characters(face)
        assert missing == set(), (face, "".join(sorted(missing)))


def test_text_of_the_receipt_has_a_glyph_for_every_character(
    every_letter: DossierRow, settings: Settings
) -> None:
    rendered = render_receipt(every_letter, settings)
    assert rendered.unprintable == frozenset()
    text = pdf_text(rendered.pdf)
    letters = vietnamese_letters()
    assert letters in text and letters.upper() in flat(text).replace(" ", "")
    drawable = set.intersection(*(font_characters(face) for face in FILES))
    assert set(text) - {"\n", " "} - drawable == set()


def test_fonts_are_embedded_subsets(every_letter: DossierRow, settings: Settings) -> None:
    fonts = used_fonts(render_receipt(every_letter, settings).pdf)
    assert fonts
    for font in fonts:
        name = str(font["/BaseFont"])
        assert "IBMPlexSerif" in name and name.split("+")[0].strip("/").isupper(), name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name  # the TrueType program itself is in the PDF


def test_a_character_no_face_has_prints_as_a_question_mark_and_is_reported(
    save: Callable[[dict[str, Any]], DossierRow], settings: Settings
) -> None:
    data = good(CORPUS_ENTRY)
    data["declarations"]["requester"]["full_name"] = "Kim 민준"  # a letter, but no Korean face
    row = save(data)
    rendered = render_receipt(row, settings)
    assert rendered.unprintable == {"민", "준"}
    assert "Ông/Bà: KIM ??" in flat(pdf_text(rendered.pdf))
    outcome = print_receipt(row, settings)
    assert "U+BBFC" in outcome.message and "viết tay" in outcome.message
