"""desk.toml's ``[keys]`` moves a key: the footer, F1's list, home's hint and the key itself
follow, the old key stops doing it; `desk config check` refuses an unknown id and a clash,
in Vietnamese, naming the id and the key."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.errors import ConfigError
from desk_app.keymap import keymap_problems, parse_keys
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.keymap import catalogue, unhosted
from screens.sign_in import SignInScreen
from screens.wizard.drafts import DraftsScreen
from tests.conftest import FIXED_NOW, signed_in
from tests.hostile.screen_text import shown
from tests.screens.counter import home

REPO = Path(__file__).resolve().parents[2]

MOVED = """
[keys]
home.drafts = "F11"
"app.lock" = "ctrl+l"
"""


def with_keys(folder: Path, keys: str) -> Path:
    """A demo desk whose desk.toml ends with ``keys``."""
    config = make_demo(folder)
    with config.open("a", encoding="utf-8") as handle:
        handle.write(keys)
    return config


@pytest.fixture
def moved_desk(tmp_path: Path) -> Iterator[Desk]:
    """The demo desk with Ctrl+B (drafts) moved to F11 and F12 (lock) to Ctrl+L."""
    settings = load_config(with_keys(tmp_path / "desk", MOVED), env={}).settings
    opened = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    yield opened
    opened.close()


async def test_a_moved_key_shows_and_works_under_its_new_key_only(moved_desk: Desk) -> None:
    async with home(moved_desk) as h:
        footer = " ".join(h.visible().strip().splitlines()[-1].split())  # the bottom row
        assert "f11 Bản nháp" in footer and "^l Khóa" in footer
        assert "^b Bản nháp" not in footer and "f12 Khóa" not in footer
        hint = str(h.app.screen.query_one("#scan-hint", Static).render())
        assert "F11 bản nháp" in hint and "Ctrl+B" not in hint

        await h.pilot.press("f1")
        await h.settle()
        assert isinstance(h.app.screen, HelpScreen)
        listed = " ".join(shown(h.app.screen).split())
        assert "F11 Bản nháp" in listed and "Ctrl+L Khóa" in listed
        assert "Ctrl+B Bản nháp" not in listed and "F12 Khóa" not in listed
        await h.pilot.press("escape")
        await h.settle()

        await h.pilot.press("ctrl+n")  # over a dialog, F1 lists the App's keys itself
        await h.settle()
        await h.pilot.press("f1")
        await h.settle()
        over_dialog = " ".join(shown(h.app.screen).split())
        assert "Ctrl+L Khóa" in over_dialog and "F12 Khóa" not in over_dialog
        for _ in range(2):
            await h.pilot.press("escape")
            await h.settle()
        assert isinstance(h.app.screen, HomeScreen)

        await h.pilot.press("ctrl+b")  # the old keys do nothing any more
        await h.pilot.press("f12")
        await h.settle()
        assert isinstance(h.app.screen, HomeScreen)

        await h.pilot.press("f11")
        await h.settle()
        assert isinstance(h.app.screen, DraftsScreen)
        await h.pilot.press("escape")
        await h.settle()
        await h.pilot.press("ctrl+l")
        await h.settle()
        assert isinstance(h.app.screen, SignInScreen)
        assert h.app.locked


async def test_without_keys_every_key_is_its_own(tmp_path: Path) -> None:
    settings = load_config(make_demo(tmp_path / "desk"), env={}).settings
    desk = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    try:
        async with home(desk) as h:
            hint = str(h.app.screen.query_one("#scan-hint", Static).render())
            assert hint.startswith("Ctrl+N hồ sơ mới · Ctrl+B bản nháp · Ctrl+F tra cứu · F1")
            await h.pilot.press("ctrl+b")
            await h.settle()
            assert isinstance(h.app.screen, DraftsScreen)
    finally:
        desk.close()


def config_check(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "config", "check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "HOME": str(config.parent)},
        timeout=120,
    )


def test_config_check_refuses_a_clash_and_an_unknown_id_naming_each(tmp_path: Path) -> None:
    keys = '\n[keys]\nhome.drafts = "ctrl+n"\nwizard.scann = "f11"\n'
    result = config_check(with_keys(tmp_path / "desk", keys))
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    err = " ".join(result.stderr.split())
    assert "phím trong [keys] không hợp lệ (2 lỗi)" in err
    assert (
        "khóa keys.home.drafts: phím ctrl+n đã dùng cho home.new_dossier (Hồ sơ mới) "
        "ở cùng màn hình" in err
    )
    assert "khóa keys.wizard.scann: không có phím nào mang mã này (có phải wizard.scan?)" in err
    assert "dòng " in err  # the line of desk.toml to fix


def test_config_check_accepts_a_key_moved_to_a_free_key(tmp_path: Path) -> None:
    result = config_check(with_keys(tmp_path / "desk", MOVED))
    assert result.returncode == 0, result.stderr
    assert "keys.home.drafts = 'f11'" in result.stdout
    assert "keys.app.lock = 'ctrl+l'" in result.stdout


def test_the_app_refuses_to_open_with_a_clash(tmp_path: Path) -> None:
    from desk_app.cli import check_keymap

    loaded = load_config(with_keys(tmp_path / "desk", '\n[keys]\n"app.sync" = "f12"\n'), env={})
    with pytest.raises(ConfigError) as refused:
        check_keymap(loaded)
    assert "phím f12 là phím chung của toàn chương trình, đang dùng cho app.lock" in str(
        refused.value
    )


@pytest.mark.parametrize(
    ("keys", "words"),
    [
        ({"home.drafts": "d"}, "phím d là phím gõ chữ"),  # home's field takes every letter
        ({"wizard.scan": "ctrl+q"}, "dùng cho app.quit (Thoát)"),  # the App keeps Ctrl+Q
        ({"attach.file": "f2"}, "phím f2 đã dùng cho wizard.scan (Quét CCCD)"),  # the page's host
        ({"review.child": "2"}, "phím 2 đã dùng cho review.requester"),
        # F2 scans on the requester's page and elsewhere: one key, or neither works everywhere
        ({"wizard.scan": "f11", "wizard.scan_anywhere": "ctrl+k"}, "phải đặt cùng một phím"),
    ],
)
def test_clashes_across_a_screen_its_pages_and_the_app(keys: dict[str, str], words: str) -> None:
    reasons = " ".join(reason for _, reason in keymap_problems(keys, catalogue()))
    assert words in reasons


def test_twins_move_together_and_are_no_clash() -> None:
    # F2 scans on the requester's page and from every other page: two bindings, one key.
    assert keymap_problems({"wizard.scan": "f11"}, catalogue()) == []
    assert keymap_problems({"dossier.hand_over": "x"}, catalogue()) == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [("F5", "f5"), ("Ctrl+R, F5", "ctrl+r,f5"), (["Esc"], "escape"), ("+", "plus")],
)
def test_keys_are_read_as_people_write_them(written: object, meant: str) -> None:
    assert parse_keys(written) == meant


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("ctrl+i", "chính là Tab"),
        ("tab", "phím chung của terminal"),
        ("hyper+x", "không hiểu phím 'hyper+x'"),
        ("", "chưa ghi phím nào"),
    ],
)
def test_keys_no_terminal_can_tell_apart_are_refused(written: str, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        parse_keys(written)


def test_every_widget_with_keys_lives_in_a_known_screen() -> None:
    # A pane's keys clash with its screen's only if the catalogue knows where it lives.
    assert unhosted() == []
