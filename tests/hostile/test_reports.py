"""`desk report` and `desk close-day` past their arguments: what the corpus (corpus/cli.json)
cannot reach without a password.

An ``--out`` whose folder exists but cannot be written (``/proc``) is told in Vietnamese, exit
status 2, no file and no traceback, and the day is not recorded as closed; and officers' names
and citizens' text full of markup (the desk of :mod:`tests.hostile.markup_world`) reach the
register book and the monthly summary, PDF and spreadsheet, exactly as typed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from tests.hostile.desks import assert_vietnamese, build_template, clean_env, fresh_copy
from tests.hostile.markup_world import World, build, officer_name, requester_name
from tests.receipt.conftest import pdf_text
from tests.reports.conftest import sheet_rows

THU, THU_PASSWORD, _ = DEMO_OFFICER
CHIEF, CHIEF_PASSWORD, _ = DEMO_SUPERVISOR
UNWRITABLE = Path("/proc/bao-cao-desk.pdf")
"""A folder that exists, where nobody (root included) can create a file."""


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    config: Path,
    *args: str,
    password: str,
) -> tuple[int, str, str]:
    """`desk --config CONFIG ARGS` in this process, the password on stdin."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))
    monkeypatch.setenv("COLUMNS", "4000")
    try:
        status = main(["--config", str(config), *args])
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("args", "password"),
    [
        (["report", "summary", "--month", "2026-11", "--as", CHIEF], CHIEF_PASSWORD),
        (["report", "register", "--from", "2026-11-01", "--to", "2026-11-30", "--as", CHIEF],
         CHIEF_PASSWORD),
        (["close-day", "--as", THU], THU_PASSWORD),
    ],
    ids=["summary", "register", "close-day"],
)  # fmt: skip
def test_an_out_that_cannot_be_written_is_told_in_vietnamese(
    args: list[str],
    password: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env(monkeypatch)
    config = fresh_copy(build_template(tmp_path / "template"), tmp_path / "desk")
    status, out, err = run(
        monkeypatch, capsys, config, *args, "--out", str(UNWRITABLE), password=password
    )
    assert status == 2, (out, err)
    assert f"--out: không ghi được {UNWRITABLE}:" in err
    assert "Traceback" not in err and not UNWRITABLE.exists()
    assert_vietnamese(out + err, ignore=(str(UNWRITABLE),))
    from desk_app.config import load_config
    from desk_app.desk import Desk

    desk = Desk.open(load_config(config, env={}).settings)
    try:  # the slip never reached its file: the day is not recorded as closed
        assert not [e for e in desk.store.audit_events() if e.action == "day.close"]
    finally:
        desk.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """One desk holding every markup-hostile string in officers' names and citizens' text."""
    return build(tmp_path_factory.mktemp("markup-reports"))


def squeezed(text: str) -> str:
    return "".join(text.split())


def cells(data: bytes) -> set[str]:
    return {str(value) for row in sheet_rows(data) for value in row if value is not None}


def test_officers_names_reach_the_summary_as_typed(
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = [officer_name(world.joined(i)) for i in range(len(world.groups))]
    xlsx, pdf = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.pdf"
    for out in (xlsx, pdf):
        status, _, err = run(
            monkeypatch, capsys, world.config, "report", "summary", "--month", "2026-11",
            "--out", str(out), "--as", CHIEF, password=CHIEF_PASSWORD,
        )  # fmt: skip
        assert status == 0, err
    written = cells(xlsx.read_bytes())
    assert [name for name in names if name not in written] == []
    printed = squeezed(pdf_text(pdf.read_bytes()))  # a long name wraps inside its cell
    assert [name for name in names if squeezed(name) not in printed] == []


def test_citizens_text_reaches_the_register_book_as_typed(
    world: World,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    requesters = [requester_name(world.joined(i)) for i in range(len(world.groups))]
    xlsx, pdf = tmp_path / "so.xlsx", tmp_path / "so.pdf"
    for out in (xlsx, pdf):
        status, _, err = run(
            monkeypatch, capsys, world.config, "report", "register", "--from", "2026-11-01",
            "--to", "2026-11-30", "--out", str(out), "--as", CHIEF, password=CHIEF_PASSWORD,
        )  # fmt: skip
        assert status == 0, err
    written = cells(xlsx.read_bytes())
    assert [name for name in requesters if name not in written] == []
    printed = squeezed(pdf_text(pdf.read_bytes()))
    assert [name for name in requesters if squeezed(name) not in printed] == []
    for text in world.texts:  # each string of the corpus, somewhere in the book
        assert squeezed(text) in printed, text
