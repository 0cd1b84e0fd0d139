"""Killed mid-dossier (no clean exit), a fresh desk resumes the draft with its fields."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from screens.app import DeskApp
from screens.wizard.screen import WizardScreen
from tests.conftest import FIXED_NOW, signed_in
from tests.notices import Notices
from tests.wizard.conftest import DRAFTS

REPO = Path(__file__).resolve().parents[2]


def kill_mid_dossier(config: Path, tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.wizard.kill_child", str(config), str(ready)], cwd=REPO
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, "the desk process died on its own"
            assert time.monotonic() < deadline, "the desk process never finished typing"
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


async def test_a_killed_desk_resumes_the_draft_where_it_was(tmp_path: Path) -> None:
    config = make_demo(tmp_path / "demo")
    kill_mid_dossier(config, tmp_path)

    desk = signed_in(Desk.open(load_config(config, env={}).settings, clock=lambda: FIXED_NOW))
    app = DeskApp.for_desk(desk)
    notices = Notices()
    try:
        async with app.run_test(
            size=(100, 32), notifications=True, message_hook=notices.hook
        ) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any("đang nhập dở" in m for m in notices.messages)
            await pilot.press(DRAFTS)
            await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            wizard = app.screen
            assert isinstance(wizard, WizardScreen)
            assert wizard.current == "child"
            # The resumed wizard has written its draft again (on showing the page): what it
            # holds is what the desk keeps.
            [draft] = desk.store.drafts.list()
            decl = draft.data["declarations"]
            assert decl["requester"]["full_name"] == "Nguyễn Thị Lan"
            assert decl["requester"]["scanned"] is True
            assert decl["requester"]["relation"] == "mother"
            assert decl["requester"]["phone"] == "0912345678"
            assert decl["child"]["full_name"] == "Trần Minh An"
            assert decl["child"]["date_of_birth"] == "2026-11-15"
            # Focus is back on the field that was in hand, and the editors show the values.
            assert getattr(app.focused, "path", None) == ("child", "sex")
            page = wizard.query_one("#page-child")
            assert page.rows[("child", "full_name")].editor.value == "Trần Minh An"
            assert page.rows[("child", "date_of_birth")].editor.value == "15/11/2026"
    finally:
        desk.close()
