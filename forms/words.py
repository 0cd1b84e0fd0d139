"""Dates in Vietnamese words, as the birth declaration writes the child's date of birth.

"15/01/2026" → "Ngày mười lăm tháng một năm hai nghìn không trăm hai mươi sáu". The reading
follows ordinary Vietnamese usage: "mốt" for a final 1 after a tens word (hai mươi mốt), "lăm"
for a final 5 after a tens word (mười lăm), "tư" for a final 4 after "mươi" (hai mươi tư, and
the month "tháng tư"), "linh" for an empty tens place inside a hundred (hai nghìn không trăm linh
năm), and "không trăm" for an empty hundreds place inside a thousand.
"""

from __future__ import annotations

from datetime import date
from typing import Final

_DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _below_hundred(n: int) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        return _DIGITS[unit]
    if tens == 1:
        head = "mười"
        tail = {0: "", 5: "lăm"}.get(unit, _DIGITS[unit])
    else:
        head = f"{_DIGITS[tens]} mươi"
        tail = {0: "", 1: "mốt", 4: "tư", 5: "lăm"}.get(unit, _DIGITS[unit])
    return f"{head} {tail}".strip()


def _below_thousand(n: int, *, inner: bool) -> str:
    """Read 0–999; ``inner`` when a higher group precedes it (so 5 reads "không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not inner:
        return _below_hundred(rest)
    words = f"{_DIGITS[hundreds]} trăm"
    if rest == 0:
        return words
    if rest < 10:
        return f"{words} linh {_DIGITS[rest]}"
    return f"{words} {_below_hundred(rest)}"


def number_in_words(n: int) -> str:
    """Read a whole number from 0 to 999,999 in Vietnamese words."""
    if not 0 <= n <= 999_999:
        raise ValueError(f"number out of range: {n}")
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _below_thousand(rest, inner=False)
    head = f"{_below_thousand(thousands, inner=False)} nghìn"
    if rest == 0:
        return head
    return f"{head} {_below_thousand(rest, inner=True)}"


def month_in_words(month: int) -> str:
    """Month names as the forms print them: "một" … "tư" … "mười hai"."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return "tư" if month == 4 else number_in_words(month)


def date_in_words(day: date) -> str:
    """The full date in words, starting with a capital: "Ngày … tháng … năm …"."""
    return (
        f"Ngày {number_in_words(day.day)} tháng {month_in_words(day.month)} "
        f"năm {number_in_words(day.year)}"
    )
