"""The home-affairs office decides the merit branch's benefits: the office names it in desk.toml.

A death dossier whose benefit is of the merit branch (``[[benefit_branch]] agency_role =
"home_affairs"``) gets the office's Home Affairs department as its deciding agency, in the
sample desk.toml as in the demo's; an office that names none leaves the field for the officer
to pick instead of keeping the social-insurance office of another branch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.agencies import HOME_AFFAIRS, office_agencies
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.gazetteer import load
from desk_app.groups import AssistContext
from desk_app.groups import death_interlink as group
from desk_app.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def choose_branch(settings: Settings, branch: str) -> dict[str, object] | None:
    """A blank death draft whose benefit is of ``branch``: its deciding agency."""
    draft = group.blank(settings)
    draft["ui"] = group.ui_defaults(settings)
    draft["declarations"]["benefit"]["branch"] = branch
    group.derive(draft, ("benefit", "branch"), AssistContext(settings, load()))
    agency: dict[str, object] | None = draft["declarations"]["agencies"]["benefit_agency"]
    return agency


@pytest.mark.parametrize("where", ["sample", "demo"])
def test_the_merit_branch_is_decided_by_the_office_s_home_affairs_department(
    where: str, tmp_path: Path
) -> None:
    config = REPO / "desk.toml" if where == "sample" else make_demo(tmp_path / "demo")
    settings = load_config(config, env={}).settings
    home = settings.office.agencies.home_affairs
    assert home is not None and home.name == "Sở Nội vụ thành phố Hà Nội"
    assert choose_branch(settings, "merit") == {
        "code": home.code,
        "name": home.name,
        "commune_code": None,  # a provincial department, not a commune's agency
    }
    assert [a.name for a in office_agencies(settings) if a.role == HOME_AFFAIRS] == [home.name]
    # Back to social insurance: its office again.
    insurance = settings.office.agencies.social_insurance
    assert choose_branch(settings, "social_insurance") == {
        "code": insurance.code,
        "name": insurance.name,
        "commune_code": None,
    }


def test_an_office_without_one_leaves_the_merit_agency_to_the_officer(tmp_path: Path) -> None:
    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    agencies = settings.office.agencies.model_copy(update={"home_affairs": None})
    office = settings.office.model_copy(update={"agencies": agencies})
    bare = settings.model_copy(update={"office": office})
    assert choose_branch(bare, "merit") is None
    assert all(a.role != HOME_AFFAIRS for a in office_agencies(bare))
