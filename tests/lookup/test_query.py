"""One search field: what the officer typed or scanned is read by its shape."""

from __future__ import annotations

import pytest

from desk_app.lookup.query import QueryKind, classify

CODE = "000.00.01.H26-261124-1001"
URL = "https://tracuu.example.vn/ho-so?ma={code}&xn={lookup_code}"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (CODE, QueryKind.CODE, CODE),
        (" 000.00.01.h26-261124-1001 ", QueryKind.CODE, CODE),
        ("001194012345", QueryKind.PERSONAL_ID, "001194012345"),
        ("0011 9401 2345", QueryKind.PERSONAL_ID, "001194012345"),
        ("123456789", QueryKind.OLD_ID, "123456789"),
        ("1001", QueryKind.CODE_PART, "1001"),
        ("261124-10", QueryKind.CODE_PART, "261124-10"),
        ("h26-2611", QueryKind.CODE_PART, "H26-2611"),
        ("0011940", QueryKind.ID_PART, "0011940"),
        ("tran minh an", QueryKind.NAME, "tran minh an"),
        ("TRẦN  Minh Ân", QueryKind.NAME, "tran minh an"),
        ("Đỗ Đức", QueryKind.NAME, "do duc"),
        ("   ", QueryKind.EMPTY, ""),
        ("-- ..", QueryKind.EMPTY, ""),
    ],
)
def test_typed_text_is_read_by_its_shape(text: str, kind: QueryKind, value: str) -> None:
    query = classify(text)
    assert (query.kind, query.value) == (kind, value)


def test_scanned_url_of_the_configured_template_gives_code_and_lookup_code() -> None:
    payload = URL.format(code=CODE, lookup_code="K7M2QX")
    query = classify(payload, URL)
    assert (query.kind, query.value, query.lookup_code) == (QueryKind.SCAN, CODE, "K7M2QX")
    assert query.single


def test_a_url_printed_under_an_older_template_still_names_its_dossier() -> None:
    query = classify(f"https://cu.example.vn/tra-cuu/{CODE}", URL)
    assert (query.kind, query.value) == (QueryKind.SCAN, CODE)


def test_percent_encoded_code_in_a_url_is_decoded() -> None:
    payload = URL.format(code=CODE.replace(".", "%2E"), lookup_code="K7M2QX")
    assert classify(payload, URL).value == CODE


def test_names_and_fragments_are_lists_not_single_dossiers() -> None:
    assert not classify("tran").single
    assert not classify("261124").single
