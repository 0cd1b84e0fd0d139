"""The register book and the monthly summary as PDF: landscape A4, the receipt's faces.

Both open with the office's letterhead (the governing authority and the reception unit, the
national motto, place and date), then their table, whose header row is repeated at the top of
every page; every page ends with "Trang n/m". The summary adds a bar chart per procedure
(drawn with reportlab's graphics, no plotting library), where the proportions of on-time, late,
pending and refused dossiers are seen at a glance rather than read.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.clock import VN_TZ
from desk_app.receipt import texts as receipt_texts
from desk_app.receipt.content import office_place
from desk_app.receipt.layout import Align
from desk_app.receipt.pdf import letterhead
from desk_app.reports import texts
from desk_app.reports.collector import collector_paused
from desk_app.reports.pdfkit import WIDE, Composer, RenderedReport, finish
from desk_app.reports.register import RegisterBook
from desk_app.reports.summary import Summary
from desk_app.settings import Settings
from forms.text import for_print

REGISTER_WIDTHS = (7, 37, 30, 9, 25, 28, 20, 17, 17, 17, 17, 17, 10, 16)
"""Column widths of the book, in millimetres of the 267 mm writing area: a whole dossier code
and a whole date fit on one line at the table's size."""
CENTERED = frozenset({0, 3, 7, 8, 9, 10, 11})
SUMMARY_WIDTHS = (60, 17, 20, 20, 22, 22, 16, 16, 19)
BAR_COLOURS = (
    colors.HexColor("#2e7d32"),
    colors.HexColor("#c62828"),
    colors.HexColor("#f9a825"),
    colors.HexColor("#616161"),
)


def _top(c: Composer, settings: Settings, made: datetime) -> None:
    """The office's letterhead, dated the day the report is made."""
    day = made.astimezone(VN_TZ)
    place = receipt_texts.PLACE_DATE.format(
        place=office_place(settings), day=day.day, month=day.month, year=day.year
    )
    left = (for_print(settings.office.governing), receipt_texts.RECEPTION_UNIT)
    letterhead(c.layout, c.style, c.run, left, place)
    c.layout.space(c.style.gap)


@collector_paused
def register_pdf(book: RegisterBook, settings: Settings, made: datetime) -> RenderedReport:
    """The register book for ``book``'s period, made at ``made``."""
    c = Composer(WIDE)
    _top(c, settings, made)
    c.para(texts.REGISTER_TITLE, "bold", size=WIDE.title, align="center")
    c.para(texts.REGISTER_FORM, "italic", size=WIDE.small, align="center")
    start, end = f"{book.start:%d/%m/%Y}", f"{book.end:%d/%m/%Y}"
    c.para(texts.REGISTER_PERIOD.format(start=start, end=end), align="center")
    c.para(texts.REGISTER_COUNT.format(count=len(book.rows)), "italic", size=WIDE.small)
    c.layout.space(WIDE.gap / 2)
    align: list[Align] = [
        "center" if i in CENTERED else "left" for i in range(len(REGISTER_WIDTHS))
    ]
    c.table(texts.REGISTER_HEAD, [r.cells() for r in book.rows], REGISTER_WIDTHS, align=align)
    if not book.rows:
        c.para(texts.REGISTER_EMPTY, "italic", size=WIDE.small)

    def footer(page: int, pages: int) -> str:
        return texts.REGISTER_FOOTER.format(start=start, end=end, page=page, pages=pages)

    title = f"{texts.REGISTER_TITLE} {start} – {end}"
    return finish(c, footer, title, for_print(settings.office.governing))


def summary_rows(summary: Summary) -> tuple[list[list[str]], set[int]]:
    """The summary's table: a heading row per section, then its rows; and which are headings."""
    rows: list[list[str]] = []
    headings: set[int] = set()
    for heading, figures in summary.sections():
        headings.add(len(rows))
        rows.append([heading] + [""] * len(texts.COLUMNS))
        for f in figures:
            rows.append([f.label, *(str(v) for v in f.values()), f.rate_text()])
    return rows, headings


def _chart(c: Composer, summary: Summary) -> Drawing:
    """Stacked horizontal bars, one per procedure: on time, late, pending, refused/cancelled."""
    # reportlab stacks the first category at the bottom: reversed, the bars read top down.
    figures = list(reversed(summary.by_procedure or [summary.total]))
    labels = [c.run(f.label).text for f in figures]
    font, size = c.faces.regular, 8.0
    g = c.style.geometry
    width = g.x1 - g.x0
    label_room = max(stringWidth(text, font, size) for text in labels) + 4 * mm
    bar_height = 9 * mm
    legend_room, title_room = 10 * mm, 8 * mm
    height = len(figures) * bar_height + legend_room + title_room + 10 * mm
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 5 * mm, c.run(texts.CHART_TITLE, "bold").text,
                       fontName=c.faces.bold, fontSize=10))  # fmt: skip
    chart = HorizontalBarChart()
    # reportlab's stubs type these as int; points need not be whole.
    chart.x, chart.y = int(label_room), int(legend_room + 6 * mm)
    chart.width = int(width - label_room - 4 * mm)
    chart.height = int(len(figures) * bar_height)
    series = [
        [f.on_time for f in figures],
        [f.late for f in figures],
        [f.pending + f.overdue for f in figures],
        [f.refused + f.cancelled for f in figures],
    ]
    chart.data = series
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = size
    chart.valueAxis.forceZero = 1
    for n, colour in enumerate(BAR_COLOURS):
        chart.bars[n].fillColor = colour
        chart.bars[n].strokeColor = None
    drawing.add(chart)
    x = label_room
    for name, colour in zip(texts.CHART_LEGEND, BAR_COLOURS, strict=True):
        swatch = Rect(x, 2 * mm, 4 * mm, 3 * mm)
        swatch.fillColor, swatch.strokeColor = colour, None
        drawing.add(swatch)
        shown = c.run(name).text
        drawing.add(String(x + 5 * mm, 2.4 * mm, shown, fontName=font, fontSize=size))
        x += 5 * mm + stringWidth(shown, font, size) + 6 * mm
    return drawing


def summary_pdf(summary: Summary, settings: Settings, made: datetime) -> RenderedReport:
    """The monthly summary: its table, then the chart."""
    c = Composer(WIDE)
    _top(c, settings, made)
    c.para(texts.SUMMARY_TITLE, "bold", size=WIDE.title, align="center")
    as_of = f"{summary.as_of.astimezone(VN_TZ):%H:%M %d/%m/%Y}"
    c.para(
        texts.SUMMARY_PERIOD.format(month=summary.month, year=summary.year, as_of=as_of),
        align="center",
    )
    c.para(texts.SUMMARY_NOTE, "italic", size=WIDE.small)
    c.layout.space(WIDE.gap / 2)
    rows, headings = summary_rows(summary)
    centered: list[Align] = ["center"] * len(texts.COLUMNS)
    align: list[Align] = ["left", *centered]
    c.table(
        (texts.ROW_HEAD, *texts.COLUMNS),
        rows,
        SUMMARY_WIDTHS,
        bold_rows=lambda n: n in headings,
        align=align,
    )
    c.layout.space(WIDE.gap * 2)
    c.chart(_chart(c, summary))

    def footer(page: int, pages: int) -> str:
        return texts.SUMMARY_FOOTER.format(
            month=summary.month, year=summary.year, page=page, pages=pages
        )

    title = f"{texts.SUMMARY_TITLE} {summary.month:02d}/{summary.year}"
    return finish(c, footer, title, for_print(settings.office.governing))
