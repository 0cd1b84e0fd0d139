"""The corpora: every good dossier validates and round-trips; every bad input is refused by name."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.dossier import Dossier, DossierRejected, receive
from forms.chip_qr import LABEL, ScanError, parse_chip_qr
from tests.corpus_harness import JUNK, assert_refused_by_name, corpus_paths, plant, readable
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
        readable(caught.value.message)
        return
    with pytest.raises(DossierRejected) as caught:
        receive(patched(entry), RECEIVED)
    assert_refused_by_name(caught.value.errors, entry["expect"])


_PATHS = corpus_paths([e["dossier"] for e in GOOD])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(GOOD), st.sampled_from(_PATHS), JUNK)
def test_any_value_anywhere_is_accepted_or_refused_never_crashes(entry, path, junk):
    data = json.loads(json.dumps(entry["dossier"]))
    if not plant(data, path, junk):
        return  # that path does not exist in this dossier
    try:
        receive(data, RECEIVED)
    except DossierRejected as exc:
        assert exc.errors and all(e.label and "hãy" in e.hint for e in exc.errors)
