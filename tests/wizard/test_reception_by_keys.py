"""A whole dossier entered by keystrokes alone, from the home screen to the saved record."""

from __future__ import annotations

from desk_app.lifecycle import Status
from screens.wizard.screen import WizardScreen
from tests.wizard.conftest import Counter
from tests.wizard.scenario import reference_dossier


async def test_reference_dossier_by_keys(counter: Counter) -> None:
    keys = await reference_dossier(counter)
    wizard = counter.app.screen
    assert isinstance(wizard, WizardScreen)
    assert wizard.current == "finish", wizard.query_one("#status").render()
    desk = counter.desk
    [row] = desk.store.search("tran minh an")
    assert row.status is Status.RECEIVED
    saved = row.declarations["declarations"]
    requester = saved["requester"]
    assert requester["full_name"] == "Nguyễn Thị Lan" and requester["scanned"] is True
    assert requester["relation"] == "mother"
    assert requester["residence"]["address"]["legacy_text"].startswith("Số 12 ngõ 34")
    assert saved["child"]["full_name"] == "Trần Minh An"
    assert saved["child"]["date_of_birth"] == "2026-11-15"
    assert saved["child"]["sex"] == "male"
    assert saved["child"]["birth_certificate_number"] == "1234/GCS"
    assert saved["child"]["home_town"] == "Xã Đông Hội, huyện Đông Anh, Hà Nội"
    assert saved["mother"]["full_name"] == "Nguyễn Thị Lan"
    assert saved["mother"]["id_document"]["number"] == "001194012345"
    assert saved["father"]["date_of_birth"] == "1990-07-01"
    assert saved["residence"]["address"] == saved["mother"]["residence"]["address"]
    assert saved["insurance"]["facility_name"] == "Trạm Y tế phường Láng"
    assert {i["item"] for i in saved["attachments"]["items"] if i["copies"]} == {
        "birth_certificate",
        "identity_document",
        "residence_proof",
        "ct01",
    }
    assert desk.store.drafts.list() == []
    assert keys <= 40, keys  # the confirmation included
