"""What the report PDFs share with the receipt, and the little they add to it.

The receipt's machinery does the hard part and is reused as it is: the embedded IBM Plex Serif
faces and :func:`~desk_app.receipt.fonts.printable` (a character the font lacks prints as "?",
never as a box), the layout engine that wraps text inside the margins and starts a new page
(calling ``on_new_page`` there, which repeats the table header), the letterhead and signature
blocks. Added here: landscape A4 for the wide register book, a bordered table with a repeated
header, the "Trang n/m" footer, and charts drawn with reportlab's own graphics
(:class:`Chart`), placed in space the layout reserved for them.

A register book runs to 10,000 rows and more, so the table and the writing are the reports'
own, made for volume: each distinct cell is wrapped once (:mod:`desk_app.reports.cells`), the
grid is drawn per page, and each page is written as one stream
(:mod:`desk_app.reports.writer`). The operations they produce are the receipt's
(:class:`~desk_app.receipt.layout.Text`, :class:`~desk_app.receipt.layout.Rule`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.receipt.fonts import faces, printable
from desk_app.receipt.layout import Align, Geometry, Layout, Op, Rule, Run, Text
from desk_app.receipt.pdf import HEADROOM, LEADING, STYLES, Style, footer_reserve, footer_size
from desk_app.reports.cells import CellWrapper
from desk_app.reports.writer import write_pages

LANDSCAPE = Geometry(297 * mm, 210 * mm, 15 * mm, 15 * mm, 15 * mm, 15 * mm)
"""A4 turned sideways, with the receipt's 15 mm margins."""

WIDE = Style(LANDSCAPE, body=10.0, small=7.0, title=13.5, qr_side=0.0, gap=4.0)
"""The register book's and the summary's sizes: the table's cells are small to fit 14 columns."""

PORTRAIT = STYLES["A4"]


@dataclass(frozen=True, slots=True)
class Chart:
    """A reportlab drawing placed with its bottom-left corner at (x, y), in PDF points."""

    x: float
    y: float
    drawing: Drawing


@dataclass
class Composer:
    """Lays out one report with the receipt's faces; remembers every character replaced."""

    style: Style
    unprintable: set[str] = field(default_factory=set)
    charts: dict[int, list[Chart]] = field(default_factory=dict)
    """Page index → charts drawn on it."""

    def __post_init__(self) -> None:
        s = self.style
        self.faces = faces()
        self.cells = CellWrapper()
        self._drawable: set[str] = set()
        """Characters seen that every face can draw."""
        self.layout = Layout(
            s.geometry, LEADING, reserve=footer_reserve(s), headroom=s.body * HEADROOM
        )

    def run(self, text: str, face: str = "regular") -> Run:
        """``text`` in ``face``, with characters the font lacks replaced (and remembered)."""
        return Run(self.clean(text), getattr(self.faces, face))

    def clean(self, text: str) -> str:
        """``text`` with characters the font lacks replaced (and remembered).

        A book's 140,000 cells are checked against the characters already found drawable in
        one set operation each; only a text with a character not seen yet is looked at
        character by character."""
        if self._drawable.issuperset(text):
            return text
        found, missing = printable(text)
        self.unprintable |= missing
        self._drawable.update(set(text) - missing)
        return found

    def para(
        self, text: str, face: str = "regular", *, size: float | None = None, **kw: object
    ) -> None:
        """One paragraph of ``text`` (``align``/``indent`` as :meth:`Layout.paragraph`)."""
        self.layout.paragraph([self.run(text, face)], size or self.style.body, **kw)  # type: ignore[arg-type]

    def table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        fractions: Sequence[float],
        *,
        bold_rows: Callable[[int], bool] = lambda _: False,
        align: Sequence[Align] | None = None,
    ) -> None:
        """A bordered table as wide as the writing area; its header repeats on every page.

        Laid out as :meth:`Layout.table_row` lays out a row (cells wrapped inside their
        column, a row that does not fit moved whole to the next page), with each distinct
        cell measured once (:mod:`desk_app.reports.cells`) and the grid drawn per page
        rather than per cell: one rule under each row, the column rules from the table's
        top to its bottom on that page.
        """
        g = self.style.geometry
        total = g.x1 - g.x0
        grid = _Grid(self, [total * f / sum(fractions) for f in fractions])
        aligns: list[Align] = list(align or ["left"] * len(head))
        heading = [self.clean(h) for h in head]
        bold, regular = self.faces.bold, self.faces.regular

        def header(_: Layout) -> None:
            grid.row(heading, bold, ["center"] * len(head))

        self.layout.clear()
        header(self.layout)
        self.layout.on_new_page = header
        for n, row in enumerate(rows):
            font = bold if bold_rows(n) else regular
            grid.row([self.clean(v) for v in row], font, aligns)
        self.layout.on_new_page = None
        grid.close()

    def chart(self, drawing: Drawing) -> None:
        """Place ``drawing`` at the left margin below what is laid out (a new page if needed)."""
        layout, g = self.layout, self.style.geometry
        layout.clear()
        layout.ensure(drawing.height)
        page = len(layout.pages) - 1
        y = g.height - layout.y - drawing.height
        self.charts.setdefault(page, []).append(Chart(g.x0, y, drawing))
        layout.y += drawing.height

    def footer(self, template: Callable[[int, int], str]) -> list[list[Op]]:
        """The pages, each marked at the bottom margin with ``template(page, pages)``."""
        g, size = self.style.geometry, footer_size(self.style)
        pages = self.layout.pages
        for n, page in enumerate(pages, 1):
            clean, _ = printable(template(n, len(pages)))
            page.append(Text(g.x0, g.bottom + 0.35 * size, clean, self.faces.italic, size))
        return pages


class _Grid:
    """The rows of one bordered table, and the column rules of the part on the current page."""

    def __init__(self, composer: Composer, widths: list[float]) -> None:
        self.layout = composer.layout
        self.cells = composer.cells
        self.size = composer.style.small
        self.pad = 1.0 * mm
        self.step = self.size * self.layout.leading
        g = self.layout.geometry
        self.edges = [g.x0]
        for w in widths:
            self.edges.append(self.edges[-1] + w)
        self.inner = [w - 2 * self.pad for w in widths]
        self.page = -1
        """Index of the page the open part of the table is on (-1: none open)."""
        self.top = self.bottom = 0.0
        """Where that part starts and ends, as distances from the top of the page."""

    def row(self, texts: Sequence[str], font: str, aligns: Sequence[Align]) -> None:
        """One row of cells in ``font``; moved whole to a new page (headed) if it does not fit."""
        layout, size, pad, step = self.layout, self.size, self.pad, self.step
        wrapped = [
            self.cells.wrap(t, font, size, w) for t, w in zip(texts, self.inner, strict=True)
        ]
        height = max(len(lines) for lines in wrapped) * step + 2 * pad
        layout.ensure(height)  # a new page repeats the header: a row of its own, through here
        if self.page != len(layout.pages) - 1:
            self.close()
            self.page, self.top = len(layout.pages) - 1, layout.y
        page, top, height_of_page = layout.pages[-1], layout.y, layout.geometry.height
        for lines, align, x, inner in zip(wrapped, aligns, self.edges, self.inner, strict=False):
            # strict=False: the edges have one more entry, the table's right edge
            baseline = height_of_page - (top + pad + size)
            for line in lines:
                if line.text:
                    dx = 0.0 if align == "left" else inner - line.width
                    page.append(
                        Text(x + pad + (dx / 2 if align == "center" else dx), baseline,
                             line.text, font, size)
                    )  # fmt: skip
                baseline -= step
        self.bottom = layout.y = top + height
        y = height_of_page - self.bottom
        page.append(Rule(self.edges[0], y, self.edges[-1], y))

    def close(self) -> None:
        """Finish the grid of the part of the table on its page: the rule along its top and
        the column rules down to its last row (:meth:`row` drew the rule under each row)."""
        if self.page < 0:
            return
        layout, g = self.layout, self.layout.geometry
        page = layout.pages[self.page]
        y_top, y_bottom = g.height - self.top, g.height - self.bottom
        page.append(Rule(self.edges[0], y_top, self.edges[-1], y_top))
        for x in self.edges:
            page.append(Rule(x, y_top, x, y_bottom))
        self.page = -1


def draw(
    pages: Sequence[Sequence[Op]],
    charts: dict[int, list[Chart]],
    geometry: Geometry,
    title: str,
    author: str,
) -> bytes:
    """Write laid-out pages (and their charts) as a PDF, fonts subset and embedded; same
    input, same bytes."""

    def add_charts(canvas: Canvas, index: int) -> None:
        for chart in charts.get(index, []):
            renderPDF.draw(chart.drawing, canvas, chart.x, chart.y)

    return write_pages(pages, geometry, title, author, add_charts)


@dataclass(frozen=True, slots=True)
class RenderedReport:
    """A rendered report: the PDF, its page count and any character the font could not draw."""

    pdf: bytes
    pages: int
    unprintable: frozenset[str]


def finish(
    composer: Composer, footer: Callable[[int, int], str], title: str, author: str
) -> RenderedReport:
    """Footer every page and write the PDF."""
    pages = composer.footer(footer)
    pdf = draw(pages, composer.charts, composer.style.geometry, title, author)
    return RenderedReport(pdf, len(pages), frozenset(composer.unprintable))
