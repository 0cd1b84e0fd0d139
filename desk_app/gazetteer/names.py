"""Name normalisation for administrative units: display form, identity key, search words.

Three different questions get three different answers, and mixing them is how a desk ends up
mapping an old address to the wrong commune:

* :func:`display_name` — what an officer reads: the source's own spelling in NFC, with the
  stray double spaces some sources carry collapsed. Letters are never changed.
* :func:`identity_name` — what "the same name" means when two sources are compared: NFC,
  single spaces, and one tone-mark convention ("Hoà"/"Hòa" and "Thuỷ"/"Thủy" are the same
  name written two ways). Distinct names stay distinct: Văn Lang ≠ Văn Lăng.
* :func:`search_words` — what searching compares: the words of ``forms.text.fold`` (the one
  fold of the product), with apostrophes dropped and other punctuation treated as a word
  break, so "Ea H'Leo", "Ea H’leo" and "ea hleo" meet. Folding merges distinct names, so
  these words are for finding, never for identifying.
"""

from __future__ import annotations

import re
import unicodedata

from forms.text import fold, nfc

# Tone marks of Vietnamese in NFD (grave, acute, tilde, hook above, dot below).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# At the end of a syllable, "oa", "oe" and "uy" carry the tone on the first vowel in one
# convention ("hòa", "thủy") and on the second in the other ("hoà", "thuỷ"). In NFD the
# second form is vowel, vowel, mark; it is rewritten to vowel, mark, vowel.
_NEW_STYLE = re.compile(rf"([oOuU])([aAeEyY])([{_TONES}])(?!\w)")
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`´")
_WORD = re.compile(r"[^\W_]+")


def display_name(text: str) -> str:
    """The source's spelling in NFC with runs of whitespace collapsed to one space."""
    return " ".join(nfc(text).split())


def identity_name(text: str) -> str:
    """The key under which two spellings of one name compare equal (one tone convention)."""
    decomposed = unicodedata.normalize("NFD", display_name(text))
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(r"\1\3\2", decomposed))


def search_words(text: str) -> str:
    """Folded words of ``text`` joined by single spaces; the form every search key takes."""
    return " ".join(_WORD.findall(fold(text).translate(_APOSTROPHES)))


def initials(text: str) -> str:
    """Initials of the folded words ("Thành phố Hồ Chí Minh" → "tphcm"), for province aliases."""
    return "".join(word[0] for word in search_words(text).split())
