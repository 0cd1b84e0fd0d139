"""The review page shows everything that will be saved, labelled by the models."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from desk_app.dossier import Dossier
from desk_app.drafting import get_in
from forms.errors import describe
from screens.wizard.screen import WizardScreen
from tests.hostile.screen_text import plain
from tests.wizard.conftest import Counter
from tests.wizard.test_snapshots import reference

HEAD_ID = "001085012345"


async def review_text(c: Counter, data: dict[str, Any]) -> str:
    wizard = WizardScreen(c.desk, data=data, step="review")
    await c.app.push_screen(wizard)
    await c.settle()
    return plain(wizard.query_one("#review-body", Static).content)


async def test_review_shows_every_number_contact_and_verification(counter: Counter) -> None:
    data = reference()
    declarations = data["declarations"]
    declarations["residence"]["household_head_id"] = HEAD_ID
    declarations["requester"]["verified"] = False
    text = await review_text(counter, data)
    for path in [
        ("requester", "id_document", "number"),
        ("requester", "id_document", "issued_by"),
        ("requester", "phone"),
        ("requester", "email"),
        ("mother", "id_document", "number"),
        ("father", "id_document", "number"),
        ("residence", "household_head_id"),
        ("child", "birth_certificate_number"),
        ("child", "home_town"),
        ("insurance", "facility_name"),
    ]:
        value = get_in(declarations, path)
        assert value and value in text, (path, value)
    # The verification result, under the model's own label, and the document kind in words.
    verified, _ = describe(Dossier, ("declarations", "requester", "verified"))
    line = next(line for line in text.splitlines() if verified in line)
    assert "Không" in line
    assert "Căn cước" in text
    # Every declaration has its part, with the key that goes back to it.
    for key, part in [("1", "agencies"), ("2", "requester"), ("6", "insurance")]:
        title, _ = describe(Dossier, ("declarations", part))
        assert f"[{key}] {title}" in text


async def test_a_field_the_model_knows_shows_without_a_review_edit(counter: Counter) -> None:
    """Not a hand-written list: a value of any field in the draft is shown, e.g. the poor
    household certificate, with the model's label."""
    data = reference()
    data["declarations"]["insurance"]["poor_household_number"] = "HN-2026/0042"
    data["declarations"]["insurance"]["poor_household_issued_on"] = "2026-01-05"
    text = await review_text(counter, data)
    label, _ = describe(Dossier, ("declarations", "insurance", "poor_household_issued_on"))
    assert "HN-2026/0042" in text
    assert label in text and "05/01/2026" in text
