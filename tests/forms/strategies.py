"""Hypothesis strategies for Vietnamese text, names and identity data."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import strategies as st

from forms.choices import Sex
from forms.identity import ID_PROVINCES, personal_id_for

_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VOWELS = sorted(
    {unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES}
    | {unicodedata.normalize("NFC", b.upper() + t) for b in _BASES for t in _TONES}
)
CONSONANTS = list("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX")
LETTERS = VOWELS + CONSONANTS

syllables = st.builds(
    lambda head, vowel, tail: head + vowel + tail,
    st.sampled_from(["", *CONSONANTS, "ng", "nh", "th", "tr", "ch", "gi", "ph", "kh", "Ng", "Tr"]),
    st.sampled_from(VOWELS),
    st.sampled_from(["", "n", "ng", "m", "c", "t", "p", "nh", "ch", "i", "o", "u", "y"]),
)
names = (
    st.lists(syllables, min_size=1, max_size=5)
    .map(" ".join)
    .map(lambda s: unicodedata.normalize("NFC", s[:1].upper() + s[1:]))
)
"""Plausible Vietnamese full names in NFC (1–5 syllables)."""

vietnamese_text = st.lists(
    st.one_of(syllables, st.sampled_from(["0", "12", "34/5", ",", "-", "Số"])),
    min_size=1,
    max_size=12,
).map(" ".join)
"""Address-like Vietnamese text in NFC."""

provinces = st.sampled_from(sorted(ID_PROVINCES))
sexes = st.sampled_from(list(Sex))
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 24))


@st.composite
def identities(draw) -> tuple[str, date, Sex]:
    """A personal ID number with the date of birth and sex it agrees with."""
    born = draw(birth_dates)
    sex = draw(sexes)
    serial = draw(st.integers(0, 999_999))
    return personal_id_for(draw(provinces), born.year, sex, serial), born, sex
