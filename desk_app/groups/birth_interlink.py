"""The birth interlink as a procedure group: its pages, blank draft, derived fields and assists.

Birth registration + permanent residence + health-insurance card for a child under 6. Its
declarations are :class:`forms.birth_interlink.BirthInterlink`, its procedures, checklist and
times ``data/group_birth_interlink.toml``; this module holds what is logic over the draft's JSON
and is birth-specific: which parents the birth case declares, when "acting under authorisation"
is asked, when CT01 records the home owner, the residence agency that follows the birth agency,
a parent who is the requester filled from the requester, and the addresses F7/F8 copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk_app.agencies import POLICE, agency_ref, commune_agency, office_agencies
from desk_app.checklist import requester_facts
from desk_app.drafting import blank_requester, get_in, office_address, office_agency
from desk_app.groups import (
    AssistContext,
    CopyAssist,
    GroupDefinition,
    ReviewPart,
    register,
)
from desk_app.groups.pages import (
    ATTACHMENTS,
    FINISH,
    REVIEW,
    FieldSpec,
    Path,
    Step,
    address,
    decl,
    delivery,
    person_id,
    requester_page,
)
from desk_app.refdata import data_toml
from desk_app.settings import Settings
from forms.birth_interlink import BirthInterlink
from forms.choices import BirthCase, Delivery, Relation, ResidenceCase

KIND = "birth_interlink"

# -- the rules the pages follow --------------------------------------------------------------


def parents_of(data: Mapping[str, Any]) -> tuple[bool, bool]:
    """Whether the birth case in ``data`` declares a mother and a father."""
    try:
        case = BirthCase(get_in(data, ("declarations", "agencies", "birth_case")))
    except ValueError:
        return True, True
    return case.has_mother, case.has_father


def asks_authorisation(data: Mapping[str, Any]) -> bool:
    """Whether "acting under authorisation" applies: not to a parent, nor for an abandoned child.

    Parents register their own child; nobody can authorise anyone for an abandoned child.
    """
    relation = get_in(data, ("declarations", "requester", "relation"))
    case = get_in(data, ("declarations", "agencies", "birth_case"))
    return bool(
        relation not in (Relation.FATHER.value, Relation.MOTHER.value)
        and case != BirthCase.ABANDONED.value
    )


def asks_home_owner(data: Mapping[str, Any]) -> bool:
    """Whether CT01 records the home owner's consent: the child joins parents who do not own it."""
    case = get_in(data, ("declarations", "agencies", "residence_case"))
    return bool(case == ResidenceCase.JOIN_PARENTS_NOT_OWNER.value)


def _has_mother(d: Mapping[str, Any]) -> bool:
    return parents_of(d)[0]


def _has_father(d: Mapping[str, Any]) -> bool:
    return parents_of(d)[1]


def _other_residence_area(d: Mapping[str, Any]) -> bool:
    return not bool(decl("agencies", "residence_same_area")(d))


def _parent(name: str) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec((name, "full_name")),
        FieldSpec((name, "date_of_birth"), "date", ask=True),
        FieldSpec((name, "ethnicity"), "choice", source="ethnic"),
        FieldSpec((name, "nationality"), "choice", source="nationality"),
        *person_id((name,)),
        *address((name, "residence", "address")),
    )


PAGES: tuple[Step, ...] = (
    Step(
        "agencies",
        "Cơ quan thực hiện",
        1,
        (
            FieldSpec(("birth_province",), "province", ui=True, label="Tỉnh/Thành phố (khai sinh)"),
            FieldSpec(
                ("agencies", "birth_agency"),
                "agency",
                source="birth",
                province=("birth_province",),
            ),
            FieldSpec(("agencies", "birth_case"), "choice", source="birth_case"),
            FieldSpec(("agencies", "foreign_element"), "choice", source="foreign_element"),
            FieldSpec(("agencies", "residence_same_area"), "bool"),
            FieldSpec(
                ("residence_province",),
                "province",
                ui=True,
                label="Tỉnh/Thành phố (thường trú)",
                show=_other_residence_area,
            ),
            FieldSpec(
                ("agencies", "residence_agency"),
                "agency",
                source="residence",
                province=("residence_province",),
                show=_other_residence_area,
            ),
            FieldSpec(("agencies", "residence_case"), "choice", source="residence_case"),
            FieldSpec(
                ("agencies", "insurance_agency"),
                "agency",
                source="insurance",
                province=("birth_province",),
            ),
        ),
        model_path=("agencies",),
        short="Cơ quan",
    ),
    requester_page(show_authorised=asks_authorisation, keys=("scan", "verify")),
    Step(
        "child",
        "Người được khai sinh",
        2,
        (
            FieldSpec(("child", "full_name")),
            FieldSpec(("child", "date_of_birth"), "date"),
            FieldSpec(("child", "sex"), "choice", source="sex"),
            FieldSpec(("child", "ethnicity"), "choice", source="ethnic"),
            FieldSpec(("child", "nationality"), "choice", source="nationality"),
            FieldSpec(("child", "place_of_birth", "facility_name"), ask=True),
            *address(("child", "place_of_birth", "address")),
            FieldSpec(("child", "home_town"), ask=True),
            FieldSpec(("child", "birth_certificate_number"), ask=True),
        ),
        model_path=("child",),
        short="Trẻ",
    ),
    Step("mother", "Người mẹ", 2, _parent("mother"), ("mother",), show=_has_mother, short="Mẹ"),
    Step("father", "Người cha", 2, _parent("father"), ("father",), show=_has_father, short="Cha"),
    Step(
        "residence",
        "Đăng ký thường trú (CT01)",
        2,
        (
            FieldSpec(("residence", "household_head_name")),
            FieldSpec(("residence", "relation_to_head")),
            FieldSpec(("residence", "household_head_id")),
            *address(("residence", "address")),
            FieldSpec(("residence", "owner_name"), show=asks_home_owner, ask=True),
            FieldSpec(("residence", "owner_id"), show=asks_home_owner, ask=True),
            FieldSpec(("residence", "consent"), "choice", source="consent"),
        ),
        model_path=("residence",),
        keys=("copy_mother", "copy_requester"),
        note="F7: chép địa chỉ của mẹ · F8: chép địa chỉ của người yêu cầu",
        short="CT01",
    ),
    Step(
        "insurance",
        "Thẻ bảo hiểm y tế",
        2,
        (
            FieldSpec(
                ("insurance", "facility_name"),
                "choice",
                source="facility",
                province=("residence", "address", "commune_code"),  # where the child will live
            ),
            FieldSpec(("insurance", "card_holder"), "choice", source="card_holder"),
            FieldSpec(("insurance", "poor_household_number")),
            FieldSpec(("insurance", "poor_household_issued_on"), "date"),
        ),
        model_path=("insurance",),
        short="BHYT",
    ),
    REVIEW,
    ATTACHMENTS,
    Step(
        "delivery",
        "Hình thức nhận kết quả",
        5,
        (*delivery("birth"), *delivery("residence"), *delivery("insurance")),
        model_path=("delivery",),
        short="Nhận kết quả",
    ),
    FINISH,
)
"""The birth interlink's pages, in order."""

REVIEW_PARTS = (
    ReviewPart("1", "cơ quan thực hiện", ("agencies",)),
    ReviewPart("2", "người yêu cầu", ("requester",)),
    ReviewPart("3", "người được khai sinh", ("child",)),
    ReviewPart("4", "cha, mẹ", ("mother", "father"), id="parents"),
    ReviewPart("5", "đăng ký thường trú (CT01)", ("residence",)),
    ReviewPart("6", "thẻ BHYT", ("insurance",)),
    ReviewPart("7", "hình thức nhận kết quả", ("delivery",)),
)
"""The keys that jump back from the review page (the two parents share one)."""

COPIES = (
    CopyAssist(
        "copy_mother",
        ("mother", "residence", "address"),
        ("residence", "address"),
        "mẹ",
        label="ĐC của mẹ",
        tooltip="Chép nơi cư trú của mẹ vào địa chỉ đăng ký thường trú",
    ),
    CopyAssist(
        "copy_requester",
        ("requester", "residence", "address"),
        ("residence", "address"),
        "người yêu cầu",
        label="ĐC người YC",
        tooltip="Chép nơi cư trú của người yêu cầu vào địa chỉ đăng ký thường trú",
    ),
)
"""F7 and F8 on the CT01 page: the child usually lives where the mother or the requester does."""

# -- the draft ------------------------------------------------------------------------------------


def blank(settings: Settings) -> dict[str, Any]:
    """A new birth-interlink dossier with this office's defaults filled in."""
    agencies = settings.office.agencies
    commune = settings.office.commune_code

    def parent() -> dict[str, Any]:
        residence = {"type": "permanent", "address": office_address(settings)}
        return {"nationality": "VN", "ethnicity": "01", "residence": residence}

    declarations: dict[str, Any] = {
        "kind": KIND,
        "agencies": {
            "birth_agency": office_agency(agencies.people_committee, commune),
            "birth_case": BirthCase.BOTH_PARENTS.value,
            "foreign_element": "none",
            "residence_same_area": True,
            "residence_agency": office_agency(agencies.police, commune),
            "residence_case": "join_parents_owner",
            "insurance_agency": office_agency(agencies.social_insurance, None),
        },
        "requester": blank_requester(settings),
        "child": {
            "nationality": "VN",
            "ethnicity": "01",
            "place_of_birth": {"address": office_address(settings)},
        },
        "mother": parent(),
        "father": parent(),
        "residence": {
            "relation_to_head": "Con",
            "address": office_address(settings),
            "consent": "paper_signature",
        },
        "insurance": {"card_holder": "mother"},
        "attachments": {"items": []},
        "delivery": {
            "birth": {"method": Delivery.AT_AGENCY.value},
            "residence": {"method": Delivery.WITH_BIRTH_RESULT.value},
            "insurance": {"method": Delivery.AT_AGENCY.value},
        },
    }
    return {"schema_version": 1, "declarations": declarations}


def ui_defaults(settings: Settings) -> dict[str, Any]:
    """The agency pickers start in the office's province."""
    province = settings.office.province_code
    return {"birth_province": province, "residence_province": province}


def prepare(data: dict[str, Any]) -> None:
    """Leave out what the choices exclude: an undetermined parent, authorisation a parent
    cannot claim, the home owner when the parents own the home."""
    decl_ = data.setdefault("declarations", {})
    has_mother, has_father = parents_of(data)
    if not has_mother:
        decl_["mother"] = None
    if not has_father:
        decl_["father"] = None
    requester = decl_.get("requester")
    if not asks_authorisation(data) and isinstance(requester, dict):
        requester["authorised"] = False
    residence = decl_.get("residence")
    if not asks_home_owner(data) and isinstance(residence, dict):
        residence.pop("owner_name", None)
        residence.pop("owner_id", None)


def derive(data: dict[str, Any], path: Path, ctx: AssistContext) -> None:
    """Registered in the same area: the residence agency is the police of the birth's commune."""
    if path not in (("agencies", "birth_agency"), ("agencies", "residence_same_area")):
        return
    agencies = data["declarations"].setdefault("agencies", {})
    birth = agencies.get("birth_agency") or {}
    if agencies.get("residence_same_area") and birth.get("commune_code"):
        commune = ctx.gazetteer.commune(birth["commune_code"])
        office = office_agencies(ctx.settings)
        agencies["residence_agency"] = agency_ref(commune_agency(commune, POLICE, office))


def enter_page(data: dict[str, Any], page: str) -> bool:
    """A parent who is also the requester need not be typed twice."""
    if page not in ("mother", "father"):
        return False
    decl_ = data["declarations"]
    requester = decl_.get("requester") or {}
    person = decl_.setdefault(page, {}) or {}
    if requester.get("relation") != page or person.get("full_name"):
        return False
    person["full_name"] = requester.get("full_name")
    person["date_of_birth"] = requester.get("date_of_birth")
    document = requester.get("id_document") or {}
    person["id_document"] = {"kind": document.get("kind"), "number": document.get("number")}
    if requester.get("residence"):
        person["residence"] = dict(requester["residence"])
    decl_[page] = person
    return True


def checklist_facts(declarations: Mapping[str, Any]) -> dict[str, object]:
    """The checklist depends on the requester only (authorised, verified)."""
    requester = declarations.get("requester")
    attachments = declarations.get("attachments")
    return requester_facts(
        requester if isinstance(requester, Mapping) else {},
        attachments if isinstance(attachments, Mapping) else None,
    )


GROUP = register(
    GroupDefinition(
        kind=KIND,
        model=BirthInterlink,
        data=data_toml("group_birth_interlink.toml"),
        pages=PAGES,
        blank=blank,
        checklist_facts=checklist_facts,
        prepare=prepare,
        derive=derive,
        enter_page=enter_page,
        ui_defaults=ui_defaults,
        subject_path=("child",),
        review_parts=REVIEW_PARTS,
        copies=COPIES,
        scan_pages=frozenset({"agencies", "requester"}),
    )
)
