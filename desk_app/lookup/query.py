"""What the officer typed (or the scanner typed) into the one search field, and what it means.

One field takes everything, so the meaning is read from the shape of the text:

- a receipt QR: the payload of ``[receipt] qr_template`` (a bare code by default, or a lookup
  URL carrying the code and the secret lookup code), or any text with a whole dossier code in it
  (a URL printed under an older template still opens its dossier);
- a whole dossier code ``DDD.DD.DD.LDD-YYMMDD-NNNN`` (Circular 01/2018/TT-VPCP art. 19);
- 12 digits: a personal ID number; 9 digits: an old ID card number;
- a fragment of a code: up to 6 digits ("1007", "261124") or digits, letters, dots and dashes
  with a dot or a dash in them ("261124-1007", "H26-2611");
- 7 to 11 digits: the start of an ID number (what is typed before the number is whole);
- anything else: names, matched word by word, accent-insensitively ("tran thi b").

Classification is pure (no store), so the screen can show what it is searching for at once.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from urllib.parse import unquote

from forms.text import fold

CODE_RE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}", re.IGNORECASE)
"""A whole dossier code: QCVN 102 agency code, the day (YYMMDD), the daily sequence."""

_CODE_PART = re.compile(r"[0-9A-Z.\-]*[0-9][0-9A-Z.\-]*", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


class QueryKind(StrEnum):
    """How a query will be answered."""

    EMPTY = "empty"
    SCAN = "scan"
    CODE = "code"
    CODE_PART = "code_part"
    PERSONAL_ID = "personal_id"
    OLD_ID = "old_id"
    ID_PART = "id_part"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class Query:
    """A classified query: its kind and the normalised value to search for."""

    kind: QueryKind
    value: str = ""
    """The code, code fragment or digits searched for; for names, the folded words joined."""
    words: tuple[str, ...] = field(default=())
    """Folded name words, for :attr:`QueryKind.NAME`."""
    lookup_code: str | None = None
    """The secret lookup code a scanned URL carried, if its template has one."""

    @property
    def single(self) -> bool:
        """Whether the query names one dossier (scan or whole code): open it rather than list."""
        return self.kind in (QueryKind.SCAN, QueryKind.CODE)


@lru_cache(maxsize=8)
def _template_re(template: str) -> re.Pattern[str] | None:
    """A pattern recognising payloads of ``template``; None for the bare ``{code}``."""
    if template.strip() == "{code}":
        return None
    pattern = ""
    for literal, name, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name == "code":
            pattern += r"(?P<code>[^\s&?#/]+)"
        elif name == "lookup_code":
            pattern += r"(?P<lookup_code>[0-9A-Za-z]+)"
    return re.compile(pattern, re.IGNORECASE)


def classify(text: str, qr_template: str = "{code}") -> Query:
    """Read the meaning of one search field's text (see the module docstring)."""
    raw = text.strip()
    if not raw:
        return Query(QueryKind.EMPTY)
    pattern = _template_re(qr_template)
    matched = pattern.fullmatch(raw) if pattern else None
    if matched is not None:
        code = unquote(matched.group("code")).strip().upper()
        if CODE_RE.fullmatch(code):
            lookup = matched.groupdict().get("lookup_code")
            return Query(QueryKind.SCAN, code, lookup_code=lookup.upper() if lookup else None)
    compact = _SPACES.sub("", raw)
    if CODE_RE.fullmatch(compact):
        return Query(QueryKind.CODE, compact.upper())
    inside = CODE_RE.search(unquote(raw))
    if inside is not None:
        return Query(QueryKind.SCAN, inside.group(0).upper())
    if compact.isascii() and compact.isdigit():
        if len(compact) == 12:
            return Query(QueryKind.PERSONAL_ID, compact)
        if len(compact) == 9:
            return Query(QueryKind.OLD_ID, compact)
        if len(compact) <= 6:
            return Query(QueryKind.CODE_PART, compact)
        return Query(QueryKind.ID_PART, compact)
    if compact.isascii() and _CODE_PART.fullmatch(compact) and ("-" in compact or "." in compact):
        return Query(QueryKind.CODE_PART, compact.upper())
    words = tuple(w for w in _WORD.findall(fold(raw)) if not w.isdigit())
    if not words:
        return Query(QueryKind.EMPTY)
    return Query(QueryKind.NAME, " ".join(words), words=words)
