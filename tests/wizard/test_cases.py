"""Birth cases and requesters that change what the wizard asks."""

from __future__ import annotations

from desk_app.lifecycle import Status
from tests.wizard.conftest import Counter, child, scan_requester


async def test_father_not_determined_skips_the_father(counter: Counter) -> None:
    c = counter
    await c.officer.press("n")
    # Agencies: move to the birth case and choose "father not determined".
    await c.officer.press("tab", "tab")
    await c.officer.type("chua xac dinh duoc cha")
    await c.officer.press("enter")
    assert c.wizard.data["declarations"]["agencies"]["birth_case"] == "father_unknown"
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
    for _ in range(4):
        await c.officer.press("down", "space")
    await c.officer.press("enter")  # attachments
    await c.officer.press("enter")  # delivery → finish
    await c.settle()
    assert c.wizard.current == "finish", c.wizard.query_one("#status").render()
    [saved] = c.desk.store.search("tran minh an")
    declarations = saved.declarations["declarations"]
    assert declarations["father"] is None
    assert declarations["agencies"]["birth_case"] == "father_unknown"
    assert saved.status is Status.RECEIVED


async def test_grandparent_requester_is_asked_for_the_authorisation_letter(
    counter: Counter,
) -> None:
    c = counter
    await c.officer.press("n", "enter")
    await scan_requester(c, "ba")
    assert c.wizard.data["declarations"]["requester"]["relation"] == "grandmother"
    await child(c)
    # Mother and father typed by hand: the requester is neither.
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
    table = c.wizard.query_one("#checklist")
    first_row = [str(cell) for cell in table.get_row_at(0)]
    assert "Văn bản ủy quyền" in first_row[1] and first_row[2] == "có"  # required
    # Everything but the authorisation letter: finishing is refused and names it.
    for _ in range(4):
        await c.officer.press("down", "space")
    await c.officer.press("enter", "enter")
    await c.settle()
    assert c.wizard.current == "attachments"
    message = str(c.wizard.query_one("#attach-message").render())
    assert "văn bản ủy quyền" in message.lower()
    assert c.desk.store.search("tran minh an") == []
    # The letter handed in: the dossier is received.
    await c.officer.press("up", "up", "up", "up", "space", "enter", "enter")
    await c.settle()
    assert c.wizard.current == "finish"
    [saved] = c.desk.store.search("tran minh an")
    items = {i["item"] for i in saved.declarations["declarations"]["attachments"]["items"]}
    assert "authorisation_letter" in items
