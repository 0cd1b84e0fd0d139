"""`desk doctor` on a demo-like desk with a real central on loopback: healthy, it says so and
exits 0; each fault injected on its own (no token, central stopped, the clock 10 minutes off, a
print command that fails, a scanner folder every account can write) is named, with what to
do, and the exit status is 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from desk_app import doctor, doctor_central
from desk_app.clock import now
from desk_app.demo import make_demo
from tests.sync.conftest import Central, start_central

REPO = Path(__file__).resolve().parents[2]

PRINTER = """\
import sys
from pathlib import Path
data = Path(sys.argv[1]).read_bytes()
sys.exit(0 if data.startswith(b"%PDF-") else 9)
"""
"""A print command that accepts a PDF (and only a PDF), as a spooler would."""


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Central]:
    central = start_central(tmp_path)
    yield central
    central.stop()


@pytest.fixture
def counter(tmp_path: Path, running: Central) -> tuple[Path, dict[str, str]]:
    """A demo desk pointed at the running central, with its token and a working printer."""
    config = make_demo(tmp_path / "desk")
    printer = tmp_path / "printer.py"
    printer.write_text(PRINTER, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DESK_CENTRAL__URL": running.url,
        "DESK_CENTRAL_TOKEN": running.token,
        "DESK_PRINTING__COMMAND": f"{sys.executable} {printer} {{file}}",
    }
    return config, env


def faults(findings: list[doctor.Finding]) -> dict[str, str]:
    return {f.check: f.message for f in findings if f.status == "fault"}


def test_a_healthy_desk_passes_and_exits_0(counter: tuple[Path, dict[str, str]]) -> None:
    config, env = counter
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "doctor"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "[lỗi]" not in out and "Bàn sẵn sàng tiếp nhận hồ sơ." in out
    for words in (
        "Cấu hình desk.toml: hợp lệ.",
        "riêng tư (0600) và ghi được",
        "liên lạc được, token được chấp nhận",
        "Đồng hồ: khớp với hệ thống trung tâm",
        "Máy in: đã gửi trang in thử",
        "được nhúng (tập con) trong PDF",
        "tài khoản khác không ghi được",
    ):
        assert words in out, words
    assert (config.parent / "receipts" / "trang-in-thu.pdf").read_bytes().startswith(b"%PDF-")


def test_json_lists_every_check(counter: tuple[Path, dict[str, str]]) -> None:
    config, env = counter
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "doctor", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env | {"DESK_CENTRAL_TOKEN": ""},
        timeout=120,
    )
    assert result.returncode == 1
    found = {item["check"]: item for item in json.loads(result.stdout)}
    assert {
        "config",
        "database",
        "disk",
        "central",
        "clock",
        "printing",
        "fonts",
        "scanner",
    } <= set(found)
    assert found["central"]["status"] == "fault" and "DESK_CENTRAL_TOKEN" in found["central"]["fix"]


def run_doctor(
    config: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, **kwargs: object
) -> tuple[int, str]:
    """`desk doctor` in this process (the environment as given), its status and output."""
    for name in [n for n in os.environ if n.startswith("DESK_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    findings = doctor.examine(config, **kwargs)  # type: ignore[arg-type]
    status = 1 if faults(findings) else 0
    return status, doctor.render(findings, str(config))


def test_no_token_is_named(
    counter: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, env = counter
    del env["DESK_CENTRAL_TOKEN"]
    status, out = run_doctor(config, env, monkeypatch)
    assert status == 1
    assert "[lỗi]" in out and "Chưa đặt token của bàn: biến môi trường DESK_CENTRAL_TOKEN" in out
    assert "→ Cách xử lý: đặt token của bàn vào biến môi trường DESK_CENTRAL_TOKEN" in out


def test_a_token_central_does_not_know_is_named(
    counter: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, env = counter
    env["DESK_CENTRAL_TOKEN"] = "not-a-token-of-this-central"
    status, out = run_doctor(config, env, monkeypatch)
    assert status == 1 and "không chấp nhận token" in out


def test_a_stopped_central_is_named(
    counter: tuple[Path, dict[str, str]], running: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, env = counter
    running.server.stop()
    findings = doctor.examine(config, env)
    assert set(faults(findings)) == {"central"}
    assert "không liên lạc được" in faults(findings)["central"]
    assert run_doctor(config, env, monkeypatch)[0] == 1


def test_a_clock_ten_minutes_off_is_named(counter: tuple[Path, dict[str, str]]) -> None:
    config, env = counter
    findings = doctor.examine(config, env, clock=lambda: now() + timedelta(minutes=10))
    assert set(faults(findings)) == {"clock"}
    assert "lệch 10 phút so với hệ thống trung tâm (nhanh hơn)" in faults(findings)["clock"]
    assert "NTP" in next(f.fix for f in findings if f.check == "clock")


def test_a_failing_print_command_is_named(counter: tuple[Path, dict[str, str]]) -> None:
    config, env = counter
    env["DESK_PRINTING__COMMAND"] = f"{sys.executable} -c 'import sys; sys.exit(3)'"
    findings = doctor.examine(config, env)
    assert set(faults(findings)) == {"printing"}
    assert "trang in thử không in được" in faults(findings)["printing"]


def test_a_scanner_folder_every_account_can_write_is_named(
    counter: tuple[Path, dict[str, str]],
) -> None:
    config, env = counter
    scans = config.parent / "scans"
    scans.chmod(0o777)
    findings = doctor.examine(config, env)
    assert set(faults(findings)) == {"scanner"}
    assert "mọi tài khoản trên máy đều ghi được (quyền 0777)" in faults(findings)["scanner"]
    assert f"chmod o-w {scans}" in next(f.fix for f in findings if f.check == "scanner")


def test_a_database_others_can_read_is_named(counter: tuple[Path, dict[str, str]]) -> None:
    config, env = counter
    (config.parent / "desk.sqlite3").chmod(0o644)
    findings = doctor.examine(config, env)
    assert set(faults(findings)) == {"database"}
    assert "(quyền 0644)" in faults(findings)["database"]


def test_a_broken_desk_toml_stops_at_the_first_line(tmp_path: Path) -> None:
    config = tmp_path / "desk.toml"
    config.write_text("[office\n", encoding="utf-8")
    findings = doctor.examine(config, {})
    assert [f.check for f in findings] == ["config"] and findings[0].status == "fault"
    assert "lỗi cú pháp TOML" in findings[0].message


def test_fonts_not_embedded_are_a_fault() -> None:
    pdf = b"%PDF-1.4 /BaseFont /Helvetica /BaseFont /ABCDEF+IBMPlexSerif-Regular /FontFile2"
    finding = doctor.check_fonts(pdf)
    assert finding.status == "fault" and "Helvetica" in finding.message


def test_clock_within_a_few_seconds_is_fine() -> None:
    at = now()
    header = at.astimezone().strftime("%a, %d %b %Y %H:%M:%S %z")
    assert doctor_central._clock_finding(header, at).status == "ok"
    assert doctor_central._clock_finding(header, at + timedelta(minutes=1)).status == "warning"
    assert doctor_central._clock_finding(header, at - timedelta(minutes=3)).status == "fault"
