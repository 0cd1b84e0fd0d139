"""Rules of the declarations as an officer meets them at the counter."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from desk_app.clock import VN_TZ
from desk_app.dossier import Dossier, DossierRejected, receive
from desk_app.reception import check, dossier_checklist
from forms import BirthInterlink, Requester, field_errors, for_print, reception_context
from forms.errors import models_in
from tests.forms.corpus import RECEIVED, good

BASE = "both-owner-mother-requests"


def _all_models(root: type[BaseModel]) -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            todo.extend(models_in(info.annotation))
    return seen


def test_every_field_of_every_model_carries_a_vietnamese_label_and_help():
    models = _all_models(Dossier)
    assert len(models) >= 15
    for model in models:
        for name, info in model.model_fields.items():
            assert info.title and info.description, f"{model.__name__}.{name}"
            assert unicodedata.is_normalized("NFC", info.title + info.description)


def _with(path: str, value: Any, base: str = BASE) -> dict[str, Any]:
    data = good(base)
    node = data["declarations"]
    *parents, last = path.split(".")
    for key in parents:
        node = node[key]
    node[last] = value
    return data


def _errors(data: dict[str, Any], received: date = RECEIVED) -> dict[str, str]:
    with pytest.raises(DossierRejected) as caught:
        receive(data, received)
    return {e.path: e.message for e in caught.value.errors}


def test_a_child_is_accepted_until_the_day_before_the_sixth_birthday():
    born = date(2020, 11, 25)
    receive(_with("child.date_of_birth", born.isoformat()), RECEIVED)  # turns 6 tomorrow
    errors = _errors(_with("child.date_of_birth", born.isoformat()), RECEIVED + timedelta(days=1))
    assert "không áp dụng liên thông" in errors["declarations.child.date_of_birth"]


def test_a_child_born_on_29_february_turns_six_on_1_march():
    data = _with("child.date_of_birth", "2024-02-29")
    receive(data, date(2030, 2, 28))
    assert "01/03/2030" in _errors(data, date(2030, 3, 1))["declarations.child.date_of_birth"]


def test_a_stored_dossier_still_loads_after_the_child_has_grown_up():
    stored = good(BASE)
    assert (
        Dossier.model_validate(stored).subject_name == "Trần Minh An"
    )  # no receipt date: no age rule
    with pytest.raises(ValidationError):
        Dossier.model_validate(stored, context=reception_context(date(2033, 1, 1)))


def test_registration_after_60_days_is_a_warning_not_an_error():
    _, on_time = receive(
        _with("child.date_of_birth", (RECEIVED - timedelta(days=60)).isoformat()), RECEIVED
    )
    assert on_time == []
    _, late = receive(
        _with("child.date_of_birth", (RECEIVED - timedelta(days=61)).isoformat()), RECEIVED
    )
    assert [(w.path, w.severity) for w in late] == [("declarations.child.date_of_birth", "warning")]
    assert "quá hạn" in late[0].message and late[0].label == "Ngày, tháng, năm sinh"


def test_a_late_registration_says_how_many_days_overdue():
    _, late = receive(
        _with("child.date_of_birth", (RECEIVED - timedelta(days=65)).isoformat()), RECEIVED
    )
    assert "đã 65 ngày, quá hạn 5 ngày (hạn 60 ngày)" in late[0].message
    assert "quá hạn 60 ngày" not in late[0].message


@pytest.mark.parametrize(
    ("mother_born", "warned"), [("2012-01-01", True), ("1994-03-12", False), ("1975-01-01", True)]
)
def test_an_implausible_mother_age_is_a_warning(mother_born, warned):
    data = _with("mother.date_of_birth", mother_born)
    data["declarations"]["mother"]["id_document"] = None
    data["declarations"]["requester"]["relation"] = "father"
    data["declarations"]["requester"]["sex"] = "male"
    data["declarations"]["requester"]["full_name"] = "Trần Văn Bình"
    data["declarations"]["requester"]["id_document"]["number"] = "001090054321"
    data["declarations"]["requester"]["date_of_birth"] = "1990-07-01"
    _, warnings = receive(data, RECEIVED)
    assert ("declarations.mother.date_of_birth" in [w.path for w in warnings]) is warned


def _without_letter(data: dict[str, Any]) -> dict[str, Any]:
    items = data["declarations"]["attachments"]["items"]
    data["declarations"]["attachments"]["items"] = [
        i for i in items if i["item"] != "authorisation_letter"
    ]
    return data


def test_a_grandparent_registering_in_their_own_right_needs_no_authorisation_letter():
    # Law on Civil Status 2014, art. 15: grandparents register a birth themselves.
    data = _without_letter(good("both-relatives-grandmother-requests"))
    data["declarations"]["requester"]["authorised"] = False
    assert data["declarations"]["requester"]["relation"] == "grandmother"
    dossier, _ = check(data, datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ))
    letter = next(i for i in dossier_checklist(dossier) if i.id == "authorisation_letter")
    assert not letter.required and "không theo ủy quyền" in letter.why


def test_a_grandparent_acting_under_authorisation_needs_the_letter():
    data = _without_letter(good("both-relatives-grandmother-requests"))
    assert data["declarations"]["requester"]["authorised"] is True
    message = _errors(data)["declarations.attachments"]
    assert "theo ủy quyền" in message and "văn bản ủy quyền" in message
    with pytest.raises(DossierRejected) as caught:
        check(data, datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ))
    assert [e.path for e in caught.value.errors] == ["declarations.attachments"]
    # With the letter the same dossier is received, and its checklist asks for the letter.
    dossier, _ = check(
        good("both-relatives-grandmother-requests"), datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ)
    )
    letter = next(i for i in dossier_checklist(dossier) if i.id == "authorisation_letter")
    assert letter.required and letter.original_at_pickup


def test_nobody_acts_under_authorisation_for_an_abandoned_child():
    data = _with("requester.authorised", True, base="abandoned-guardian")
    errors = _errors(data)
    assert set(errors) == {"declarations.requester.authorised"}
    assert errors["declarations.requester.authorised"].startswith("Yêu cầu theo ủy quyền")
    assert "bị bỏ rơi" in errors["declarations.requester.authorised"]


@pytest.mark.parametrize("who", ["requester", "mother"])
def test_a_nine_digit_cmnd_identifies_nobody_since_2025(who):
    data = _with(f"{who}.id_document", {"kind": "old_id", "number": "012345678"})
    message = _errors(data)[f"declarations.{who}.id_document.kind"]
    assert message.startswith("Loại giấy tờ")
    assert "hết giá trị sử dụng từ ngày 01/01/2025" in message
    assert "Luật Căn cước 2023, điều 46" in message
    # Received before 2025 it was valid, and a dossier stored then still loads.
    data["declarations"]["child"]["date_of_birth"] = "2024-12-01"
    receive(data, date(2024, 12, 31))
    Dossier.model_validate(data)


def test_home_town_is_required_of_a_birth_registration():
    data = _with("child.home_town", None)
    assert _errors(data) == {
        "declarations.child.home_town": "Quê quán (Người được khai sinh): còn để trống; "
        "hãy nhập hoặc chọn thông tin này."
    }
    Dossier.model_validate(data)  # stored before the rule: still readable, printable


def test_ct01_names_the_consenting_owner_when_the_parents_do_not_own_the_home():
    data = _with("residence.owner_name", None, base="mother-unknown-not-owner")
    data["declarations"]["residence"]["owner_id"] = None
    errors = _errors(data)
    assert set(errors) == {
        "declarations.residence.owner_name",
        "declarations.residence.owner_id",
    }
    assert errors["declarations.residence.owner_name"].startswith(
        "Họ, chữ đệm và tên chủ sở hữu chỗ ở"
    )
    assert "không thuộc sở hữu của cha, mẹ" in errors["declarations.residence.owner_id"]
    # Parents who own the home: nobody else's consent to record.
    data["declarations"]["agencies"]["residence_case"] = "join_parents_owner"
    receive(data, RECEIVED)
    # The consent route is recorded with it: paper CT01 or VNeID.
    assert good("mother-unknown-not-owner")["declarations"]["residence"]["consent"] in (
        "paper_signature",
        "vneid",
    )


def test_parent_fields_follow_the_birth_case():
    data = _with("agencies.birth_case", "father_unknown")
    data["declarations"]["insurance"]["card_holder"] = "mother"
    assert set(_errors(data)) == {"declarations.father"}
    del data["declarations"]["father"]
    receive(data, RECEIVED)
    data["declarations"]["agencies"]["birth_case"] = "both_parents"
    assert set(_errors(data)) == {"declarations.father"}


def test_several_problems_are_reported_together():
    data = _with("agencies.birth_case", "father_unknown")  # father still declared...
    data["declarations"]["insurance"]["card_holder"] = "father"  # ...and named on the card
    assert set(_errors(data)) == {"declarations.father", "declarations.insurance.card_holder"}


def test_phone_numbers_and_emails_are_stored_in_one_form():
    data = _with("requester.phone", "+84 912.345.678")
    data["declarations"]["requester"]["email"] = "Lan.Nguyen@Example.VN"
    dossier, _ = receive(data, RECEIVED)
    assert dossier.declarations.requester.phone == "0912345678"
    assert dossier.declarations.requester.email == "Lan.Nguyen@example.vn"
    dossier, _ = receive(_with("requester.phone", "0241 3856 789"), RECEIVED)
    assert dossier.declarations.requester.phone == "02413856789"


def test_dates_typed_the_vietnamese_way_are_stored_as_dates():
    dossier, _ = receive(_with("child.date_of_birth", "15/11/2026"), RECEIVED)
    assert dossier.declarations.child.date_of_birth == date(2026, 11, 15)
    assert dossier.model_dump(mode="json")["declarations"]["child"]["date_of_birth"] == "2026-11-15"


def _decompose(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, dict):
        return {k: _decompose(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decompose(v) for v in value]
    return value


def test_a_dossier_typed_decomposed_is_identical_to_the_nfc_one():
    data = good("parents-unknown-guardian-ede")
    nfd = _decompose(data)
    assert nfd != data
    assert receive(nfd, RECEIVED)[0].model_dump(mode="json") == data


def test_names_print_in_capitals_with_their_diacritics():
    dossier, _ = receive(good(BASE), RECEIVED)
    assert for_print(dossier.subject_name) == "TRẦN MINH AN"
    assert dossier.subject_name == "Trần Minh An"  # stored as declared


def test_field_errors_name_each_field_by_its_label_in_its_section():
    with pytest.raises(ValidationError) as caught:
        Requester.model_validate({"full_name": "Lan 2", "sex": "female"})
    errors = {e.path: e for e in field_errors(caught.value, Requester)}
    assert errors["full_name"].label == "Họ, chữ đệm và tên"
    assert errors["date_of_birth"].message.startswith("Ngày sinh: còn để trống")
    assert errors["id_document"].label == "Giấy tờ tùy thân"
    data = _with("attachments.items", [{"item": "ct01", "files": ["x"]}])
    message = _errors(data)["declarations.attachments.items.0.files.0"]
    assert message.startswith("Tệp đã quét (Giấy tờ đính kèm – Danh sách giấy tờ): ")


def test_the_receipt_date_must_be_a_date():
    with pytest.raises(TypeError):
        BirthInterlink.model_validate(
            good(BASE)["declarations"], context={"received_on": "2026-11-24"}
        )


def test_forms_stays_pure():
    code = (
        "import sys, forms, forms.birth_interlink, forms.chip_qr;"
        "banned = {'desk_app', 'textual', 'sqlite3', 'sqlite_utils'};"
        "bad = [m for m in sys.modules if m.split('.')[0] in banned];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_warnings_point_at_the_field_to_double_check():
    data = good(BASE)
    data["declarations"]["agencies"]["foreign_element"] = "foreign_border"
    data["declarations"]["requester"]["full_name"] = "Nguyễn Thị Lâm"
    _, warnings = receive(data, RECEIVED)
    assert {w.path: w.label for w in warnings} == {
        "declarations.requester.full_name": "Họ, chữ đệm và tên",
        "declarations.agencies.foreign_element": "Yếu tố nước ngoài",
    }
    assert all(w.severity == "warning" and "hãy" in w.message for w in warnings)
