"""Option lists: the ids forms stores, the Vietnamese labels officers read."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

import pytest

from desk_app.options import delivery_methods, ethnic_groups, list_ids, nationalities, option_list
from forms.choices import (
    BirthCase,
    CardHolder,
    Consent,
    Delivery,
    ForeignElement,
    Procedure,
    Relation,
    ResidenceCase,
    ResidenceType,
)

SHARED = {
    "birth_case": BirthCase,
    "foreign_element": ForeignElement,
    "residence_case": ResidenceCase,
    "residence_type": ResidenceType,
    "relation": Relation,
    "consent": Consent,
    "card_holder": CardHolder,
    "procedure": Procedure,
    "delivery": Delivery,
}


@pytest.mark.parametrize("list_id", sorted(SHARED))
def test_every_list_has_exactly_the_ids_forms_stores(list_id: str) -> None:
    enum: type[StrEnum] = SHARED[list_id]
    assert option_list(list_id).ids() == tuple(e.value for e in enum)


def test_labels_are_vietnamese_nfc_and_distinct() -> None:
    assert set(list_ids()) == set(SHARED)
    for list_id in list_ids():
        labels = [o.label for o in option_list(list_id)]
        assert len(set(labels)) == len(labels), list_id
        assert all(unicodedata.is_normalized("NFC", label) and label for label in labels)
    assert option_list("relation").label("grandmother") == "Bà"


def test_residence_alone_can_be_delivered_with_the_birth_result() -> None:
    assert "with_birth_result" in delivery_methods("residence")
    assert "with_birth_result" not in delivery_methods("birth")
    assert "with_birth_result" not in delivery_methods("insurance")
    assert delivery_methods("birth").label("postal") == "Qua dịch vụ bưu chính công ích"


def test_the_54_ethnic_groups_by_official_code() -> None:
    groups = ethnic_groups()
    assert len(groups) == 54
    assert groups.ids() == tuple(f"{n:02d}" for n in range(1, 55))
    assert (groups.label("01"), groups.label("08"), groups.label("53")) == ("Kinh", "HMông", "Ơ Đu")
    assert groups.search("mong")[0].id == "08"  # by the name officers also write
    assert groups.search("khmer")[0].id == "05"


def test_nationalities_by_iso_code_with_vietnamese_names() -> None:
    countries = nationalities()
    assert len(countries) >= 249
    assert countries.items[0].id == "VN" and countries.label("VN") == "Việt Nam"
    assert countries.label("KR") == "Hàn Quốc"
    assert countries.label("KH") == "Campuchia"
    assert countries.label("US") == "Hoa Kỳ"
    assert countries.label("TW") == "Đài Loan (Trung Quốc)"
    assert countries.search("han quoc")[0].id == "KR"
    assert countries.search("Korea")[0].id in {"KR", "KP"}  # the English name is searched too
    assert countries.search("us")[0].id == "US"  # and the code


def test_unknown_ids_are_refused() -> None:
    with pytest.raises(KeyError):
        option_list("relation").label("uncle")
    with pytest.raises(KeyError):
        delivery_methods("funeral")
