"""The command line prints people's text as typed: `desk lookup`, `desk officer list`,
`desk audit show`, `desk receipt --out`.

Rich reads a ``str`` cell of a table as markup too: an officer named ``… [/]`` crashed
`desk officer list` and `desk audit show`, a central reason ``[/]`` crashed `desk lookup`. The
desk of :mod:`tests.hostile.markup_world` holds every string of ``corpus/markup.json`` in
officers' names, dossiers' free text and names, and central's reasons; each command runs as a
real process once (what an officer types), and in this process for every group of strings.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from forms.text import for_print
from tests.hostile.markup_world import World, build, officer_name, requester_name, subject_name
from tests.receipt.conftest import pdf_text

THU, THU_PASSWORD, _ = DEMO_OFFICER
CHIEF, CHIEF_PASSWORD, _ = DEMO_SUPERVISOR
WIDE = "4000"
"""Columns for Rich: no cell folds, so each string is found on one line."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """One desk holding every string everywhere."""
    return build(tmp_path_factory.mktemp("markup-cli"))


def desk(world: World, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    """`desk --config … ARGS` as a real process, the password on stdin."""
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(world.config), *args],
        input=f"{password}\n",
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "COLUMNS": WIDE,
            "PYTHONIOENCODING": "utf-8",
        },
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )


def in_process(
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    password: str,
) -> tuple[int, str, str]:
    """The same command in this process: exit status, stdout, stderr."""
    monkeypatch.setenv("COLUMNS", WIDE)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))
    status = main(["--config", str(world.config), *args])
    out, err = capsys.readouterr()
    return status, out, err


def squeezed(text: str) -> str:
    """``text`` without any whitespace."""
    return "".join(text.split())


def literally(strings: list[str], printed: str) -> None:
    missing = [text for text in strings if text not in printed]
    assert not missing, f"not printed literally: {missing}"


def test_officer_list_prints_every_full_name_as_typed(world: World) -> None:
    result = desk(world, "officer", "list", "--as", CHIEF, password=CHIEF_PASSWORD)
    assert result.returncode == 0, result.stderr
    for i in range(len(world.groups)):
        assert officer_name(world.joined(i)) in result.stdout
    literally(world.texts, result.stdout)


def test_audit_show_prints_names_reasons_and_notes_as_typed(world: World) -> None:
    result = desk(world, "audit", "show", "--as", CHIEF, password=CHIEF_PASSWORD)
    assert result.returncode == 0, result.stderr
    for i in range(len(world.groups)):
        assert officer_name(world.joined(i)) in result.stdout  # who received the dossiers
        assert f"Lý do: {world.joined(i)}" in result.stdout  # central's request
    literally(world.texts, result.stdout)


def test_lookup_prints_a_dossier_and_a_list_as_typed(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    result = desk(world, "lookup", world.asked[0], "--as", THU, password=THU_PASSWORD)
    assert result.returncode == 0, result.stderr
    assert world.joined(0) in result.stdout
    for i, group in enumerate(world.groups):
        status, out, err = in_process(
            world, monkeypatch, capsys, "lookup", world.asked[i], "--as", THU, password=THU_PASSWORD
        )
        assert status == 0, err
        assert subject_name(world.joined(i)) in out and requester_name(world.joined(i)) in out
        assert officer_name(world.joined(i)) in out  # the history: who received it
        literally(group, out)
    status, out, err = in_process(
        world, monkeypatch, capsys, "lookup", "tran", "minh", "--as", THU, password=THU_PASSWORD
    )
    assert status == 0, err
    for i in range(len(world.groups)):
        assert subject_name(world.joined(i)) in out


def test_receipt_prints_the_citizens_text_as_typed(
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "0.pdf"
    result = desk(
        world, "receipt", world.printable[0], "--out", str(out), "--as", THU, password=THU_PASSWORD
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    for i, group in enumerate(world.groups):
        target = tmp_path / f"receipt-{i}.pdf"
        status, _, err = in_process(
            world, monkeypatch, capsys, "receipt", world.printable[i], "--out", str(target),
            "--as", THU, password=THU_PASSWORD,
        )  # fmt: skip
        assert status == 0, err
        # The requester's address (her residence's detail) and the receiving officer's name,
        # compared without spaces: the receipt wraps long values wherever a line ends.
        printed = squeezed(pdf_text(target.read_bytes()))
        literally([squeezed(text) for text in group], printed)
        assert squeezed(for_print(officer_name(world.joined(i)))) in printed
