"""Text normalisation and the one accent-folding function of the whole product.

Every string that enters the system goes through :func:`nfc`; every accent-insensitive
comparison goes through :func:`fold`. Defining them once is what makes "lang thuong",
"LÁNG THƯỢNG" and a decomposed "Láng Thượng" typed by an odd terminal meet in one place.
Folding is for *searching*, never for identifying: distinct names fold together
(Văn Lang / Văn Lăng).
"""

from __future__ import annotations

import unicodedata

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
