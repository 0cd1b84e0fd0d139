"""Birth cases and requesters that change what the wizard asks."""

from __future__ import annotations

from desk_app.lifecycle import Status
from screens.wizard.editors import BoolEditor
from tests.wizard.conftest import (
    BIRTH,
    CHIP,
    NEW_DOSSIER,
    Counter,
    child,
    field_value,
    receive_papers,
    save,
    scan_requester,
    stored_draft,
)


async def test_father_not_determined_skips_the_father(counter: Counter) -> None:
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH)
    # Agencies: move to the birth case and choose "father not determined".
    await c.officer.press("tab", "tab")
    await c.officer.type("chua xac dinh duoc cha")
    await c.officer.press("enter")
    assert stored_draft(c)["agencies"]["birth_case"] == "father_unknown"
    await c.officer.press("pagedown")
    assert c.wizard.current == "requester"
    await scan_requester(c, "me")
    await child(c)
    assert c.wizard.current == "mother"
    await c.officer.press("enter")
    assert c.wizard.current == "residence"  # no father's page
    await c.officer.fill("Nguyễn Thị Lan")
    await c.officer.fill("001194012345")
    await c.officer.press("f7", "enter")
    await c.officer.type("Trạm Y tế phường Láng")
    await c.officer.press("enter")
    await c.officer.press("enter")  # review
    await receive_papers(c)
    await save(c)
    assert c.wizard.current == "finish", c.wizard.query_one("#status").render()
    [saved] = c.desk.store.search("tran minh an")
    declarations = saved.declarations["declarations"]
    assert declarations["father"] is None
    assert declarations["agencies"]["birth_case"] == "father_unknown"
    assert saved.status is Status.RECEIVED


async def _parents_to_attachments(c: Counter) -> None:
    """Mother and father typed by hand (the requester is neither), then on to the papers."""
    await c.officer.fill("Trần Thị Hoa")
    await c.officer.fill("05051996")
    await c.officer.fill("001196012345")
    await c.officer.fill("Số 12 ngõ 34 phố Láng")
    await c.officer.fill("Trần Văn Bình")
    await c.officer.fill("01071990")
    await c.officer.fill("001090054321")
    await c.officer.fill("Số 12 ngõ 34 phố Láng")
    await c.officer.fill("Trần Văn Bình")
    await c.officer.fill("001090054321")
    await c.officer.press("f7", "enter")
    await c.officer.type("Trạm Y tế phường Láng")
    await c.officer.press("enter", "enter")
    assert c.wizard.current == "attachments"


def _letter_row(c: Counter) -> list[str]:
    table = c.wizard.query_one("#checklist")
    row = [str(cell) for cell in table.get_row_at(0)]
    assert "Văn bản ủy quyền" in row[1]
    return row


async def test_a_grandparent_registering_in_her_own_right_needs_no_letter(
    counter: Counter,
) -> None:
    # Law on Civil Status 2014, art. 15: grandparents register a birth themselves.
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    await scan_requester(c, "ba")
    requester = stored_draft(c)["requester"]
    assert requester["relation"] == "grandmother" and requester["authorised"] is False
    assert field_value(c, ("requester", "authorised")) is False
    await child(c)
    await _parents_to_attachments(c)
    assert _letter_row(c)[2] != "có"  # not required
    await receive_papers(c)  # birth certificate, ID copy, residence proof, CT01
    await save(c)
    assert c.wizard.current == "finish", c.wizard.query_one("#status").render()
    [saved] = c.desk.store.search("tran minh an")
    items = {i["item"] for i in saved.declarations["declarations"]["attachments"]["items"]}
    assert "authorisation_letter" not in items


async def test_a_grandparent_acting_under_authorisation_hands_in_the_letter(
    counter: Counter,
) -> None:
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    await c.officer.press("f2")
    await c.officer.scan(CHIP)
    await c.settle()
    await c.officer.type("ba")
    await c.officer.press("enter")
    # She acts on the parents' authority: the officer records it, next to the relation.
    await c.officer.press("shift+tab")
    assert isinstance(c.app.focused, BoolEditor)
    await c.officer.press("space", "tab")
    await c.officer.fill("0912345678")
    assert field_value(c, ("requester", "authorised")) is True
    assert stored_draft(c)["requester"]["authorised"] is True
    await child(c)
    await _parents_to_attachments(c)
    assert _letter_row(c)[2] == "có"  # required
    # Everything but the authorisation letter: the page says it is missing and stays.
    await receive_papers(c, but="authorisation_letter")
    await c.officer.press("enter")
    assert c.wizard.current == "attachments"
    message = str(c.wizard.query_one("#attach-message").render())
    assert "văn bản ủy quyền" in message.lower()
    assert c.desk.store.search("tran minh an") == []
    # The letter handed in: the dossier is received.
    await receive_papers(c)
    await save(c)
    assert c.wizard.current == "finish"
    [saved] = c.desk.store.search("tran minh an")
    items = {i["item"] for i in saved.declarations["declarations"]["attachments"]["items"]}
    assert "authorisation_letter" in items
