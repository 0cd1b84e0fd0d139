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
from forms.choices import Delivery, Relation

Path = tuple[str | int, ...]

ISSUED_BY_CHIP_CARD = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
"""Issuer printed on chip ID cards (and on the portal's form as the default)."""


def get_in(data: Mapping[str, Any], path: Sequence[str | int], default: Any = None) -> Any:
    """The value at ``path``, or ``default`` where the path does not exist yet."""
    node: Any = data
    for key in path:
        if isinstance(node, Mapping):
            if key not in node:
                return default
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return default
    return node


def set_in(data: dict[str, Any], path: Sequence[str | int], value: Any) -> None:
    """Set ``path`` to ``value``, creating the objects on the way (or replacing a None)."""
    node: dict[Any, Any] = data  # keys along the path are names, or indexes the caller made
    for key in path[:-1]:
        inner = node.get(key)
        if not isinstance(inner, dict):
            inner = {}
            node[key] = inner
        node = inner
    node[path[-1]] = value


def office_address(settings: Settings) -> dict[str, Any]:
    """An address in the office's commune, the street left to type."""
    office = settings.office
    return {
        "country": "VN",
        "province_code": office.province_code,
        "commune_code": office.commune_code,
        "detail": "",
    }


def office_agency(agency: Any, commune_code: str | None) -> dict[str, Any]:
    """One of the office's own agencies (desk.toml) as the AgencyRef JSON a draft stores."""
    return {"code": agency.code, "name": agency.name, "commune_code": commune_code}


def blank_requester(settings: Settings) -> dict[str, Any]:
    """The requester of a new dossier, whatever its group: a chip ID card, living here."""
    return {
        "id_document": {"kind": "personal_id", "issued_by": ISSUED_BY_CHIP_CARD},
        "residence": {"type": "permanent", "address": office_address(settings)},
        "authorised": False,
        "verified": False,
        "scanned": False,
    }


def blank_dossier(settings: Settings, kind: str | None = None) -> dict[str, Any]:
    """A new dossier of group ``kind`` (the desk's first group by default), with this
    office's defaults filled in by the group's definition."""
    from desk_app import groups

    group = groups.get(kind) if kind is not None else groups.registered()[0]
    return group.blank(settings)


def prepared(data: Mapping[str, Any]) -> dict[str, Any]:
    """The draft as the declaration should read: what the choices exclude is left out.

    Fields hidden by a choice ("other relation" text when the relation is not "other", a
    delivery address for a method that needs none, and whatever the group's own choices hide,
    :attr:`~desk_app.groups.GroupDefinition.prepare`) may still hold what was typed before the
    choice changed; they are dropped here rather than refused, exactly as the screen hides them.
    """
    from desk_app import groups

    out = copy.deepcopy(dict(data))
    decl = out.setdefault("declarations", {})
    group = groups.find(str(decl.get("kind", "")))
    if group is not None:
        group.prepare(out)
    requester = decl.get("requester") or {}
    if isinstance(requester, dict) and requester.get("relation") != Relation.OTHER.value:
        requester.pop("relation_other", None)
    for choice in (decl.get("delivery") or {}).values():
        if not isinstance(choice, dict):
            continue
        if choice.get("method") != Delivery.POSTAL.value:
            choice.pop("address", None)
        if choice.get("method") != Delivery.ELECTRONIC.value:
            choice.pop("email", None)
    return out
