"""The register book at the size a busy office's period has: 10,000 dossiers, a thousand pages.

The book is laid out and written by the reports' own table and page writer (made for volume,
:mod:`desk_app.reports.cells`, :mod:`desk_app.reports.writer`): every page must still open
with the table's header and end with "Trang n/m", every dossier must be in it once and in
order, and on sampled pages, rasterised, the grid must enclose every row — a rule under each
row and the column rules from the header's top to the last row's bottom — with nothing outside
the margins.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pypdfium2
import pytest

from desk_app.desk import Desk
from desk_app.reports import texts
from desk_app.reports.pdfkit import LANDSCAPE
from desk_app.reports.register import RegisterBook, register_book
from desk_app.reports.render import REGISTER_WIDTHS, register_pdf
from tests.receipt.conftest import flat
from tests.receipt.test_overflow import TOLERANCE, ink_outside
from tests.reports.conftest import NOW, generate

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
COUNT = 10_000
CODE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.H26-\d{6}-\d{4}")
SCALE = 2
"""Pixels per point of the rasterised samples."""
DARK = 200


@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[RegisterBook, bytes]:
    """A book of 10,000 November dossiers and its PDF (made once for the module's tests)."""
    from desk_app.config import load_config
    from desk_app.demo import make_demo
    from tests.conftest import FIXED_NOW

    folder = tmp_path_factory.mktemp("big-book")
    settings = load_config(make_demo(folder / "desk"), env={}).settings
    desk = Desk.open(settings, clock=lambda: FIXED_NOW)
    try:
        generate(desk.store, COUNT)
        book = register_book(desk.store, *NOVEMBER)
        return book, register_pdf(book, settings, NOW).pdf
    finally:
        desk.close()


def page_texts(pdf: bytes) -> list[str]:
    """The text of every page, whitespace flattened."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [flat(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def test_every_page_of_a_ten_thousand_dossier_book_is_headed_and_numbered(
    big_book: tuple[RegisterBook, bytes],
) -> None:
    book, pdf = big_book
    assert len(book.rows) == COUNT
    pages = page_texts(pdf)
    assert len(pages) > 900
    head = " ".join(texts.REGISTER_HEAD[:3])  # "TT Mã hồ sơ Tên thủ tục hành chính"
    codes: list[str] = []
    for n, words in enumerate(pages, 1):
        assert head in words, n
        assert texts.REGISTER_HEAD[-1] in words, n
        assert f"Trang {n}/{len(pages)}" in words, n
        codes += CODE.findall(words)
    assert codes == [row.code for row in book.rows]  # every dossier once, in the book's order


def dark(pixels: Any, x: float, y: int) -> bool:
    """Ink on the vertical line ``x`` (points) at pixel row ``y``, or a pixel either side."""
    px = round(x * SCALE)
    return bool(min(pixels[px + d, y] for d in (-1, 0, 1)) < DARK)


def _runs(values: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of True."""
    runs, start = [], None
    for i, value in enumerate([*values, False]):
        if value and start is None:
            start = i
        elif not value and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def test_sampled_pages_have_the_whole_grid_inside_the_margins(
    big_book: tuple[RegisterBook, bytes],
) -> None:
    _, pdf = big_book
    g = LANDSCAPE
    total = g.x1 - g.x0
    edges = [g.x0]
    for width in REGISTER_WIDTHS:
        edges.append(edges[-1] + total * width / sum(REGISTER_WIDTHS))
    document = pypdfium2.PdfDocument(pdf)
    try:
        last = len(document) - 1
        for index in (0, 1, last // 2, last - 1, last):
            page = document[index]
            assert ink_outside(page, g) == 0, index
            text = page.get_textpage()
            for i in range(text.count_chars()):
                if text.get_text_range(i, 1).isspace():
                    continue
                left, bottom, right, top = text.get_charbox(i)
                assert g.x0 - TOLERANCE <= left and right <= g.x1 + TOLERANCE, index
                assert g.bottom - TOLERANCE <= bottom, index
                assert top <= g.height - g.top + TOLERANCE, index
            rows = len(CODE.findall(flat(text.get_text_range())))
            image = page.render(scale=SCALE, grayscale=True).to_pil().convert("L")
            pixels = image.load()

            # The table's right rule is the longest ink along its edge (only the place and date
            # of the first page end there too, far above); every column rule runs as long.
            right = _runs([dark(pixels, edges[-1], y) for y in range(image.height)])
            top, bottom = max(right, key=lambda run: run[1] - run[0])
            for x in edges:
                assert all(dark(pixels, x, y) for y in range(top, bottom + 1)), (index, x)
            # Down the signature column (blank in every row; its heading is centred), the ink
            # is the rules: above and under the header, then one under each row of the page.
            blank = edges[12] + 2.0
            rules = _runs([dark(pixels, blank, y) for y in range(top, bottom + 1)])
            assert len(rules) == rows + 2, index
            assert rules[0][0] == 0 and rules[-1][1] == bottom - top, index
    finally:
        document.close()
