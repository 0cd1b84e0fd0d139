"""Loading the corpora under ``tests/data/`` and applying a bad entry's patch to its base."""

from __future__ import annotations

import copy
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"
_DELETE = object()


@cache
def load(file: str) -> tuple[dict[str, Any], ...]:
    """The entries of one corpus file under ``tests/data/`` (read once)."""
    return tuple(json.loads((DATA / file).read_text(encoding="utf-8")))


def named(entries: tuple[dict[str, Any], ...], name: str) -> dict[str, Any]:
    """A deep copy of the dossier JSON of the entry called ``name``, safe to modify."""
    for entry in entries:
        if entry["name"] == name:
            return copy.deepcopy(entry["dossier"])
    raise KeyError(name)


def good_dossiers() -> tuple[dict[str, Any], ...]:
    """The good corpus: dossiers in canonical JSON, each with its receipt date and warnings."""
    return load("good_dossiers.json")


def good(name: str) -> dict[str, Any]:
    """A deep copy of one good dossier's JSON, safe to modify."""
    return named(good_dossiers(), name)


RECEIVED = date(2026, 11, 24)
"""The receipt date of every corpus entry (and "today" in these tests)."""


def bad_inputs() -> tuple[dict[str, Any], ...]:
    """The bad corpus: each entry is a scan or a patch to a good dossier, plus what to expect."""
    return load("bad_inputs.json")


def expand(value: Any) -> Any:
    """``{"$repeat": s, "times": n}`` stands for ``s * n`` so 10 MB inputs need no 10 MB file."""
    if isinstance(value, dict) and set(value) == {"$repeat", "times"}:
        return value["$repeat"] * value["times"]
    return value


def _step(node: Any, key: str) -> tuple[Any, Any]:
    return (node, int(key)) if isinstance(node, list) else (node, key)


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Set (or with ``_DELETE`` remove) the value at a dotted path such as ``a.items.0.b``."""
    keys = dotted.split(".")
    node: Any = data
    for key in keys[:-1]:
        parent, k = _step(node, key)
        if isinstance(parent, dict) and parent.get(k) is None:
            parent[k] = {}
        node = parent[k]
    parent, k = _step(node, keys[-1])
    if value is _DELETE:
        del parent[k]
    else:
        parent[k] = value


def patched(entry: dict[str, Any]) -> dict[str, Any]:
    """The base dossier of a bad entry with its ``set`` and ``delete`` applied."""
    return patch(good(entry["base"]), entry)


def patch(data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """``data`` (a base dossier's JSON) with a bad entry's ``delete`` and ``set`` applied."""
    for dotted in entry.get("delete", []):
        set_path(data, dotted, _DELETE)
    for dotted, value in entry.get("set", {}).items():
        set_path(data, dotted, expand(value))
    return data
