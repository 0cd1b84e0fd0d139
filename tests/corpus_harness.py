"""The checks every group's corpus tests share (``tests/data/*.json``), written once.

Each group has a good corpus (dossiers that must validate and round-trip) and a bad one
(patches that must be refused by name, in Vietnamese, with what to do), plus a fuzz test that
plants any value anywhere in a good dossier: it is accepted or refused, never a crash. What a
refusal must look like, how a message must read and where values are planted are the same for
every group, so they live here; each group's test module keeps only what its corpus is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from hypothesis import strategies as st

from forms.errors import FieldMessage

ENGLISH = re.compile(
    r"\b(the|should|must|field|input|value|valid|invalid|error|required|missing|type|"
    r"string|integer|none|null|true|false)\b",
    re.IGNORECASE,
)
"""Words of pydantic's or Python's English that must never reach an officer."""

JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
"""Any JSON-ish value, to plant anywhere in a good dossier."""


def readable(message: str, *, english: bool = False) -> None:
    """Messages are NFC, short enough to sit next to a field, whatever the input was; with
    ``english``, the hint (after the label, which may be an unknown key shown as typed) has
    no English word in it."""
    assert unicodedata.is_normalized("NFC", message)
    assert len(message) < 600
    assert "\x00" not in message and "{" not in message
    if english:
        hint = message.split(": ", 1)[-1]
        assert not ENGLISH.search(hint), message


def assert_refused_by_name(
    errors: Sequence[FieldMessage], expected: dict[str, Any], *, english: bool = False
) -> None:
    """The refusal names ``expected["path"]`` with its label first, and every message says
    what to do ("hãy …") and reads as :func:`readable` asks."""
    found = [e for e in errors if e.path == expected["path"]]
    assert found, [(e.path, e.message) for e in errors]
    for error in found:
        assert error.label == expected["label"]
        assert error.message.startswith(expected["label"])
    for error in errors:
        assert "hãy" in error.hint, error.message
        readable(error.message, english=english)


def leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path in a JSON document, inner nodes included."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaf_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaf_paths(value, (*prefix, i))
    yield prefix


def corpus_paths(documents: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The paths of every document, once each, in a stable order (for ``sampled_from``)."""
    return sorted({p for d in documents for p in leaf_paths(d) if p}, key=str)


def plant(document: Any, path: tuple[Any, ...], value: Any) -> bool:
    """Put ``value`` at ``path`` in ``document``; False when that path does not exist there."""
    node = document
    try:
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return False
    return True
