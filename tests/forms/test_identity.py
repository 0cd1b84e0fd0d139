"""Personal ID numbers agree with the holder's date of birth and sex, or are refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.choices import IdKind, Sex
from forms.identity import ID_PROVINCES, IdentityDocument, document_problem, personal_id_problem
from tests.forms.strategies import identities


@settings(max_examples=300, deadline=None)
@given(identities())
def test_a_number_built_from_the_birth_year_and_sex_is_accepted(identity):
    number, born, sex = identity
    assert personal_id_problem(number, birth_year=born.year, sex=sex) is None
    assert IdentityDocument(number=f" {number[:3]} {number[3:6]} {number[6:]} ").number == number


@settings(max_examples=300, deadline=None)
@given(identities(), st.integers(1900, 2199))
def test_another_birth_year_contradicts_the_number(identity, other_year):
    number, born, sex = identity
    problem = personal_id_problem(number, birth_year=other_year, sex=sex)
    if other_year == born.year:
        assert problem is None
    else:
        assert problem is not None and problem.code in {"id_century", "id_year"}


@settings(max_examples=200, deadline=None)
@given(identities())
def test_the_other_sex_contradicts_the_number(identity):
    number, born, sex = identity
    other = Sex.FEMALE if sex is Sex.MALE else Sex.MALE
    problem = personal_id_problem(number, birth_year=born.year, sex=other)
    assert problem is not None and problem.code == "id_sex"


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=20)
    | st.from_regex(r"[0-9]{12}", fullmatch=True)
    | st.from_regex(r"\d{12}", fullmatch=True)  # any script's digits, e.g. full-width
)
def test_any_input_gets_a_verdict_never_a_crash(text):
    problem = personal_id_problem(text, birth_year=1990, sex=Sex.MALE)
    if problem is None:
        assert len(text) == 12 and text.isascii() and text.isdigit() and text[:3] in ID_PROVINCES
        assert text[3] == "0" and text[4:6] == "90"
    for kind in IdKind:
        assert document_problem(kind, text) in (
            None,
            "id_digits",
            "id_province",
            "old_id_digits",
            "passport",
        )


@pytest.mark.parametrize(
    ("number", "born", "sex", "code"),
    [
        ("001090012345", 1990, Sex.MALE, None),
        ("079303000123", 2003, Sex.FEMALE, None),
        ("048222000001", 2022, Sex.MALE, None),
        ("001190012345", 1990, Sex.MALE, "id_sex"),
        ("001290012345", 1990, Sex.MALE, "id_century"),
        ("001091012345", 1990, Sex.MALE, "id_year"),
        ("003090012345", 1990, Sex.MALE, "id_province"),
        ("00109001234", 1990, Sex.MALE, "id_digits"),
    ],
)
def test_examples_from_real_card_layouts(number, born, sex, code):
    problem = personal_id_problem(number, birth_year=born, sex=sex)
    assert (problem.code if problem else None) == code


def test_province_codes_are_the_legacy_63_provinces_with_a_leading_zero():
    from vietnamadminunits.database import query

    legacy = {
        r["provinceCode"] for r in query("SELECT DISTINCT provinceCode FROM admin_units_legacy")
    }
    assert len(ID_PROVINCES) == 63
    assert set(ID_PROVINCES) == {f"0{code}" for code in legacy}
    assert ID_PROVINCES["001"] == "Hà Nội" and ID_PROVINCES["079"] == "Hồ Chí Minh"


def test_other_documents_have_their_own_shapes():
    assert document_problem(IdKind.OLD_ID, "012345678") is None
    assert document_problem(IdKind.OLD_ID, "001090012345") == "old_id_digits"
    assert document_problem(IdKind.PASSPORT, "C1234567") is None
    assert document_problem(IdKind.PASSPORT, "M12345678") is None
    assert document_problem(IdKind.PASSPORT, "ABCDEFG") == "passport"
    assert IdentityDocument(kind="passport", number="c1234567").number == "C1234567"
