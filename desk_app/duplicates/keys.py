"""Who a dossier is about, as its group's ``[duplicates]`` keys read it, and when two agree.

Pure functions over saved declarations (the JSON inside a dossier's envelope), so the local
store, central's full records and the dossier being saved are compared the same way. A folded
key (a name) compares through :func:`forms.text.fold`; an exact key (a date, an ID number)
compares the value as saved, spaces and letter case aside. A group declares at least one exact
key (:func:`desk_app.groups.definition._duplicate_keys`), so folding narrows and never decides
alone: "Trần Minh An" born on another day, or of another mother, is another child.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from desk_app.groups.definition import DuplicateKey, GroupDefinition
from forms.text import fold, nfc

WORD = re.compile(r"\w+")
"""A word of a folded name, split the way the search indexes split names."""
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")

Identity = tuple[str, ...]
"""One normalised value per key of the group, in the keys' order."""


def inner(declarations: Mapping[str, Any]) -> Mapping[str, Any]:
    """The declarations themselves, whether given in the dossier's envelope or not."""
    found = declarations.get("declarations")
    return found if isinstance(found, Mapping) else declarations


def value_at(declarations: Mapping[str, Any], path: Sequence[str | int]) -> str | None:
    """The text at ``path`` of the declarations (None when absent, empty or not text)."""
    node: Any = inner(declarations)
    for step in path:
        node = node.get(step) if isinstance(node, Mapping) else None
    if isinstance(node, (int, float)) and not isinstance(node, bool):
        node = str(node)
    if not isinstance(node, str) or not node.strip():
        return None
    return nfc(node.strip())


def folded_words(text: str) -> list[str]:
    """The folded words of a name ("Trần  Minh An" → ["tran", "minh", "an"])."""
    return WORD.findall(fold(text))


def normal(key: DuplicateKey, value: str) -> str:
    """What a key compares: a name's folded words, or the value with spaces and case aside."""
    if key.match == "folded":
        return " ".join(folded_words(value))
    return " ".join(value.split()).upper()


def identity(group: GroupDefinition, declarations: Mapping[str, Any]) -> Identity | None:
    """The normalised key values of a dossier of ``group``; None when one of them is missing
    (the dossier then says too little to be the same person as another)."""
    keys = group.duplicate_keys
    if not keys:
        return None
    values = [value_at(declarations, k.path) for k in keys]
    if any(v is None for v in values):
        return None
    return tuple(normal(k, v) for k, v in zip(keys, values, strict=True) if v is not None)


def shown_values(group: GroupDefinition, declarations: Mapping[str, Any]) -> tuple[str, ...]:
    """The key values as a person reads them (dates as 15/11/2026), "" where absent."""
    return tuple(shown(value_at(declarations, k.path) or "") for k in group.duplicate_keys)


def shown(value: str) -> str:
    """An ISO date as the counter writes it; anything else as saved."""
    day = _ISO_DAY.fullmatch(value)
    return f"{day[3]}/{day[2]}/{day[1]}" if day else value
