"""A death-interlink dossier of each allowed combination, from the counter's keys to central and
back: chosen on the home screen, typed page by page, saved with F10, printed (procedures,
checklist, statutory time and appointment of the combination; the QR decoded), synced to the
real reference central, moved on by its simulated agencies (each procedure by the agency of
its role, the benefit by its branch's) and shown at the counter with the group's progress
titles and reference labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from central.agencies import Simulation
from desk_app.lifecycle import Status
from desk_app.lookup import open_dossier
from desk_app.receipt import render_receipt
from screens.wizard.choose import GroupChooser
from tests.death import keys
from tests.hostile.screen_text import plain
from tests.receipt.conftest import flat, pdf_text, scan_qr
from tests.roundtrip import to_central_and_back
from tests.wizard.conftest import NEW_DOSSIER, Counter, open_counter, receive_papers, save

CALM = Simulation(supplement_rate=0.0, refuse_rate=0.0)
"""Agencies that decide every dossier (the random supplement requests are other tests')."""

COMBINATIONS = {
    # combination: (procedures, pages typed, its statutory time, the appointment's day)
    "death_removal": (
        ("death", "residence_removal"),
        ["agencies", "requester", "deceased", "death", "removal"],
        "03 ngày làm việc (05 ngày làm việc nếu phải xác minh)",
        "ngày 30 tháng 11 năm 2026",  # counted from Wed 25/11: 3 working days
    ),
    "death_removal_funeral": (
        ("death", "residence_removal", "funeral_allowance"),
        ["agencies", "requester", "deceased", "death", "removal", "benefit"],
        "11 ngày làm việc (13 ngày làm việc nếu phải xác minh)",
        "ngày 10 tháng 12 năm 2026",  # counted from Wed 25/11: 11 working days
    ),
    "death_removal_funeral_survivor": (
        ("death", "residence_removal", "funeral_allowance", "survivor_benefit"),
        ["agencies", "requester", "deceased", "death", "removal", "benefit"],
        "11 ngày làm việc (13 ngày làm việc nếu phải xác minh)",
        "ngày 10 tháng 12 năm 2026",
    ),
}

LABELS = {
    "death": "Đăng ký khai tử",
    "residence_removal": "Xóa đăng ký thường trú",
    "funeral_allowance": "Giải quyết trợ cấp mai táng phí",
    "survivor_benefit": "Giải quyết trợ cấp tử tuất",
}
SHORT = {
    "death": "Đăng ký khai tử",
    "residence_removal": "Xóa thường trú",
    "funeral_allowance": "Mai táng phí",
    "survivor_benefit": "Trợ cấp tử tuất",
}


def messages_on(c: Counter) -> list[str]:
    """What the page says under its fields (why Enter did not move on)."""
    from screens.wizard.form import FieldRow

    return [
        f"{row.spec.path}: {plain(row.query_one('.field-message', Static).content)}"
        for row in c.wizard.query(FieldRow)
        if row.has_class("-invalid")
    ] + [f"focus: {c.app.focused}"]


@pytest.mark.parametrize("combination", list(COMBINATIONS))
async def test_a_death_dossier_goes_from_keys_to_central_and_back(
    combination: str, tmp_path: Path
) -> None:
    procedures, pages, days, due = COMBINATIONS[combination]
    async for c in open_counter(tmp_path):
        await c.officer.press(NEW_DOSSIER)
        await c.settle()
        assert isinstance(c.app.screen, GroupChooser)
        await c.officer.press(keys.death_key())
        await c.settle()
        assert c.wizard.group.kind == "death_interlink"
        seen = []
        for page in ("agencies", "requester", "deceased", "death", "removal", "benefit"):
            if c.wizard.current != page:
                continue
            seen.append(page)
            await keys.type_page(c, page, combination)
            await c.settle()
            assert c.wizard.current != page, (page, messages_on(c))
        assert seen == pages
        assert c.wizard.current == "review"
        await c.officer.press("enter")
        assert c.wizard.current == "attachments"
        await receive_papers(c)
        await save(c)
        assert c.wizard.current == "finish", c.wizard.query_one("#status").render()
        [row] = c.desk.store.search("le van tu")
        settings = c.desk.settings

    saved = row.declarations["declarations"]
    assert row.procedure_group == "death_interlink" and row.status is Status.RECEIVED
    assert row.subject_name == keys.DECEASED
    assert tuple(saved["requested"]) == procedures
    assert saved["deceased"]["date_of_birth"] == "1940"
    assert saved["death"]["date_of_death"] == "2026-11-20"
    assert saved["removal"]["household_head_name"] == keys.HEAD
    assert saved["removal"]["relation_to_head"] == "father"
    benefit = saved["benefit"]
    if "funeral_allowance" in procedures:
        assert benefit["branch"] == "social_insurance"
        assert benefit["social_insurance"]["si_number"] == keys.SI_NUMBER
        assert benefit["social_protection"] is None and benefit["merit"] is None
    else:
        assert benefit is None and saved["delivery"]["funeral_allowance"] is None

    # The receipt: the group, exactly the procedures asked for, the checklist, the time.
    pdf = render_receipt(row, settings).pdf
    assert scan_qr(pdf) == [row.code]
    words = flat(pdf_text(pdf, page=1))
    assert "Liên thông đăng ký khai tử, xóa đăng ký thường trú" in words
    for procedure, label in LABELS.items():
        assert (label in words) is (procedure in procedures), label
    assert "Người chết" in words and "LÊ VĂN TƯ" in words
    assert "Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử" in words
    assert "Giấy tờ tùy thân của người yêu cầu" in words  # not verified
    assert f"Thời gian giải quyết hồ sơ theo quy định: {days}" in words, words
    assert f"Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, {due}" in words

    # Central: accepted, each asked procedure decided by its agency, the dossier ready.
    with to_central_and_back(tmp_path, row.code, simulation=CALM) as back:
        progress = back.progress
        assert back.status == "ready" and back.row.status is Status.READY
        assert back.row.done == set(procedures)
        assert set(progress) == set(procedures)
        assert progress["death"]  # the People's Committee numbers its register
        assert progress["residence_removal"] is None  # the police issue no number
        # The lookup view: the asked procedures, done, with the group's titles.
        detail = open_dossier(back.desk, row.code)
        assert [p.label for p in detail.procedures] == [SHORT[p] for p in procedures]
        assert all(p.done_at is not None for p in detail.procedures)
        requester = dict(next(s for s in detail.sections if s.title == "Người yêu cầu").lines)
        assert requester["Quan hệ với người chết"] == "Con"  # the group's own list, labelled
        titles = {e.title: e.detail for e in detail.timeline}
        assert titles["Đã đăng ký khai tử"] == f"số Trích lục khai tử {progress['death']}"
        assert "Đã xóa đăng ký thường trú" in titles
        if "funeral_allowance" in procedures:
            assert titles["Đã giải quyết trợ cấp mai táng"] == (
                f"số Quyết định {progress['funeral_allowance']}"
            )
        assert ("Đã giải quyết trợ cấp tử tuất" in titles) is ("survivor_benefit" in procedures)
