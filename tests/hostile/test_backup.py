"""Backup, restore, audit verify and the first account against hostile and careless input.

Every case of corpus/backup.json builds one bad thing in a fresh demo desk's folder (a TARGET
`desk backup` must not write over, a FILE `desk restore` must not take, a database damaged
behind the desk's back; see backup_cases.py) and runs the command in this process, as the
console script would. Each must end with its Vietnamese message, a non-zero exit, no
traceback, the desk's store exactly as it was, and nothing in the desk's folder changed,
created or left behind (the target included).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.backup_cases import BUILDERS, LIVE
from tests.hostile.desks import assert_vietnamese, build_template, clean_env, fresh_copy, run
from tests.hostile.support import case_id, load_corpus, store_picture

CASES = load_corpus("backup")
SUPERVISOR = ("lanhdao", "lanhdao2026")
COMMANDS = {
    "backup": lambda arg: ["backup", arg],
    "restore": lambda arg: ["restore", arg, "--as", SUPERVISOR[0]],
    "verify": lambda arg: ["audit", "verify"],
    "officer_add": lambda arg: [
        "officer",
        "add",
        "nguoi.moi",
        "--name",
        "Người Mới Đến",
        "--role",
        "supervisor",
    ],
}
SIDE_FILES = ("-wal", "-shm")
"""SQLite's own files beside the live database come and go as it is opened; not compared."""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("backup") / "desk")


def folder_picture(folder: Path) -> dict[str, object]:
    """Every entry under ``folder`` (links not followed): what kind, and its content."""
    seen: dict[str, object] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            if name.startswith(LIVE) and name.endswith(SIDE_FILES):
                continue
            info = os.lstat(path)
            key = str(path.relative_to(folder))
            if stat.S_ISLNK(info.st_mode):
                seen[key] = ("link", os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                seen[key] = ("folder",)
            elif stat.S_ISREG(info.st_mode):
                seen[key] = ("file", info.st_mode & 0o777, path.read_bytes())
            else:
                seen[key] = ("special", stat.S_IFMT(info.st_mode))
    return seen


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_hostile_backup_restore_or_damage_is_refused_and_changes_nothing(
    case: dict[str, Any],
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env(monkeypatch)
    config = fresh_copy(template, tmp_path / "desk")
    folder = config.parent
    monkeypatch.chdir(folder)
    argument = BUILDERS[case["setup"]](folder)
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value.replace("{folder}", str(folder)))
    live = folder / LIVE
    store_before = store_picture(live)
    folder_before = folder_picture(folder)

    args = ["--config", str(config), *COMMANDS[case["command"]](argument)]
    status, out, err = run(monkeypatch, capsys, args, stdin=f"{SUPERVISOR[1]}\n")

    said = out + err
    assert status == case.get("exit", 2), said
    for expected in case["expect"]:
        assert expected in said, f"{expected!r} not in {said!r}"
    assert "Traceback" not in said and "lỗi ngoài dự kiến" not in said, said
    assert_vietnamese(said, ignore=(str(folder), argument))
    assert store_picture(live) == store_before
    assert folder_picture(folder) == folder_before


def test_every_builder_is_used_and_every_case_names_one() -> None:
    used = {case["setup"] for case in CASES}
    assert used <= set(BUILDERS), used - set(BUILDERS)
    assert set(BUILDERS) - used == set()
    assert len(CASES) >= 40
