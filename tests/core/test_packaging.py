"""Packaging: the README's two commands, CI running the same test command, a regular wheel."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_quick_start_has_exactly_two_commands() -> None:
    run, test = quick_start_commands()
    assert run.endswith("desk demo") and "pip install ." in run
    assert test.endswith("-m pytest -n auto") and '".[test]"' in test


def test_ci_runs_the_readme_test_command_in_a_fresh_venv() -> None:
    _, test = quick_start_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'VENV="$work/venv"' in ci and "mktemp -d" in ci
    normalised = [re.sub(r'"\$VENV([^"]*)"', r".venv\1", ln) for ln in ci.splitlines()]
    assert test in normalised


def test_regular_wheel_carries_data_and_stylesheets(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("desk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "screens/desk.tcss" in names
    assert "desk_app/data/__init__.py" in names
    packaged = {n.split("/")[0] for n in names if n.endswith(".py")}
    assert packaged == {"central", "desk_app", "forms", "screens"}
    # Every source package of the repository made it into the wheel.
    for package in ("central", "desk_app", "forms", "screens"):
        for init in (REPO / package).rglob("__init__.py"):
            assert str(init.relative_to(REPO)) in names, init
    # From the unpacked wheel alone (no checkout), resources resolve inside the install.
    probe = (
        "import importlib.resources as r, screens, desk_app.data as d;"
        "print(r.files(d)); print(r.files(screens).joinpath('desk.tcss').is_file())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0].startswith(str(tmp_path / "site")) and out[1] == "True"
