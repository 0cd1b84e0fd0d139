"""The attachment checklist changes with who asks and whether they were verified."""

from __future__ import annotations

import pytest

from desk_app.checklist import FactError, birth_interlink_checklist, checklist
from forms.attachments import (
    AUTHORISATION_LETTER,
    BIRTH_CERTIFICATE,
    CT01_FORM,
    IDENTITY_DOCUMENT,
    RESIDENCE_PROOF,
)


def required(relation: str, verified: bool) -> set[str]:
    return {i.id for i in birth_interlink_checklist(relation, verified) if i.required}


def test_the_five_items_in_portal_order_with_the_ids_forms_records() -> None:
    items = birth_interlink_checklist("mother", True)
    assert [i.id for i in items] == [
        AUTHORISATION_LETTER,
        BIRTH_CERTIFICATE,
        IDENTITY_DOCUMENT,
        RESIDENCE_PROOF,
        CT01_FORM,
    ]
    assert all(i.label and i.why for i in items)


def test_a_verified_parent_brings_only_the_birth_certificate_and_ct01() -> None:
    assert required("father", True) == {BIRTH_CERTIFICATE, CT01_FORM}
    assert required("mother", True) == {BIRTH_CERTIFICATE, CT01_FORM}


def test_a_grandparent_needs_an_authorisation_letter_shown_at_pick_up() -> None:
    assert required("grandmother", True) == {AUTHORISATION_LETTER, BIRTH_CERTIFICATE, CT01_FORM}
    letter = birth_interlink_checklist("grandfather", True)[0]
    assert letter.required and letter.original_at_pickup and letter.copies == 1
    assert "ủy quyền" in letter.why


def test_an_unverified_requester_brings_id_and_residence_proof() -> None:
    items = {i.id: i for i in birth_interlink_checklist("mother", False)}
    assert required("mother", False) == {
        BIRTH_CERTIFICATE,
        IDENTITY_DOCUMENT,
        RESIDENCE_PROOF,
        CT01_FORM,
    }
    assert items[IDENTITY_DOCUMENT].original_at_pickup
    assert not items[RESIDENCE_PROOF].original_at_pickup
    assert "chưa được xác thực" in items[IDENTITY_DOCUMENT].why


def test_items_not_needed_say_why_and_ask_for_nothing() -> None:
    letter = birth_interlink_checklist("father", True)[0]
    assert not letter.required and letter.copies == 0 and not letter.original_at_pickup
    assert "không cần" in letter.why


def test_the_birth_certificate_original_is_handed_in_at_pick_up() -> None:
    certificate = birth_interlink_checklist("guardian", False)[1]
    assert certificate.required and certificate.original_at_pickup


@pytest.mark.parametrize(
    "facts",
    [
        {"requester_relation": "mother"},  # missing fact
        {"requester_relation": "mother", "requester_verified": True, "verifed": True},
        {"requester_relation": "uncle", "requester_verified": True},  # not a relation id
        {"requester_relation": "mother", "requester_verified": "yes"},  # not a bool
    ],
)
def test_wrong_facts_are_an_error_not_a_different_checklist(facts: dict[str, object]) -> None:
    with pytest.raises(FactError):
        checklist("birth_interlink", facts)


def test_an_unknown_group_is_refused() -> None:
    with pytest.raises(KeyError):
        checklist("death_interlink", {})
