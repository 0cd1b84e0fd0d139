"""The death interlink at the counter: its rules said on the page where they apply, in
Vietnamese, with nothing saved; and the parts the rest of the desk reads through the group (the
agency deciding each asked procedure, when a dossier is ready, the review of what was typed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from central.agencies import procedures_of
from desk_app import groups
from desk_app.config import load_config
from desk_app.lifecycle import Event, IllegalTransition, Status, transition
from screens.wizard.form import FieldRow
from tests.death import keys
from tests.death.corpus import good
from tests.hostile.screen_text import plain
from tests.wizard.conftest import Counter, receive_papers, save


def message_under(c: Counter, path: tuple[str, ...]) -> str:
    """What the current page says under the field at ``path``."""
    pane = c.wizard.query_one(f"#page-{c.wizard.current}")
    for row in pane.query(FieldRow):
        if row.spec.path == path:
            return plain(row.query_one(".field-message", Static).content)
    raise LookupError(path)


async def test_a_death_after_the_receipt_date_is_refused_on_the_death_page(
    counter: Counter,
) -> None:
    c = counter
    await keys.open_death_wizard(c)
    for page in ("agencies", "requester", "deceased"):
        await keys.type_page(c, page, "death_removal")
    assert c.wizard.current == "death"
    # The counter's day is 24/11/2026: a death (and its notice) the day after.
    await keys.death(c, died="25112026", notice_on="25112026")
    await keys.removal(c)
    assert c.wizard.current == "review"
    await c.officer.press("enter")
    await receive_papers(c)
    await save(c)
    assert c.wizard.current == "death"  # sent back where the date is typed
    said = message_under(c, ("death", "date_of_death"))
    assert "sau ngày tiếp nhận hồ sơ (24/11/2026)" in said
    assert c.desk.store.search("le van tu") == []


async def test_a_benefit_needs_the_deceased_s_social_insurance_number(counter: Counter) -> None:
    c = counter
    await keys.open_death_wizard(c)
    for page in ("agencies", "requester", "deceased", "death", "removal"):
        await keys.type_page(c, page, "death_removal_funeral")
    assert c.wizard.current == "benefit"
    await keys.benefit(c, "death_removal_funeral", si_number="01400123")  # 8 digits
    assert c.wizard.current == "benefit"
    said = message_under(c, ("benefit", "social_insurance", "si_number"))
    assert "mã số BHXH gồm đúng 10 chữ số" in said


async def test_the_pages_follow_the_combination_chosen(counter: Counter) -> None:
    c = counter
    await keys.open_death_wizard(c)
    visible = [s.id for s in c.wizard.visible_steps()]
    assert "benefit" not in visible and "removal" in visible
    await keys.agencies(c, "death_removal_funeral_survivor")
    await c.settle()
    visible = [s.id for s in c.wizard.visible_steps()]
    assert "benefit" in visible
    assert c.desk.store.drafts.list()[0].procedure_group == "death_interlink"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "removal-child-head-deceased",
            (("death", "people_committee"), ("residence_removal", "police")),
        ),
        (
            "si-funeral-survivor-monthly-widow",
            (
                ("death", "people_committee"),
                ("residence_removal", "police"),
                ("funeral_allowance", "social_insurance"),
                ("survivor_benefit", "social_insurance"),
            ),
        ),
        (
            "protection-funeral-monthly-allowance",
            (
                ("death", "people_committee"),
                ("residence_removal", "police"),
                ("funeral_allowance", "people_committee"),  # the branch's agency, from data
            ),
        ),
    ],
)
def test_central_plans_the_asked_procedures_by_their_deciding_agency(
    name: str, expected: tuple[tuple[str, str], ...]
) -> None:
    assert procedures_of("death_interlink", good(name)) == expected


def test_a_death_dossier_is_ready_when_a_combination_s_procedures_are_done() -> None:
    two = {"death", "residence_removal"}
    assert transition(
        Status.IN_PROGRESS, Event.READY, group="death_interlink", done=two
    ).status is (Status.READY)
    with pytest.raises(IllegalTransition) as refused:
        transition(Status.IN_PROGRESS, Event.READY, group="death_interlink", done={"death"})
    assert "Xóa thường trú" in str(refused.value)
    with pytest.raises(IllegalTransition):  # no combination is the benefit without removal
        transition(
            Status.IN_PROGRESS,
            Event.READY,
            group="death_interlink",
            done={"death", "funeral_allowance"},
        )
    birth = groups.get("birth_interlink").procedure_ids
    with pytest.raises(IllegalTransition):  # the birth group still needs all three
        transition(Status.IN_PROGRESS, Event.READY, group="birth_interlink", done=birth[:2])


def test_the_draft_follows_the_ticks_and_the_combination(tmp_path: Path) -> None:
    from desk_app.demo import make_demo
    from desk_app.drafting import prepared
    from desk_app.gazetteer import load
    from desk_app.groups import AssistContext
    from desk_app.groups import death_interlink as group

    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    draft = group.blank(settings)
    draft["ui"] = group.ui_defaults(settings)
    decl = draft["declarations"]
    decl["requester"].update(full_name="Lê Văn Nam", id_document={"number": "001080012345"})
    decl["removal"]["head_is_requester"] = True
    group.derive(draft, ("removal", "head_is_requester"), AssistContext(settings, load()))
    assert decl["removal"]["household_head_name"] == "Lê Văn Nam"  # the head is the requester
    assert decl["removal"]["household_head_id"] == "001080012345"
    # The first combination asks for no benefit: the benefit and its rows are left out.
    ready = prepared(draft)["declarations"]
    assert ready["requested"] == ["death", "residence_removal"]
    assert ready["benefit"] is None and ready["agencies"]["benefit_agency"] is None
    assert ready["delivery"]["funeral_allowance"] is None
    # A benefit of the social-protection branch: decided by the commune's People's Committee,
    # the requester receives it (nothing else about the recipient is kept).
    draft["ui"]["combination"] = "death_removal_funeral"
    decl["benefit"]["branch"] = "social_protection"
    decl["benefit"]["recipient"]["full_name"] = "Typed before the tick"
    group.derive(draft, ("benefit", "branch"), AssistContext(settings, load()))
    assert (
        decl["agencies"]["benefit_agency"]["name"] == settings.office.agencies.people_committee.name
    )
    ready = prepared(draft)["declarations"]
    assert ready["requested"] == ["death", "residence_removal", "funeral_allowance"]
    assert ready["benefit"]["social_insurance"] is None and ready["benefit"]["merit"] is None
    assert ready["benefit"]["recipient"] == {"is_requester": True}


async def test_the_pages_name_the_death_groups_own_fields_never_a_bare_key(
    counter: Counter,
) -> None:
    """Parts both groups have (the requester, the results) are named as the death group names
    them: not "… người được khai sinh", not the keys ``death`` or ``method``."""
    c = counter
    await keys.open_death_wizard(c)
    await c.wizard.show_step("requester")
    await c.settle()
    pane = c.wizard.query_one("#page-requester")
    labels = {row.spec.path: row._label for row in pane.query(FieldRow)}
    assert labels[("requester", "relation")] == "Quan hệ với người chết"
    await c.wizard.show_step("delivery")
    await c.settle()
    pane = c.wizard.query_one("#page-delivery")
    headings = [plain(s.content) for s in pane.query(".field-heading").results(Static)]
    assert "Kết quả đăng ký khai tử" in headings
    assert not {"death", "method", "address", "residence_removal"} & set(headings)
    labels = {row.spec.path: row._label for row in pane.query(FieldRow)}
    assert labels[("delivery", "death", "method")] == "Hình thức nhận"
