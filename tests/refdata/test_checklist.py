"""The attachment checklist changes with how the requester asks and whether they were verified."""

from __future__ import annotations

import pytest

from desk_app.checklist import FactError, birth_interlink_checklist, checklist, requester_facts
from forms.attachments import (
    AUTHORISATION_LETTER,
    BIRTH_CERTIFICATE,
    CT01_FORM,
    IDENTITY_DOCUMENT,
    RESIDENCE_PROOF,
)


def required(authorised: bool, verified: bool) -> set[str]:
    return {i.id for i in birth_interlink_checklist(authorised, verified) if i.required}


def test_the_five_items_in_portal_order_with_the_ids_forms_records() -> None:
    items = birth_interlink_checklist(False, True)
    assert [i.id for i in items] == [
        AUTHORISATION_LETTER,
        BIRTH_CERTIFICATE,
        IDENTITY_DOCUMENT,
        RESIDENCE_PROOF,
        CT01_FORM,
    ]
    assert all(i.label and i.why for i in items)


def test_a_verified_requester_in_their_own_right_brings_the_certificate_and_ct01() -> None:
    # A parent, a grandparent or a carer: the relation does not matter, authorisation does.
    assert required(False, True) == {BIRTH_CERTIFICATE, CT01_FORM}


def test_a_requester_acting_under_authorisation_needs_the_letter_shown_at_pick_up() -> None:
    assert required(True, True) == {AUTHORISATION_LETTER, BIRTH_CERTIFICATE, CT01_FORM}
    letter = birth_interlink_checklist(True, True)[0]
    assert letter.required and letter.original_at_pickup and letter.copies == 1
    assert not letter.original_handed_in
    assert "theo ủy quyền" in letter.why


def test_the_facts_come_from_what_the_officer_recorded_not_the_relation() -> None:
    grandmother = {"relation": "grandmother", "verified": True}
    assert requester_facts({**grandmother, "authorised": False}) == {
        "requester_authorised": False,
        "requester_verified": True,
    }
    assert requester_facts({**grandmother, "authorised": True})["requester_authorised"]
    # Saved before the officer recorded it: a letter received then means authorisation.
    letter = {"items": [{"item": AUTHORISATION_LETTER, "copies": 1, "files": []}]}
    assert requester_facts(grandmother, letter)["requester_authorised"]
    assert not requester_facts(grandmother, {"items": []})["requester_authorised"]


def test_an_unverified_requester_brings_id_and_residence_proof() -> None:
    items = {i.id: i for i in birth_interlink_checklist(False, False)}
    assert required(False, False) == {
        BIRTH_CERTIFICATE,
        IDENTITY_DOCUMENT,
        RESIDENCE_PROOF,
        CT01_FORM,
    }
    assert items[IDENTITY_DOCUMENT].original_at_pickup
    assert not items[RESIDENCE_PROOF].original_at_pickup
    assert "chưa được xác thực" in items[IDENTITY_DOCUMENT].why


def test_items_not_needed_say_why_and_ask_for_nothing() -> None:
    letter = birth_interlink_checklist(False, True)[0]
    assert not letter.required and letter.copies == 0 and not letter.original_at_pickup
    assert "không cần" in letter.why


def test_the_birth_certificate_original_is_handed_in_at_pick_up() -> None:
    items = {i.id: i for i in birth_interlink_checklist(False, False)}
    certificate = items[BIRTH_CERTIFICATE]
    assert certificate.required and certificate.original_at_pickup
    assert certificate.original_handed_in  # handed in, where the ID card is only shown
    assert not items[IDENTITY_DOCUMENT].original_handed_in


@pytest.mark.parametrize(
    "facts",
    [
        {"requester_authorised": False},  # missing fact
        {"requester_authorised": False, "requester_verified": True, "verifed": True},
        {"requester_relation": "grandmother", "requester_verified": True},  # no longer a fact
        {"requester_authorised": "no", "requester_verified": True},  # not a bool
    ],
)
def test_wrong_facts_are_an_error_not_a_different_checklist(facts: dict[str, object]) -> None:
    with pytest.raises(FactError):
        checklist("birth_interlink", facts)


def test_an_unknown_group_is_refused() -> None:
    with pytest.raises(KeyError):
        checklist("no_such_group", {})
