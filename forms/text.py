"""Text normalisation and the one accent-folding function of the whole product.

Every string that enters the system goes through :func:`nfc`; every accent-insensitive
comparison goes through :func:`fold`. Defining them once is what makes "lang thuong",
"LÁNG THƯỢNG" and a decomposed "Láng Thượng" typed by an odd terminal meet in one place.
Folding is for *searching*, never for identifying: distinct names fold together
(Văn Lang / Văn Lăng).
"""

from __future__ import annotations

import unicodedata

from forms.messages import ERRORS

# Combining marks used by Vietnamese (and Latin in general) live in U+0300..U+036F.
# "đ"/"Đ" is a letter of its own, not a d with a mark: NFD leaves it alone, so it is
# mapped explicitly.
_FOLD_TABLE: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}
_FOLD_TABLE[ord("đ")] = "d"
_FOLD_TABLE[ord("Đ")] = "d"


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the one form stored and compared."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold ``text`` for accent-insensitive matching: NFC, lower-case, no diacritics, đ→d."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).lower())
    return decomposed.translate(_FOLD_TABLE)


class TextRejected(ValueError):
    """Raised when input cannot be accepted as text at all.

    ``code`` is a key of :data:`forms.messages.ERRORS`; ``message`` is the Vietnamese text
    saying what to do, which the model layer places next to the field.
    """

    def __init__(self, code: str, **context: str) -> None:
        self.code = code
        self.context = context
        self.message = ERRORS[code].format(**context)
        super().__init__(self.message)


# Tab, line feed and carriage return are whitespace an officer may paste from another program;
# they collapse into one space like any other run of whitespace. Every other control or
# invisible character (NUL, ESC sequences, zero-width spaces, bidirectional overrides, a byte-
# order mark, private-use or unassigned code points) would be invisible on screen and could
# smuggle a different value onto a printed form, so it is refused rather than dropped.
_WHITESPACE_CONTROLS = frozenset("\t\n\r")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def refused_character(text: str) -> str | None:
    """Return the first character of ``text`` that no field accepts, or ``None``."""
    for ch in text:
        if ch in _WHITESPACE_CONTROLS:
            continue
        if unicodedata.category(ch) in _REFUSED_CATEGORIES or ch == "\ufffd":
            return ch
    return None


def describe_character(ch: str) -> str:
    """Name a character the way an officer can find it in a help page: ``U+200B``."""
    return f"U+{ord(ch):04X}"


def clean_line(text: str) -> str:
    """Normalise one line of typed or scanned text, or raise :class:`TextRejected`.

    The result is NFC (so decomposed input, or input converted from a legacy code page that
    leaves tone marks as separate combining characters, ends up identical to the NFC form),
    trimmed, with every inner run of whitespace collapsed to one space.
    """
    composed = nfc(text)
    bad = refused_character(composed)
    if bad == "\ufffd":
        raise TextRejected("text_encoding")
    if bad is not None:
        raise TextRejected("text_control", char=describe_character(bad))
    return " ".join(composed.split())


def for_print(text: str) -> str:
    """Return ``text`` in capitals with every diacritic kept, as printed on civil-status forms.

    Circular 04/2020/TT-BTP art. 31 asks for names in capitals with full diacritics;
    ``str.upper`` keeps the marks, and NFC keeps the printed form identical to the stored one.
    """
    return nfc(nfc(text).upper())
