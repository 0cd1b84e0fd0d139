"""The agencies of a commune are named after it; the office's own come first."""

from __future__ import annotations

from desk_app.agencies import Agency, agencies_for, insurance_agency
from desk_app.facilities import HealthFacility, facilities_for, facility_options
from desk_app.gazetteer import Gazetteer


def test_agencies_of_a_commune_are_named_after_it(gz: Gazetteer) -> None:
    found = agencies_for(gz, "00187")  # Phường Láng
    assert found["people_committee"].name == "Ủy ban nhân dân phường Láng"
    assert found["police"].name == "Công an phường Láng"
    assert found["social_insurance"].name == "Bảo hiểm xã hội thành phố Hà Nội"
    assert {a.code for a in found.values()} == {None}
    zone = agencies_for(gz, "26732")  # Đặc khu Côn Đảo
    assert zone["police"].name == "Công an đặc khu Côn Đảo"


def test_the_office_agencies_and_codes_win(gz: Gazetteer) -> None:
    office = [
        Agency("people_committee", "UBND phường Láng", "000.00.17.H26", "01", "00187"),
        Agency("social_insurance", "Bảo hiểm xã hội cơ sở Đống Đa", "000.00.99.H26", "01"),
    ]
    found = agencies_for(gz, "00187", office)
    assert found["people_committee"].code == "000.00.17.H26"
    assert found["police"].code is None  # the office gave no police agency
    assert found["social_insurance"].name == "Bảo hiểm xã hội cơ sở Đống Đa"
    elsewhere = agencies_for(gz, "00004", office)  # Phường Ba Đình: not the office's commune
    assert elsewhere["people_committee"].name == "Ủy ban nhân dân phường Ba Đình"


def test_every_province_has_its_social_insurance_office(gz: Gazetteer) -> None:
    names = {insurance_agency(p).name for p in gz.provinces}
    assert len(names) == 34
    assert insurance_agency(gz.province("04")).name == "Bảo hiểm xã hội tỉnh Cao Bằng"


def test_initial_care_offers_the_commune_station_then_known_facilities(gz: Gazetteer) -> None:
    office = [
        HealthFacility("Phòng khám Đa khoa Láng", "01", "01123"),
        HealthFacility("Bệnh viện khác tỉnh", "79", "79001"),
    ]
    offered = facilities_for(gz.commune("00187"), office)
    assert offered[0].name == "Trạm Y tế phường Láng"
    assert offered[1].code == "01123"
    assert "Bệnh viện Nhi Trung ương" in {f.name for f in offered}
    assert "Bệnh viện khác tỉnh" not in {f.name for f in offered}
    assert facility_options(offered).search("nhi trung uong")[0].id == "Bệnh viện Nhi Trung ương"
