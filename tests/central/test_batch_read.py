"""Central's quick read of a batch says exactly what pydantic's read says, or steps aside.

:func:`central.batch_parse.read_batch` reads an honest desk's batch with orjson and checks
each dossier's hash on orjson's canonical text; anything else goes the exact way. These
properties hold it to that: the request it returns is the one ``model_validate_json`` returns,
every canonical text it vouches for is the standard library's and hashes to its dossier's
content hash, the declarations are walked for unsafe numbers whenever they were not checked
on the way, and a body pydantic refuses is refused with pydantic's very errors.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from central.batch_parse import read_batch
from central.guards import unsafe_number
from central.protocol import SubmitRequest, canonical_json, canonical_matching, content_hash

OFFICE = "000.00.01.H26"
SHA = "ab" * 32

NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**53 - 1, 2**53, -(2**53 - 1), -(2**53), 2**64, -(2**63) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e-07, 1e16, 1e22, 5e-324, -0.0, 1.7976931348623157e308]),
)
LEAVES = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=12))
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=16,
)
DECLARATIONS = st.dictionaries(st.text(max_size=8), VALUES, max_size=5)


def _body(
    declarations: list[dict[str, Any]], *, honest: list[bool], ascii_: bool, spaced: bool
) -> bytes:
    dossiers = [
        {
            "code": f"{OFFICE}-261124-{1001 + i:04d}",
            "content_hash": content_hash(d) if ok else SHA,
            "received_at": "2026-11-24T09:30:00+07:00",
            "declarations": d,
        }
        for i, (d, ok) in enumerate(zip(declarations, honest, strict=True))
    ]
    separators = (", ", ": ") if spaced else (",", ":")
    text = json.dumps(
        {"dossiers": dossiers}, ensure_ascii=ascii_, separators=separators, allow_nan=True
    )
    return text.encode("utf-8", "surrogatepass")


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values, NaN included (NaN != NaN as a float)."""
    return json.dumps(a, sort_keys=True, allow_nan=True) == json.dumps(
        b, sort_keys=True, allow_nan=True
    )


@settings(max_examples=300, deadline=None)
@given(
    declarations=st.lists(DECLARATIONS, min_size=1, max_size=3),
    data=st.data(),
    ascii_=st.booleans(),
    spaced=st.booleans(),
)
def test_the_quick_read_returns_what_pydantic_reads_and_vouches_only_for_matching_text(
    declarations: list[dict[str, Any]], data: st.DataObject, ascii_: bool, spaced: bool
) -> None:
    honest = data.draw(st.lists(st.booleans(), min_size=len(declarations), max_size=3))[
        : len(declarations)
    ]
    honest += [True] * (len(declarations) - len(honest))
    body = _body(declarations, honest=honest, ascii_=ascii_, spaced=spaced)
    try:
        expected = SubmitRequest.model_validate_json(body)
    except ValidationError as exc:
        with pytest.raises(ValidationError) as caught:
            read_batch(body)
        assert caught.value.errors() == exc.errors()
        return
    read = read_batch(body)
    assert len(read.request.dossiers) == len(expected.dossiers)
    for got, want in zip(read.request.dossiers, expected.dossiers, strict=True):
        assert got.model_dump(exclude={"declarations"}) == want.model_dump(exclude={"declarations"})
        assert _same(got.declarations, want.declarations)
    unsafe = any(unsafe_number(d.declarations, "v") for d in expected.dossiers)
    if read.canonical is None:
        assert read.walk or not unsafe  # an unsafe number is always walked to
        return
    # Vouched for: no unsafe number can be in it, and each text is the desk's own.
    assert not unsafe and not read.walk
    for text, dossier in zip(read.canonical, expected.dossiers, strict=True):
        assert text == canonical_json(dossier.declarations)
        assert hashlib.sha256(text.encode()).hexdigest() == dossier.content_hash


def test_an_honest_desks_batch_takes_the_quick_read() -> None:
    """The quick way is the way of every ordinary batch (else it spares nothing)."""
    declarations = [
        {"child": {"full_name": "Trần Thị Bé", "weight_grams": 3200}, "sha256": "3e5" * 21},
        {"n": 9007199254740991, "ratio": 0.25, "ok": True, "none": None, "list": [1, "a"]},
    ]
    read = read_batch(_body(declarations, honest=[True, True], ascii_=False, spaced=False))
    assert read.canonical == tuple(canonical_json(d) for d in declarations)
    assert read.walk is False


@pytest.mark.parametrize(
    "declarations",
    [
        {"n": 9007199254740992},  # beyond 2^53 − 1: the walk's to refuse
        {"n": 18446744073709551616},  # beyond 64 bits: orjson would read a float
        {"x": float("nan")},
        {"x": float("inf")},
        {"x": 1e-07},  # orjson writes 1e-7: the standard library decides
    ],
)
def test_numbers_the_quick_read_cannot_vouch_for_go_the_exact_way(
    declarations: dict[str, Any],
) -> None:
    body = _body([declarations], honest=[True], ascii_=False, spaced=False)
    read = read_batch(body)
    assert read.canonical is None
    unsafe = unsafe_number(read.request.dossiers[0].declarations, "v") is not None
    assert read.walk or not unsafe


@settings(max_examples=300, deadline=None)
@given(value=DECLARATIONS)
def test_canonical_matching_is_the_standard_librarys_text_or_nothing(
    value: dict[str, Any],
) -> None:
    text = canonical_json(value)
    try:
        digest = hashlib.sha256(text.encode()).hexdigest()
    except UnicodeEncodeError:  # a lone surrogate: no desk can hash it
        return
    assert canonical_matching(value, digest) == text
    assert canonical_matching(value, SHA) is None


@pytest.mark.parametrize(
    "body",
    [
        b'{"dossiers": [',  # not JSON
        b"\xef\xbb\xbf{}",  # a byte-order mark
        b'{"dossiers": []}',  # too few
        b'{"dossiers": [{"code": 1}]}',  # wrong type, fields missing
        b'{"dossiers": [], "extra": true}',
        b'{"dossiers": [{"code": "x", "content_hash": "ab", "received_at": "2026-11-24",'
        b' "declarations": {"a": "\\ud800"}}]}',  # a lone surrogate, a naive date
        '{"dossiers": [{"code": "\u00e9"}]}'.encode(),
    ],
)
def test_a_body_pydantic_refuses_is_refused_with_pydantics_own_errors(body: bytes) -> None:
    with pytest.raises(ValidationError) as exact:
        SubmitRequest.model_validate_json(body)
    with pytest.raises(ValidationError) as read:
        read_batch(body)
    assert read.value.errors() == exact.value.errors()
