"""The death interlink's rules that are data: read from ``data/group_death_interlink.toml``.

DOMAIN-2.md §A marks several facts of this group *unverified* (an organisation may request only
when the deceased has no relative; which benefit branch decides which procedure; the merit
categories that carry an injury rate), and the combinations the citizen may choose are the
portal's, not the law's. They live in the group's data file, next to its checklist and times, so
a province corrects them without touching code; this module turns that file into a
:class:`DeathRules` the declaration's validators read.

``forms`` imports neither ``desk_app`` nor its data package, so the file is found on disk beside
the ``forms`` package: ``<root>/data`` in a source tree or editable install, ``desk_app/data``
in an installed wheel (``pyproject.toml`` installs ``data/`` as ``desk_app.data``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from forms.text import nfc

GROUP_FILE: Final = "group_death_interlink.toml"


def group_file() -> Path:
    """Where the group's data file is, in a source tree or in an installed wheel."""
    root = Path(__file__).resolve().parent.parent
    for candidate in (root / "data" / GROUP_FILE, root / "desk_app" / "data" / GROUP_FILE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(GROUP_FILE)


@dataclass(frozen=True, slots=True)
class Combination:
    """One set of procedures the citizen may ask for together."""

    id: str
    label: str
    procedures: frozenset[str]


@dataclass(frozen=True, slots=True)
class Branch:
    """A benefit branch: the benefit procedures it decides and its other data-held rules."""

    id: str
    procedures: frozenset[str]
    injury_required_for: frozenset[str]


@dataclass(frozen=True, slots=True)
class DeathRules:
    """Everything of the group file the declaration's validators need."""

    procedures: tuple[str, ...]
    """Procedure ids in the order they are decided (the ``[[procedure]]`` tables)."""
    procedure_labels: Mapping[str, str]
    delivery: Mapping[str, tuple[str, ...]]
    """Delivery method ids each procedure offers."""
    combinations: tuple[Combination, ...]
    relatives: frozenset[str]
    without_relative: frozenset[str]
    authorised_only: frozenset[str]
    branches: Mapping[str, Branch]
    labels: Mapping[str, Mapping[str, str]]
    """``labels[list_id][option_id]``: the Vietnamese label of every option of ``[lists.*]``."""

    def label(self, list_id: str, option_id: str) -> str:
        """The Vietnamese label of an option, or the id itself if the list does not know it."""
        return self.labels.get(list_id, {}).get(option_id, option_id)

    def combination(self, procedures: frozenset[str]) -> Combination | None:
        """The allowed combination made of exactly ``procedures``, if any."""
        return next((c for c in self.combinations if c.procedures == procedures), None)


def parse_rules(spec: Mapping[str, Any]) -> DeathRules:
    """Build the rules from a parsed group file; KeyError names a missing table or key."""
    procedures = tuple(str(p["id"]) for p in spec["procedure"])
    requesters = spec["requesters"]
    rules = DeathRules(
        procedures=procedures,
        procedure_labels={str(p["id"]): str(p["label"]) for p in spec["procedure"]},
        delivery={str(p["id"]): tuple(str(m) for m in p["delivery"]) for p in spec["procedure"]},
        combinations=tuple(
            Combination(str(c["id"]), str(c["label"]), frozenset(str(p) for p in c["procedures"]))
            for c in spec["combination"]
        ),
        relatives=frozenset(requesters["relatives"]),
        without_relative=frozenset(requesters["without_relative"]),
        authorised_only=frozenset(requesters.get("authorised_only", ())),
        branches={
            str(b["id"]): Branch(
                str(b["id"]),
                frozenset(b["procedures"]),
                frozenset(b.get("injury_required_for", ())),
            )
            for b in spec["benefit_branch"]
        },
        labels={
            list_id: {str(o["id"]): str(o["label"]) for o in body["options"]}
            for list_id, body in spec.get("lists", {}).items()
        },
    )
    unknown = {p for c in rules.combinations for p in c.procedures} - set(procedures)
    unknown |= {p for b in rules.branches.values() for p in b.procedures} - set(procedures)
    if unknown:
        raise ValueError(f"{GROUP_FILE}: unknown procedures {sorted(unknown)}")
    return rules


@cache
def death_rules() -> DeathRules:
    """The rules of the group file, read once per process."""
    text = nfc(group_file().read_text(encoding="utf-8"))
    return parse_rules(tomllib.loads(text))


def checklist_facts(declarations: Mapping[str, Any]) -> dict[str, object]:
    """The checklist facts (``[facts.*]`` of the group file) of a draft or saved declaration.

    Reads plain JSON so a half-filled draft gets its checklist too: a missing part counts as
    "no" (no benefit branch chosen, requester not verified), never as an error.
    """

    def part(name: str) -> Mapping[str, Any]:
        value = declarations.get(name)
        return value if isinstance(value, Mapping) else {}

    requester, death, benefit = part("requester"), part("death"), part("benefit")
    requested = declarations.get("requested")
    branch = benefit.get("branch")
    protection = benefit.get("social_protection")
    elderly = isinstance(protection, Mapping) and protection.get("category") == "elderly_80"
    return {
        "requester_authorised": requester.get("authorised") is True,
        "requester_verified": requester.get("verified") is True,
        "death_notice_issued": death.get("notice_not_issued") is not True,
        "residence_removal": isinstance(requested, list) and "residence_removal" in requested,
        "benefit_social_insurance": branch == "social_insurance",
        "benefit_social_protection": branch == "social_protection",
        "benefit_merit": branch == "merit",
        "protection_elderly": branch == "social_protection" and elderly,
    }
