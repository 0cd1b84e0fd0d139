"""Legacy → current: where an old address is today.

A legacy commune converts through the committed index (no package import, instant). A
free-text old address ("12 Láng Hạ, Phường Láng Hạ, Quận Đống Đa, Hà Nội", accents optional)
is first recognised by `vietnamadminunits`' legacy parser, then converted the same way, by the
legacy code the parser found: the parser is used to *read* text, never to decide the 2025
unit, because its 2025 codes are not the official ones.

The parser costs about 0.4 s to import, so it is imported on first use; a screen can call
:func:`warm_up` from a worker while the officer is still typing. The package's own
converter is not used: for a divided commune it geocodes the street over the network.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from desk_app.gazetteer.index import Gazetteer
from desk_app.gazetteer.model import Conversion
from forms.text import nfc


def convert_legacy_commune(gazetteer: Gazetteer, code: str) -> Conversion:
    """The current commune a legacy commune became (KeyError for an unknown code)."""
    legacy = gazetteer.legacy_commune(code)
    commune = gazetteer.commune(legacy.current_code)
    return Conversion(
        province=commune.province,
        commune=commune,
        also=tuple(gazetteer.commune(c) for c in legacy.also_codes),
        legacy=legacy,
    )


def convert_legacy_district(gazetteer: Gazetteer, code: str) -> Conversion:
    """A legacy district alone: its province, and the special zone an island district became."""
    district = gazetteer.legacy_district(code)
    commune = gazetteer.commune(district.current_code) if district.current_code else None
    return Conversion(
        province=gazetteer.province(district.province.current_code),
        commune=commune,
        legacy=district,
    )


def convert_legacy_province(gazetteer: Gazetteer, code: str) -> Conversion:
    """A legacy province alone: the current province it was merged into."""
    legacy = gazetteer.legacy_province(code)
    return Conversion(province=gazetteer.province(legacy.current_code), commune=None, legacy=legacy)


@cache
def _parser() -> Any:
    from vietnamadminunits.parser import parse_address

    return parse_address


def warm_up() -> None:
    """Import the address parser now (about 0.4 s) so the first conversion is instant."""
    _parser()


def _street(text: str, levels: int) -> str | None:
    """What precedes the recognised unit names: the officer's own words, untouched."""
    parts = [p.strip() for p in text.split(",")]
    kept = parts[: max(len(parts) - levels, 0)]
    return ", ".join(p for p in kept if p) or None


def convert_address(gazetteer: Gazetteer, text: str) -> Conversion | None:
    """Where a free-text legacy address is today, or None when no province is recognised.

    The result names the legacy unit that was recognised (``legacy``) so the officer can see
    what the text was read as before accepting it.
    """
    text = nfc(text).strip()
    if not text:
        return None
    unit = _parser()(text, mode="LEGACY", keep_street=False, level=3)
    try:
        if unit.ward_code:
            found = convert_legacy_commune(gazetteer, unit.ward_code)
            levels = 3
        elif unit.district_code:
            found = convert_legacy_district(gazetteer, unit.district_code)
            levels = 2
        elif unit.province_code:
            found = convert_legacy_province(gazetteer, unit.province_code)
            levels = 1
        else:
            return None
    except KeyError:
        # The parser knows a unit the index does not: the two were built from different
        # package versions. Better no answer than a wrong one.
        return None
    return found._replace(street=_street(text, levels))
