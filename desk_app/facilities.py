"""Health facilities for the child's initial health-care registration (TK1-TS).

No maintained package publishes the social-insurance list of facilities, so the desk ships a
small starter list (``data/health_facilities.csv``, names only) and an office extends it with
its own CSV of the same columns, codes included (its path comes from desk.toml through the
caller). The health station of the child's commune, the usual choice for a newborn, is always
offered first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desk_app.agencies import unit_phrase
from desk_app.gazetteer import Commune
from desk_app.options import OptionList
from desk_app.refdata import data_csv, data_toml, parse_csv


@dataclass(frozen=True, slots=True)
class HealthFacility:
    """A facility an officer can pick; ``code`` empty until the office supplies it."""

    name: str
    province_code: str
    code: str = ""


def read_facilities(path: Path) -> list[HealthFacility]:
    """An office's own facility list (CSV: code,name,province; ``#`` lines are comments)."""
    rows = parse_csv(path.read_text(encoding="utf-8"))
    return [HealthFacility(r["name"], r["province"], r.get("code", "")) for r in rows]


def commune_station(commune: Commune) -> HealthFacility:
    """The health station of a commune, named after it."""
    template = data_toml("agencies.toml")["names"]["health_station"]
    name = template.format(unit=unit_phrase(commune.name, commune.kind))
    return HealthFacility(name, commune.province.code)


def facilities_for(
    commune: Commune, office_facilities: Iterable[HealthFacility] = ()
) -> list[HealthFacility]:
    """What the initial-care picker offers for a child of ``commune``, in that order: the
    commune's health station, the office's facilities of that province, the starter list's."""
    province = commune.province.code
    starter = [
        HealthFacility(r["name"], r["province"], r["code"])
        for r in data_csv("health_facilities.csv")
    ]
    own = [f for f in office_facilities if f.province_code == province]
    seen: set[str] = set()
    result = []
    for facility in [
        commune_station(commune),
        *own,
        *(f for f in starter if f.province_code == province),
    ]:
        if facility.name not in seen:
            seen.add(facility.name)
            result.append(facility)
    return result


def facility_options(facilities: Iterable[HealthFacility]) -> OptionList:
    """The facilities as a searchable option list (ids are the names: codes may be empty)."""
    return OptionList(
        "health_facility",
        "Nơi đăng ký khám chữa bệnh ban đầu",
        [(f.name, f.name, (f.code,) if f.code else ()) for f in facilities],
    )
