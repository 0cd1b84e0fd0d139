"""Reading the reference data files of ``data/`` (package ``desk_app.data``).

One place that knows how data files are found and parsed, so every reference module reads
them the same way: TOML through ``tomllib``, CSV with ``#`` comment lines, all text NFC.
Each file is read once per process.
"""

from __future__ import annotations

import csv
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from forms.text import nfc


def data_text(name: str) -> str:
    """The NFC text of a data file."""
    return nfc((files("desk_app.data") / name).read_text(encoding="utf-8"))


@cache
def data_toml(name: str) -> dict[str, Any]:
    """A TOML data file, parsed once."""
    return tomllib.loads(data_text(name))


def parse_csv(text: str) -> list[dict[str, str]]:
    """Rows of a CSV text whose ``#`` lines are comments (where data files cite sources)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@cache
def data_csv(name: str) -> tuple[dict[str, str], ...]:
    """A CSV data file's rows, parsed once."""
    return tuple(parse_csv(data_text(name)))


def group_file(group: str) -> str:
    """The data file describing a procedure group (checklist, times)."""
    return f"group_{group}.toml"


def group_data(group: str) -> dict[str, Any]:
    """A procedure group's data: the registered group's (which may live outside ``data/``),
    else ``data/group_<group>.toml``; KeyError for a group with neither."""
    from desk_app import groups  # the registry reads its groups' files through this module

    found = groups.find(group)
    if found is not None:
        return dict(found.data)
    try:
        return data_toml(group_file(group))
    except FileNotFoundError:
        raise KeyError(f"no procedure group {group!r} in data/") from None
