"""The dossier being typed: its defaults, its paths, and the shape it takes before checking.

A draft is the dossier's JSON as far as the officer got, valid or not; the wizard reads and
writes it by path and the store keeps it after every change. The defaults are the common
case at this counter (the office's own agencies, its province and commune, both parents,
results collected at the agency) so most dossiers need Enter where nothing differs.
Everything here is pure: no screen, no database.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from desk_app.settings import Settings
from forms.choices import BirthCase, Delivery, Relation, ResidenceCase

Path = tuple[str | int, ...]

ISSUED_BY_CHIP_CARD = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
"""Issuer printed on chip ID cards (and on the portal's form as the default)."""


def get_in(data: Mapping[str, Any], path: Sequence[str | int], default: Any = None) -> Any:
    """The value at ``path``, or ``default`` where the path does not exist yet."""
    node: Any = data
    for key in path:
        if (isinstance(node, Mapping) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        ):
            node = node[key]
        else:
            return default
    return node


def set_in(data: dict[str, Any], path: Sequence[str | int], value: Any) -> None:
    """Set ``path`` to ``value``, creating the objects on the way (or replacing a None)."""
    node = data
    for key in path[:-1]:
        child = node.get(key) if isinstance(node, dict) else None
        if not isinstance(child, dict):
            child = {}
            node[key] = child  # type: ignore[index]
        node = child
    node[path[-1]] = value  # type: ignore[index]


def _address(settings: Settings) -> dict[str, Any]:
    office = settings.office
    return {
        "country": "VN",
        "province_code": office.province_code,
        "commune_code": office.commune_code,
        "detail": "",
    }


def _agency(agency: Any, commune_code: str | None) -> dict[str, Any]:
    return {"code": agency.code, "name": agency.name, "commune_code": commune_code}


def blank_dossier(settings: Settings) -> dict[str, Any]:
    """A new birth-interlink dossier with this office's defaults filled in."""
    agencies = settings.office.agencies
    commune = settings.office.commune_code

    def parent() -> dict[str, Any]:
        residence = {"type": "permanent", "address": _address(settings)}
        return {"nationality": "VN", "ethnicity": "01", "residence": residence}

    declarations: dict[str, Any] = {
        "kind": "birth_interlink",
        "agencies": {
            "birth_agency": _agency(agencies.people_committee, commune),
            "birth_case": BirthCase.BOTH_PARENTS.value,
            "foreign_element": "none",
            "residence_same_area": True,
            "residence_agency": _agency(agencies.police, commune),
            "residence_case": "join_parents_owner",
            "insurance_agency": _agency(agencies.social_insurance, None),
        },
        "requester": {
            "id_document": {"kind": "personal_id", "issued_by": ISSUED_BY_CHIP_CARD},
            "residence": {"type": "permanent", "address": _address(settings)},
            "authorised": False,
            "verified": False,
            "scanned": False,
        },
        "child": {
            "nationality": "VN",
            "ethnicity": "01",
            "place_of_birth": {"address": _address(settings)},
        },
        "mother": parent(),
        "father": parent(),
        "residence": {
            "relation_to_head": "Con",
            "address": _address(settings),
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
    return (
        relation not in (Relation.FATHER.value, Relation.MOTHER.value)
        and case != BirthCase.ABANDONED.value
    )


def asks_home_owner(data: Mapping[str, Any]) -> bool:
    """Whether CT01 records the home owner's consent: the child joins parents who do not own it."""
    case = get_in(data, ("declarations", "agencies", "residence_case"))
    return case == ResidenceCase.JOIN_PARENTS_NOT_OWNER.value


def prepared(data: Mapping[str, Any]) -> dict[str, Any]:
    """The draft as the declaration should read: what the choices exclude is left out.

    Fields hidden by a choice (the father when he is not determined, "other relation" text
    when the relation is not "other", a delivery address for a method that needs none) may
    still hold what was typed before the choice changed; they are dropped here rather than
    refused, exactly as the screen hides them.
    """
    out = copy.deepcopy(dict(data))
    decl = out.setdefault("declarations", {})
    has_mother, has_father = parents_of(out)
    if not has_mother:
        decl["mother"] = None
    if not has_father:
        decl["father"] = None
    requester = decl.get("requester") or {}
    if requester.get("relation") != Relation.OTHER.value:
        requester.pop("relation_other", None)
    if not asks_authorisation(out) and isinstance(decl.get("requester"), dict):
        requester["authorised"] = False
    residence = decl.get("residence")
    if not asks_home_owner(out) and isinstance(residence, dict):
        residence.pop("owner_name", None)
        residence.pop("owner_id", None)
    for choice in (decl.get("delivery") or {}).values():
        if not isinstance(choice, dict):
            continue
        if choice.get("method") != Delivery.POSTAL.value:
            choice.pop("address", None)
        if choice.get("method") != Delivery.ELECTRONIC.value:
            choice.pop("email", None)
    return out
