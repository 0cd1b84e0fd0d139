"""Receiving a typed dossier: reference checks, checklist, appointment, one save."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.clock import VN_TZ
from desk_app.desk import Desk
from desk_app.dossier import DossierRejected
from desk_app.reception import check

GOOD = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "good_dossiers.json").read_text("utf-8")
)


def good(name: str = "both-owner-mother-requests") -> dict[str, Any]:
    return copy.deepcopy(next(e["dossier"] for e in GOOD if e["name"] == name))


@pytest.mark.parametrize("entry", GOOD, ids=[e["name"] for e in GOOD])
def test_every_good_dossier_passes_the_reference_checks(entry: dict[str, Any]) -> None:
    received = datetime.fromisoformat(entry["received_on"] + "T09:00").replace(tzinfo=VN_TZ)
    dossier, _ = check(entry["dossier"], received)
    assert dossier.kind == "birth_interlink"


def test_receive_saves_with_appointment_after_the_holiday(desk: Desk) -> None:
    saved, warnings = desk.receive_dossier(good())
    # A holiday is outside office hours: the officer is told, nothing else is wrong.
    assert [w.hint for w in warnings if "ngoài giờ làm việc" not in w.hint] == []
    assert len(warnings) == 1 and "thứ Tư 25/11/2026" in warnings[0].hint
    assert saved.subject_name == "Trần Minh An"
    # Received on 24 Nov 2026 (Vietnam Culture Day, a holiday): counting starts on the 25th,
    # three working days later is Monday 30 Nov, at the configured hour.
    assert saved.appointment_at == datetime(2026, 11, 30, 8, 0, tzinfo=VN_TZ)
    assert [d.code for d in desk.store.search("tran minh an")] == [saved.code]


def test_unknown_commune_is_refused_by_its_field_and_nothing_is_saved(desk: Desk) -> None:
    data = good()
    data["declarations"]["requester"]["residence"]["address"]["commune_code"] = "99999"
    with pytest.raises(DossierRejected) as err:
        desk.receive_dossier(data)
    [error] = err.value.errors
    assert error.path == "declarations.requester.residence.address.commune_code"
    assert error.message.startswith("Xã/Phường/Đặc khu (Người yêu cầu")
    assert desk.counts().today == 0


def test_commune_outside_its_province_is_refused(desk: Desk) -> None:
    data = good()
    data["declarations"]["child"]["place_of_birth"]["address"]["province_code"] = "79"
    with pytest.raises(DossierRejected, match="không thuộc Thành phố Hồ Chí Minh"):
        desk.receive_dossier(data)


def test_missing_required_attachment_is_named(desk: Desk) -> None:
    data = good()
    items = data["declarations"]["attachments"]["items"]
    items[:] = [i for i in items if i["item"] != "ct01"]
    with pytest.raises(DossierRejected, match="còn thiếu giấy tờ bắt buộc: Tờ khai thay đổi"):
        desk.receive_dossier(data)


def test_unverified_requester_must_bring_the_id_copy(desk: Desk) -> None:
    data = good()
    data["declarations"]["requester"]["verified"] = False
    with pytest.raises(DossierRejected, match="Giấy tờ tùy thân của người yêu cầu"):
        desk.receive_dossier(data)


def test_a_child_of_six_is_refused(desk: Desk) -> None:
    data = good()
    data["declarations"]["child"]["date_of_birth"] = date(2020, 11, 24).isoformat()
    with pytest.raises(DossierRejected, match="6 tuổi"):
        desk.receive_dossier(data)
    assert desk.counts().today == 0
