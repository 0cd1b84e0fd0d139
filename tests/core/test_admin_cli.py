"""Administration at the command line says where things go: the token `desk central
--issue-token` stores, and the README's commands as they are typed after the quick start."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from textual.binding import Binding

from screens.help import key_label
from screens.home import HomeScreen

REPO = Path(__file__).resolve().parents[2]


def central(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "central", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        cwd=REPO,
    )


def test_issue_token_names_the_database_it_stored_the_token_in(tmp_path: Path) -> None:
    db = tmp_path / "trung-tam.sqlite3"
    issued = central("--db", str(db), "--issue-token", "000.00.01.H26/2", home=tmp_path)
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip()
    assert len(token) >= 40 and "\n" not in token  # stdout is the token alone, for scripts
    assert str(db) in issued.stderr and "000.00.01.H26/2" in issued.stderr
    assert "cơ sở dữ liệu" in issued.stderr
    default = central("--issue-token", "000.00.01.H26/3", home=tmp_path)
    assert default.returncode == 0, default.stderr
    [named] = re.findall(r"cơ sở dữ liệu (\S+?);", default.stderr)
    assert named.endswith("central.sqlite3") and Path(named).is_file()


def test_the_readme_says_how_to_run_desk_after_the_quick_start() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after_quick_start = readme[readme.index("## Quick start") : readme.index("## Using it")]
    assert ".venv/bin/desk" in after_quick_start and ".venv/bin/activate" in after_quick_start


def test_the_readme_names_homes_keys_as_they_are_bound() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    keys = {b.action: b.key for b in HomeScreen.BINDINGS if isinstance(b, Binding)}
    for action in ("app.new_dossier", "app.open_drafts"):
        assert f"**{key_label(keys[action])}**" in readme, action
