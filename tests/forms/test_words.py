"""The child's date of birth in Vietnamese words, as the birth declaration prints it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.words import date_in_words, number_in_words

VOCABULARY = {
    "Ngày", "tháng", "năm", "không", "một", "mốt", "hai", "ba", "bốn", "tư", "lăm", "sáu",
    "bảy", "tám", "chín", "mười", "mươi", "trăm", "linh", "nghìn",
}  # fmt: skip


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 1, 15), "Ngày mười lăm tháng một năm hai nghìn không trăm hai mươi sáu"),
        (date(2005, 4, 24), "Ngày hai mươi tư tháng tư năm hai nghìn không trăm linh năm"),
        (
            date(2021, 12, 31),
            "Ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi mốt",
        ),
        (date(2010, 10, 10), "Ngày mười tháng mười năm hai nghìn không trăm mười"),
        (date(2000, 5, 1), "Ngày một tháng năm năm hai nghìn"),
        (
            date(1995, 11, 21),
            "Ngày hai mươi mốt tháng mười một năm một nghìn chín trăm chín mươi lăm",
        ),
        (date(2014, 2, 14), "Ngày mười bốn tháng hai năm hai nghìn không trăm mười bốn"),
        (date(2020, 2, 29), "Ngày hai mươi chín tháng hai năm hai nghìn không trăm hai mươi"),
    ],
)
def test_dates_read_as_the_declaration_writes_them(day, words):
    assert date_in_words(day) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "không"), (5, "năm"), (15, "mười lăm"), (25, "hai mươi lăm"), (101, "một trăm linh một"),
     (110, "một trăm mười"), (1001, "một nghìn không trăm linh một"), (2100, "hai nghìn một trăm")],
)  # fmt: skip
def test_numbers(n, words):
    assert number_in_words(n) == words


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_every_date_reads_in_plain_vietnamese_words(day):
    words = date_in_words(day)
    assert set(words.split(" ")) <= VOCABULARY
    assert re.fullmatch(r"Ngày [a-zàáâãèéêìíòóôõùúýăđĩũơưạ-ỹ ]+ tháng .+ năm .+", words)
    assert "  " not in words and words.count(" tháng ") == 1
