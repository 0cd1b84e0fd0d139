"""The toy group's definition: :func:`install` registers it, :func:`remove` takes it away.

Importing this module registers nothing, so collecting the tests leaves the other tests with
the shipped groups only; :mod:`tests.groups.toy.plugin` is the module a separate process
names in ``DESK_GROUPS`` to learn the group on start.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desk_app import groups
from desk_app.drafting import blank_requester, office_agency
from desk_app.groups import GroupDefinition, ReviewPart
from desk_app.groups.pages import (
    ATTACHMENTS,
    FINISH,
    REVIEW,
    FieldSpec,
    Step,
    delivery,
    requester_page,
)
from desk_app.settings import Settings
from tests.groups.toy.model import KIND, ToyExtract

DATA = tomllib.loads((Path(__file__).parent / "group_toy_extract.toml").read_text("utf-8"))

PAGES = (
    requester_page(keys=("scan", "verify")),
    Step(
        "subject",
        "Người được cấp trích lục",
        2,
        (FieldSpec(("subject", "full_name")), FieldSpec(("subject", "date_of_birth"), "date")),
        model_path=("subject",),
    ),
    REVIEW,
    ATTACHMENTS,
    Step(
        "delivery",
        "Hình thức nhận kết quả",
        5,
        (*delivery("extract"), *delivery("stamp")),
        model_path=("delivery",),
    ),
    FINISH,
)


def blank(settings: Settings) -> dict[str, Any]:
    """A toy dossier with the office's agencies and results collected there."""
    a, commune = settings.office.agencies, settings.office.commune_code
    return {
        "schema_version": 1,
        "declarations": {
            "kind": KIND,
            "agencies": {
                "extract_agency": office_agency(a.people_committee, commune),
                "stamp_agency": office_agency(a.police, commune),
            },
            "requester": blank_requester(settings),
            "subject": {},
            "attachments": {"items": []},
            "delivery": {"extract": {"method": "at_agency"}, "stamp": {"method": "at_agency"}},
        },
    }


def facts(declarations: Mapping[str, Any]) -> dict[str, object]:
    """Only whether the requester was verified."""
    requester = declarations.get("requester")
    verified = isinstance(requester, Mapping) and bool(requester.get("verified", False))
    return {"requester_verified": verified}


GROUP = GroupDefinition(
    kind=KIND,
    model=ToyExtract,
    data=DATA,
    pages=PAGES,
    blank=blank,
    checklist_facts=facts,
    review_parts=(
        ReviewPart("1", "người yêu cầu", ("requester",)),
        ReviewPart("2", "người được cấp", ("subject",)),
        ReviewPart("3", "hình thức nhận kết quả", ("delivery",)),
    ),
)


def install() -> GroupDefinition:
    """Register the toy group (again, if a test removed it)."""
    return groups.register(GROUP)


def remove() -> None:
    """Unregister it, so other tests see only the shipped groups."""
    groups.unregister(KIND)
