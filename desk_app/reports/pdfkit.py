"""What the report PDFs share with the receipt, and the little they add to it.

The receipt's machinery does the hard part and is reused as it is: the embedded IBM Plex Serif
faces and :func:`~desk_app.receipt.fonts.printable` (a character the font lacks prints as "?",
never as a box), the layout engine that wraps every cell inside its column and moves a row that
does not fit to the next page (calling ``on_new_page`` there, which repeats the table header),
the letterhead and signature blocks. Added here: landscape A4 for the wide register book, a
bordered table helper with a repeated header, the "Trang n/m" footer, and charts drawn with
reportlab's own graphics (:class:`Chart`), placed in space the layout reserved for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.receipt.fonts import faces, printable
from desk_app.receipt.layout import Cell, Geometry, Layout, Op, Run, Text
from desk_app.receipt.pdf import (
    HEADROOM,
    LEADING,
    STYLES,
    Style,
    draw_pages,
    footer_reserve,
    footer_size,
)

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
        self.layout = Layout(
            s.geometry, LEADING, reserve=footer_reserve(s), headroom=s.body * HEADROOM
        )

    def run(self, text: str, face: str = "regular") -> Run:
        """``text`` in ``face``, with characters the font lacks replaced (and remembered)."""
        clean, missing = printable(text)
        self.unprintable |= missing
        return Run(clean, getattr(self.faces, face))

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
        align: Sequence[str] | None = None,
    ) -> None:
        """A bordered table as wide as the writing area; its header repeats on every page."""
        g, size, pad = self.style.geometry, self.style.small, 1.0 * mm
        total = g.x1 - g.x0
        widths = [total * f / sum(fractions) for f in fractions]
        aligns = list(align or ["left"] * len(head))

        def header(target: Layout) -> None:
            target.table_row(
                [Cell([self.run(h, "bold")], "center") for h in head], widths, size, pad
            )

        header(self.layout)
        self.layout.on_new_page = header
        for n, row in enumerate(rows):
            face = "bold" if bold_rows(n) else "regular"
            cells = [
                Cell([self.run(v, face)], a)  # type: ignore[arg-type]
                for v, a in zip(row, aligns, strict=True)
            ]
            self.layout.table_row(cells, widths, size, pad)
        self.layout.on_new_page = None

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


def draw(
    pages: Sequence[Sequence[Op]],
    charts: dict[int, list[Chart]],
    geometry: Geometry,
    title: str,
    author: str,
) -> bytes:
    """Write laid-out pages (and their charts) as a PDF, fonts subset and embedded.

    The receipt's writer (:func:`desk_app.receipt.pdf.draw_pages`) with charts: same input, same
    bytes.
    """

    def add_charts(canvas: Canvas, index: int) -> None:
        for chart in charts.get(index, []):
            renderPDF.draw(chart.drawing, canvas, chart.x, chart.y)

    return draw_pages(pages, geometry, title, author, add_charts)


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
