"""The death interlink as a procedure group: its blank draft, derived fields and assists.

Death registration + removal of permanent residence registration + funeral allowance / survivor
benefits (DOMAIN-2.md §A). Its declarations are :class:`forms.death_interlink.DeathInterlink`,
its procedures, combinations, checklist, times and option lists
``data/group_death_interlink.toml``, its pages :mod:`desk_app.groups.death_interlink_pages`.
This module holds what is logic over the draft's JSON and is death-specific: the combination
the citizen chose (kept in the draft's ``ui`` part) turned into the declaration's ``requested``
list, the sections a combination leaves out, the household head taken from the requester, the
benefit agency that follows the benefit's branch, and the agency deciding each asked procedure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk_app.agencies import COMMUNE_ROLES
from desk_app.drafting import blank_requester, get_in, office_address, office_agency
from desk_app.groups import AssistContext, GroupDefinition, register
from desk_app.groups.death_interlink_pages import (
    BENEFITS,
    BRANCH_PARTS,
    DATA,
    DEFAULT_COMBINATION,
    HEAD_FIELDS,
    PAGES,
    REMOVAL,
    REVIEW_PARTS,
    combinations,
    requested_of,
)
from desk_app.groups.pages import Path
from desk_app.settings import Settings
from forms import death_rules
from forms.death_interlink import DeathInterlink

KIND = "death_interlink"

# -- the draft ------------------------------------------------------------------------------------


def blank(settings: Settings) -> dict[str, Any]:
    """A new death-interlink dossier with this office's defaults filled in.

    Every section any combination may need is there, so changing the combination loses
    nothing typed; :func:`prepare` leaves out what the chosen one does not ask for.
    """
    agencies = settings.office.agencies
    commune = settings.office.commune_code
    at_agency = {"method": "at_agency"}
    declarations: dict[str, Any] = {
        "kind": KIND,
        "requested": list(combinations()[DEFAULT_COMBINATION]),
        "agencies": {
            "death_agency": office_agency(agencies.people_committee, commune),
            "residence_same_area": True,
            "residence_agency": office_agency(agencies.police, commune),
            "benefit_agency": office_agency(agencies.social_insurance, None),
        },
        "requester": blank_requester(settings),
        "deceased": {
            "nationality": "VN",
            "ethnicity": "01",
            "id_document": {"kind": "personal_id"},
            "last_residence": {"type": "permanent", "address": office_address(settings)},
        },
        "death": {
            "same_place_as_residence": True,
            "place": {"address": office_address(settings)},
            "cause": "illness",
            "notice_not_issued": False,
            "notice": {"kind": "notice"},
            "extract_copies": 0,
        },
        "removal": {"head_is_deceased": False, "head_is_requester": False},
        "benefit": {
            "branch": "social_insurance",
            "social_insurance": {},
            "social_protection": {"organiser_address": office_address(settings)},
            "merit": {},
            "recipient": {"is_requester": True},
            "payment": {"method": "at_agency"},
        },
        "attachments": {"items": []},
        "delivery": {p: dict(at_agency) for p in ("death", REMOVAL, *BENEFITS)},
    }
    return {"schema_version": 1, "declarations": declarations}


def ui_defaults(settings: Settings) -> dict[str, Any]:
    """The first combination, and agency pickers that start in the office's province."""
    province = settings.office.province_code
    return {
        "combination": DEFAULT_COMBINATION,
        "death_province": province,
        "removal_province": province,
    }


def _sync_requested(data: dict[str, Any]) -> bool:
    """Write the chosen combination's procedures into the declaration; True when it changed."""
    decl = data.setdefault("declarations", {})
    wanted = list(requested_of(data))
    if wanted and decl.get("requested") != wanted:
        decl["requested"] = wanted
        return True
    return False


def prepare(data: dict[str, Any]) -> None:
    """Leave out what the choices exclude: the sections of procedures not chosen, the parts of
    a section a tick or a choice makes void (the head's fields when the head is the deceased,
    the place of death at the last residence, a notice never issued, other benefit branches)."""
    _sync_requested(data)
    decl = data.setdefault("declarations", {})
    chosen = set(decl.get("requested") or ())
    agencies = decl.get("agencies")
    if REMOVAL not in chosen:
        decl["removal"] = None
        if isinstance(agencies, dict):
            agencies["residence_agency"] = None
            agencies["residence_same_area"] = False
    if not chosen & set(BENEFITS):
        decl["benefit"] = None
        if isinstance(agencies, dict):
            agencies["benefit_agency"] = None
    delivery_ = decl.get("delivery")
    if isinstance(delivery_, dict):
        for procedure in (REMOVAL, *BENEFITS):
            if procedure not in chosen:
                delivery_[procedure] = None
    _prepare_deceased(decl)
    _prepare_death(decl)
    removal = decl.get("removal")
    if isinstance(removal, dict) and removal.get("head_is_deceased"):
        removal["head_is_requester"] = False
        for name in HEAD_FIELDS:
            removal.pop(name, None)
    benefit = decl.get("benefit")
    if isinstance(benefit, dict):
        _prepare_benefit(benefit, "survivor_benefit" in chosen)


def _prepare_deceased(decl: dict[str, Any]) -> None:
    deceased = decl.get("deceased")
    if isinstance(deceased, dict):
        document = deceased.get("id_document")
        if isinstance(document, dict) and not document.get("number"):
            deceased["id_document"] = None  # the deceased had no document (or none is known)


def _prepare_death(decl: dict[str, Any]) -> None:
    death = decl.get("death")
    if not isinstance(death, dict):
        return
    if death.get("same_place_as_residence"):
        death["place"] = None
    if death.get("notice_not_issued"):
        death["notice"] = None
    if death.get("cause") != "other":
        death.pop("cause_other", None)
    if death.get("time_of_death") == "":
        death["time_of_death"] = None


def _prepare_benefit(benefit: dict[str, Any], survivor: bool) -> None:
    branch = benefit.get("branch")
    for part in BRANCH_PARTS:
        if part != branch:
            benefit[part] = None
    insurance = benefit.get("social_insurance")
    if isinstance(insurance, dict) and not survivor:
        insurance.pop("survivor_kind", None)
    recipient = benefit.get("recipient")
    if isinstance(recipient, dict) and recipient.get("is_requester", True):
        for name in ("full_name", "id_document", "phone", "relation"):
            recipient.pop(name, None)
    payment = benefit.get("payment")
    if isinstance(payment, dict) and payment.get("method") != "bank_account":
        for name in ("bank_name", "account_number", "account_holder"):
            payment.pop(name, None)


def derive(data: dict[str, Any], path: Path, ctx: AssistContext) -> None:
    """Fields that follow another: the household head is the requester when so ticked; the
    benefit agency is the office's agency of the role the chosen branch's data names."""
    decl = data["declarations"]
    if path in (("removal", "head_is_requester"), ("requester", "full_name")):
        removal = decl.get("removal")
        requester = decl.get("requester") or {}
        if isinstance(removal, dict) and removal.get("head_is_requester"):
            removal["household_head_name"] = requester.get("full_name")
            removal["household_head_id"] = (requester.get("id_document") or {}).get("number")
    if path == ("benefit", "branch"):
        role = branch_role(str(get_in(data, ("declarations", "benefit", "branch")) or ""))
        agency = getattr(ctx.settings.office.agencies, role, None) if role else None
        commune = ctx.settings.office.commune_code if role in COMMUNE_ROLES else None
        # An office that names no agency of the branch's role leaves the field empty for the
        # officer to pick, rather than keeping the agency of another branch.
        decl.setdefault("agencies", {})["benefit_agency"] = (
            office_agency(agency, commune) if agency is not None else None
        )


def enter_page(data: dict[str, Any], page: str) -> bool:
    """Whatever page comes next, the declaration asks for the combination chosen on the first."""
    return _sync_requested(data)


def branch_role(branch: str) -> str | None:
    """The role of the agency deciding the benefits of ``branch`` (``[[benefit_branch]]``)."""
    for spec in DATA["benefit_branch"]:
        if spec["id"] == branch:
            return str(spec["agency_role"])
    return None


def decided_by(declarations: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(procedure, deciding role) of each procedure the dossier asks for: a benefit is decided
    by the role its branch's data names, the others by their procedure's."""
    requested = declarations.get("requested")
    chosen = {str(p) for p in requested} if isinstance(requested, list) else set()
    benefit = declarations.get("benefit")
    branch = benefit.get("branch") if isinstance(benefit, Mapping) else None
    out = []
    for p in DATA["procedure"]:
        procedure = str(p["id"])
        if procedure not in chosen:
            continue
        role = str(p["agency_role"])
        if procedure in BENEFITS and isinstance(branch, str):
            role = branch_role(branch) or role
        out.append((procedure, role))
    return tuple(out)


def reference_format_of(procedure: str, declarations: Mapping[str, Any]) -> str | None:
    """The shape of ``procedure``'s reference: a benefit's is the decision number of its
    branch's agency (``[[benefit_branch]] reference_format``), the others their procedure's."""
    inner = declarations.get("declarations")
    decl = inner if isinstance(inner, Mapping) else declarations
    benefit = decl.get("benefit")
    branch = benefit.get("branch") if isinstance(benefit, Mapping) else None
    if procedure in BENEFITS:
        for spec in DATA["benefit_branch"]:
            if spec["id"] == branch and "reference_format" in spec:
                return str(spec["reference_format"])
    return GROUP.procedure(procedure).reference_format


def checklist_facts(declarations: Mapping[str, Any]) -> dict[str, object]:
    """The group's own facts (:func:`forms.death_rules.checklist_facts`)."""
    return death_rules.checklist_facts(declarations)


GROUP = register(
    GroupDefinition(
        kind=KIND,
        model=DeathInterlink,
        data=DATA,
        pages=PAGES,
        blank=blank,
        checklist_facts=checklist_facts,
        prepare=prepare,
        derive=derive,
        enter_page=enter_page,
        ui_defaults=ui_defaults,
        subject_path=("deceased",),
        review_parts=REVIEW_PARTS,
        scan_pages=frozenset({"agencies", "requester"}),
        decided_by=decided_by,
        requested_field="requested",
        reference_format_of=reference_format_of,
        agency_fields={
            "death": "death_agency",
            REMOVAL: "residence_agency",
            "funeral_allowance": "benefit_agency",
            "survivor_benefit": "benefit_agency",
        },
    )
)
