"""An officer enters an old address and sees the unit it belongs to today."""

from __future__ import annotations

import pytest

from desk_app.gazetteer import Gazetteer
from desk_app.gazetteer.convert import (
    convert_address,
    convert_legacy_commune,
    convert_legacy_district,
    convert_legacy_province,
)


def test_a_legacy_commune_converts_to_its_2025_commune(gz: Gazetteer) -> None:
    result = convert_legacy_commune(gz, "00187")  # Phường Láng Thượng, Quận Đống Đa
    assert result.legacy is not None
    assert result.legacy.label == "Phường Láng Thượng, Quận Đống Đa, Thành phố Hà Nội"
    assert result.commune is not None
    assert (result.commune.code, result.commune.name) == ("00187", "Phường Láng")
    assert not result.is_divided


def test_a_divided_commune_names_its_main_part_and_the_others(gz: Gazetteer) -> None:
    result = convert_legacy_commune(gz, "00199")  # Phường Láng Hạ was split
    assert result.commune is not None and result.commune.name == "Phường Láng"
    assert result.is_divided
    assert {c.name for c in result.also} == {"Phường Giảng Võ", "Phường Đống Đa"}


def test_merged_provinces_and_island_districts(gz: Gazetteer) -> None:
    assert convert_legacy_province(gz, "02").province.name == "Tỉnh Tuyên Quang"  # Hà Giang
    con_dao = convert_legacy_district(gz, "755")
    assert con_dao.province.name == "Thành phố Hồ Chí Minh"
    assert con_dao.commune is not None and con_dao.commune.name == "Đặc khu Côn Đảo"
    assert convert_legacy_district(gz, "001").commune is None  # Ba Đình: ask for the commune


def test_unknown_legacy_codes_are_refused(gz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        convert_legacy_commune(gz, "99999")


def test_a_free_text_old_address_converts(gz: Gazetteer) -> None:
    result = convert_address(gz, "12 ngõ 5 Láng Hạ, Phường Láng Hạ, Quận Đống Đa, Hà Nội")
    assert result is not None and result.commune is not None
    assert result.commune.name == "Phường Láng"
    assert result.legacy is not None and result.legacy.name == "Phường Láng Hạ"
    assert result.street == "12 ngõ 5 Láng Hạ"
    unaccented = convert_address(gz, "lang thuong, dong da, ha noi")
    assert unaccented is not None and unaccented.commune is not None
    assert unaccented.commune.code == "00187" and unaccented.street is None


def test_text_the_parser_cannot_place_gives_no_answer(gz: Gazetteer) -> None:
    assert convert_address(gz, "") is None
    assert convert_address(gz, "xin chào") is None
    province_only = convert_address(gz, "Hà Giang")
    assert province_only is not None and province_only.commune is None
    assert province_only.province.name == "Tỉnh Tuyên Quang"
