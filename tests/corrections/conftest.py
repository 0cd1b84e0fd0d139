"""Dossiers received at the demo desk for correction tests, on the lookup tests' movable clock."""

from __future__ import annotations

import copy
from typing import Any

from desk_app.store import DossierRow
from tests.lookup.conftest import answered, clock, counter, good, receive

__all__ = ["answered", "clock", "counter", "declarations_of", "good", "receive", "with_change"]


def declarations_of(row: DossierRow) -> dict[str, Any]:
    """A copy of a stored dossier's envelope, to correct."""
    return copy.deepcopy(row.declarations)


def with_change(row: DossierRow, path: str, value: Any) -> dict[str, Any]:
    """The stored envelope with one field of the declarations changed ("requester.phone")."""
    data = declarations_of(row)
    *parents, leaf = path.split(".")
    target = data["declarations"]
    for part in parents:
        target = target[part]
    target[leaf] = value
    return data
