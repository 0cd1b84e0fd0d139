"""A demo desk holding one dossier, copied afresh for each hostile case, and the checks every
refusal shares: Vietnamese only, no traceback, no terminal control sequence echoed.

Used by the sign-in, config, CLI and scanner corpora (test_signin, test_config, test_cli,
test_scanner). A case runs `desk` in this process through :func:`run`, which is what the
console script runs; a few tests start real processes where a process matters.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.demo import make_demo
from desk_app.store import Store
from tests.conftest import FIXED_NOW, sample_dossier

ENGLISH = re.compile(
    r"\b(usage|error|invalid|traceback|required|arguments?|expected|should|must|input|field"
    r"|errno|denied|such file|cannot|unclosed|unterminated|illegal|options|positional|choose"
    r"|unrecognized|ambiguous|overflow|exception|value|permission|directory|not a)\b",
    re.IGNORECASE,
)
"""Words of argparse's, pydantic's, tomllib's and the OS's English sentences."""


def build_template(folder: Path) -> Path:
    """A demo desk (accounts thu and lanhdao) with one saved dossier; returns its desk.toml."""
    config = make_demo(folder)
    store = Store.open(folder / "desk.sqlite3")
    try:
        store.save_dossier(
            sample_dossier(),
            agency_code="000.00.01.H26",
            desk_number=1,
            officer="Nguyễn Thị Minh Thư",
            received_at=FIXED_NOW,
        )
    finally:
        store.close()
    return config


def fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of the template desk in ``folder``; returns its desk.toml."""
    shutil.copytree(template.parent, folder)
    return folder / "desk.toml"


def database(config: Path) -> Path:
    """The SQLite file of a demo desk (desk.toml says ``database = "desk.sqlite3"``)."""
    return config.parent / "desk.sqlite3"


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    """`desk ARGS` in this process: exit status (argparse's SystemExit included), out, err."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        status = main(args)
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def assert_vietnamese(text: str, *, ignore: tuple[str, ...] = ()) -> None:
    """No English sentence, no traceback, no raw control character in what a person reads.

    ``ignore`` are texts the case itself supplied (a path, a typed value), removed first.
    """
    for supplied in sorted(ignore, key=len, reverse=True):
        if supplied:
            text = text.replace(supplied, " ")
    found = ENGLISH.search(text)
    assert found is None, f"English {found.group(0)!r} in: {text!r}"
    assert "\x1b" not in text and "\x07" not in text, repr(text)


def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DESK_ variable of the machine running the tests reaches a case."""
    import os

    for name in [n for n in os.environ if n.startswith("DESK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "200")
