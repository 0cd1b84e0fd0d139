"""Read the two maintained packages into plain rows, for the index generator only.

Nothing here runs when the desk starts: importing `vietnamadminunits` alone costs about
0.4 s (it loads several megabytes of JSON and geometry libraries), which is why the desk
reads the generated index instead. The package files are located with ``find_spec`` and
read directly, so building the index does not import the converter either.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class Sources:
    """Everything the generator needs from the installed packages, as plain Python values."""

    official: list[dict[str, Any]]
    """`vietnam-provinces` nested divisions: provinces with their wards."""
    official_version: str
    converter_current: list[dict[str, Any]]
    """`vietnamadminunits` table ``admin_units`` (2025 side)."""
    converter_legacy: list[dict[str, Any]]
    """`vietnamadminunits` table ``admin_units_legacy``."""
    converter_mapping: dict[str, Any]
    """`vietnamadminunits` ``converter_2025.json``: legacy keys → 2025 keys."""
    converter_version: str


def _rows(db: Path, table: str) -> Iterator[dict[str, Any]]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        for row in conn.execute(f"SELECT * FROM [{table}]"):
            yield dict(row)


def read_sources() -> Sources:
    """Load both packages' data files (a few hundred milliseconds; generator only)."""
    official_dir = _package_dir("vietnam_provinces") / "data"
    converter_dir = _package_dir("vietnamadminunits") / "data"
    official = json.loads((official_dir / "nested-divisions.json").read_text(encoding="utf-8"))
    mapping = json.loads((converter_dir / "converter_2025.json").read_text(encoding="utf-8"))
    db = converter_dir / "dataset.db"
    return Sources(
        official=official,
        official_version=version("vietnam-provinces"),
        converter_current=list(_rows(db, "admin_units")),
        converter_legacy=list(_rows(db, "admin_units_legacy")),
        converter_mapping=mapping,
        converter_version=version("vietnamadminunits"),
    )
