"""The command line as a careless or hostile hand types it: every subcommand refuses a bad
argument in Vietnamese, naming the option, with exit status 2, and the desk's store unchanged.

argparse's own English (usage, "error: argument", "invalid int value", "the following
arguments are required", the help's headings) never shows; numbers are bounded (the
``--limit 9223372036854775808`` OverflowError of issue 13); text a person typed is never
echoed with its terminal control characters; an OS error or an unexpected failure is one
Vietnamese sentence, not a traceback. The cases are data (corpus/cli.json).
"""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from central.cli import main as central_main
from desk_app.cli_parser import build_parser
from forms.arguments import ARGPARSE
from tests.hostile.desks import (
    assert_vietnamese,
    build_template,
    clean_env,
    database,
    fresh_copy,
    run,
)
from tests.hostile.support import case_id, load_corpus, store_picture

CASES = load_corpus("cli")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("cli") / "desk")


def _argument(value: Any, tmp: Path, config: Path) -> str:
    if isinstance(value, dict):  # bytes that are not UTF-8, as Python hands them over
        return os.fsdecode(bytes.fromhex(value["bytes"]))
    return value.replace("{tmp}", str(tmp)).replace("{config}", str(config))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_bad_command_line_is_refused_in_vietnamese_and_changes_nothing(
    case: dict[str, Any],
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env(monkeypatch)
    config = fresh_copy(template, tmp_path / "desk")
    before = store_picture(database(config))
    written = config.read_bytes()
    args = [_argument(a, tmp_path, config) for a in case["args"]]
    if case.get("entry") == "central":
        try:
            status = central_main(args)
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
    else:
        prefix = [] if case.get("no_config") else ["--config", str(config)]
        status, out, err = run(monkeypatch, capsys, prefix + args)

    assert status == case.get("exit", 2), (out, err)
    for expected in case["expect"]:
        assert expected in err, f"{expected!r} not in {err!r}"
    assert_vietnamese(out + err, ignore=(str(tmp_path),))
    assert "Traceback" not in err
    assert store_picture(database(config)) == before
    assert config.read_bytes() == written


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The command path of every parser and subparser of ``parser``."""
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_parsers(sub, (*path, name)))
    return found


COMMANDS = _parsers(build_parser())


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "desk")
def test_every_help_is_vietnamese(
    path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    status, out, err = run(monkeypatch, capsys, [*path, "--help"])
    assert (status, err) == (0, "")
    assert out.startswith("cách dùng: desk")
    for english in ("usage", "options:", "positional arguments", "show this help", "exit"):
        assert english not in out, (english, out)
    assert "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out


def test_every_command_is_reached_by_a_corpus_case() -> None:
    """The corpus covers a bad argument for every subcommand (and both central entries)."""
    first_words = {tuple(a for a in c["args"] if isinstance(a, str))[:1] for c in CASES}
    commands = {path[:1] for path in COMMANDS if path}
    assert commands <= first_words, commands - first_words
    seconds = {tuple(a for a in c["args"] if isinstance(a, str))[:2] for c in CASES}
    nested = {path for path in COMMANDS if len(path) == 2}
    assert nested - seconds <= {("audit", "verify"), ("config", "check"), ("officer", "add")}


def test_every_sentence_of_argparse_has_its_vietnamese() -> None:
    """A newer Python's argparse with a sentence ARGPARSE lacks fails here, not at a counter."""
    tree = ast.parse(inspect.getsource(argparse))
    sentences: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
            sentences.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    sentences.add("subcommands")  # passed to _ through kwargs.pop('title', 'subcommands')
    assert sentences <= set(ARGPARSE), sentences - set(ARGPARSE)
    for english, vietnamese in ARGPARSE.items():
        for placeholder in ("%s", "%r", "%(prog)s", "%(message)s", "%(value)r", "%(choices)s"):
            assert english.count(placeholder) == vietnamese.count(placeholder), english


def test_argparse_speaks_english_again_outside_the_desk(capsys: Any) -> None:
    """The translation is lent to argparse only while a desk parser works."""
    build_parser().format_help()
    plain = argparse.ArgumentParser(prog="other")
    with pytest.raises(SystemExit):
        plain.parse_args(["--x"])
    assert "error: unrecognized arguments" in capsys.readouterr().err


def test_an_os_error_is_told_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: Any, template: Path, tmp_path: Path
) -> None:
    config = fresh_copy(template, tmp_path / "desk")

    def denied(_config: object) -> int:
        raise PermissionError(13, "Permission denied", "/var/spool/desk")

    monkeypatch.setattr("desk_app.cli.sync", denied)
    status, out, err = run(monkeypatch, capsys, ["--config", str(config), "sync"])
    assert status == 2
    assert "desk: không thực hiện được với /var/spool/desk: không có quyền truy cập" in err
    assert_vietnamese(out + err)


def test_an_unexpected_failure_is_one_sentence_unless_debugging(
    monkeypatch: pytest.MonkeyPatch, capsys: Any, template: Path, tmp_path: Path
) -> None:
    config = fresh_copy(template, tmp_path / "desk")

    def broken(_config: object) -> int:
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr("desk_app.cli.sync", broken)
    monkeypatch.delenv("DESK_DEBUG", raising=False)
    status, out, err = run(monkeypatch, capsys, ["--config", str(config), "sync"])
    assert status == 70
    assert "lỗi ngoài dự kiến" in err and "DESK_DEBUG=1" in err
    assert_vietnamese(out + err)
    monkeypatch.setenv("DESK_DEBUG", "1")
    with pytest.raises(OverflowError):
        run(monkeypatch, capsys, ["--config", str(config), "sync"])


def test_ctrl_c_stops_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: Any, template: Path, tmp_path: Path
) -> None:
    config = fresh_copy(template, tmp_path / "desk")

    def interrupted(_config: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("desk_app.cli.sync", interrupted)
    status, _, err = run(monkeypatch, capsys, ["--config", str(config), "sync"])
    assert status == 130 and "đã dừng theo yêu cầu" in err


def test_a_real_desk_process_refuses_an_overflowing_limit_in_vietnamese(
    template: Path, tmp_path: Path
) -> None:
    """The console script itself (a real process): exit 2, Vietnamese, no traceback."""
    config = fresh_copy(template, tmp_path / "desk")
    before = store_picture(database(config))
    args = ["lookup", "tran", "--as", "thu", "--limit", "9223372036854775808"]
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), *args],
        capture_output=True,
        text=True,
        input="motcua2026\n",
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO)},
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert "tham số --limit: cần một số nguyên từ 1 đến 1000" in result.stderr
    assert_vietnamese(result.stdout + result.stderr, ignore=(str(tmp_path),))
    assert store_picture(database(config)) == before
