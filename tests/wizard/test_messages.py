"""The wizard's pages and workers reach the screen only through messages.

Each test presses what the officer presses, captures the messages the app dispatches
(``run_test(message_hook=...)``) and checks both the message the page or worker posted and
what the officer then sees (the page shown, the checklist, the finish page) or what the desk
stored (the draft as the store keeps it, the saved dossier). A page that reached into the
screen instead of posting, or a worker that called back into it, fails here: its message is
never seen.
"""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from desk_app import groups
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.groups.birth_interlink import COPIES
from desk_app.sync.verify import VerificationStatus
from screens.app import DeskApp
from screens.receipt_actions import ReceiptActions
from screens.wizard.choose import GroupChooser
from screens.wizard.inbox import InboxDialog
from screens.wizard.messages import (
    AttachmentsChanged,
    FileRefused,
    FileStored,
    Finished,
    JumpTo,
    NextPage,
    PrintReceipt,
    Received,
    Refused,
    Verified,
)
from screens.wizard.screen import WizardScreen
from tests.conftest import FIXED_NOW, signed_in
from tests.hostile.screen_text import plain, shown
from tests.scans import pdf
from tests.sync.conftest import for_central
from tests.wizard.test_snapshots import app_for, reference

REPO = Path(__file__).resolve().parents[2]
M = TypeVar("M", bound=Message)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = load_config(make_demo(tmp_path / "demo"), env={}).settings
    # Nothing listens there: verification answers "offline" at once, sync rounds fail quietly.
    settings = for_central(settings, "http://127.0.0.1:9")
    opened = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    yield opened
    opened.close()


@dataclass
class Wizard:
    """A wizard on a pilot, and every message the app dispatched since it came up."""

    app: DeskApp
    pilot: Pilot[None]
    screen: WizardScreen
    seen: list[Message]

    def posted(self, kind: type[M]) -> list[M]:
        """The messages of ``kind`` (once each: a bubbling message reaches several nodes)."""
        found: dict[int, M] = {}
        for message in self.seen:
            if isinstance(message, kind):
                found.setdefault(id(message), message)
        return list(found.values())

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.pilot.press(key)
        await self.settle()

    async def settle(self) -> None:
        await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    def step_bar(self) -> str:
        return plain(self.screen.query_one("#step-bar", Static).content)

    def stored_draft(self) -> dict[str, Any]:
        """The draft as the desk keeps it (what the drafts list would reopen)."""
        assert self.screen.draft_id is not None
        return dict(self.screen.desk.store.drafts.get(self.screen.draft_id).data)

    def checklist(self) -> DataTable[Any]:
        return self.screen.query_one("#checklist", DataTable)


@asynccontextmanager
async def wizard_on(
    desk: Desk,
    step: str,
    data: dict[str, Any] | None = None,
    group: groups.GroupDefinition | None = None,
) -> AsyncIterator[Wizard]:
    """The wizard open on ``step`` of ``data`` (the reference birth dossier by default)."""
    seen: list[Message] = []
    app = app_for(desk)
    async with app.run_test(size=(100, 32), message_hook=seen.append) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if data is None and group is None:
            data = reference()
        screen = WizardScreen(desk, group, data=data, step=step)
        # Pushed from the app's own task, as a key would: its nodes inherit the message hook.
        app.call_later(app.push_screen, screen)
        wizard = Wizard(app, pilot, screen, seen)
        await wizard.settle()
        seen.clear()
        yield wizard


# -- the review page --------------------------------------------------------------------------


async def test_a_review_key_posts_jump_to_and_the_wizard_shows_that_part(desk: Desk) -> None:
    birth = groups.find("birth_interlink")
    assert birth is not None
    async with wizard_on(desk, "review") as w:
        await w.press("3")
        assert [m.step_id for m in w.posted(JumpTo)] == ["child"]
        assert w.screen.current == "child"
        assert birth.page("child").title in w.step_bar()
        await w.screen.show_step("review")
        await w.settle()
        await w.press("4")  # the parents' part: the first of its pages the case shows
        assert [m.step_id for m in w.posted(JumpTo)] == ["child", "mother"]
        assert birth.page("mother").title in w.step_bar()


async def test_a_review_key_skips_a_page_the_case_does_not_show(desk: Desk) -> None:
    data = reference()
    data["declarations"]["agencies"]["birth_case"] = "mother_unknown"
    async with wizard_on(desk, "review", data) as w:
        await w.press("4")
        assert [m.step_id for m in w.posted(JumpTo)] == ["father"]
        assert w.screen.current == "father"


async def test_enter_on_the_review_posts_next_page_and_the_papers_come_up(desk: Desk) -> None:
    async with wizard_on(desk, "review") as w:
        await w.press("enter")
        assert len(w.posted(NextPage)) == 1
        assert w.screen.current == "attachments"
        assert "Giấy tờ" in w.step_bar()


# -- the attachments page ---------------------------------------------------------------------


async def test_a_paper_unmarked_reaches_the_draft_only_through_a_message(desk: Desk) -> None:
    paper = "birth_certificate"  # required, received in the reference dossier
    async with wizard_on(desk, "attachments") as w:
        row = w.checklist().get_row_index(paper)
        assert str(w.checklist().get_row_at(row)[0]) == "✔"
        w.checklist().move_cursor(row=row)
        await w.press("space")  # received → not received
        [changed] = w.posted(AttachmentsChanged)
        assert next(e for e in changed.items if e["item"] == paper)["copies"] == 0
        assert str(w.checklist().get_row_at(row)[0]) == "✘"
        stored = w.stored_draft()["declarations"]["attachments"]["items"]
        assert next(e for e in stored if e["item"] == paper)["copies"] == 0
        # Enter asks to go on; the wizard checks the papers and stays, saying what is missing.
        await w.press("enter")
        assert len(w.posted(NextPage)) == 1
        assert w.screen.current == "attachments"
        assert "Chưa sang bước sau được" in shown(w.screen)
        w.checklist().move_cursor(row=row)
        await w.press("space", "enter")
        assert len(w.posted(NextPage)) == 2
        assert w.screen.current == "delivery"


async def test_a_scan_is_stored_by_a_worker_whose_result_reaches_the_draft(desk: Desk) -> None:
    folder = desk.settings.paths.scanner_inbox
    scan = folder / "giay-chung-sinh.pdf"
    scan.write_bytes(pdf("birth certificate"))
    async with wizard_on(desk, "attachments") as w:
        item = str(w.checklist().coordinate_to_cell_key((0, 0)).row_key.value)
        await w.press("f")
        assert isinstance(w.app.screen, InboxDialog)
        await w.press("enter")
        [stored] = w.posted(FileStored)
        assert (stored.item_id, stored.source) == (item, scan)
        [changed] = w.posted(AttachmentsChanged)
        assert changed.scans == {stored.sha256: str(scan)}
        assert str(w.checklist().get_row_at(0)[-1]) == "1"  # the "Tệp" column
        draft = w.stored_draft()
        entry = next(e for e in draft["declarations"]["attachments"]["items"] if e["item"] == item)
        assert entry["files"] == [stored.sha256]
        assert draft["ui"]["scans"] == {stored.sha256: str(scan)}


async def test_a_scan_refused_is_said_on_the_page_and_changes_nothing(desk: Desk) -> None:
    folder = desk.settings.paths.scanner_inbox
    (folder / "not-a-scan.pdf").write_bytes(b"this is not a PDF at all")
    async with wizard_on(desk, "attachments") as w:
        before = w.stored_draft()["declarations"]["attachments"]
        await w.press("f", "enter")
        [refused] = w.posted(FileRefused)
        assert refused.message in shown(w.screen)
        assert not w.posted(AttachmentsChanged)
        assert w.stored_draft()["declarations"]["attachments"] == before


# -- saving, the finish page ------------------------------------------------------------------


async def test_f10_saves_in_a_worker_that_posts_received_then_p_and_n_post(desk: Desk) -> None:
    async with wizard_on(desk, "delivery") as w:
        await w.press("f10")
        [received] = w.posted(Received)
        code = received.saved.code
        assert w.screen.current == "finish"
        assert f"Mã hồ sơ: {code}" in shown(w.screen)
        assert desk.store.require(code).code == code
        await w.press("p")
        assert [m.code for m in w.posted(PrintReceipt)] == [code]
        done = w.posted(ReceiptActions.ReceiptDone)
        assert [m.code for m in done] == [code]
        await w.press("n")
        assert [m.new_dossier for m in w.posted(Finished)] == [True]
        assert isinstance(w.app.screen, GroupChooser)  # the next dossier, its group first
        assert w.screen not in w.app.screen_stack


async def test_a_refused_dossier_posts_refused_and_the_error_shows_on_its_page(
    desk: Desk,
) -> None:
    data = reference()
    data["declarations"]["requester"]["phone"] = "12"
    async with wizard_on(desk, "delivery", data) as w:
        await w.press("f10")
        [refused] = w.posted(Refused)
        assert not w.posted(Received)
        assert w.screen.current == "requester"
        assert any(e.loc[-1] == "phone" for e in refused.errors)
        on_screen = shown(w.screen)
        assert any(e.hint in on_screen for e in refused.errors if e.loc[-1] == "phone")
        assert desk.store.search("tran minh an") == []


async def test_verification_is_answered_by_a_message_from_its_worker(desk: Desk) -> None:
    data = reference()
    data["declarations"]["requester"]["verified"] = None
    async with wizard_on(desk, "requester", data) as w:
        await w.press("f3")
        [verified] = w.posted(Verified)
        assert verified.answer.status is VerificationStatus.OFFLINE
        said = [n.notification.message for n in w.posted(Notify)]
        assert verified.answer.message in said
        requester = w.stored_draft()["declarations"]["requester"]
        assert requester["verified"] is False


# -- the copy keys are the group's ------------------------------------------------------------


def copy_keys(screen: WizardScreen) -> dict[str, tuple[str, str]]:
    """The copy keys active on the page shown: key → (footer text, tooltip)."""
    return {
        key: (active.binding.description, active.tooltip)
        for key, active in screen.active_bindings.items()
        if (active.binding.id or "").startswith("wizard.copy")
    }


async def test_the_birth_groups_copy_keys_are_named_by_the_group(desk: Desk) -> None:
    mother, requester = COPIES
    async with wizard_on(desk, "residence") as w:
        keys = copy_keys(w.screen)
        assert keys["f7"] == (mother.label, mother.tooltip)
        assert keys["f8"] == (requester.label, requester.tooltip)
        await w.screen.show_step("child")
        await w.settle()
        assert copy_keys(w.screen)["f7"][0] == mother.label  # its twin: same name elsewhere
        await w.press("f7")
        said = [n.notification.message for n in w.posted(Notify)]
        assert any(mother.tooltip in m and "Đăng ký thường trú (CT01)" in m for m in said), said


async def _settled_draft(w: Wizard) -> dict[str, Any]:
    """The draft's declarations once the page's editors have posted what they hold as they
    came up (an editor normalises its value a moment later on a busy machine: "0" → 0)."""
    w.screen.save_draft()
    before = w.stored_draft()["declarations"]
    for _ in range(10):
        await w.settle()
        w.screen.save_draft()
        now = w.stored_draft()["declarations"]
        if now == before:
            break
        before = now
    return dict(before)


async def test_a_group_without_copies_has_no_copy_keys(desk: Desk) -> None:
    death = groups.find("death_interlink")
    assert death is not None and not death.copies
    async with wizard_on(desk, death.pages[0].id, group=death) as w:
        for page in [p.id for p in death.pages if p.kind == "form"]:
            await w.screen.show_step(page)
            await w.settle()
            assert copy_keys(w.screen) == {}, page
            before = await _settled_draft(w)
            w.seen.clear()
            await w.press("f7", "f8")
            assert not w.posted(Notify), page
            assert w.stored_draft()["declarations"] == before, page


# -- the rule itself ------------------------------------------------------------------------------


async def test_no_page_holds_the_wizard_screen(desk: Desk) -> None:
    """Review, attachments and finish pages, as mounted: nothing of theirs is the screen or
    a method bound to it (what a page shows was handed to it; what it does, it posts)."""
    async with w_reviewed_and_saved(desk) as w:
        pages = list(w.screen.query_one("#pages").children)
        assert {p.id for p in pages} >= {"page-review", "page-attachments", "page-finish"}
        for page in pages:
            for name, value in vars(page).items():
                if name.startswith("_"):
                    continue  # Textual's own
                held = value is w.screen or getattr(value, "__self__", None) is w.screen
                assert not held, (page.id, name)


@asynccontextmanager
async def w_reviewed_and_saved(desk: Desk) -> AsyncIterator[Wizard]:
    """From the review page, Enter to the papers, Enter to the delivery page, F10."""
    async with wizard_on(desk, "review") as w:
        await w.press("enter", "enter", "f10")
        assert w.screen.current == "finish"
        yield w


def _sources(folder: str) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted((REPO / folder).rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_page_names_the_wizard_screen_and_no_worker_calls_back() -> None:
    """Pages get data and post messages; workers post results (ARCHITECTURE.md)."""
    pages = {"review.py", "attachments.py", "finish.py", "form.py", "editors.py"}
    for path, tree in _sources("screens"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr != "call_from_thread", f"{path}:{node.lineno}"
                if path.name in pages:
                    assert node.attr != "wizard", f"{path}:{node.lineno}"
            if path.parent.name == "wizard" and path.name in pages:
                named = isinstance(node, ast.Name) and node.id == "WizardScreen"
                imported = (
                    isinstance(node, ast.ImportFrom) and node.module == "screens.wizard.screen"
                )
                assert not (named or imported), f"{path}:{node.lineno}"
