"""Field types the death declaration needs beyond :mod:`forms.fields`.

- :data:`PartialDate`: the deceased's date of birth as the e-form takes it, a full date, a month
  and year, or a year only (people who died long ago often have no more on their papers). It is
  stored as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` so the stored text says exactly what is known,
  and officers type it the Vietnamese way (``12/03/1950``, ``03/1950``, ``1950``).
- :data:`TimeOfDay`: the hour and minute of death ("… giờ … phút"), stored ``HH:MM``.
- :data:`SiNumber`: the 10-digit social-insurance number (mã số BHXH).
- :data:`PaperNumber`: the number of a paper such as a death notice (``01/UBND-GBT``).
- :data:`AccountNumber`: a bank account number, digits only.

Like every type of :mod:`forms.fields`, they normalise first and check the shape; dates compare
with the receipt date from the validation context, never with the clock.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

from forms.errors import fail
from forms.fields import optional_single_line, received_on, single_line, vn

EARLIEST_BIRTH_YEAR: Final = 1850
"""A death registered long after the fact (for an inheritance) may concern someone born before
1900, the floor of the other dates of the declarations."""

_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_MY = re.compile(r"([0-9]{1,2})/([0-9]{4})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"[0-9]{4}")


def _parse_partial(value: Any) -> Any:
    """Turn what an officer typed (or the stored form) into ``YYYY[-MM[-DD]]``."""
    if isinstance(value, bool):
        raise fail("partial_date_format")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise fail("partial_date_format")
    text = value.strip()
    if not text:
        raise fail("required")
    parts: tuple[int, ...]
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        parts = (year, month, day)
    elif match := _ISO_DAY.fullmatch(text):
        parts = tuple(int(g) for g in match.groups())
    elif match := _MY.fullmatch(text):
        month, year = (int(g) for g in match.groups())
        parts = (year, month)
    elif match := _ISO_MONTH.fullmatch(text):
        parts = tuple(int(g) for g in match.groups())
    elif _YEAR.fullmatch(text):
        parts = (int(text),)
    else:
        raise fail("partial_date_format")
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        raise fail("partial_date_month", month=parts[1])
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            shown = f"{parts[2]:02d}/{parts[1]:02d}/{parts[0]:04d}"
            raise fail("date_impossible", value=shown) from None
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def partial_bounds(value: str) -> tuple[date, date]:
    """The first and the last day a stored partial date may stand for."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(parts[0], parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        last = monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def partial_year(value: str) -> int:
    """The year of a stored partial date."""
    return int(value[:4])


def show_partial(value: str) -> str:
    """A stored partial date the way papers write it: ``12/03/1950``, ``03/1950``, ``1950``."""
    return "/".join(reversed(value.split("-")))


def _check_partial(value: str, info: ValidationInfo) -> str:
    received = received_on(info)
    year = partial_year(value)
    max_year = received.year if received is not None else 2100
    if not EARLIEST_BIRTH_YEAR <= year <= max_year:
        raise fail("partial_date_year", min_year=EARLIEST_BIRTH_YEAR, max_year=max_year)
    if received is not None and partial_bounds(value)[0] > received:
        raise fail("date_future", received=vn(received))
    return value


PartialDate = Annotated[str, BeforeValidator(_parse_partial), AfterValidator(_check_partial)]
"""A date of birth known to the day, the month or the year only (``YYYY[-MM[-DD]]``)."""

_TIME = re.compile(r"([0-9]{1,2})\s*(?::|h|g|giờ)\s*([0-9]{1,2})\s*(?:phút|p)?", re.IGNORECASE)


def _parse_time(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail("time_format")
    text = value.strip()
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if match is None:
        raise fail("time_format")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise fail("time_format")
    return f"{hour:02d}:{minute:02d}"


OptionalTimeOfDay = Annotated[str | None, BeforeValidator(_parse_time)]
"""Hour and minute on a 24-hour clock (``07:30``); typed ``7:30``, ``7h30``, ``7 giờ 30 phút``."""


def _digits_only(code: str, lengths: range) -> BeforeValidator:
    def check(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return value  # pydantic reports the type
        digits = re.sub(r"[ .\-]", "", value)
        if not (digits.isascii() and digits.isdigit() and len(digits) in lengths):
            raise fail(code)
        return digits

    return BeforeValidator(check)


SiNumber = Annotated[str, single_line(20), _digits_only("si_number", range(10, 11))]
"""Mã số bảo hiểm xã hội: 10 digits, as on the SI book and the health-insurance card."""

OptionalAccountNumber = Annotated[
    str | None,
    optional_single_line(30),
    AfterValidator(lambda v: None if v is None else _account(v)),
]
"""A bank account number: 6 to 20 digits, spaces and dots being separators only."""


def _account(value: str) -> str:
    digits = re.sub(r"[ .\-]", "", value)
    if not (digits.isascii() and digits.isdigit() and 6 <= len(digits) <= 20):
        raise fail("account_number")
    return digits


_PAPER = re.compile(r"[0-9A-Za-zÀ-ỹĐđ][0-9A-Za-zÀ-ỹĐđ/.\- ]*")


def _paper(value: str) -> str:
    if not _PAPER.fullmatch(value):
        raise fail("certificate_number")
    return value


PaperNumber = Annotated[str, single_line(50), AfterValidator(_paper)]
"""The number of a paper as printed on it (``01/UBND-GBT``, ``123/QĐ-UBND``)."""
OptionalPaperNumber = Annotated[
    str | None,
    optional_single_line(50),
    AfterValidator(lambda v: None if v is None else _paper(v)),
]
