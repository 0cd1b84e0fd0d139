"""The agencies that decide a dossier: for a commune, and the office's own as defaults.

For a chosen current commune the birth is registered by its People's Committee and the
permanent residence by its police; the health-insurance card is issued by the province's
social-insurance office (``data/social_insurance.csv``). Names follow ``data/agencies.toml``.
The office's own agencies, with their QCVN 102:2016/BTTTT codes, come from desk.toml through
the caller and win wherever they apply: they are what the wizard offers first, and the only
agencies whose code the desk knows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from desk_app.gazetteer import Commune, Gazetteer, Province
from desk_app.refdata import data_csv, data_toml

BIRTH, RESIDENCE, INSURANCE = "birth", "residence", "insurance"


@dataclass(frozen=True, slots=True)
class Agency:
    """A deciding agency: which procedure, its name, its code when known, where it serves."""

    procedure: str
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


def _office(office: Iterable[Agency], procedure: str, **where: str) -> Agency | None:
    for agency in office:
        if agency.procedure == procedure and all(getattr(agency, k) == v for k, v in where.items()):
            return agency
    return None


def commune_agency(commune: Commune, procedure: str, office: Iterable[Agency] = ()) -> Agency:
    """The birth (People's Committee) or residence (police) agency of ``commune``."""
    if procedure not in (BIRTH, RESIDENCE):
        raise ValueError(f"{procedure!r} is not decided at commune level")
    own = _office(office, procedure, commune_code=commune.code)
    if own is not None:
        return own
    template = data_toml("agencies.toml")["names"][procedure]
    return Agency(
        procedure=procedure,
        name=template.format(unit=unit_phrase(commune.name, commune.kind)),
        code=None,
        province_code=commune.province.code,
        commune_code=commune.code,
    )


def insurance_agency(province: Province, office: Iterable[Agency] = ()) -> Agency:
    """The social-insurance office issuing the card for a child living in ``province``."""
    own = _office(office, INSURANCE, province_code=province.code)
    if own is not None:
        return own
    return Agency(INSURANCE, _social_insurance()[province.code], None, province.code)


def agencies_for(
    gazetteer: Gazetteer, commune_code: str, office: Iterable[Agency] = ()
) -> dict[str, Agency]:
    """The three deciding agencies for a child registered in ``commune_code``."""
    office = tuple(office)
    commune = gazetteer.commune(commune_code)
    return {
        BIRTH: commune_agency(commune, BIRTH, office),
        RESIDENCE: commune_agency(commune, RESIDENCE, office),
        INSURANCE: insurance_agency(commune.province, office),
    }
