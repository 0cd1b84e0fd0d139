"""The agencies that decide a dossier: for a commune, and the office's own as defaults.

Agencies are named by their role (the keys of desk.toml's ``[office.agencies]``), and each
group's data says which role decides which of its procedures: a commune's People's Committee
(``people_committee``) and police (``police``), a province's social-insurance office
(``social_insurance``, ``data/social_insurance.csv``), a province's Home Affairs department
(``home_affairs``, only as the office names it). Names follow ``data/agencies.toml``.
The office's own agencies, with their QCVN 102:2016/BTTTT codes, come from desk.toml through
the caller and win wherever they apply: they are what the wizard offers first, and the only
agencies whose code the desk knows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from desk_app.gazetteer import Commune, Gazetteer, Province
from desk_app.refdata import data_csv, data_toml

if TYPE_CHECKING:
    from desk_app.settings import Settings

PEOPLE_COMMITTEE, POLICE, SOCIAL_INSURANCE = "people_committee", "police", "social_insurance"
HOME_AFFAIRS = "home_affairs"
"""The provincial Home Affairs department (merit people's benefits, the death interlink)."""
COMMUNE_ROLES = (PEOPLE_COMMITTEE, POLICE)
"""The roles of agencies that serve one commune (the others serve a province)."""


@dataclass(frozen=True, slots=True)
class Agency:
    """A deciding agency: its role, its name, its code when known, where it serves."""

    role: str
    """``people_committee``, ``police``, ``social_insurance`` or ``home_affairs``."""
    name: str
    code: str | None
    """QCVN 102 code (``DDD.DD.DD.LDD``); None for agencies the desk has no code for."""
    province_code: str
    commune_code: str | None = None
    """The commune a commune-level agency serves; None for a provincial office."""


def unit_phrase(name: str, kind: str) -> str:
    """A unit's name as it reads inside an agency's name: "Phường Láng" → "phường Láng"."""
    if name.lower().startswith(kind.lower() + " "):
        return kind.lower() + name[len(kind) :]
    return name


@cache
def _social_insurance() -> dict[str, str]:
    return {row["province"]: row["name"] for row in data_csv("social_insurance.csv")}


def _office(office: Iterable[Agency], role: str, **where: str) -> Agency | None:
    for agency in office:
        if agency.role == role and all(getattr(agency, k) == v for k, v in where.items()):
            return agency
    return None


def commune_agency(commune: Commune, role: str, office: Iterable[Agency] = ()) -> Agency:
    """The People's Committee or the police (``role``) of ``commune``."""
    if role not in COMMUNE_ROLES:
        raise ValueError(f"{role!r} does not serve one commune")
    own = _office(office, role, commune_code=commune.code)
    if own is not None:
        return own
    template = data_toml("agencies.toml")["names"][role]
    return Agency(
        role=role,
        name=template.format(unit=unit_phrase(commune.name, commune.kind)),
        code=None,
        province_code=commune.province.code,
        commune_code=commune.code,
    )


def insurance_agency(province: Province, office: Iterable[Agency] = ()) -> Agency:
    """The social-insurance office serving people living in ``province``."""
    own = _office(office, SOCIAL_INSURANCE, province_code=province.code)
    if own is not None:
        return own
    return Agency(SOCIAL_INSURANCE, _social_insurance()[province.code], None, province.code)


def agencies_for(
    gazetteer: Gazetteer, commune_code: str, office: Iterable[Agency] = ()
) -> dict[str, Agency]:
    """The agency of each role for a person living in ``commune_code``."""
    office = tuple(office)
    commune = gazetteer.commune(commune_code)
    return {
        PEOPLE_COMMITTEE: commune_agency(commune, PEOPLE_COMMITTEE, office),
        POLICE: commune_agency(commune, POLICE, office),
        SOCIAL_INSURANCE: insurance_agency(commune.province, office),
    }


def office_agencies(settings: Settings) -> list[Agency]:
    """The office's own agencies (desk.toml), as the agency lookups take them (the Home
    Affairs department when the office names one)."""
    office = settings.office
    a = office.agencies
    home = (
        [Agency(HOME_AFFAIRS, a.home_affairs.name, a.home_affairs.code, office.province_code)]
        if a.home_affairs is not None
        else []
    )
    return [
        Agency(
            PEOPLE_COMMITTEE,
            a.people_committee.name,
            a.people_committee.code,
            office.province_code,
            office.commune_code,
        ),
        Agency(POLICE, a.police.name, a.police.code, office.province_code, office.commune_code),
        Agency(
            SOCIAL_INSURANCE, a.social_insurance.name, a.social_insurance.code, office.province_code
        ),
        *home,
    ]


def agency_ref(agency: Agency) -> dict[str, Any]:
    """The AgencyRef JSON a picked agency is stored as."""
    return {"code": agency.code, "name": agency.name, "commune_code": agency.commune_code}
