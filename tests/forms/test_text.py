"""Normalisation and folding: what the officer types is what the dossier stores, in one form."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.text import TextRejected, clean_line, fold, for_print, nfc
from tests.forms.strategies import LETTERS, names, vietnamese_text

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def as_cp1258_terminal(text: str) -> str:
    """What a terminal hands over after converting Windows-1258 input to Unicode.

    Windows-1258 has the letters with circumflex, breve and horn precomposed but writes tone
    marks as separate combining characters, so the text arrives partly decomposed.
    """
    clusters = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        clusters.append(base + "".join(c for c in parts if c in _TONES))
    return "".join(clusters).encode("cp1258").decode("cp1258")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_line_either_refuses_or_returns_a_clean_stable_line(raw):
    try:
        cleaned = clean_line(raw)
    except TextRejected as exc:
        assert exc.message and "hãy" in exc.message
        return
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned and "\n" not in cleaned and "\t" not in cleaned
    assert clean_line(cleaned) == cleaned


@settings(max_examples=200, deadline=None)
@given(vietnamese_text)
def test_decomposed_and_legacy_code_page_input_end_up_identical_to_nfc(text):
    assert clean_line(unicodedata.normalize("NFD", text)) == text
    legacy = as_cp1258_terminal(text)
    assert legacy == text or not unicodedata.is_normalized(
        "NFC", legacy
    )  # really arrives different
    assert clean_line(legacy) == text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(names, min_size=1, max_size=4),
    st.lists(st.sampled_from([" ", "\t", "\u00a0", "\n", "  "]), min_size=5, max_size=5),
)
def test_inner_whitespace_collapses_and_ends_are_trimmed(words, gaps):
    messy = gaps[0] + "".join(w + gaps[(i % 4) + 1] for i, w in enumerate(words))
    assert clean_line(messy) == " ".join(" ".join(words).split())


@pytest.mark.parametrize(
    "bad", ["\x00", "\x1b", "\x7f", "\x85", "\u200b", "\u202e", "\ufeff", "\ue000", "\u2028"]
)
@given(text=names)
@settings(max_examples=20, deadline=None)
def test_control_and_invisible_characters_are_refused_anywhere(bad, text):
    for i in (0, len(text) // 2, len(text)):
        with pytest.raises(TextRejected) as caught:
            clean_line(text[:i] + bad + text[i:])
        assert f"U+{ord(bad):04X}" in caught.value.message


latin_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(LETTERS),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x300, max_codepoint=0x36F),
    )
)


@settings(max_examples=300, deadline=None)
@given(latin_text)
def test_fold_strips_every_vietnamese_mark_and_lowercases(text):
    folded = fold(text)
    assert not any(unicodedata.combining(c) for c in folded)
    assert folded == folded.lower()
    assert "đ" not in folded and "Đ" not in folded
    assert fold(folded) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


@settings(max_examples=200, deadline=None)
@given(names)
def test_printed_names_are_capitals_with_every_diacritic(name):
    printed = for_print(name)
    assert unicodedata.is_normalized("NFC", printed)
    assert printed == printed.upper()
    assert fold(printed) == fold(name)
    assert len(printed) == len(name)  # no mark dropped or split off


def test_examples_officers_type():
    assert fold("LÁNG THƯỢNG") == fold("Láng Thượng") == "lang thuong"
    assert fold("Đống Đa") == "dong da"
    assert for_print("Nguyễn Thị Thuỷ") == "NGUYỄN THỊ THUỶ"
    assert for_print("H'Hen Niê") == "H'HEN NIÊ"
    assert nfc("Nguye\u0302\u0303n") == "Nguyễn"
    assert clean_line("  Trần \t Minh\u00a0An \r\n") == "Trần Minh An"
    legacy = as_cp1258_terminal("Nguyễn Thị Thuỷ")
    assert legacy != "Nguyễn Thị Thuỷ"  # "ê" + combining tilde, as Windows-1258 writes it
    assert clean_line(legacy) == "Nguyễn Thị Thuỷ"
