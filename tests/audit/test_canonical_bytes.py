"""The audit chain's bytes do not depend on how they are written out.

:func:`desk_app.store.records.canonical_json` calls the C encoder it made once, and
:func:`desk_app.store.audit_chain.event_hash` writes an event's list field by field; both
are quicker ways to the very bytes the standard encoder writes, which migration 5 hashed
every existing chain with. Were they to differ by one byte, every desk's chain would break
at its next event: these properties hold them to the same output for any value.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.store.audit_chain import event_hash
from desk_app.store.records import canonical_json

STANDARD = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
TEXT = st.text(alphabet=st.characters(codec=None), max_size=16)  # surrogates and controls too
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(value=VALUES)
def test_canonical_json_writes_what_the_standard_encoder_writes(value: Any) -> None:
    assert canonical_json(value) == STANDARD.encode(value)


@settings(max_examples=500, deadline=None)
@given(
    prev=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    event_id=st.integers(min_value=1, max_value=2**62),
    at=TEXT,
    officer=TEXT,
    action=TEXT,
    code=st.none() | TEXT,
    detail=VALUES.map(canonical_json),
)
def test_an_events_hash_is_taken_over_the_standard_encoders_bytes(
    prev: str, event_id: int, at: str, officer: str, action: str, code: str | None, detail: str
) -> None:
    content = STANDARD.encode([event_id, at, officer, action, code, detail])
    try:
        expected = hashlib.sha256(f"{prev}\n{content}".encode()).hexdigest()
    except UnicodeEncodeError:  # a lone surrogate cannot be stored, nor hashed either way
        return
    assert event_hash(prev, event_id, at, officer, action, code, detail) == expected
