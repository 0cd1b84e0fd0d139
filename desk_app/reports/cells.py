"""Table cells measured and wrapped once per distinct text: what makes a long book quick.

A register book of 10,000 dossiers has some 140,000 cells, and the receipt's layout engine
(:func:`desk_app.receipt.layout.wrap`) asks reportlab for the width of every word and of every
line again each time, in pure Python: that measuring was half of the book's time. Most of a
book's cells repeat (dates, procedure names, agencies, the officers' and citizens' common
words), so here a cell's wrapped lines are kept per (text, face, size, width), and a word's
width per (face, word), computed from the face's own width table exactly as
:func:`reportlab.pdfbase.pdfmetrics.stringWidth` computes it. The wrapping rule is the
receipt's: lines break between words, a word wider than the column is cut where it must be
(an e-mail address, a long code), and nothing is ever wider than the column.

One :class:`CellWrapper` serves one document; its caches go with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True, slots=True)
class Line:
    """One wrapped line of a cell and its drawn width, in points."""

    text: str
    width: float


class _Face:
    """A registered TrueType face's advance widths, with a cache of the words measured."""

    __slots__ = ("default", "get", "words")

    def __init__(self, name: str) -> None:
        font = pdfmetrics.getFont(name)
        if not isinstance(font, TTFont):  # the reports only use the receipt's TrueType faces
            raise TypeError(f"{name} is not a TrueType face")
        self.get = font.face.charWidths.get
        self.default = font.face.defaultWidth
        self.words: dict[str, float] = {}

    def units(self, text: str) -> float:
        """Width of ``text`` in thousandths of the font size (reportlab's own sum)."""
        return float(sum(map(self.get, map(ord, text), repeat(self.default))))

    def word(self, word: str) -> float:
        """:meth:`units` of one word, remembered."""
        found = self.words.get(word)
        if found is None:
            found = self.words[word] = self.units(word)
        return found


@dataclass
class CellWrapper:
    """Wraps cell texts into lines, remembering each distinct cell and word."""

    faces: dict[str, _Face] = field(default_factory=dict)
    cells: dict[tuple[str, str, float, float], tuple[Line, ...]] = field(default_factory=dict)

    def face(self, font: str) -> _Face:
        """The width table of the registered face ``font``."""
        found = self.faces.get(font)
        if found is None:
            found = self.faces[font] = _Face(font)
        return found

    def width(self, text: str, font: str, size: float) -> float:
        """Drawn width of ``text`` in points, as ``pdfmetrics.stringWidth`` gives it."""
        return self.face(font).units(text) * size * 0.001

    def wrap(self, text: str, font: str, size: float, width: float) -> tuple[Line, ...]:
        """``text`` in lines no wider than ``width`` points (one empty line for no text)."""
        key = (text, font, size, width)
        found = self.cells.get(key)
        if found is None:
            found = self.cells[key] = self._wrap(text, self.face(font), size, width)
        return found

    @staticmethod
    def _wrap(text: str, face: _Face, size: float, width: float) -> tuple[Line, ...]:
        limit = width * 1000 / size  # compare in the face's units: no multiplication per word
        every = text.split()
        whole = " ".join(every)
        total = face.units(whole)
        if total <= limit:  # most cells: one line, which the word by word loop would give too
            return (Line(whole, total * size * 0.001),)
        space = face.word(" ")
        lines: list[Line] = []
        words: list[str] = []
        used = 0.0
        for word in every:
            w = face.word(word)
            pieces = _cut(word, face, limit) if w > limit else ((word, w),)
            for piece, pw in pieces:
                if words and used + space + pw > limit:
                    lines.append(Line(" ".join(words), used * size * 0.001))
                    words, used = [], 0.0
                used += (space if words else 0.0) + pw
                words.append(piece)
        if words:
            lines.append(Line(" ".join(words), used * size * 0.001))
        return tuple(lines)


def _cut(word: str, face: _Face, limit: float) -> list[tuple[str, float]]:
    """A word wider than the column, cut into pieces that fit (at least a character each)."""
    pieces: list[tuple[str, float]] = []
    current, used = "", 0.0
    for ch in word:
        w = face.units(ch)
        if current and used + w > limit:
            pieces.append((current, used))
            current, used = "", 0.0
        current += ch
        used += w
    pieces.append((current, used))
    return pieces
