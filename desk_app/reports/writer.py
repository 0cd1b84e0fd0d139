"""Writing laid-out report pages as PDF: one content stream per page, each text encoded once.

The receipt's writer (:func:`desk_app.receipt.pdf.draw`) draws every string through
``canvas.drawString``, which builds a text object, maps the string to the font's subsets,
escapes it and formats its numbers in pure Python, each time. For a receipt's few hundred
strings that is nothing; for a register book of 10,000 dossiers (a quarter of a million strings,
and as many rules) it was half the book's time. Here each page is written as one stream: every
rule in one path, every string in one text object, a string's encoded form worked out once per
document (reportlab's documented way for TrueType faces: ``splitString`` and
``getSubsetInternalName``, which also subset and embed the fonts as ``drawString`` does), and
positions written to a hundredth of a point. The canvas still makes the document: the fonts
embedded, the pages compressed, the charts drawn (``after_page``), the same bytes for the same
input (``invariant``).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence

from reportlab import rl_config
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desk_app.receipt.layout import Geometry, Op, Rule, Text
from desk_app.receipt.pdf import new_canvas

Encoded = tuple[tuple[str, str], ...]
"""A string as (subset font name, its ``Tj`` operation) pieces."""

_SAVING = threading.Lock()
"""Held while a report's document is saved with binary streams (see :func:`_save`)."""


class _Face:
    """One TrueType face's subsets in one document, and its first subset as a translation table.

    A book's strings are almost all drawn from the face's first subset (the first 256 distinct
    characters used: every Vietnamese letter fits in it), so a string of known characters is
    encoded with one ``str.translate``. Each character is mapped once, through reportlab's own
    ``splitString``, which also records it for the embedded subset; a string with a character
    of a later subset is split by ``splitString`` itself.
    """

    def __init__(self, font: TTFont, doc: object) -> None:
        self.font, self.doc = font, doc
        self.first = ""
        """The first subset's PDF name, once a character of it is met."""
        self.table: dict[int, str] = {}
        """Code point → its escaped byte in the first subset."""
        self.known: set[str] = set()
        """Characters of the first subset."""
        self.later: set[str] = set()
        """Characters of the later subsets."""

    def _learn(self, ch: str) -> None:
        ((subset, chunk),) = self.font.splitString(ch, self.doc)
        if subset == 0:
            self.first = self.font.getSubsetInternalName(0, self.doc)
            self.table[ord(ch)] = escapePDF(chunk)
            self.known.add(ch)
        else:
            self.later.add(ch)

    def encode(self, text: str) -> Encoded:
        if not self.known.issuperset(text):
            for ch in set(text) - self.known - self.later:
                self._learn(ch)
            if not self.known.issuperset(text):
                return tuple(
                    (self.font.getSubsetInternalName(subset, self.doc), f"({escapePDF(chunk)}) Tj")
                    for subset, chunk in self.font.splitString(text, self.doc)
                )
        return ((self.first, f"({text.translate(self.table)}) Tj"),)


class _Encoder:
    """Each distinct (face, string) mapped to its font subsets once, for one document."""

    def __init__(self, canvas: Canvas) -> None:
        # The document the subsets belong to (ttfonts' own protocol); the stubs omit it.
        self.doc = canvas._doc  # type: ignore[attr-defined]
        self.faces: dict[str, _Face] = {}
        self.done: dict[tuple[str, str], Encoded] = {}

    def encode(self, font: str, text: str) -> Encoded:
        key = (font, text)
        found = self.done.get(key)
        if found is None:
            face = self.faces.get(font)
            if face is None:
                got = pdfmetrics.getFont(font)
                if not isinstance(got, TTFont):
                    raise TypeError(f"{font} is not a TrueType face")
                face = self.faces[font] = _Face(got, self.doc)
            found = self.done[key] = face.encode(text)
        return found


def _page_stream(ops: Sequence[Op], encoder: _Encoder) -> str:
    """The drawing operators of one page: its rules as one stroked path, then its text."""
    path: list[str] = []
    text: list[str] = []
    width = -1.0
    font, size = "", -1.0
    for op in ops:
        if type(op) is Text:
            if not op.text:
                continue
            text.append(f"1 0 0 1 {op.x:.2f} {op.y:.2f} Tm")
            for name, shown in encoder.encode(op.font, op.text):
                if name != font or op.size != size:
                    font, size = name, op.size
                    text.append(f"{name} {size:g} Tf")
                text.append(shown)
        elif type(op) is Rule:
            if op.width != width:
                if path:
                    path.append("S")
                path.append(f"{op.width:g} w")
                width = op.width
            path.append(f"{op.x0:.2f} {op.y0:.2f} m {op.x1:.2f} {op.y1:.2f} l")
        else:  # the reports draw no QR code; refuse rather than drop ink silently
            raise TypeError(f"unexpected drawing operation {type(op).__name__}")
    if path:
        path.append("S")
    if text:
        text = ["BT", *text, "ET"]
    return "\n".join(["q 0 G 0 g", *path, *text, "Q"])


def write_pages(
    pages: Sequence[Sequence[Op]],
    g: Geometry,
    title: str,
    author: str,
    after_page: Callable[[Canvas, int], None] | None = None,
) -> bytes:
    """The PDF of laid-out ``pages`` on paper ``g``: fonts subset and embedded; the same input
    gives the same bytes. ``after_page(canvas, index)`` draws what the ops do not hold."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, g, title, author)
    encoder = _Encoder(canvas)
    for index, page in enumerate(pages):
        canvas.addLiteral(_page_stream(page, encoder))
        if after_page is not None:
            after_page(canvas, index)
        canvas.showPage()
    _save(canvas)
    return buffer.getvalue()


def _save(canvas: Canvas) -> None:
    """Save the document with its streams compressed but not ASCII85-encoded.

    reportlab encodes every compressed stream as ASCII85 by default (``rl_config.useA85``),
    in pure Python: for a book of a thousand pages that was a second, a fifth of the whole, to
    make the file a quarter larger. Binary streams are the PDF standard's own form. The setting
    is reportlab's process-wide one, read when a document is saved, so it is switched off only
    around this save, one report at a time; a receipt saved by another thread at that moment
    would be binary too, and as valid.
    """
    with _SAVING:
        kept = rl_config.useA85
        rl_config.useA85 = 0
        try:
            canvas.save()
        finally:
            rl_config.useA85 = kept
