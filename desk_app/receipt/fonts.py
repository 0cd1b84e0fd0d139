"""The receipt's typeface: IBM Plex Serif, installed from PyPI and embedded (subset) in the PDF.

Why this family: a receipt is read by citizens of every age, so it needs every Vietnamese letter
with its stacked marks (ặ, ễ, ợ …) in capitals too, and a serif close to what official papers use.
The package ``fontpkg-ibm-plex-serif`` ships *static* TrueType files for regular, bold and italic,
which reportlab embeds as they are; the Noto Serif package on PyPI ships only a variable font,
whose bold reportlab cannot instance. No font is looked for on the machine: what is printed must
not depend on what a counter PC happens to have installed.

reportlab draws a character the font lacks as an empty box; :func:`printable` replaces such
characters before they reach the page (and reports them) so a receipt never shows a box.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import fontpkg_ibm_plex_serif
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY: Final = "IBM Plex Serif"
FILES: Final = {
    "regular": "IBMPlexSerif-Regular.ttf",
    "bold": "IBMPlexSerif-Bold.ttf",
    "italic": "IBMPlexSerif-Italic.ttf",
}
REPLACEMENT: Final = "?"
"""Stands in for a character the font cannot draw (one every font has)."""


@dataclass(frozen=True, slots=True)
class Faces:
    """The reportlab names of the registered faces."""

    regular: str
    bold: str
    italic: str


def font_path(face: str) -> Path:
    """The TrueType file of ``face`` ("regular", "bold" or "italic") inside the font package."""
    return Path(fontpkg_ibm_plex_serif.ROOT) / "files" / FILES[face]


@cache
def faces() -> Faces:
    """Register the three faces with reportlab once per process and return their names."""
    names = {}
    for face in FILES:
        name = f"DeskReceipt-{face}"
        pdfmetrics.registerFont(TTFont(name, str(font_path(face))))
        names[face] = name
    return Faces(**names)


def _glyphs(name: str) -> set[int]:
    """Code points the registered face ``name`` can draw."""
    font = pdfmetrics.getFont(name)
    if not isinstance(font, TTFont):  # reportlab's lookup is typed for its built-in fonts
        raise TypeError(f"{name} is not a TrueType face")
    return set(font.face.charToGlyph)


@cache
def _covered() -> frozenset[int]:
    """Code points that every face can draw (the receipt mixes faces freely)."""
    registered = faces()
    common = _glyphs(registered.regular)
    for name in (registered.bold, registered.italic):
        common &= _glyphs(name)
    return frozenset(common)


@cache
def _drawable() -> frozenset[str]:
    """:func:`_covered` as characters, and the line break: what needs no replacing."""
    return frozenset(map(chr, _covered())) | {"\n"}


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` (other than line breaks) that the receipt's font cannot draw.

    Set arithmetic over the text's distinct characters: the register book asks this of every
    page's text, and a check character by character was a tenth of its time."""
    return set(text) - _drawable()


def printable(text: str) -> tuple[str, set[str]]:
    """``text`` with every character the font lacks replaced, and the characters replaced."""
    missing = missing_glyphs(text)
    if not missing:
        return text, missing
    return "".join(REPLACEMENT if ch in missing else ch for ch in text), missing
