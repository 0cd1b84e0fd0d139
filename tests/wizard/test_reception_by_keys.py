"""A whole dossier entered by keystrokes alone, from the home screen to the saved record."""

from __future__ import annotations

from desk_app.lifecycle import Status
from screens.wizard.screen import WizardScreen
from tests.wizard.conftest import CHIP, Counter


async def test_reference_dossier_by_keys(counter: Counter) -> None:
    app, pilot, desk, officer = counter.app, counter.pilot, counter.desk, counter.officer
    await officer.press("n")
    assert isinstance(app.screen, WizardScreen)
    wizard: WizardScreen = app.screen
    await officer.press("enter")  # agencies: the office's own, both parents known
    assert wizard.current == "requester"

    await officer.press("f2")
    await officer.scan(CHIP)
    await app.workers.wait_for_complete()
    await pilot.pause()
    requester = wizard.data["declarations"]["requester"]
    assert requester["full_name"] == "Nguyễn Thị Lan" and requester["scanned"] is True
    await officer.type("me")  # relation: mẹ
    await officer.press("enter")
    await officer.fill("0912345678")
    # Optional email skipped by Enter: the page is checked and the child's page opens.
    assert wizard.current == "child", wizard.query_one("#status").render()

    await officer.fill("Trần Minh An")
    await officer.fill("15112026")
    await officer.type("nam")
    await officer.press("enter")
    await officer.fill("Bệnh viện Phụ sản Hà Nội")
    await officer.fill("Số 929 đường La Thành")
    await officer.fill("1234/GCS")
    assert wizard.current == "mother"
    # The requester is the mother: her page is already filled from the scan.
    await officer.press("enter")
    assert wizard.current == "father", (
        wizard.query_one("#status").render(),
        wizard.data["declarations"]["mother"],
    )
    await officer.fill("Trần Văn Bình")
    await officer.fill("01071990")
    await officer.fill("001090054321")
    await officer.fill("Số 12 ngõ 34 phố Láng")
    assert wizard.current == "residence"
    await officer.fill("Trần Văn Bình")
    await officer.fill("001090054321")
    await officer.press("f7")  # the mother's address
    await officer.press("enter")
    assert wizard.current == "insurance"
    await officer.type("Trạm Y tế phường Láng")
    await officer.press("enter")
    assert wizard.current == "review"
    await officer.press("enter")
    assert wizard.current == "attachments"
    # Not verified (no central here): ID copy and residence proof are required as well.
    for _ in range(4):
        await officer.press("down", "space")
    await officer.press("enter")
    assert wizard.current == "delivery"
    await officer.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert wizard.current == "finish", wizard.query_one("#status").render()

    [row] = desk.store.search("tran minh an")
    assert row.status is Status.RECEIVED
    saved = row.declarations["declarations"]
    assert saved["child"]["full_name"] == "Trần Minh An"
    assert saved["child"]["date_of_birth"] == "2026-11-15"
    assert saved["child"]["sex"] == "male"
    assert saved["mother"]["full_name"] == "Nguyễn Thị Lan"
    assert saved["mother"]["id_document"]["number"] == "001194012345"
    assert saved["father"]["date_of_birth"] == "1990-07-01"
    assert saved["requester"]["relation"] == "mother"
    assert saved["requester"]["residence"]["address"]["legacy_text"].startswith("Số 12 ngõ 34")
    assert saved["residence"]["address"] == saved["mother"]["residence"]["address"]
    assert saved["insurance"]["facility_name"] == "Trạm Y tế phường Láng"
    assert desk.store.drafts.list() == []
    print(f"keystrokes: {officer.counted}")
    assert officer.counted <= 60
