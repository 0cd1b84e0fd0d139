"""Central's simulated agencies number each result as its procedure's data says.

A funeral allowance or survivor benefit is settled by a decision, so its reference looks like a
decision number of the agency of its branch (social insurance, the commune's People's
Committee, the home-affairs office); the child's health-insurance card of the birth group stays
a card number, and the police still issue none.
"""

from __future__ import annotations

import re
import string

import pytest

from central.agencies import Simulation
from desk_app import groups
from tests.conftest import FIXED_NOW
from tests.death.corpus import good

CALM = Simulation(supplement_rate=0.0, refuse_rate=0.0)


def references(group: str, declarations: dict[str, object] | None = None) -> dict[str, object]:
    """procedure → the reference central's agencies will give it, for one dossier."""
    steps, _ = CALM.plan("000.00.01.H26-261124-0001", FIXED_NOW, group, declarations)
    return {str(s["procedure"]): s["reference"] for s in steps if s["event"] == "progress"}


@pytest.mark.parametrize(
    ("name", "issuer"),
    [
        ("si-funeral-survivor-monthly-widow", "BHXH"),
        ("protection-funeral-monthly-allowance", "UBND"),
        ("merit-war-invalid-survivor", "SNV"),
    ],
)
def test_a_benefit_is_numbered_as_a_decision_of_its_branch_s_agency(name: str, issuer: str) -> None:
    given = references("death_interlink", good(name))
    benefits = [p for p in ("funeral_allowance", "survivor_benefit") if p in given]
    assert benefits
    for procedure in benefits:
        assert re.fullmatch(rf"\d{{1,4}}/QĐ-{issuer}", str(given[procedure])), given
    assert re.fullmatch(r"\d{1,4}/2026", str(given["death"]))  # the register of the year
    assert given["residence_removal"] is None  # the police issue no number


def test_the_child_s_card_is_still_a_card_number() -> None:
    given = references("birth_interlink")
    assert re.fullmatch(r"TE101\d{10}", str(given["insurance"]))
    assert re.fullmatch(r"\d{1,4}/2026", str(given["birth"]))
    assert given["residence"] is None


def test_every_reference_format_uses_only_the_fields_central_fills() -> None:
    shapes = [p.reference_format for g in groups.registered() for p in g.procedures]
    shapes += [
        b.get("reference_format") for b in groups.get("death_interlink").data["benefit_branch"]
    ]
    names = {
        name
        for shape in shapes
        if shape is not None
        for _, name, _, _ in string.Formatter().parse(shape)
        if name is not None
    }
    assert names <= {"number", "serial", "year"}
