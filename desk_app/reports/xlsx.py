"""The register book and the monthly summary as spreadsheets (openpyxl), for offices that
compile their reports further in a spreadsheet.

The same rows as the PDF (:mod:`desk_app.reports.register`, :mod:`desk_app.reports.summary`):
text cells stay text (a code is never turned into a number or a date), counts are numbers so a
spreadsheet can add them up, and the on-time rate is a fraction formatted as a percentage. The
header row is frozen and printed on every page; the sheet prints landscape on A4, fitted to the
page width. A value that a spreadsheet would read as a formula (text starting with "=", "+", "-"
or "@", from a citizen's name or address) is stored as a text cell, never as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desk_app.reports import texts
from desk_app.reports.register import RegisterBook
from desk_app.reports.summary import Summary

FORMULA_START = ("=", "+", "-", "@")
REGISTER_WIDTHS = (5, 27, 34, 8, 24, 36, 26, 12, 12, 14, 14, 14, 10, 20)
"""Column widths in characters."""


def _put(sheet: Worksheet, row: int, column: int, value: str) -> None:
    """A text cell that no spreadsheet runs as a formula (openpyxl would store "=…" as one)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if value.startswith(FORMULA_START):
        cell.data_type = "s"


def _sheet(book: Workbook, title: str, heading: Sequence[str], widths: Sequence[int]) -> Worksheet:
    sheet: Worksheet = book.active
    sheet.title = title
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    return sheet


def _head(sheet: Worksheet, row: int, heading: Sequence[str]) -> None:
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for n, title in enumerate(heading, 1):
        cell = sheet.cell(row=row, column=n, value=title)
        cell.font = Font(bold=True)
        cell.alignment = wrap
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    sheet.print_title_rows = f"{row}:{row}"


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_xlsx(book: RegisterBook) -> bytes:
    """The register book: a title line, the period, then one row per dossier."""
    workbook = Workbook()
    sheet = _sheet(workbook, texts.REGISTER_SHEET, texts.REGISTER_HEAD, REGISTER_WIDTHS)
    sheet.cell(row=1, column=1, value=texts.REGISTER_TITLE).font = Font(bold=True, size=14)
    start, end = f"{book.start:%d/%m/%Y}", f"{book.end:%d/%m/%Y}"
    sheet.cell(row=2, column=1, value=texts.REGISTER_PERIOD.format(start=start, end=end))
    _head(sheet, 3, texts.REGISTER_HEAD)
    for r, row in enumerate(book.rows, 4):
        for n, value in enumerate(row.cells(), 1):
            if n in (1, 4):  # the number and the sets are numbers
                sheet.cell(row=r, column=n, value=int(value))
            else:
                _put(sheet, r, n, value)
    return _bytes(workbook)


def summary_xlsx(summary: Summary) -> bytes:
    """The monthly summary: a heading row per section, then its rows of counts."""
    workbook = Workbook()
    heading = (texts.ROW_HEAD, *texts.COLUMNS)
    sheet = _sheet(workbook, texts.SUMMARY_SHEET, heading, (40, *[14] * len(texts.COLUMNS)))
    sheet.cell(row=1, column=1, value=texts.SUMMARY_TITLE).font = Font(bold=True, size=14)
    as_of = f"{summary.as_of:%H:%M %d/%m/%Y}"
    period = texts.SUMMARY_PERIOD.format(month=summary.month, year=summary.year, as_of=as_of)
    sheet.cell(row=2, column=1, value=period)
    _head(sheet, 3, heading)
    r = 4
    for title, figures in summary.sections():
        sheet.cell(row=r, column=1, value=title).font = Font(bold=True)
        r += 1
        for f in figures:
            _put(sheet, r, 1, f.label)
            for n, value in enumerate(f.values(), 2):
                sheet.cell(row=r, column=n, value=value)
            rate = f.rate
            cell = sheet.cell(
                row=r, column=len(heading), value=None if rate is None else rate / 100
            )
            cell.number_format = "0.0%"
            r += 1
    return _bytes(workbook)
