"""The death interlink's pages, as data: what each page asks and when it is shown.

Split from :mod:`desk_app.groups.death_interlink` (the group's draft logic) because a page list
is long: the combination the citizen chooses on the first page decides which of the other pages
(removal of residence, the benefit) are shown, which delivery rows are asked, and which agency
pickers appear. The combination is read from the draft's ``ui`` part, where its picker keeps it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from desk_app.drafting import get_in
from desk_app.groups.definition import ReviewPart
from desk_app.groups.pages import (
    ATTACHMENTS,
    FINISH,
    REVIEW,
    Draft,
    FieldSpec,
    Path,
    Step,
    address,
    delivery,
    equals,
    person_id,
    requester_page,
)
from desk_app.refdata import data_toml

DATA = data_toml("group_death_interlink.toml")
"""The group's data file (procedures, combinations, benefit branches, option lists)."""

REMOVAL = "residence_removal"
BENEFITS = ("funeral_allowance", "survivor_benefit")
BRANCH_PARTS = ("social_insurance", "social_protection", "merit")
"""The benefit branches, each the name of its own part of the benefit declaration."""

DEFAULT_COMBINATION = str(DATA["combination"][0]["id"])
"""The combination a new dossier starts with (the first the group's data lists)."""

# -- the combination the citizen chose --------------------------------------------------------


def combinations() -> dict[str, tuple[str, ...]]:
    """combination id → its procedures, in the order they are decided."""
    order = [str(p["id"]) for p in DATA["procedure"]]
    return {
        str(c["id"]): tuple(p for p in order if p in c["procedures"]) for c in DATA["combination"]
    }


def requested_of(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The procedures the draft's chosen combination asks for, in the order they are decided.

    Read from the draft's ``ui`` part (where the picker keeps the combination's id); a draft
    without one asks for what its declaration already says.
    """
    chosen = get_in(data, ("ui", "combination"))
    found = combinations().get(chosen) if isinstance(chosen, str) else None
    if found is not None:
        return found
    requested = get_in(data, ("declarations", "requested"))
    return tuple(str(p) for p in requested) if isinstance(requested, list) else ()


def asks(*procedures: str) -> Callable[[Draft], bool]:
    """A ``show`` condition: the chosen combination asks for one of ``procedures``."""
    return lambda d: any(p in requested_of(d) for p in procedures)


def _both(
    first: Callable[[Draft], bool], second: Callable[[Draft], bool] | None
) -> Callable[[Draft], bool]:
    """A ``show`` condition holding when both do (``second`` may be absent)."""
    if second is None:
        return first
    then = second
    return lambda d: first(d) and then(d)


def _only_when(
    specs: tuple[FieldSpec, ...], cond: Callable[[Draft], bool]
) -> tuple[FieldSpec, ...]:
    """``specs`` shown only when ``cond`` holds too (on top of their own conditions)."""
    return tuple(dataclasses.replace(s, show=_both(cond, s.show)) for s in specs)


def _branch_is(branch: str) -> Callable[[Draft], bool]:
    return _both(asks(*BENEFITS), equals(("benefit", "branch"), branch))


def _not(path: Path) -> Callable[[Draft], bool]:
    return lambda d: not bool(get_in(d, ("declarations", *path)))


def _other_removal_area(d: Draft) -> bool:
    return asks(REMOVAL)(d) and not bool(
        get_in(d, ("declarations", "agencies", "residence_same_area"))
    )


# -- the pages ----------------------------------------------------------------------------------

HEAD_FIELDS = ("household_head_name", "household_head_id", "relation_to_head")
_ELSEWHERE = _not(("death", "same_place_as_residence"))
_NOTICE = _not(("death", "notice_not_issued"))
_OTHER_RECIPIENT = _both(asks(*BENEFITS), _not(("benefit", "recipient", "is_requester")))
_BANK = equals(("benefit", "payment", "method"), "bank_account")
_SURVIVOR = _both(_branch_is("social_insurance"), asks("survivor_benefit"))

PAGES: tuple[Step, ...] = (
    Step(
        "agencies",
        "Thủ tục và cơ quan thực hiện",
        1,
        (
            FieldSpec(
                ("combination",),
                "choice",
                source="combination",
                ui=True,
                label="Thủ tục đề nghị giải quyết",
            ),
            FieldSpec(("death_province",), "province", ui=True, label="Tỉnh/Thành phố (khai tử)"),
            FieldSpec(
                ("agencies", "death_agency"), "agency", source="death", province=("death_province",)
            ),
            FieldSpec(("agencies", "residence_same_area"), "bool", show=asks(REMOVAL)),
            FieldSpec(
                ("removal_province",),
                "province",
                ui=True,
                label="Tỉnh/Thành phố (xóa đăng ký thường trú)",
                show=_other_removal_area,
            ),
            FieldSpec(
                ("agencies", "residence_agency"),
                "agency",
                source=REMOVAL,
                province=("removal_province",),
                show=_other_removal_area,
            ),
            FieldSpec(
                ("agencies", "benefit_agency"),
                "agency",
                source="funeral_allowance",
                province=("death_province",),
                show=asks(*BENEFITS),
            ),
        ),
        model_path=("agencies",),
        short="Cơ quan",
    ),
    requester_page(
        relations="death_relation",
        show_authorised=equals(("requester", "relation"), "other"),
        keys=("scan", "verify"),
        extra=(
            FieldSpec(
                ("requester", "organisation_name"),
                show=equals(("requester", "relation"), "organisation"),
                ask=True,
            ),
            FieldSpec(
                ("requester", "no_relative"),
                "bool",
                show=equals(("requester", "relation"), "organisation"),
            ),
        ),
    ),
    Step(
        "deceased",
        "Người chết",
        2,
        (
            FieldSpec(("deceased", "full_name")),
            FieldSpec(("deceased", "date_of_birth")),
            FieldSpec(("deceased", "sex"), "choice", source="sex"),
            FieldSpec(("deceased", "ethnicity"), "choice", source="ethnic"),
            FieldSpec(("deceased", "nationality"), "choice", source="nationality"),
            FieldSpec(("deceased", "id_document", "kind"), "choice", source="id_kind"),
            FieldSpec(("deceased", "id_document", "number"), ask=True),
            FieldSpec(("deceased", "last_residence", "address", "legacy_text")),
            *address(("deceased", "last_residence", "address")),
        ),
        model_path=("deceased",),
        short="Người chết",
    ),
    Step(
        "death",
        "Thông tin về việc chết",
        2,
        (
            FieldSpec(("death", "date_of_death"), "date"),
            FieldSpec(("death", "time_of_death")),
            FieldSpec(("death", "same_place_as_residence"), "bool"),
            FieldSpec(("death", "place", "facility_name"), show=_ELSEWHERE),
            *_only_when(address(("death", "place", "address")), _ELSEWHERE),
            FieldSpec(("death", "cause"), "choice", source="death_cause"),
            FieldSpec(("death", "cause_other"), show=equals(("death", "cause"), "other"), ask=True),
            FieldSpec(("death", "notice_not_issued"), "bool"),
            FieldSpec(
                ("death", "notice", "kind"), "choice", source="death_notice_kind", show=_NOTICE
            ),
            FieldSpec(("death", "notice", "number"), show=_NOTICE),
            FieldSpec(("death", "notice", "issued_on"), "date", show=_NOTICE),
            FieldSpec(("death", "notice", "issued_by"), show=_NOTICE),
            FieldSpec(("death", "extract_copies"), "int"),
        ),
        model_path=("death",),
        short="Việc chết",
    ),
    Step(
        "removal",
        "Xóa đăng ký thường trú",
        2,
        (
            FieldSpec(("removal", "head_is_deceased"), "bool"),
            FieldSpec(
                ("removal", "head_is_requester"), "bool", show=_not(("removal", "head_is_deceased"))
            ),
            *(
                FieldSpec(
                    ("removal", name),
                    "choice" if name == "relation_to_head" else "text",
                    source="head_relation" if name == "relation_to_head" else None,
                    show=_not(("removal", "head_is_deceased")),
                    ask=True,
                )
                for name in HEAD_FIELDS
            ),
        ),
        model_path=("removal",),
        show=asks(REMOVAL),
        short="Xóa thường trú",
    ),
    Step(
        "benefit",
        "Trợ cấp mai táng, tử tuất",
        2,
        (
            FieldSpec(("benefit", "branch"), "choice", source="benefit_branch"),
            FieldSpec(
                ("benefit", "social_insurance", "si_number"), show=_branch_is("social_insurance")
            ),
            FieldSpec(
                ("benefit", "social_insurance", "status"),
                "choice",
                source="insured_status",
                show=_branch_is("social_insurance"),
            ),
            FieldSpec(
                ("benefit", "social_insurance", "survivor_kind"),
                "choice",
                source="survivor_kind",
                show=_SURVIVOR,
            ),
            FieldSpec(
                ("benefit", "social_protection", "category"),
                "choice",
                source="protection_category",
                show=_branch_is("social_protection"),
            ),
            FieldSpec(
                ("benefit", "social_protection", "burial_date"),
                "date",
                show=_branch_is("social_protection"),
            ),
            FieldSpec(
                ("benefit", "social_protection", "organiser_name"),
                show=_branch_is("social_protection"),
            ),
            *_only_when(
                address(("benefit", "social_protection", "organiser_address")),
                _branch_is("social_protection"),
            ),
            FieldSpec(
                ("benefit", "merit", "category"),
                "choice",
                source="merit_category",
                show=_branch_is("merit"),
            ),
            FieldSpec(("benefit", "merit", "decision_number"), show=_branch_is("merit")),
            FieldSpec(("benefit", "merit", "decision_date"), "date", show=_branch_is("merit")),
            FieldSpec(("benefit", "merit", "decision_issuer"), show=_branch_is("merit")),
            FieldSpec(("benefit", "merit", "injury_percent"), "int", show=_branch_is("merit")),
            FieldSpec(("benefit", "merit", "home_town"), show=_branch_is("merit")),
            FieldSpec(("benefit", "recipient", "is_requester"), "bool", heading=True),
            FieldSpec(("benefit", "recipient", "full_name"), show=_OTHER_RECIPIENT, ask=True),
            *_only_when(person_id(("benefit", "recipient")), _OTHER_RECIPIENT),
            FieldSpec(("benefit", "recipient", "phone"), show=_OTHER_RECIPIENT, ask=True),
            FieldSpec(
                ("benefit", "recipient", "relation"),
                "choice",
                source="death_relation",
                show=_OTHER_RECIPIENT,
                ask=True,
            ),
            FieldSpec(
                ("benefit", "payment", "method"), "choice", source="payment_method", heading=True
            ),
            FieldSpec(("benefit", "payment", "bank_name"), show=_BANK),
            FieldSpec(("benefit", "payment", "account_number"), show=_BANK),
            FieldSpec(("benefit", "payment", "account_holder"), show=_BANK),
        ),
        model_path=("benefit",),
        show=asks(*BENEFITS),
        short="Trợ cấp",
    ),
    REVIEW,
    ATTACHMENTS,
    Step(
        "delivery",
        "Hình thức nhận kết quả",
        5,
        (
            *delivery("death"),
            *(
                spec
                for procedure in (REMOVAL, *BENEFITS)
                for spec in _only_when(delivery(procedure), asks(procedure))
            ),
        ),
        model_path=("delivery",),
        short="Nhận kết quả",
    ),
    FINISH,
)
"""The death interlink's pages, in order; a procedure's pages show only when it is chosen.

The benefit, its recipient and how it is paid are one page: they are one declaration
(section IV), checked together when the page is left and where a refusal at saving points."""

REVIEW_PARTS = (
    ReviewPart("1", "thủ tục và cơ quan thực hiện", ("agencies",)),
    ReviewPart("2", "người yêu cầu", ("requester",)),
    ReviewPart("3", "người chết", ("deceased",)),
    ReviewPart("4", "thông tin về việc chết", ("death",)),
    ReviewPart("5", "xóa đăng ký thường trú", ("removal",)),
    ReviewPart("6", "trợ cấp mai táng, tử tuất", ("benefit",)),
    ReviewPart("7", "hình thức nhận kết quả", ("delivery",)),
)
"""The keys that jump back from the review page."""
