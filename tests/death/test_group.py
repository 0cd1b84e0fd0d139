"""The death interlink as a procedure group: the protocol the desk relies on, its data file
(read by the existing checklist and calendar engines), and rules that come from data."""

from __future__ import annotations

import dataclasses
import tomllib
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

import pytest
from pydantic import BaseModel

from desk_app.checklist import checklist
from desk_app.refdata import group_data
from desk_app.workcalendar import WorkCalendar, appointment, statutory_times
from forms import death_interlink, death_rules
from forms.choices import (
    BenefitBranch,
    DeathCause,
    DeathNoticeKind,
    DeathRelation,
    HeadRelation,
    InsuredStatus,
    MeritCategory,
    PaymentMethod,
    Procedure,
    ProtectionCategory,
    SurvivorKind,
)
from forms.death_fields import partial_bounds
from forms.death_interlink import DeathInterlink
from forms.death_rules import Combination, checklist_facts, group_file, parse_rules
from forms.errors import models_in
from forms.group import ProcedureGroup
from tests.death.corpus import RECEIVED, Refused, good, good_dossiers, receive

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _model(name: str) -> DeathInterlink:
    return receive(good(name), RECEIVED)[0]


def test_a_death_dossier_is_a_procedure_group_about_the_deceased():
    model = _model("si-funeral-survivor-monthly-widow")
    assert isinstance(model, ProcedureGroup)
    assert model.kind == "death_interlink"
    assert model.procedures == (
        Procedure.DEATH,
        Procedure.RESIDENCE_REMOVAL,
        Procedure.FUNERAL_ALLOWANCE,
        Procedure.SURVIVOR_BENEFIT,
    )
    assert model.subject_name == "Nguyễn Văn Thành"
    assert model.requester_name == "Nguyễn Văn Hùng"
    assert model.search_names() == ["Nguyễn Văn Thành", "Nguyễn Văn Hùng", "Lê Thị Mai"]
    assert model.id_numbers() == ["001075012345", "001048003456", "001152004321"]
    assert model.combination is not None
    assert model.combination.id == "death_removal_funeral_survivor"


def test_procedures_are_kept_in_the_order_they_are_decided():
    data = good("si-funeral-survivor-monthly-widow")
    data["declarations"]["requested"] = [
        "survivor_benefit",
        "death",
        "funeral_allowance",
        "residence_removal",
    ]
    model, _ = receive(data, RECEIVED)
    assert [p.value for p in model.procedures] == list(death_rules.death_rules().procedures)


def test_the_data_file_is_read_by_the_existing_checklist_engine():
    decl = good("removal-child-head-deceased")["declarations"]
    items = {i.id: i for i in checklist("death_interlink", checklist_facts(decl))}
    assert items["death_notice"].required and not items["death_proof"].required
    assert not items["authorisation_letter"].required
    assert not items["identity_document"].required  # verified through the population database
    assert not any(
        items[i].required for i in ("protection_declaration", "merit_relatives_declaration")
    )

    no_notice = good("long-ago-no-notice-authorised")["declarations"]
    items = {i.id: i for i in checklist("death_interlink", checklist_facts(no_notice))}
    assert items["death_proof"].required and not items["death_notice"].required
    assert items["authorisation_letter"].required and items["identity_document"].required

    elderly = good("protection-elderly-year-only")["declarations"]
    items = {i.id: i for i in checklist("death_interlink", checklist_facts(elderly))}
    assert items["protection_declaration"].required and items["allowance_stop_decision"].required
    monthly = good("protection-funeral-monthly-allowance")["declarations"]
    items = {i.id: i for i in checklist("death_interlink", checklist_facts(monthly))}
    assert items["protection_declaration"].required
    assert not items["allowance_stop_decision"].required

    merit = good("merit-war-invalid-survivor")["declarations"]
    items = {i.id: i for i in checklist("death_interlink", checklist_facts(merit))}
    assert items["merit_relatives_declaration"].required
    assert items["merit_authorisation_minutes"].required
    for item in items.values():
        assert item.why and unicodedata.is_normalized("NFC", item.why)


def test_a_half_filled_draft_still_has_a_checklist():
    items = checklist("death_interlink", checklist_facts({"requester": {"verified": True}}))
    assert {i.id for i in items if i.required} == {"death_notice"}


def test_every_good_dossier_carries_the_papers_its_checklist_requires():
    for entry in good_dossiers():
        decl = entry["dossier"]["declarations"]
        received = {i["item"] for i in decl["attachments"]["items"]}
        required = {i.id for i in checklist("death_interlink", checklist_facts(decl)) if i.required}
        assert required <= received, entry["name"]


def test_statutory_times_come_from_the_data_file():
    times = statutory_times("death_interlink")
    by_id = {p.id: p for p in times.procedures}
    assert (by_id["death"].working_days, by_id["death"].working_days_if_verification) == (1, 3)
    assert by_id["residence_removal"].working_days == 2
    assert by_id["funeral_allowance"].working_days == 10
    assert by_id["survivor_benefit"].after == ("death",)
    calendar = WorkCalendar()
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    removal = appointment(
        monday, calendar, "death_interlink", procedures=["death", "residence_removal"]
    )
    # 1 + 2 working days; 24/11 is a holiday (Vietnam Culture Day) from 2026.
    assert removal.day == calendar.add_working_days(monday.date(), 3) == date(2026, 11, 27)
    benefit = appointment(
        monday,
        calendar,
        "death_interlink",
        procedures=["death", "residence_removal", "funeral_allowance"],
    )
    assert benefit.day == calendar.add_working_days(monday.date(), 11)  # 1 + 10 working days [7]


def test_each_combination_states_its_own_time():
    combinations = {c["id"]: c for c in group_data("death_interlink")["combination"]}
    assert combinations["death_removal"]["working_days"] == 3
    assert combinations["death_removal_funeral"]["working_days"] == 11


def test_the_group_file_describes_each_procedure_like_the_birth_file():
    spec = group_data("death_interlink")
    assert spec["group"]["subject_label"] == "Người chết"
    assert [p["id"] for p in spec["procedure"]] == spec["group"]["procedures"]
    for procedure in spec["procedure"]:
        for key in ("label", "agency_role", "progress_title", "reference_label", "delivery"):
            assert procedure[key], (procedure["id"], key)
        assert set(procedure["delivery"]) <= {"at_agency", "postal", "electronic"}
    assert set(spec["group"]["procedures"]) <= {p.value for p in Procedure}


LISTS: dict[str, type[StrEnum]] = {
    "death_relation": DeathRelation,
    "head_relation": HeadRelation,
    "death_cause": DeathCause,
    "death_notice_kind": DeathNoticeKind,
    "benefit_branch": BenefitBranch,
    "insured_status": InsuredStatus,
    "survivor_kind": SurvivorKind,
    "protection_category": ProtectionCategory,
    "merit_category": MeritCategory,
    "payment_method": PaymentMethod,
}


@pytest.mark.parametrize("list_id", sorted(LISTS))
def test_every_option_list_has_exactly_the_ids_forms_stores(list_id):
    options = group_data("death_interlink")["lists"][list_id]["options"]
    assert [o["id"] for o in options] == [e.value for e in LISTS[list_id]]
    labels = [o["label"] for o in options]
    assert len(set(labels)) == len(labels)
    assert all(unicodedata.is_normalized("NFC", label) and label for label in labels)


def _walk(model: type[BaseModel], seen: set[type[BaseModel]]):
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model, name, info
        for inner in models_in(info.annotation):
            yield from _walk(inner, seen)


def test_every_field_has_a_vietnamese_label_and_help():
    for model, name, info in _walk(DeathInterlink, set()):
        assert info.title and info.description, f"{model.__name__}.{name}"
        assert not info.title.isascii() or info.title in ("Email",), f"{model.__name__}.{name}"


def test_the_combinations_come_from_data(monkeypatch):
    data = good("removal-child-head-deceased")
    decl = data["declarations"]
    decl["requested"] = ["death"]
    decl["removal"] = decl["agencies"]["residence_agency"] = decl["delivery"][
        "residence_removal"
    ] = None
    with pytest.raises(Refused) as caught:
        receive(data, RECEIVED)
    assert [e.path for e in caught.value.errors] == ["declarations.requested"]
    rules = death_rules.death_rules()
    alone = Combination("death", "Khai tử", frozenset({"death"}))
    widened = dataclasses.replace(rules, combinations=(*rules.combinations, alone))
    monkeypatch.setattr(death_interlink, "death_rules", lambda: widened)
    model, _ = receive(data, RECEIVED)
    assert model.procedures == (Procedure.DEATH,)


def test_who_may_request_comes_from_data(monkeypatch):
    data = good("organisation-no-relative-hospital")
    receive(data, RECEIVED)  # an organisation, no relative: accepted as the data file says
    rules = death_rules.death_rules()
    stricter = dataclasses.replace(rules, without_relative=frozenset())
    monkeypatch.setattr(death_interlink, "death_rules", lambda: stricter)
    with pytest.raises(Refused) as caught:
        receive(data, RECEIVED)
    assert [e.path for e in caught.value.errors] == ["declarations.requester.authorised"]
    assert "ủy quyền" in caught.value.errors[0].hint


def test_which_branch_pays_which_benefit_comes_from_data(monkeypatch):
    data = good("protection-funeral-monthly-allowance")
    receive(data, RECEIVED)
    rules = death_rules.death_rules()
    branches = dict(rules.branches)
    branches["social_protection"] = dataclasses.replace(
        branches["social_protection"], procedures=frozenset()
    )
    monkeypatch.setattr(
        death_interlink, "death_rules", lambda: dataclasses.replace(rules, branches=branches)
    )
    with pytest.raises(Refused) as caught:
        receive(data, RECEIVED)
    assert [e.path for e in caught.value.errors] == ["declarations.benefit.branch"]


def test_the_rules_parser_refuses_a_combination_of_unknown_procedures():
    spec = tomllib.loads(group_file().read_text(encoding="utf-8"))
    spec["combination"][0]["procedures"].append("cremation")
    with pytest.raises(ValueError, match="cremation"):
        parse_rules(spec)


@pytest.mark.parametrize(
    ("days", "late"), [(15, False), (16, True)], ids=["day-15-on-time", "day-16-late"]
)
def test_registration_after_15_days_is_a_warning_not_a_refusal(days, late):
    data = good("removal-child-head-deceased")
    died = date.fromordinal(RECEIVED.toordinal() - days)
    data["declarations"]["death"]["date_of_death"] = died.isoformat()
    data["declarations"]["death"]["notice"]["issued_on"] = died.isoformat()
    _, notices = receive(data, RECEIVED)
    paths = [n.path for n in notices]
    assert ("declarations.death.date_of_death" in paths) is late
    assert "declarations.removal" in paths  # 7 days for the removal are over either way


@pytest.mark.parametrize(("days", "late"), [(7, False), (8, True)], ids=["day-7", "day-8"])
def test_removal_after_7_days_is_a_warning(days, late):
    data = good("removal-child-head-deceased")
    died = date.fromordinal(RECEIVED.toordinal() - days)
    data["declarations"]["death"]["date_of_death"] = died.isoformat()
    data["declarations"]["death"]["notice"]["issued_on"] = died.isoformat()
    _, notices = receive(data, RECEIVED)
    removal = [n for n in notices if n.path == "declarations.removal"]
    assert bool(removal) is late
    if late:
        assert "quá hạn 1 ngày" in removal[0].hint


def test_a_stored_dossier_loads_without_the_receipt_date():
    # Validation without the context checks shape and cross rules only (as birth dossiers do).
    decl = good("father-late-removal-drowning")["declarations"]
    assert DeathInterlink.model_validate(decl).subject_name == "Nguyễn Văn Tám"


@pytest.mark.parametrize(
    ("typed", "stored", "first", "last"),
    [
        ("12/3/1950", "1950-03-12", date(1950, 3, 12), date(1950, 3, 12)),
        ("03/1950", "1950-03", date(1950, 3, 1), date(1950, 3, 31)),
        ("1950", "1950", date(1950, 1, 1), date(1950, 12, 31)),
        ("02/1952", "1952-02", date(1952, 2, 1), date(1952, 2, 29)),
    ],
)
def test_a_date_of_birth_may_be_known_to_the_day_the_month_or_the_year(typed, stored, first, last):
    data = good("organisation-no-relative-hospital")
    data["declarations"]["deceased"]["date_of_birth"] = typed
    model, _ = receive(data, RECEIVED)
    assert model.deceased.date_of_birth == stored
    assert partial_bounds(stored) == (first, last)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("7:05", "07:05"), ("18h15", "18:15"), ("6 giờ 30 phút", "06:30"), ("", None)],
)
def test_the_time_of_death_is_typed_the_way_officers_say_it(typed, stored):
    data = good("removal-child-head-deceased")
    data["declarations"]["death"]["time_of_death"] = typed
    assert receive(data, RECEIVED)[0].death.time_of_death == stored


def test_the_deceased_may_have_held_an_old_id_card():
    model = _model("long-ago-no-notice-authorised")
    assert model.deceased.id_document is not None
    assert model.deceased.id_document.kind.value == "old_id"


def test_the_group_file_is_found_in_an_installed_wheel_too(monkeypatch, tmp_path):
    # A wheel installs data/ as desk_app/data beside forms/ (pyproject.toml, package-dir).
    site = tmp_path / "site-packages"
    (site / "forms").mkdir(parents=True)
    (site / "desk_app" / "data").mkdir(parents=True)
    installed = site / "desk_app" / "data" / "group_death_interlink.toml"
    installed.write_text(group_file().read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(death_rules, "__file__", str(site / "forms" / "death_rules.py"))
    assert group_file() == installed
