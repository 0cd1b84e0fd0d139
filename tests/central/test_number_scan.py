"""Central's byte scan before the number walk: never misses an unsafe number, and lets a
desk's ordinary batch through without walking it.

The scan (:func:`central.guards.numbers_may_be_unsafe`) decides whether the dossiers of a
batch are walked for NaN, Infinity and integers beyond 2^53 at all; a miss would let such a
number be stored, so the property is checked over generated JSON written every way a
client may write it. Its worth is that a real batch (hashes in hex, IDs and phones as
strings) is not walked: hex hashes hold "3e5" and long runs of digits in most batches.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.sample import complete_dossier
from central.guards import numbers_may_be_unsafe, unsafe_number
from desk_app.store.records import canonical_json, content_hash
from desk_app.store.sync_outbox import Batch, OutgoingDossier
from desk_app.sync.wire import submit_body

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


def test_an_ordinary_batch_is_not_walked_though_its_hashes_look_like_numbers() -> None:
    rng = random.Random(20)
    dossiers = []
    for n in range(200):
        new = complete_dossier(rng)
        declarations = dict(new.declarations)
        shas = tuple(
            (item, f"{rng.getrandbits(256):064x}") for item in ("birth_certificate", "id_copy")
        )
        dossiers.append(
            OutgoingDossier(
                n,
                n,
                f"000.00.01.H26-261124-{1001 + n:04d}",
                content_hash(declarations),
                "birth_interlink",
                "2026-11-24T09:30:00+07:00",
                canonical_json(declarations),
                attachments=shas,
                recorded_hash=content_hash(declarations),
                lookup_code="ABCDEF",
                appointment_at="2026-12-01T09:30:00+07:00",
            )
        )
    body = submit_body(Batch("k", tuple(dossiers)))
    # What the scan used to stop at is there: an exponent-like "3e5" and 16 digits in a row.
    assert re.search(rb"[0-9][eE][0-9]", body) and re.search(rb"[0-9]{16}", body)
    assert not numbers_may_be_unsafe(body)
