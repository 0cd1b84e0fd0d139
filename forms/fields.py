"""Field types shared by every declaration: text, names, codes, phone, email, dates.

Each type normalises first (NFC, trimmed, whitespace collapsed) and then checks the *shape*
only. Whether a code exists (a commune, an ethnic group, an agency) is checked by ``desk_app``
against the reference data, which ``forms`` cannot read.

Dates never compare with the clock: the receipt date comes in through the validation context
(:func:`reception_context`), so a stored dossier can be validated again years later without the
child suddenly being "over 6".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

from forms.errors import fail
from forms.text import (
    TextRejected,
    clean_line,
    describe_character,
    invisible_character,
    mixed_script_word,
    styled_letter,
)

RECEIVED_ON: Final = "received_on"
"""Key of the validation context that holds the date the dossier is received."""

EARLIEST: Final = date(1900, 1, 1)
"""No date on these declarations predates 1900 (personal ID numbers start there too)."""


def reception_context(received_on: date) -> dict[str, Any]:
    """The validation context for a dossier received on ``received_on``."""
    return {RECEIVED_ON: received_on}


def received_on(info: ValidationInfo | None) -> date | None:
    """The receipt date from the validation context, if the caller gave one."""
    context = info.context if info is not None else None
    if not context or context.get(RECEIVED_ON) is None:
        return None
    value = context[RECEIVED_ON]
    if not isinstance(value, date):
        raise TypeError(f"validation context {RECEIVED_ON!r} must be a datetime.date")
    return value


# -- text ------------------------------------------------------------------------------------


def _cleaner(max_length: int, *, optional: bool) -> Callable[[Any], Any]:
    # Refuse absurd input before normalising it: a 10 MB paste should cost microseconds.
    hard_limit = max_length * 4 + 64

    def clean(value: Any) -> Any:
        if value is None:
            if optional:
                return None
            raise fail("required")
        if not isinstance(value, str):
            return value  # pydantic reports the wrong type
        if len(value) > hard_limit:
            raise fail("text_too_long", max_length=max_length)
        try:
            cleaned = clean_line(value)
        except TextRejected as exc:
            raise fail(exc.code, **exc.context) from None
        if not cleaned:
            if optional:
                return None
            raise fail("required")
        if len(cleaned) > max_length:
            raise fail("text_too_long", max_length=max_length)
        return cleaned

    return clean


def single_line(max_length: int) -> BeforeValidator:
    """The rule of a required single line of text, normalised, at most ``max_length`` characters.

    Field metadata, written ``Annotated[str, single_line(200)]``: a type checker reads the
    annotation as ``str``, which it could not do with a call in the annotation's place.
    """
    return BeforeValidator(_cleaner(max_length, optional=False))


def optional_single_line(max_length: int) -> BeforeValidator:
    """The rule of an optional single line, ``Annotated[str | None, optional_single_line(n)]``;
    empty or blank input is stored as ``None``."""
    return BeforeValidator(_cleaner(max_length, optional=True))


NAME_MAX: Final = 100


def name_problem(value: str) -> tuple[str, dict[str, str]] | None:
    """What is wrong with a cleaned personal name (an ``ERRORS`` code and its context), or None.

    Letters with their diacritics, spaces, apostrophes and hyphens only: ethnic-minority names
    carry apostrophes ("H'Hen Niê"), foreign parents' names hyphens. A combining mark left over
    after NFC behind a Latin letter means a doubled or stray diacritic (Vietnamese letters all
    compose), so it is refused rather than printed wrongly. Letters that draw nothing (the Hangul
    filler), decorative letters (mathematical bold 𝐀, full-width Ａ) and words mixing Latin
    with Cyrillic or Greek look-alikes are refused too: each shows as an ordinary name on
    screen and on paper while it is another string, which no search or check would match.
    """
    invisible = invisible_character(value)
    if invisible is not None:
        return "name_invisible", {"char": describe_character(invisible)}
    styled = styled_letter(value)
    if styled is not None:
        return "name_styled", {"char": f"{styled} {describe_character(styled)}"}
    if not unicodedata.category(value[0]).startswith("L"):
        return "name_characters", {}
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        if category.startswith("L") or ch in " '’-":
            continue
        if category.startswith("M"):
            previous = value[i - 1]
            if not unicodedata.category(previous).startswith("L") or "LATIN" in (
                unicodedata.name(previous, "")
            ):
                return "name_marks", {}
            continue
        return "name_characters", {}
    mixed = mixed_script_word(value)
    if mixed is not None:
        return "name_mixed_script", {"word": mixed}
    return None


def check_name(value: str) -> str:
    """Accept a personal name (see :func:`name_problem`); the pydantic rule of :data:`Name`."""
    problem = name_problem(value)
    if problem is not None:
        code, context = problem
        raise fail(code, **context)
    return value


def clean_name(value: str, max_length: int = NAME_MAX) -> str:
    """A full name outside the declarations (an officer's account), cleaned and checked
    exactly like :data:`Name`; :class:`TextRejected` says what is wrong, in Vietnamese."""
    if len(value) > max_length * 4 + 64:
        raise TextRejected("text_too_long", max_length=str(max_length))
    cleaned = clean_line(value)
    if not cleaned:
        raise TextRejected("required")
    if len(cleaned) > max_length:
        raise TextRejected("text_too_long", max_length=str(max_length))
    problem = name_problem(cleaned)
    if problem is not None:
        code, context = problem
        raise TextRejected(code, **context)
    return cleaned


Name = Annotated[
    str, BeforeValidator(_cleaner(NAME_MAX, optional=False)), AfterValidator(check_name)
]
"""A person's full name as declared (NFC, original case); print it with ``for_print``."""


def _check_optional_name(value: str | None) -> str | None:
    return None if value is None else check_name(value)


OptionalName = Annotated[
    str | None,
    BeforeValidator(_cleaner(NAME_MAX, optional=True)),
    AfterValidator(_check_optional_name),
]
"""A name that may be left empty (empty or blank input is stored as ``None``)."""


# -- codes -----------------------------------------------------------------------------------


def _coded(pattern: str, code: str, *, upper: bool = False, lower: bool = False) -> BeforeValidator:
    # Patterns spell digits [0-9]: "\d" would also take Arabic-Indic or full-width digits.
    compiled = re.compile(pattern)
    # A generous length: a code typed as a name ("Kinh", "Việt Nam") should hear "pick from
    # the list", not "too long".
    clean = _cleaner(100, optional=False)

    def check(value: Any) -> Any:
        value = clean(value)
        if not isinstance(value, str):
            return value
        if upper:
            value = value.upper()
        if lower:
            value = value.lower()
        if not compiled.fullmatch(value):
            raise fail(code)
        return value

    return BeforeValidator(check)


EthnicityCode = Annotated[str, _coded(r"[0-9]{2}", "ethnicity")]
"""Official 2-digit ethnic-group code (01 Kinh … 54 Ơ Đu)."""
NationalityCode = Annotated[str, _coded(r"[A-Z]{2}", "nationality", upper=True)]
"""ISO 3166-1 alpha-2 country code; typed lower-case it is stored upper-case."""
ProvinceCode = Annotated[str, _coded(r"[0-9]{2}", "province_code")]
"""2025 province code (Decision 19/2025/QĐ-TTg)."""
CommuneCode = Annotated[str, _coded(r"[0-9]{5}", "commune_code")]
"""2025 commune-level unit code (Decision 19/2025/QĐ-TTg)."""
AgencyCode = Annotated[
    str, _coded(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}", "agency_code", upper=True)
]
"""QCVN 102:2016/BTTTT agency code, shape ``DDD.DD.DD.LDD`` (e.g. ``000.00.17.H56``)."""
FacilityCode = Annotated[str, _coded(r"[0-9]{5}", "facility_code")]
"""Health-insurance code of a health-care facility (2-digit province + 3 digits)."""
Sha256 = Annotated[str, _coded(r"[0-9a-f]{64}", "sha256", lower=True)]
"""Content address of an attached file (lower-case hex SHA-256)."""
ItemId = Annotated[str, _coded(r"[a-z][a-z0-9_]{1,40}", "item_id")]
"""Stable id of a checklist item, shared with the checklist in ``data/``."""


# -- phone and email --------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[ .\-()]")
_PHONE = re.compile(r"0(?:[35789][0-9]{8}|2[0-9]{9})")


def normalise_phone(value: str) -> str:
    """Return a Vietnamese phone number in its domestic form, or raise the ``phone`` error.

    Mobile numbers have 10 digits starting 03, 05, 07, 08, 09; landlines 11 digits starting 02;
    ``+84`` replaces the leading 0. Spaces, dots, hyphens and brackets are separators only.
    Storing one form makes "+84 912 345 678" and "0912.345.678" the same number.
    """
    digits = _PHONE_SEPARATORS.sub("", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not _PHONE.fullmatch(digits):
        raise fail("phone")
    return digits


Phone = Annotated[
    str, BeforeValidator(_cleaner(20, optional=False)), AfterValidator(normalise_phone)
]
OptionalPhone = Annotated[
    str | None,
    BeforeValidator(_cleaner(20, optional=True)),
    AfterValidator(lambda v: None if v is None else normalise_phone(v)),
]

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    rf"@(?P<domain>{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}})"
)


def normalise_email(value: str) -> str:
    """Accept an ordinary address (``ten@tenmien.vn``); the domain is stored lower-case."""
    match = _EMAIL.fullmatch(value)
    if match is None or len(match["local"]) > 64 or len(value) > 254:
        raise fail("email")
    return f"{match['local']}@{match['domain'].lower()}"


Email = Annotated[
    str, BeforeValidator(_cleaner(254, optional=False)), AfterValidator(normalise_email)
]
OptionalEmail = Annotated[
    str | None,
    BeforeValidator(_cleaner(254, optional=True)),
    AfterValidator(lambda v: None if v is None else normalise_email(v)),
]


# -- dates ------------------------------------------------------------------------------------

_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def parse_date(value: Any) -> Any:
    """Accept a ``date``, an ISO string (stored JSON) or ``dd/mm/yyyy`` (what officers type)."""
    if isinstance(value, date):
        return value  # a datetime is left to pydantic, which refuses one with a time
    if not isinstance(value, str):
        raise fail("date_format")
    text = value.strip()
    if not text:
        raise fail("required")
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise fail("date_format")
    try:
        return date(year, month, day)
    except ValueError:
        raise fail("date_impossible", value=f"{day:02d}/{month:02d}/{year:04d}") from None


def vn(day: date) -> str:
    """A date the way Vietnamese papers write it: ``15/01/2026``."""
    return day.strftime("%d/%m/%Y")


def check_past(value: date, info: ValidationInfo) -> date:
    """No date before 1900, and none after the receipt date when it is known."""
    if value < EARLIEST:
        raise fail("date_too_old")
    received = received_on(info)
    if received is not None and value > received:
        raise fail("date_future", received=vn(received))
    return value


PastDate = Annotated[date, BeforeValidator(parse_date), AfterValidator(check_past)]
"""A date on or before the receipt date (birth dates, issue dates, certificate dates)."""
OptionalPastDate = Annotated[
    date | None,
    BeforeValidator(lambda v: None if v is None or v == "" else parse_date(v)),
    AfterValidator(lambda v, info: None if v is None else check_past(v, info)),
]


def check_year(value: Any, info: ValidationInfo) -> Any:
    """A year of birth: 1900 up to the receipt year (or 2100 without a receipt date)."""
    if isinstance(value, bool):
        raise fail("wrong_type")
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int):
        return value
    received = received_on(info)
    max_year = received.year if received is not None else 2100
    if not EARLIEST.year <= value <= max_year:
        raise fail("year", max_year=max_year)
    return value


OptionalYear = Annotated[int | None, BeforeValidator(check_year)]
