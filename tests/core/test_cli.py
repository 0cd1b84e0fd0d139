"""The `desk` command: help, version, config check with its token masked, clean errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.cli import build_parser, main
from desk_app.config import load_config
from desk_app.demo import DEMO_SIGN_IN_HINT, make_demo


def desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        timeout=60,
    )


def test_help_and_version() -> None:
    result = desk("--help")
    assert result.returncode == 0
    for word in ("demo", "config", "--config", "--version", "officer", "--as"):
        assert word in result.stdout
    assert desk("--version").stdout.startswith("desk ")
    officer = desk("officer", "--help")
    assert officer.returncode == 0
    for word in ("add", "passwd", "disable", "enable", "list"):
        assert word in officer.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["lookup", "tran"],
        ["receipt", "000.00.01.H26-261124-1001"],
        ["audit", "show"],
        ["officer", "list"],
        ["officer", "disable", "thu"],
        ["officer", "enable", "thu"],
    ],
)
def test_commands_showing_citizen_data_or_for_supervisors_need_as(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(args)
    assert refused.value.code == 2
    assert "còn thiếu tham số bắt buộc: --as" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["audit", "verify"], ["backup", "b.sqlite3"], ["sync"], ["config", "check"]]
)
def test_commands_without_personal_data_need_no_sign_in(args: list[str]) -> None:
    assert not hasattr(build_parser().parse_args(args), "as_user")


def test_config_check_prints_effective_settings_with_token_masked(tmp_path: Path) -> None:
    config = make_demo(tmp_path / "d")
    secret = "s3cr3t-token-value-1234"
    result = desk(
        "--config",
        str(config),
        "config",
        "check",
        env={"DESK_CENTRAL_TOKEN": secret, "DESK_DESK__NUMBER": "4"},
    )
    assert result.returncode == 0, result.stderr
    assert "desk.number = 4" in result.stdout
    assert "ghi đè từ biến môi trường: DESK_DESK__NUMBER" in result.stdout
    assert f"paths.database = '{tmp_path / 'd' / 'desk.sqlite3'}'" in result.stdout
    assert "đã đặt" in result.stdout
    assert secret not in result.stdout + result.stderr
    assert secret[-4:] not in result.stdout


def test_config_error_is_one_message_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "desk.toml"
    bad.write_text("[office\nname = 1\n", encoding="utf-8")
    result = desk("--config", str(bad), "config", "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{bad}: lỗi cú pháp TOML — dòng 1" in result.stderr


def test_main_returns_2_on_missing_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "none.toml"), "config", "check"]) == 2
    assert "không tìm thấy tệp cấu hình" in capsys.readouterr().err


def test_demo_builds_a_desk_with_no_questions_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened = []
    hints = []

    def run_ui(config: Path, *, sign_in_hint: str = "") -> int:
        opened.append(config)
        hints.append(sign_in_hint)
        return 0

    monkeypatch.setattr("desk_app.cli.run_ui", run_ui)
    assert main(["demo", "--dir", str(tmp_path / "demo")]) == 0
    [config] = opened
    assert hints == [DEMO_SIGN_IN_HINT]  # the sign-in screen shows the demo's accounts
    assert "thu / motcua2026" in DEMO_SIGN_IN_HINT
    assert config == tmp_path / "demo" / "desk.toml"
    assert load_config(config, env={}).settings.paths.database == config.parent / "desk.sqlite3"
    assert str(tmp_path / "demo") in capsys.readouterr().out
