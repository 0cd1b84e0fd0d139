"""A small page-layout engine: wrapped runs of text, tables and columns inside a margin box.

The receipt is laid out into drawing operations first and drawn afterwards. Laying out apart
from drawing is what lets every page carry "page 1/2" (the count is known only at the end), and
what guarantees that nothing crosses the margins: every operation is placed by this module,
which wraps long values (breaking a word without spaces, such as an e-mail address, where it must)
and starts a new page rather than writing past the bottom margin.

Coordinates of the operations are PDF points with the origin at the bottom-left of the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

Align = Literal["left", "center", "right"]
UNDERLINE_GAP = 4.5
"""Points between a line's bottom and a rule under it: clears the descenders of p, g, ạ."""


@dataclass(frozen=True, slots=True)
class Text:
    """One string drawn at a baseline."""

    x: float
    y: float
    text: str
    font: str
    size: float


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight line."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5


@dataclass(frozen=True, slots=True)
class Qr:
    """A QR grid drawn in the square (x, y, side); ``quiet`` modules of margin inside it."""

    x: float
    y: float
    side: float
    size: int
    quiet: int
    dark: tuple[tuple[int, int], ...]


Op = Text | Rule | Qr


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text in one face; runs of one paragraph wrap together."""

    text: str
    font: str


@dataclass(frozen=True, slots=True)
class Geometry:
    """A paper size with its margins, in points."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def x0(self) -> float:
        """Left edge of the writing area."""
        return self.left

    @property
    def x1(self) -> float:
        """Right edge of the writing area."""
        return self.width - self.right

    @property
    def y_floor(self) -> float:
        """Lowest baseline allowed, as distance from the top of the page."""
        return self.height - self.bottom


A4 = Geometry(210 * mm, 297 * mm, 20 * mm, 15 * mm, 15 * mm, 15 * mm)
A5 = Geometry(148 * mm, 210 * mm, 12 * mm, 10 * mm, 10 * mm, 10 * mm)


def _split_long(word: str, font: str, size: float, width: float) -> list[str]:
    """Cut a word wider than the line into pieces that fit (an e-mail, a long code)."""
    pieces, current = [], ""
    for ch in word:
        if current and stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    pieces.append(current)
    return pieces


def wrap(runs: Sequence[Run], size: float, width: float) -> list[list[Run]]:
    """Break runs into lines no wider than ``width``; each line is a list of same-face runs."""
    words: list[Run] = []
    for run in runs:
        for piece in run.text.split():
            if stringWidth(piece, run.font, size) > width:
                words.extend(Run(p, run.font) for p in _split_long(piece, run.font, size, width))
            else:
                words.append(Run(piece, run.font))
    lines: list[list[Run]] = []
    line: list[Run] = []
    used = 0.0
    for word in words:
        # The space between two words is drawn in the face of the word before it.
        gap = stringWidth(" ", line[-1].font, size) if line else 0.0
        w = stringWidth(word.text, word.font, size)
        if line and used + gap + w > width:
            lines.append(line)
            line, used, gap = [], 0.0, 0.0
        if line and line[-1].font == word.font:
            line[-1] = Run(f"{line[-1].text} {word.text}", word.font)
        elif line:
            line[-1] = Run(line[-1].text + " ", line[-1].font)
            line.append(word)
        else:
            line.append(word)
        used += gap + w
    if line:
        lines.append(line)
    return lines or [[]]


def line_width(line: Sequence[Run], size: float) -> float:
    """The drawn width of one wrapped line."""
    return sum(stringWidth(r.text, r.font, size) for r in line)


@dataclass
class Cell:
    """A table cell: its runs and alignment."""

    runs: Sequence[Run]
    align: Align = "left"


@dataclass
class Layout:
    """Places text on pages, top to bottom, starting new pages as needed."""

    geometry: Geometry
    leading: float
    """Line height as a multiple of the font size."""
    reserve: float = 0.0
    """Points kept free above the bottom margin (for a footer drawn afterwards)."""
    headroom: float = 0.0
    """Points kept free below the top margin: a capital with stacked marks (Ồ, Ẫ) rises above
    its font size, and on the first line of a page it would cross the margin."""
    on_new_page: Callable[[Layout], None] | None = None
    """Called after a page break (not for the first page), e.g. to repeat a table header."""
    pages: list[list[Op]] = field(default_factory=list)
    y: float = 0.0
    """Distance from the top of the page to the top of the next line."""
    float_bottom: float = 0.0
    """Where a box floated to the right ends (distance from the top); text beside it wraps."""
    float_left: float = 0.0
    """Right edge for text beside the floated box."""

    @property
    def floor(self) -> float:
        """The lowest point text may reach, as distance from the top of the page."""
        return self.geometry.y_floor - self.reserve

    def new_page(self) -> None:
        """Start a fresh page at the top margin."""
        self.pages.append([])
        self.y = self.geometry.top + self.headroom
        self.float_bottom = 0.0

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` more points fit above the bottom margin."""
        if not self.pages or self.y + height > self.floor:
            first = not self.pages
            self.new_page()
            if not first and self.on_new_page is not None:
                self.on_new_page(self)

    def space(self, points: float) -> None:
        """Vertical space; dropped at the top of a page."""
        if self.pages and self.y > self.geometry.top + self.headroom:
            self.y = min(self.y + points, self.floor)

    def _emit_line(
        self, line: Sequence[Run], size: float, x0: float, x1: float, align: Align, top: float
    ) -> None:
        width = line_width(line, size)
        x = {"left": x0, "center": (x0 + x1 - width) / 2, "right": x1 - width}[align]
        baseline = self.geometry.height - (top + size)
        for run in line:
            self.pages[-1].append(Text(x, baseline, run.text, run.font, size))
            x += stringWidth(run.text, run.font, size)

    def paragraph(
        self,
        runs: Sequence[Run],
        size: float,
        *,
        align: Align = "left",
        indent: float = 0.0,
        x0: float | None = None,
        x1: float | None = None,
    ) -> None:
        """Wrapped text between ``x0`` and ``x1`` (the margins by default), ``indent`` inside."""
        left = (self.geometry.x0 if x0 is None else x0) + indent
        right = self.geometry.x1 if x1 is None else x1
        if self.y < self.float_bottom:
            right = min(right, self.float_left)
        step = size * self.leading
        for line in wrap(runs, size, right - left):
            self.ensure(step)
            self._emit_line(line, size, left, right, align, self.y)
            self.y += step

    def float_right(self, width: float, height: float, gap: float) -> tuple[float, float]:
        """Reserve a box at the right margin from here down; return its (x, top) in PDF points.

        Paragraphs that start beside it wrap short of it; tables and columns start below it.
        """
        self.ensure(height)
        g = self.geometry
        self.float_bottom = self.y + height
        self.float_left = g.x1 - width - gap
        return g.x1 - width, g.height - self.y

    def clear(self) -> None:
        """Move below a floated box, if beside one."""
        if self.y < self.float_bottom:
            self.y = self.float_bottom
        self.float_bottom = 0.0

    def block_height(self, runs: Sequence[Run], size: float, width: float) -> float:
        """Height a paragraph of ``runs`` would take at ``width``."""
        return len(wrap(runs, size, width)) * size * self.leading

    def columns(
        self, blocks: Sequence[Sequence[tuple[Sequence[Run], float]]], *, underline: float = 0.0
    ) -> None:
        """Side-by-side columns of centred paragraphs (header, signatures), kept on one page.

        ``underline``: a centred rule under each column's own text, this fraction of its width
        (the short lines under the agency and the motto on official papers).
        """
        self.clear()
        g = self.geometry
        width = (g.x1 - g.x0) / len(blocks)
        heights = [
            sum(self.block_height(runs, size, width - 4) for runs, size in block)
            for block in blocks
        ]
        if underline:
            heights = [h + UNDERLINE_GAP for h in heights]
        if max(heights) > self.floor - g.top - self.headroom:  # taller than a page: one by one
            for block in blocks:
                for runs, size in block:
                    self.paragraph(runs, size, align="center")
            return
        self.ensure(max(heights))
        top = self.y
        for i, block in enumerate(blocks):
            self.y = top
            left = g.x0 + i * width
            for runs, size in block:
                self.paragraph(runs, size, align="center", x0=left + 2, x1=left + width - 2)
            if underline:
                self.y += UNDERLINE_GAP
                middle, half = left + width / 2, width * underline / 2
                self.rule(middle - half, middle + half)
        self.y = top + max(heights)

    def rule(self, x0: float, x1: float, width: float = 0.5) -> None:
        """A horizontal line at the current position."""
        y = self.geometry.height - self.y
        self.pages[-1].append(Rule(x0, y, x1, y, width))

    def table_row(
        self, cells: Sequence[Cell], widths: Sequence[float], size: float, pad: float
    ) -> None:
        """One bordered row; the row moves whole to the next page when it does not fit."""
        self.clear()
        g = self.geometry
        step = size * self.leading
        wrapped = [wrap(c.runs, size, w - 2 * pad) for c, w in zip(cells, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * step + 2 * pad
        self.ensure(height)
        top = self.y
        x = g.x0
        for cell, lines, w in zip(cells, wrapped, widths, strict=True):
            line_top = top + pad
            for line in lines:
                self._emit_line(line, size, x + pad, x + w - pad, cell.align, line_top)
                line_top += step
            x += w
        page = self.pages[-1]
        y_top, y_bottom = g.height - top, g.height - (top + height)
        x = g.x0
        page.append(Rule(x, y_top, g.x0 + sum(widths), y_top))
        page.append(Rule(x, y_bottom, g.x0 + sum(widths), y_bottom))
        for w in (0.0, *widths):
            x += w
            page.append(Rule(x, y_top, x, y_bottom))
        self.y = top + height
