"""Accent-insensitive, ranked search as an officer types."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desk_app.gazetteer import Gazetteer, search_words
from desk_app.gazetteer.search import SearchTable, pad
from forms.text import fold


def test_d_with_stroke_folds_to_d() -> None:
    assert fold("Đống Đa") == "dong da"
    assert search_words("ĐẮK LẮK") == "dak lak"


def test_spellings_of_lang_thuong_find_the_same_unit(gz: Gazetteer) -> None:
    decomposed = unicodedata.normalize("NFD", "Láng Thượng")
    queries = ["lang thuong", "LÁNG THƯỢNG", "Lang Thuong", decomposed, "  láng   thượng "]
    firsts = {gz.search_legacy_communes(q, limit=1)[0].label for q in queries}
    assert firsts == {"Phường Láng Thượng, Quận Đống Đa, Thành phố Hà Nội"}


def test_dong_da_within_ha_noi_ranks_phuong_dong_da_first(gz: Gazetteer) -> None:
    hits = gz.search_communes("dong da", province_code="01")
    assert hits[0].name == "Phường Đống Đa"
    assert all(c.province.code == "01" for c in hits)


def test_a_province_restricts_the_search(gz: Gazetteer) -> None:
    everywhere = gz.search_communes("tan thanh", limit=500)
    assert len({c.province.code for c in everywhere}) > 5
    in_tay_ninh = gz.search_communes("tan thanh", province_code="80", limit=500)
    assert in_tay_ninh and {c.province.code for c in in_tay_ninh} == {"80"}
    legacy = gz.search_legacy_communes("phuong 1", province_code="79", limit=500)
    assert legacy and {c.province.code for c in legacy} == {"79"}
    one_district = gz.search_legacy_communes("phuong", district_code="770", limit=500)
    assert legacy and {c.district.code for c in one_district} == {"770"}


def test_the_aliases_the_data_carries(gz: Gazetteer) -> None:
    for alias in ("hcm", "tphcm", "TP HCM", "tp ho chi minh"):
        assert gz.search_provinces(alias)[0].code == "79", alias
    assert gz.search_provinces("hn")[0].code == "01"
    assert gz.search_legacy_provinces("brvt")[0].name == "Tỉnh Bà Rịa - Vũng Tàu"


def test_apostrophes_do_not_matter(gz: Gazetteer) -> None:
    spellings = ["Ea H'Leo", "Ea H’leo", "ea hleo"]
    assert {gz.search_communes(s, "66", limit=1)[0].code for s in spellings} == {
        gz.search_communes("Xã Ea H'Leo", "66", limit=1)[0].code
    }


def test_whole_word_beats_word_prefix_beats_substring() -> None:
    names = ["Xã Hòa Lạng", "Xã Langa", "Phường Láng", "Xã Ba Lang Thíp"]
    table = SearchTable([pad(search_words(n)) for n in names], names)
    ranked = [names[i] for i in table.search("lang")]
    assert ranked == ["Phường Láng", "Xã Hòa Lạng", "Xã Ba Lang Thíp", "Xã Langa"]
    # All four only contain "ang": shorter names first, then the table's order.
    inside = [names[i] for i in table.search("ang")]
    assert inside == ["Xã Langa", "Xã Hòa Lạng", "Phường Láng", "Xã Ba Lang Thíp"]


def test_words_spread_over_the_unit_and_its_parents(gz: Gazetteer) -> None:
    for query in ("lang thuong dong da", "thuong lang", "lang thuong hn"):
        assert gz.search_legacy_communes(query)[0].code == "00187", query


def test_at_most_n_results(gz: Gazetteer) -> None:
    assert len(gz.search_legacy_communes("a", limit=7)) == 7
    assert gz.search_legacy_communes("", limit=7) == []
    assert gz.search_communes("qqqxxx") == []


def test_every_unit_is_found_first_by_its_own_name(gz: Gazetteer) -> None:
    for c in gz.communes:
        assert gz.search_communes(c.name, c.province.code, limit=1) == [c], c.label
    for lc in gz.legacy_communes():
        assert gz.search_legacy_communes(lc.name, district_code=lc.district.code, limit=1) == [
            lc
        ], lc.label


def test_pre_folded_keys_are_the_fold_of_the_names(gz: Gazetteer) -> None:
    assert all(c.key == search_words(c.name) for c in gz.communes)
    assert gz.legacy_keys()[:1] == [search_words(gz.legacy_communes()[0].name)]


@given(
    st.text(
        alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọ"
        "ồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ '’-",
        max_size=30,
    )
)
def test_search_words_ignore_case_and_unicode_form(text: str) -> None:
    words = search_words(text)
    assert search_words(text.upper()) == words
    assert search_words(unicodedata.normalize("NFD", text)) == words
    assert words == words.strip() and "  " not in words and words.isascii()
