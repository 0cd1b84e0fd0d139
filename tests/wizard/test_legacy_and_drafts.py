"""The legacy address picker, and the drafts list (resume, discard)."""

from __future__ import annotations

from desk_app.gazetteer import load
from screens.wizard.drafts import DraftsScreen
from screens.wizard.legacy import LegacyDialog
from tests.wizard.conftest import BIRTH, DRAFTS, NEW_DOSSIER, Counter, field_value, stored_draft

ADDRESS = ("requester", "residence", "address")


async def test_old_three_level_address_shows_and_fills_todays_unit(counter: Counter) -> None:
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    wizard = c.wizard
    page = wizard.query_one("#page-requester")
    page.rows[("requester", "residence", "address", "detail")].editor.focus()
    await c.pilot.pause()
    await c.officer.press("f4")
    assert isinstance(c.app.screen, LegacyDialog)
    for query in ("ha noi", "dong da"):
        await c.officer.type(query)
        await c.officer.press("enter")
    await c.officer.type("lang thuong")
    now = str(c.app.screen.query_one("#legacy-now").render())
    assert now.startswith("→ Nay là: Phường")
    await c.officer.press("enter")
    assert c.app.screen is wizard
    legacy = field_value(c, (*ADDRESS, "legacy_text"))
    assert legacy == "Phường Láng Thượng, Quận Đống Đa, Thành phố Hà Nội"
    address = stored_draft(c)["requester"]["residence"]["address"]
    assert address["legacy_text"] == legacy
    commune = load().commune(address["commune_code"])
    assert commune.province.code == "01" and commune.name in now
    assert field_value(c, (*ADDRESS, "commune_code")) == commune.label


async def test_drafts_are_listed_resumed_and_discarded(counter: Counter) -> None:
    c = counter
    await c.officer.press(NEW_DOSSIER, BIRTH, "enter")
    await c.officer.fill("Phạm Văn Đức")
    await c.officer.press("escape", "escape")  # back to agencies, then out: the draft stays
    await c.settle()
    await c.officer.press(DRAFTS)
    drafts = c.app.screen
    assert isinstance(drafts, DraftsScreen)
    assert len(drafts.drafts) == 1
    row = [str(cell) for cell in drafts.query_one("#drafts").get_row_at(0)]
    assert row[3].startswith("PHẠM VĂN ĐỨC")
    await c.officer.press("delete")
    assert "Nhấn Delete lần nữa" in str(drafts.query_one("#drafts-message").render())
    assert len(c.desk.store.drafts.list()) == 1
    await c.officer.press("delete")
    assert c.desk.store.drafts.list() == []
    assert c.desk.store.audit_events()[-1].action == "discard_draft"
