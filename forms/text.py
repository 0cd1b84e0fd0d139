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


# Letters and marks that draw nothing: Hangul fillers, Khmer inherent vowels, the combining
# grapheme joiner, Mongolian and other variation selectors, the braille blank. They are
# "letters" to Unicode, so a name made of them passes a letters-only rule while it looks empty
# (or shorter than it is) on screen and on paper.
_INVISIBLE: frozenset[int] = frozenset(
    {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0, 0x16FE4, 0x1D159}
    | set(range(0x180B, 0x1810))
    | set(range(0xFE00, 0xFE10))
    | set(range(0xE0100, 0xE01F0))
)

# Compatibility forms that only restyle a letter: mathematical bold/italic/script/fraktur
# (U+1D400–U+1D7FF), full-width, circled, superscript letters… They look like ordinary letters
# but are different characters, so the name would never match the same name typed plainly.
_STYLED_TAGS = ("<font>", "<wide>", "<circle>", "<super>", "<sub>", "<small>", "<square>")
_MATH_ALPHANUMERICS = range(0x1D400, 0x1D800)

# Scripts whose letters copy Latin ones (Cyrillic а, е, о, р, с, х; Greek ο, ν, Α…): a word mixing
# them with Latin letters reads like a Vietnamese name and never matches it.
_LOOKALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def invisible_character(text: str) -> str | None:
    """The first character of ``text`` that draws nothing though Unicode calls it a letter."""
    return next((ch for ch in text if ord(ch) in _INVISIBLE), None)


def styled_letter(text: str) -> str | None:
    """The first letter of ``text`` in a decorative style (mathematical, full-width…)."""
    for ch in text:
        if ord(ch) in _MATH_ALPHANUMERICS:
            return ch
        if unicodedata.category(ch).startswith("L") and unicodedata.decomposition(ch).startswith(
            _STYLED_TAGS
        ):
            return ch
    return None


def script_of(ch: str) -> str:
    """The script a letter is written in, as Unicode names it (``LATIN``, ``CYRILLIC``…).

    Read after compatibility folding, so the micro sign µ counts as the Greek letter it copies.
    """
    folded = unicodedata.normalize("NFKC", ch)[:1] or ch
    return unicodedata.name(folded, "").split(" ", 1)[0]


def mixed_script_word(text: str) -> str | None:
    """The first word of ``text`` with look-alike (Cyrillic, Greek…) letters, when ``text``
    also has Latin letters; None when the text keeps to one script.

    A name wholly in Cyrillic or Greek (a foreign parent's, as on their passport) is left alone.
    """
    scripts = {script_of(ch) for ch in text if ch.isalpha()}
    if "LATIN" not in scripts or not scripts & _LOOKALIKE_SCRIPTS:
        return None
    return next(
        (w for w in text.split() if any(script_of(ch) in _LOOKALIKE_SCRIPTS for ch in w)), None
    )


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
