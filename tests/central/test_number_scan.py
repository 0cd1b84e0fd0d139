"""Central's byte scan before the number walk never misses an unsafe number.

The scan (:func:`central.guards.numbers_may_be_unsafe`) decides whether the dossiers of a
batch are walked for NaN, Infinity and integers beyond 2^53 at all; a miss would let such a
number be stored, so the property is checked over generated JSON written every way a
client may write it.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from central.guards import numbers_may_be_unsafe, unsafe_number

UNSAFE = st.one_of(
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.integers(min_value=2**53, max_value=10**40),
    st.integers(max_value=-(2**53), min_value=-(10**40)),
)
SAFE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
VALUES = st.recursive(
    st.one_of(SAFE, UNSAFE),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(value=VALUES, indent=st.sampled_from([None, 0, 1, "\t", " \r\n "]), ascii_=st.booleans())
def test_every_unsafe_number_however_written_is_caught_by_the_scan(
    value: Any, indent: int | str | None, ascii_: bool
) -> None:
    if unsafe_number(value, "v") is None:
        return
    for separators in ((",", ":"), (", ", ": "), (" ,\n", " :\t")):
        body = json.dumps(
            {"dossiers": [{"declarations": value}]},
            indent=indent,
            separators=separators,
            ensure_ascii=ascii_,
            allow_nan=True,
        ).encode()
        assert numbers_may_be_unsafe(body), body
