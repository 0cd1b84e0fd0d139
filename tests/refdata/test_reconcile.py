"""Reconciling the two packages: official codes, never a silent wrong commune."""

from __future__ import annotations

import pytest

from desk_app.gazetteer.build import _reconcile, build_index, overrides_text
from desk_app.gazetteer.index import Gazetteer, index_text
from desk_app.gazetteer.names import identity_name
from desk_app.gazetteer.reconcile import (
    ConverterCommune,
    OfficialCommune,
    Override,
    ReconciliationError,
    parse_overrides,
    reconcile,
)

OFFICIAL = [
    OfficialCommune("00001", "Xã Hoà An", "08"),
    OfficialCommune("00002", "Xã Văn Lang", "19"),
    OfficialCommune("00003", "Xã Văn Lăng", "19"),
    OfficialCommune("00004", "Xã Ea H’leo", "66"),
    OfficialCommune("00005", "Xã  Tân  An", "66"),
]


def converter(*rows: tuple[str, str]) -> list[ConverterCommune]:
    return [ConverterCommune(f"k{n}", name, province) for n, (name, province) in enumerate(rows)]


def test_tone_mark_conventions_and_spaces_are_the_same_name() -> None:
    assert identity_name("Xã Hoà An") == identity_name("Xã Hòa An")
    assert identity_name("Thuỷ") == identity_name("Thủy")
    assert identity_name("Xã  Tân  An") == "Xã Tân An"
    assert identity_name("Văn Lang") != identity_name("Văn Lăng")


def test_exact_then_folded_matching() -> None:
    rows = converter(("Xã Hòa An", "08"), ("Xã Ea H'Leo", "66"), ("Xã Tân An", "66"))
    result = reconcile(rows, OFFICIAL)
    assert result.codes == {"k0": "00001", "k1": "00004", "k2": "00005"}
    assert result.how == {"k0": "exact", "k1": "folded", "k2": "exact"}
    assert not result.unmatched


def test_a_folded_collision_is_never_guessed() -> None:
    # Only the accent differs and the converter misspells it: two official candidates.
    rows = converter(("Xã Vặn Lang", "19"))
    result = reconcile(rows, OFFICIAL)
    assert result.codes == {}
    assert [c.name for c in result.unmatched] == ["Xã Vặn Lang"]


def test_the_same_name_in_another_province_is_not_a_match() -> None:
    result = reconcile(converter(("Xã Hòa An", "19")), OFFICIAL)
    assert [c.name for c in result.unmatched] == ["Xã Hòa An"]


def test_an_override_resolves_what_matching_cannot() -> None:
    override = Override("19", "Xã Vặn Lang", "00003", "typo in the converter", "GSO list")
    result = reconcile(converter(("Xã Vặn Lang", "19")), OFFICIAL, [override])
    assert result.codes == {"k0": "00003"} and result.how == {"k0": "override"}
    assert not result.redundant_overrides


def test_an_override_that_repeats_the_matching_is_reported() -> None:
    override = Override("08", "Xã Hòa An", "00001", "r", "s")
    result = reconcile(converter(("Xã Hòa An", "08")), OFFICIAL, [override])
    assert result.redundant_overrides == [override]


@pytest.mark.parametrize(
    "override",
    [
        Override("19", "Xã Văn Lang", "99999", "r", "s"),  # no such official code
        Override("08", "Xã Văn Lang", "00002", "r", "s"),  # code of another province
        Override("19", "Xã Không Có", "00002", "r", "s"),  # converter has no such commune
    ],
)
def test_a_wrong_override_is_refused(override: Override) -> None:
    with pytest.raises(ReconciliationError):
        reconcile(converter(("Xã Văn Lang", "19")), OFFICIAL, [override])


def test_two_communes_on_one_code_is_an_error() -> None:
    rows = converter(("Xã Hòa An", "08"), ("Xã Hoà An", "08"))
    with pytest.raises(ReconciliationError, match="00001"):
        reconcile(rows, OFFICIAL)


def test_override_entries_need_every_field() -> None:
    with pytest.raises(ReconciliationError, match="source"):
        parse_overrides('[[override]]\nprovince="19"\nname="x"\ncode="00002"\nreason="r"\n')


# -- the real packages --------------------------------------------------------------------


def test_real_data_unmatched_communes_are_exactly_the_overrides(sources) -> None:  # type: ignore[no-untyped-def]
    overrides = parse_overrides(overrides_text())
    names = {(o.province_code, o.name) for o in overrides}
    plain = _reconcile_without_overrides(sources)
    assert {(c.province_code, c.name) for c in plain.unmatched} == names
    assert not _reconcile(sources, overrides_text()).redundant_overrides


def _reconcile_without_overrides(sources):  # type: ignore[no-untyped-def]
    official = [
        OfficialCommune(f"{w['code']:05d}", w["name"], f"{p['code']:02d}")
        for p in sources.official
        for w in p["wards"]
    ]
    rows = [
        ConverterCommune(f"{r['provinceKey']}/{r['wardKey']}", r["ward"], r["provinceCode"])
        for r in sources.converter_current
    ]
    return reconcile(rows, official)


def test_real_data_the_121_code_disagreements_follow_the_official_list(sources) -> None:  # type: ignore[no-untyped-def]
    result = _reconcile_without_overrides(sources)
    official_name = {f"{w['code']:05d}": w["name"] for p in sources.official for w in p["wards"]}
    converter = {f"{r['provinceKey']}/{r['wardKey']}": r for r in sources.converter_current}
    differ = {k for k, code in result.codes.items() if converter[k]["wardCode"] != code}
    same_spelling = {k for k in differ if official_name[result.codes[k]] == converter[k]["ward"]}
    assert len(same_spelling) == 121  # the figure of issue 3: byte-identical names
    assert len(differ) == 123  # two more once "Hoà"/"Hòa" and "-"/"–" are seen as one
    assert result.codes["thanhphohanoi/phuonglang"] == "00187"
    assert converter["thanhphohanoi/phuonglang"]["wardCode"] == "00199"


def test_real_data_folded_matches_are_only_spelling_variants(sources) -> None:  # type: ignore[no-untyped-def]
    result = _reconcile_without_overrides(sources)
    folded = sorted(k for k, how in result.how.items() if how == "folded")
    assert folded == sorted(
        [
            "thanhphohue/xachanmaylangco",  # "-" vs "–"
            "tinhquangngai/phuongdakbla",  # "Đăk Bla" vs "Đăk BLa"
            "tinhdaklak/xaeahleo",  # apostrophes
            "tinhdaklak/xacumgar",
            "tinhdaklak/xaeamdroh",
            "tinhdaklak/xamdrak",
            "tinhdaklak/xacumta",
            "tinhlamdong/xadaksong",  # "Đắk Song" vs "Đắk song"
        ]
    )


def test_committed_index_is_what_the_generator_makes(sources) -> None:  # type: ignore[no-untyped-def]
    committed = index_text()
    installed = f"vietnam-provinces {sources.official_version}, vietnamadminunits " + (
        sources.converter_version
    )
    header = " ".join(line for line in committed.splitlines()[:4] if line.startswith("#"))
    assert build_index(sources, overrides_text()) == committed, (
        f"data/gazetteer.tsv is stale for the installed {installed} ({header}): "
        "review the change and run python -m desk_app.gazetteer.build"
    )


def test_index_rows_of_each_parent_are_contiguous() -> None:
    text = index_text()
    gz = Gazetteer(text)
    for province in gz.provinces:
        assert all(c.province == province for c in gz.communes_of(province.code))
    seen: list[str] = []
    for c in gz.legacy_communes():
        if not seen or seen[-1] != c.district.code:
            assert c.district.code not in seen, c.district.label
            seen.append(c.district.code)
