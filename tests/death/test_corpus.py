"""The death corpora: every good dossier validates and round-trips; every bad input is refused
by name, in Vietnamese, with what to do."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.death_interlink import DeathInterlink
from forms.fields import reception_context
from tests.corpus_harness import (
    JUNK,
    assert_refused_by_name,
    corpus_paths,
    plant,
    readable,
)
from tests.death.corpus import RECEIVED, Refused, bad_inputs, good_dossiers, patched, receive

GOOD = good_dossiers()
BAD = bad_inputs()


def _declarations(entry):
    return entry["dossier"]["declarations"]


def test_the_corpora_are_as_large_as_promised():
    assert len(BAD) >= 100
    assert len({e["id"] for e in BAD}) == len(BAD)
    combinations = {tuple(_declarations(e)["requested"]) for e in GOOD}
    assert combinations == {
        ("death", "residence_removal"),
        ("death", "residence_removal", "funeral_allowance"),
        ("death", "residence_removal", "funeral_allowance", "survivor_benefit"),
    }
    branches = [(_declarations(e)["benefit"] or {}).get("branch") for e in GOOD]
    for branch in ("social_insurance", "social_protection", "merit"):
        assert branches.count(branch) >= 2, branch
    # Every good dossier is the base of at least one bad input, and every base exists.
    assert {e["base"] for e in BAD} <= {e["name"] for e in GOOD}


@pytest.mark.parametrize("entry", GOOD, ids=[e["name"] for e in GOOD])
def test_good_dossier_validates_and_round_trips_unchanged(entry):
    model, notices = receive(entry["dossier"], date.fromisoformat(entry["received_on"]))
    dumped = model.model_dump(mode="json")
    assert dumped == _declarations(entry)
    again = DeathInterlink.model_validate_json(json.dumps(dumped))
    assert again.model_dump(mode="json") == dumped
    assert sorted(n.path for n in notices) == entry["warnings"]
    for notice in notices:
        assert notice.severity == "warning" and "hãy" in notice.hint
        readable(notice.message, english=True)


@pytest.mark.parametrize("entry", BAD, ids=[e["id"] for e in BAD])
def test_bad_input_is_refused_with_a_message_naming_the_field(entry):
    with pytest.raises(Refused) as caught:
        receive(patched(entry), RECEIVED)
    assert_refused_by_name(caught.value.errors, entry["expect"], english=True)


_PATHS = corpus_paths([_declarations(e) for e in GOOD])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(GOOD), st.sampled_from(_PATHS), JUNK)
def test_any_value_anywhere_is_accepted_or_refused_never_crashes(entry, path, junk):
    data = json.loads(json.dumps(_declarations(entry)))
    if not plant(data, path, junk):
        return  # that path does not exist in this dossier
    try:
        model, notices = receive({"declarations": data}, RECEIVED)
    except Refused as exc:
        assert exc.errors and all(e.label and "hãy" in e.hint for e in exc.errors)
        for error in exc.errors:
            assert unicodedata.is_normalized("NFC", error.message)
    else:
        # Accepted: it stores, loads back the same, and its warnings are Vietnamese.
        dumped = model.model_dump(mode="json")
        reloaded = DeathInterlink.model_validate(dumped, context=reception_context(RECEIVED))
        assert reloaded.model_dump(mode="json") == dumped
        assert all("hãy" in n.hint for n in notices)
