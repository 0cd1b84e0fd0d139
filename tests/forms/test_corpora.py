"""The corpora: every good dossier validates and round-trips; every bad input is refused by name."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.dossier import Dossier, DossierRejected, receive
from forms.chip_qr import LABEL, ScanError, parse_chip_qr
from tests.forms.corpus import RECEIVED, bad_inputs, expand, good_dossiers, patched

GOOD = good_dossiers()
BAD = bad_inputs()


def test_the_corpora_are_as_large_as_promised():
    assert len(BAD) >= 150
    cases = {e["dossier"]["declarations"]["agencies"]["birth_case"] for e in GOOD}
    residence = [e["dossier"]["declarations"]["agencies"]["residence_case"] for e in GOOD]
    assert cases == {
        "both_parents",
        "mother_unknown",
        "father_unknown",
        "parents_unknown",
        "abandoned",
    }
    for case in cases:
        assert (
            sum(e["dossier"]["declarations"]["agencies"]["birth_case"] == case for e in GOOD) >= 3
        )
    assert all(residence.count(r) >= 2 for r in set(residence)) and len(set(residence)) == 7


@pytest.mark.parametrize("entry", GOOD, ids=[e["name"] for e in GOOD])
def test_good_dossier_validates_and_round_trips_unchanged(entry):
    dossier, notices = receive(entry["dossier"], date.fromisoformat(entry["received_on"]))
    dumped = dossier.model_dump(mode="json")
    assert dumped == entry["dossier"]
    assert Dossier.model_validate_json(json.dumps(dumped)).model_dump(mode="json") == dumped
    assert Dossier.model_validate_json(dossier.model_dump_json()) == dossier
    assert sorted(n.path for n in notices) == entry["warnings"]


@pytest.mark.parametrize("entry", BAD, ids=[e["id"] for e in BAD])
def test_bad_input_is_refused_with_a_message_naming_the_field(entry):
    if entry["kind"] == "chip_qr":
        today = date.fromisoformat(entry["today"]) if "today" in entry else None
        with pytest.raises(ScanError) as caught:
            parse_chip_qr(expand(entry["payload"]), today=today)
        assert caught.value.code == entry["expect"]
        assert caught.value.message.startswith(f"{LABEL}: ")
        assert "hãy" in caught.value.message
        _readable(caught.value.message)
        return
    with pytest.raises(DossierRejected) as caught:
        receive(patched(entry), RECEIVED)
    expected = entry["expect"]
    found = [e for e in caught.value.errors if e.path == expected["path"]]
    assert found, [(e.path, e.message) for e in caught.value.errors]
    for error in found:
        assert error.label == expected["label"]
        assert error.message.startswith(expected["label"])
    for error in caught.value.errors:
        assert "hãy" in error.hint, error.message
        _readable(error.message)


def _readable(message: str) -> None:
    """Messages are NFC and short enough to sit next to a field, whatever the input was."""
    assert unicodedata.is_normalized("NFC", message)
    assert len(message) < 600
    assert "\x00" not in message and "{" not in message


def _leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaf_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaf_paths(value, (*prefix, i))
    yield prefix


_PATHS = sorted({p for e in GOOD for p in _leaf_paths(e["dossier"]) if p}, key=str)
_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(GOOD), st.sampled_from(_PATHS), _JUNK)
def test_any_value_anywhere_is_accepted_or_refused_never_crashes(entry, path, junk):
    data = json.loads(json.dumps(entry["dossier"]))
    node = data
    try:
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = junk
    except (KeyError, IndexError, TypeError):
        return  # that path does not exist in this dossier
    try:
        receive(data, RECEIVED)
    except DossierRejected as exc:
        assert exc.errors and all(e.label and "hãy" in e.hint for e in exc.errors)
