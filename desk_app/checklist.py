"""The attachment checklist of a dossier: which papers, how many, and why.

The items and their rules are data (``data/group_<group>.toml``, ``[[attachment]]`` tables),
so the next procedure group brings its own file and no code. A rule is a list of
alternatives, each a table of tests on plain facts the caller knows (whether the requester
acts under authorisation, whether the population database verified the requester …); the
group file declares those facts and their types, and a fact that is missing, unknown or of
the wrong type is an error rather than a silently different checklist. Every caller derives
the facts from the requester the same way, through :func:`requester_facts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desk_app.options import option_list
from desk_app.refdata import group_data
from forms.attachments import AUTHORISATION_LETTER


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One paper of the dossier as the officer sees it at the counter."""

    id: str
    """Stable id, the key of ``forms.Attachments`` entries."""
    label: str
    required: bool
    copies: int
    """Copies to hand in; 0 for an item that is not needed."""
    original_at_pickup: bool
    """Whether the citizen must bring (show or hand in) the original when collecting results."""
    why: str
    """Vietnamese reason for ``required``, shown beside the item."""
    original_handed_in: bool = False
    """Whether that original is handed in (the birth certificate), not only shown."""


class FactError(ValueError):
    """The facts given do not match what the group's checklist tests."""


def _check_facts(group: str, declared: Mapping[str, Any], facts: Mapping[str, object]) -> None:
    missing = sorted(declared.keys() - facts.keys())
    unknown = sorted(facts.keys() - declared.keys())
    if missing or unknown:
        raise FactError(f"{group}: missing facts {missing}, unknown facts {unknown}")
    for name, spec in declared.items():
        value = facts[name]
        if spec["type"] == "bool" and not isinstance(value, bool):
            raise FactError(f"{group}: fact {name} must be true or false, not {value!r}")
        if spec["type"] == "option" and value not in option_list(spec["list"]):
            raise FactError(f"{group}: fact {name}={value!r} is not in list {spec['list']}")


def _holds(test: object, value: object) -> bool:
    if isinstance(test, dict):
        if "in" in test:
            return value in test["in"]
        if "not_in" in test:
            return value not in test["not_in"]
        raise ValueError(f"unknown test {test!r}")
    return value == test


def _required(rule: list[dict[str, object]] | None, facts: Mapping[str, object]) -> bool:
    if rule is None:
        return True
    return any(all(_holds(t, facts[name]) for name, t in alt.items()) for alt in rule)


def checklist(group: str, facts: Mapping[str, object]) -> list[ChecklistItem]:
    """Every attachment of ``group`` in portal order, with whether it is required and why."""
    spec = group_data(group)
    _check_facts(group, spec.get("facts", {}), facts)
    items = []
    for entry in spec["attachment"]:
        required = _required(entry.get("required_when"), facts)
        items.append(
            ChecklistItem(
                id=entry["id"],
                label=entry["label"],
                required=required,
                copies=int(entry["copies"]) if required else 0,
                original_at_pickup=bool(entry["original_at_pickup"]) and required,
                original_handed_in=bool(entry.get("original_handed_in", False)) and required,
                why=entry["why_required"] if required else entry["why_not_required"],
            )
        )
    return items


def requester_facts(
    requester: Mapping[str, Any], attachments: Mapping[str, Any] | None = None
) -> dict[str, object]:
    """The checklist facts of a requester as saved or drafted (JSON), for any caller.

    A dossier saved before the officer recorded authorisation has no ``authorised``: back then
    every requester who was not a parent handed in a letter, so a received letter says they
    acted under authorisation.
    """
    authorised = requester.get("authorised")
    if not isinstance(authorised, bool):
        items = (attachments or {}).get("items") or []
        authorised = any(
            isinstance(i, Mapping)
            and i.get("item") == AUTHORISATION_LETTER
            and (bool(i.get("copies")) or bool(i.get("files")))
            for i in items
        )
    return {
        "requester_authorised": authorised,
        "requester_verified": bool(requester.get("verified", False)),
    }


def birth_interlink_checklist(
    requester_authorised: bool, requester_verified: bool
) -> list[ChecklistItem]:
    """The birth-interlink checklist from the two facts it depends on."""
    return checklist(
        "birth_interlink",
        {"requester_authorised": requester_authorised, "requester_verified": requester_verified},
    )
