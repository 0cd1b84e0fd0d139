"""The seam's guard: a procedure group that lives only in test data goes all the way through.

The toy group (``tests/groups/toy/``: its model, its TOML, its definition) is registered by the
test and received like any dossier: chosen on the home screen, typed by keys, saved with F10,
printed (the QR decoded from the rendered page), looked up on the screen's data and by
``desk lookup`` in another process, synced to the real reference central, moved on by central's
simulated agencies and brought back with its references. Nothing outside ``tests/groups/toy``
knows the group: if a generic part of the desk still knew only the birth interlink, this fails.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from desk_app import groups
from desk_app.groups import GroupDefinition
from desk_app.lifecycle import Status
from desk_app.lookup import open_dossier
from desk_app.receipt import render_receipt
from screens.wizard.choose import GroupChooser
from screens.wizard.drafts import DraftsScreen
from screens.wizard.screen import WizardScreen
from tests.groups.toy import definition as toy
from tests.hostile.screen_text import plain
from tests.receipt.conftest import flat, pdf_text, scan_qr
from tests.roundtrip import to_central_and_back
from tests.wizard.conftest import (
    CHIP,
    DRAFTS,
    NEW_DOSSIER,
    open_counter,
    receive_papers,
    save,
)

REPO = Path(__file__).resolve().parents[2]
AS_THU = ("--as", "thu")


@pytest.fixture
def toy_group() -> Iterator[GroupDefinition]:
    """The toy group registered for one test, and removed after it."""
    group = toy.install()
    yield group
    toy.remove()


def toy_key() -> str:
    """The chooser's number key of the toy group (registered after the shipped groups)."""
    return str([g.kind for g in groups.registered()].index(toy.GROUP.kind) + 1)


def desk_lookup(config: Path, code: str) -> subprocess.CompletedProcess[str]:
    """`desk lookup CODE` in its own process, which learns the toy group from DESK_GROUPS."""
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "lookup", code, *AS_THU],
        input="motcua2026\n",
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "COLUMNS": "160",
            "PYTHONIOENCODING": "utf-8",
            groups.ENV: "tests.groups.toy.plugin",
        },
        cwd=REPO,
        timeout=60,
    )


async def test_a_group_from_test_data_goes_from_keys_to_central_and_back(
    toy_group: GroupDefinition, tmp_path: Path
) -> None:
    async for c in open_counter(tmp_path):
        officer = c.officer
        # Several groups: the home key asks which; the toy group is the last one listed.
        await officer.press(NEW_DOSSIER)
        await c.settle()
        assert isinstance(c.app.screen, GroupChooser)
        await officer.press(toy_key())
        await c.settle()
        assert c.wizard.group is toy_group
        assert "Người yêu cầu" in str(c.wizard.query_one("#step-bar").render())
        # The requester from a chip card, a relative; then the toy's own page.
        await officer.press("f2")
        await officer.scan(CHIP)
        await c.settle()
        await officer.type("than thich")
        await officer.press("enter")
        await officer.fill("0912345678")
        assert c.wizard.current == "subject"
        await officer.fill("Lê Văn Thử")
        await officer.fill("02031950")
        assert c.wizard.current == "review"
        review = plain(c.wizard.query_one("#review-body", Static).content)
        assert "Người được cấp trích lục" in review and "Lê Văn Thử" in review
        await officer.press("enter")  # the toy's checklist, from its TOML
        assert c.wizard.current == "attachments"
        await receive_papers(c)
        await save(c)  # delivery as defaulted, the confirmation, F10
        assert c.wizard.current == "finish", c.wizard.query_one("#status").render()
        [row] = c.desk.store.search("le van thu")
        settings = c.desk.settings
    config = tmp_path / "demo" / "desk.toml"

    # Stored as the toy group, under its subject.
    assert row.procedure_group == "toy_extract" and row.status is Status.RECEIVED
    assert row.subject_name == "Lê Văn Thử"
    assert row.declarations["declarations"]["subject"]["date_of_birth"] == "1950-03-02"

    # The receipt: the toy's title, procedures and subject, and a QR that scans to the code.
    pdf = render_receipt(row, settings).pdf
    assert scan_qr(pdf) == [row.code]
    words = flat(pdf_text(pdf, page=1))
    assert "Nhóm thử: cấp trích lục và xác nhận" in words
    assert "Cấp trích lục (thử)" in words and "Xác nhận (thử)" in words
    assert "Người được cấp trích lục" in words and "LÊ VĂN THỬ" in words
    assert "Đơn đề nghị cấp trích lục (thử)" in words

    # Central: accepted for the toy group, moved on by its agencies per procedure role.
    with to_central_and_back(tmp_path, row.code) as back:
        progress = back.progress
        assert back.status == "ready" and back.row.status is Status.READY
        assert back.row.done == {"extract", "stamp"}
        assert progress["extract"] and progress["stamp"] is None  # UBND numbers, police not
        # The lookup view, from the store: the toy's procedures and subject.
        detail = open_dossier(back.desk, row.code)
        assert [p.label for p in detail.procedures] == ["Trích lục", "Xác nhận"]
        titles = [s.title for s in detail.sections]
        assert "Người được cấp trích lục" in titles
        assert all(p.done_at is not None for p in detail.procedures)
        assert any(
            e.title == "Đã cấp trích lục" and e.detail == f"số trích lục {progress['extract']}"
            for e in detail.timeline
        )

    # `desk lookup` in a process of its own, which learns the group from DESK_GROUPS.
    printed = desk_lookup(config, row.code)
    assert printed.returncode == 0, printed.stderr
    out = flat(printed.stdout)
    assert "Lê Văn Thử" in out and "Trích lục" in out and "Xác nhận" in out


async def test_a_draft_of_the_toy_group_resumes_as_the_toy_group(
    toy_group: GroupDefinition, tmp_path: Path
) -> None:
    async for c in open_counter(tmp_path):
        await c.officer.press(NEW_DOSSIER, toy_key())  # the toy group, from the chooser
        await c.settle()
        await c.officer.press("escape")  # out from its first page: the draft stays
        await c.settle()
        [draft] = c.desk.store.drafts.list()
        assert draft.procedure_group == "toy_extract"
        await c.officer.press(DRAFTS)
        drafts = c.app.screen
        assert isinstance(drafts, DraftsScreen)
        headings = [str(col.label) for col in drafts.query_one(DataTable).columns.values()]
        assert "Trẻ / Người chết / Người được cấp" in headings  # the subjects of every group
        assert [str(cell) for cell in drafts.query_one(DataTable).get_row_at(0)][4] == (
            "Người yêu cầu"  # where it was left, in the toy page's own words
        )
        await c.officer.press("enter")
        await c.settle()
        assert c.wizard.group is toy_group and c.wizard.current == "requester"
        await c.officer.press("escape")
        await c.settle()
        await c.officer.press(NEW_DOSSIER, "escape")  # the chooser: Esc starts nothing
        await c.settle()
        assert not isinstance(c.app.screen, (GroupChooser, WizardScreen))


def test_every_page_field_of_every_group_names_a_model_field(
    toy_group: GroupDefinition,
) -> None:
    from forms.errors import field_info

    checked = 0
    for group in groups.registered():
        for step in group.pages:
            for spec in step.fields:
                if spec.ui:
                    assert spec.label, (group.kind, spec.path)
                    continue
                assert field_info(group.model, spec.path) is not None, (group.kind, spec.path)
                checked += 1
            if step.model_path is not None:
                assert field_info(group.model, step.model_path) is not None, (group.kind, step.id)
    assert {g.kind for g in groups.registered()} >= {"birth_interlink", "toy_extract"}
    assert checked > 60
