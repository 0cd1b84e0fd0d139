"""Generate ``data/gazetteer.tsv``, the compact index the desk reads at start-up.

Run ``python -m desk_app.gazetteer.build`` after upgrading `vietnam-provinces` or
`vietnamadminunits` (``--check`` only compares). A test rebuilds the index from the installed
packages and fails when the committed file differs, so the file can never drift from them.

Sources: current provinces and communes (codes, names, types) from `vietnam-provinces`
(General Statistics Office list); legacy units, province aliases and the legacy→2025 mapping
from `vietnamadminunits`, its 2025 side matched to the official codes by
:mod:`.reconcile` with the sourced overrides in ``data/gazetteer_overrides.toml``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

from desk_app.gazetteer.index import INDEX_NAME
from desk_app.gazetteer.names import display_name, initials, search_words
from desk_app.gazetteer.reconcile import (
    ConverterCommune,
    OfficialCommune,
    Reconciliation,
    ReconciliationError,
    parse_overrides,
    reconcile,
)
from desk_app.gazetteer.sources import Sources, read_sources
from desk_app.refdata import data_text

OVERRIDES_NAME = "gazetteer_overrides.toml"
CITY_PREFIX = "Thành phố "
PROVINCE_PREFIX = "Tỉnh "


def _key(name: str, aliases: Iterable[str] = ()) -> str:
    """Search words of the name, then distinct aliases, separated by " | "."""
    main = search_words(name)
    parts = [main]
    for alias in aliases:
        words = search_words(alias)
        if len(words) >= 2 and words not in parts:
            parts.append(words)
    return " | ".join(parts)


def _province_aliases(full: str, short: str, package_aliases: str | None) -> list[str]:
    """Short name, the package's aliases ("hn", "hcm") and the usual abbreviations.

    Initials of a multi-word short name ("hcm", "cb"); for a city also "tp" + short name and
    "tp" + initials ("tp hue", "tphcm", "tp hcm", "tphn"): "tp" abbreviates "thành phố".
    """
    aliases = [short, *json.loads(package_aliases or "[]")]
    short_initials = initials(short) if len(short.split()) > 1 else ""
    if short_initials:
        aliases.append(short_initials)
    if full.startswith(CITY_PREFIX):
        aliases.append(f"tp {short}")
        if short_initials:
            aliases += [f"tp{short_initials}", f"tp {short_initials}"]
    return aliases


def _ward_key(row: dict[str, Any]) -> str:
    return f"{row['provinceKey']}/{row['wardKey']}"


def _reconcile(src: Sources, overrides_text: str) -> Reconciliation:
    official = [
        OfficialCommune(f"{w['code']:05d}", w["name"], f"{p['code']:02d}")
        for p in src.official
        for w in p["wards"]
    ]
    converter = [
        ConverterCommune(_ward_key(r), r["ward"], r["provinceCode"]) for r in src.converter_current
    ]
    result = reconcile(converter, official, parse_overrides(overrides_text))
    if result.unmatched:
        listed = "; ".join(f"{c.name} ({c.province_code})" for c in result.unmatched)
        raise ReconciliationError(f"unmatched 2025 communes, add overrides for: {listed}")
    return result


def _legacy_targets(src: Sources, codes: dict[str, str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Legacy key → (official code of the main successor, codes of other successors)."""
    targets: dict[str, tuple[str, tuple[str, ...]]] = {}
    for new_province, wards in src.converter_mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                targets[old] = (codes[f"{new_province}/{new_ward}"], ())
    for new_province, olds in src.converter_mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            main = [
                codes[f"{new_province}/{p['newWardKey']}"] for p in parts if p["isDefaultNewWard"]
            ]
            rest = sorted(
                codes[f"{new_province}/{p['newWardKey']}"]
                for p in parts
                if not p["isDefaultNewWard"]
            )
            if len(main) != 1 or old in targets:
                raise ReconciliationError(f"legacy unit {old} has no single main successor")
            targets[old] = (main[0], tuple(rest))
    return targets


def _section(name: str, columns: str, rows: Iterable[Iterable[str]]) -> str:
    lines = [f"@{name}\t{columns}"]
    lines.extend("\t".join(row) for row in rows)
    return "\n".join(lines)


def build_index(src: Sources, overrides_text: str) -> str:
    """The index text for the given sources; deterministic, so it can be compared."""
    codes = _reconcile(src, overrides_text).codes
    aliases = {r["provinceCode"]: r["provinceAlias"] for r in src.converter_current}
    provinces, communes = [], []
    for p in sorted(src.official, key=lambda p: p["code"]):
        code, name = f"{p['code']:02d}", display_name(p["name"])
        full = name if name.startswith(CITY_PREFIX) else PROVINCE_PREFIX + name
        short = full.removeprefix(CITY_PREFIX).removeprefix(PROVINCE_PREFIX)
        key = _key(full, _province_aliases(full, short, aliases.get(code)))
        provinces.append((code, full, short, p["division_type"], key))
        for w in sorted(p["wards"], key=lambda w: w["code"]):
            ward = display_name(w["name"])
            communes.append((f"{w['code']:05d}", ward, w["division_type"], code, _key(ward)))

    new_province_of = {
        old: new for new, olds in src.converter_mapping["DICT_PROVINCE"].items() for old in olds
    }
    current_province = {r["provinceKey"]: r["provinceCode"] for r in src.converter_current}
    targets = _legacy_targets(src, codes)
    legacy_provinces: dict[str, tuple[str, ...]] = {}
    districts: dict[str, tuple[str, ...]] = {}
    legacy_communes = []
    # Ordered by province, then district, so that each province's and each district's units
    # are one contiguous run: the desk restricts a search to a run without scanning the rest.
    order = sorted(
        src.converter_legacy,
        key=lambda r: (r["provinceCode"], r["districtCode"], r["wardCode"] or ""),
    )
    for r in order:
        pcode, dcode = r["provinceCode"], r["districtCode"]
        pname = display_name(r["province"])
        legacy_provinces.setdefault(
            pcode,
            (
                pcode,
                pname,
                display_name(r["provinceShort"]),
                current_province[new_province_of[r["provinceKey"]]],
                _key(pname, _province_aliases(pname, r["provinceShort"], r["provinceAlias"])),
            ),
        )
        target, also = targets[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"]
        dname = display_name(r["district"])
        districts.setdefault(
            dcode,
            (
                dcode,
                dname,
                r["districtType"].lower(),
                pcode,
                "" if r["wardCode"] else target,
                _key(dname),
            ),
        )
        if r["wardCode"]:
            name = display_name(r["ward"])
            legacy_communes.append(
                (
                    r["wardCode"],
                    name,
                    r["wardType"].lower(),
                    dcode,
                    target,
                    ",".join(also),
                    _key(name),
                )
            )

    header = (
        f"# Generated by `python -m desk_app.gazetteer.build`; do not edit by hand.\n"
        f"# Sources: vietnam-provinces {src.official_version} (current units, official codes),\n"
        f"# vietnamadminunits {src.converter_version} (legacy units, aliases,\n"
        f"# legacy→2025 mapping),"
        f" reconciled by name with data/{OVERRIDES_NAME}.\n"
        f"# Keys: folded search words; ' | ' separates aliases."
    )
    sections = [
        header,
        _section("province", "code\tname\tshort_name\tkind\tkey", provinces),
        _section("commune", "code\tname\tkind\tprovince\tkey", communes),
        _section(
            "legacy_province",
            "code\tname\tshort_name\tcurrent\tkey",
            sorted(legacy_provinces.values()),
        ),
        _section(
            "legacy_district",
            "code\tname\tkind\tprovince\tcurrent\tkey",
            districts.values(),
        ),
        _section(
            "legacy_commune",
            "code\tname\tkind\tdistrict\tcurrent\talso\tkey",
            legacy_communes,
        ),
    ]
    return "\n".join(sections) + "\n"


def overrides_text() -> str:
    """The committed overrides file."""
    return data_text(OVERRIDES_NAME)


def main(argv: list[str] | None = None) -> int:
    """Write the index next to the other data files, or only check that it is current."""
    parser = argparse.ArgumentParser(prog="python -m desk_app.gazetteer.build", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only compare, exit 1 if stale")
    parser.add_argument("--output", type=Path, help="where to write (default: the data package)")
    args = parser.parse_args(argv)
    text = build_index(read_sources(), overrides_text())
    target = args.output or Path(str(files("desk_app.data") / INDEX_NAME))
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is stale: run python -m desk_app.gazetteer.build", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
