"""Reconcile the converter's 2025 communes with the official 2025 codes.

`vietnamadminunits` carries the legacy units and the legacy→2025 mapping, but its 2025 side
has its own codes, and for 121 communes they differ from the official list that
`vietnam-provinces` takes from the General Statistics Office (Phường Láng, Hà Nội: 199 vs
the official 187). The desk keeps the official codes, so every converter commune is matched
to an official one *by name*, never by code:

1. an override from ``data/gazetteer_overrides.toml`` (a person's sourced decision) wins;
2. otherwise the identical name in the same province, after NFC, single spaces and one
   tone-mark convention ("Hoà" = "Hòa");
3. otherwise the same folded words in the same province, but only when exactly one official
   and exactly one converter commune of that province fold to them (Xã Văn Lang and Xã Văn
   Lăng both fold to "xa van lang" and are never matched this way).

Whatever is left is reported as unmatched; the index generator refuses to run until each has
an override. Two converter communes landing on one official code is an error, not a choice.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from desk_app.gazetteer.names import identity_name, search_words


@dataclass(frozen=True, slots=True)
class OfficialCommune:
    """A 2025 commune as the official list has it."""

    code: str
    name: str
    province_code: str


@dataclass(frozen=True, slots=True)
class ConverterCommune:
    """A 2025 commune as the converter package has it (its own key, name and province)."""

    key: str
    name: str
    province_code: str


@dataclass(frozen=True, slots=True)
class Override:
    """A sourced decision that the converter's ``name`` in ``province_code`` is ``code``."""

    province_code: str
    name: str
    code: str
    reason: str
    source: str


@dataclass
class Reconciliation:
    """Official code per converter key, how each was found, and what is left over."""

    codes: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    """"override", "exact" or "folded" per converter key."""
    unmatched: list[ConverterCommune] = field(default_factory=list)
    redundant_overrides: list[Override] = field(default_factory=list)
    """Overrides that say what the automatic matching finds anyway: remove them."""


class ReconciliationError(ValueError):
    """The data cannot be reconciled without a person deciding."""


def parse_overrides(text: str) -> list[Override]:
    """Read the overrides file (TOML, ``[[override]]`` tables); every field is required."""
    overrides = []
    for n, entry in enumerate(tomllib.loads(text).get("override", []), start=1):
        missing = {"province", "name", "code", "reason", "source"} - entry.keys()
        if missing:
            raise ReconciliationError(f"override #{n} lacks {sorted(missing)}")
        overrides.append(
            Override(
                province_code=str(entry["province"]),
                name=str(entry["name"]),
                code=str(entry["code"]),
                reason=str(entry["reason"]),
                source=str(entry["source"]),
            )
        )
    return overrides


def _automatic(
    item: ConverterCommune,
    exact: dict[tuple[str, str], str],
    folded: dict[tuple[str, str], str],
    folded_official: Counter[tuple[str, str]],
    folded_converter: Counter[tuple[str, str]],
) -> tuple[str, str] | None:
    """The official code found without a person, and how; None when nothing is safe."""
    code = exact.get((item.province_code, identity_name(item.name)))
    if code is not None:
        return code, "exact"
    words = (item.province_code, search_words(item.name))
    if folded_official[words] == 1 and folded_converter[words] == 1:
        return folded[words], "folded"
    return None


def reconcile(
    converter: Iterable[ConverterCommune],
    official: Iterable[OfficialCommune],
    overrides: Iterable[Override] = (),
) -> Reconciliation:
    """Match every converter commune to an official code, or list it as unmatched."""
    converter = list(converter)
    official = list(official)
    by_code = {o.code: o for o in official}
    exact = {(o.province_code, identity_name(o.name)): o.code for o in official}
    folded = {(o.province_code, search_words(o.name)): o.code for o in official}
    folded_official = Counter((o.province_code, search_words(o.name)) for o in official)
    folded_converter = Counter((c.province_code, search_words(c.name)) for c in converter)

    by_name = {(c.province_code, identity_name(c.name)): c for c in converter}
    chosen: dict[str, Override] = {}
    for override in overrides:
        target = by_code.get(override.code)
        if target is None or target.province_code != override.province_code:
            raise ReconciliationError(
                f"override {override.name!r}: no official code {override.code} "
                f"in province {override.province_code}"
            )
        item = by_name.get((override.province_code, identity_name(override.name)))
        if item is None:
            raise ReconciliationError(
                f"override {override.name!r}: the converter has no such commune "
                f"in province {override.province_code}"
            )
        chosen[item.key] = override

    result = Reconciliation()
    for item in converter:
        found = _automatic(item, exact, folded, folded_official, folded_converter)
        forced = chosen.get(item.key)
        if forced is not None:
            if found is not None and found[0] == forced.code:
                result.redundant_overrides.append(forced)
            result.codes[item.key], result.how[item.key] = forced.code, "override"
        elif found is not None:
            result.codes[item.key], result.how[item.key] = found
        else:
            result.unmatched.append(item)

    taken = Counter(result.codes.values())
    clashes = sorted(code for code, n in taken.items() if n > 1)
    if clashes:
        raise ReconciliationError(f"several converter communes map to official codes {clashes}")
    return result
