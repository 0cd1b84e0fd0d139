"""Scanning the chip ID card QR: a good scan fills the requester, a bad one says what went wrong."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.chip_qr import LABEL, ChipCardScan, ScanError, looks_like_chip_qr, parse_chip_qr
from forms.people import Requester
from tests.forms.strategies import identities, names, vietnamese_text

PAYLOAD = (
    "001194012345|012345678|Nguyễn Thị Lan|12031994|Nữ|"
    "Số 12 ngõ 34 phố Láng, Láng Thượng, Đống Đa, Hà Nội|15062021"
)


@st.composite
def scans(draw) -> ChipCardScan:
    """A chip ID card as issued: consistent ID, birth date, sex, and a later issue date."""
    number, born, sex = draw(identities())
    issued = draw(st.dates(min_value=born, max_value=date(2026, 11, 24)))
    old = draw(st.none() | st.from_regex(r"[0-9]{9}", fullmatch=True))
    return ChipCardScan(
        id_number=number,
        old_id_number=old,
        full_name=draw(names),
        date_of_birth=born,
        sex=sex,
        permanent_address=draw(vietnamese_text),
        issued_on=issued,
    )


whitespace = st.sampled_from(["", " ", "\n", "\r\n", "  \t", "\r"])


@settings(max_examples=200, deadline=None)
@given(scans(), whitespace, whitespace)
def test_a_scan_round_trips_through_its_payload(scan, before, after):
    assert parse_chip_qr(before + scan.payload() + after) == scan
    assert parse_chip_qr(unicodedata.normalize("NFD", scan.payload())) == scan


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_input_is_parsed_or_refused_with_a_scan_error(text):
    try:
        parse_chip_qr(text)
    except ScanError as exc:
        assert exc.message.startswith(f"{LABEL}: ") and "hãy" in exc.message


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=7, max_size=7))
def test_seven_arbitrary_fields_are_parsed_or_refused_with_a_scan_error(fields):
    try:
        scan = parse_chip_qr("|".join(fields))
    except ScanError as exc:
        assert exc.message.startswith(f"{LABEL}: ")
    else:
        assert parse_chip_qr(scan.payload()) == scan


@settings(max_examples=200, deadline=None)
@given(scans(), st.integers(0, 6), st.sampled_from(["x", "0", "?", "|", ""]))
def test_a_corrupted_field_never_passes_as_another_card(scan, index, junk):
    fields = scan.payload().split("|")
    fields[index] = junk + fields[index][1:] if fields[index] else junk
    try:
        parsed = parse_chip_qr("|".join(fields))
    except ScanError:
        return
    # Whatever still parses is exactly what was scanned: identity fields are never "repaired"
    # (a junk field can only land where a card may carry nothing: an empty old-ID slot).
    assert parsed.id_number == fields[0]
    assert parsed.date_of_birth.strftime("%d%m%Y") == fields[3]
    assert parsed.sex.label == fields[4]
    assert parsed.issued_on.strftime("%d%m%Y") == fields[6]


def test_a_scan_fills_the_requester_draft():
    scan = parse_chip_qr(PAYLOAD + "\r\n")
    assert scan.full_name == "Nguyễn Thị Lan"
    assert scan.date_of_birth == date(1994, 3, 12)
    assert scan.old_id_number == "012345678"
    draft = scan.requester_draft()
    draft["residence"]["address"].update(province_code="01", commune_code="00187", detail="Số 12")
    requester = Requester.model_validate({**draft, "relation": "mother", "phone": "0912345678"})
    assert requester.scanned and requester.id_document.number == "001194012345"
    assert requester.residence.address.legacy_text.endswith("Đống Đa, Hà Nội")


def test_a_scan_with_an_empty_old_id_is_accepted():
    assert parse_chip_qr(PAYLOAD.replace("|012345678|", "||")).old_id_number is None


@pytest.mark.parametrize(
    ("payload", "code", "says"),
    [
        (PAYLOAD.replace("|Nữ|", "|Nam|"), "id", "giới tính"),
        (PAYLOAD.replace("12031994", "12031995"), "id", "hai số cuối năm sinh"),
        (PAYLOAD.replace("|Nữ|", "|N?|"), "garbled", "bộ gõ"),
        ("001194012345", "fields", "chỉ có 1 trường"),
        (PAYLOAD.rsplit("|", 1)[0], "truncated", "ngày cấp"),
        (PAYLOAD + PAYLOAD, "twice", "hai lần quét"),
        (PAYLOAD.replace("15062021", "15062027"), "future", "24/11/2026"),
    ],
)
def test_one_clear_message_says_what_was_wrong(payload, code, says):
    with pytest.raises(ScanError) as caught:
        parse_chip_qr(payload, today=date(2026, 11, 24))
    assert caught.value.code == code
    assert says in caught.value.message


NO_OLD_ID = PAYLOAD.replace("|012345678|", "|")


@pytest.mark.parametrize(
    "payload",
    [
        PAYLOAD + "|",  # a trailing empty field
        PAYLOAD + "|15062046|",  # what a newer card adds after the issue date (an expiry)
        PAYLOAD + "|Trần Văn Hùng|001060012345||",  # family names and numbers, empty fields
        NO_OLD_ID,  # no old-ID field at all
        NO_OLD_ID + "||",
        PAYLOAD.replace("|Nữ|", " | Nữ | "),  # spaces around a separator
    ],
)
def test_every_layout_of_a_valid_card_fills_the_same_requester(payload):
    expected = parse_chip_qr(PAYLOAD)
    scan = parse_chip_qr(payload, today=date(2026, 11, 24))
    if payload.startswith(NO_OLD_ID):
        expected = expected.model_copy(update={"old_id_number": None})
    assert scan == expected


def test_a_scan_typed_into_a_field_is_recognised_in_every_layout():
    for payload in (PAYLOAD, NO_OLD_ID, PAYLOAD + "|15062046|"):
        assert looks_like_chip_qr(payload)
    for typed in ("Nguyễn Thị Lan", "Số 12 ngõ 34 phố Láng, Láng Thượng", "001194012345"):
        assert not looks_like_chip_qr(typed)


def test_messages_say_where_the_qr_is_on_each_kind_of_card():
    # The 2021 CCCD carries its QR on the front, the 2024 căn cước on the back.
    for payload in ("", "001194012345"):
        with pytest.raises(ScanError) as caught:
            parse_chip_qr(payload)
        assert "mặt trước thẻ CCCD gắn chip, mặt sau thẻ căn cước cấp từ 01/07/2024" in (
            caught.value.message
        )
        assert "mặt sau thẻ (có mã QR)" not in caught.value.message


def test_the_receipt_date_bounds_the_scan_dates():
    today = date(2026, 11, 24)
    parse_chip_qr(PAYLOAD, today=today)
    with pytest.raises(ScanError):
        parse_chip_qr(PAYLOAD, today=date(2021, 6, 15) - timedelta(days=1))
