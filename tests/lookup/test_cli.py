"""`desk lookup QUERY --as USER` end to end: a real process, the demo desk's database, printed
answers, the password on stdin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, make_demo
from desk_app.desk import Desk
from desk_app.lookup import VIEW_ACTION
from desk_app.store import Store
from tests.conftest import signed_in
from tests.lookup.conftest import make_ready, receive

REPO = Path(__file__).resolve().parents[2]


THU, PASSWORD, THU_NAME = DEMO_OFFICER


def desk_lookup(
    config: Path, *query: str, password: str = PASSWORD, columns: int = 160
) -> subprocess.CompletedProcess[str]:
    command = ["--config", str(config), "lookup", *query, "--as", THU]
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", *command],
        input=f"{password}\n",
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": str(columns), "PYTHONIOENCODING": "utf-8"},
        cwd=REPO,
        timeout=60,
    )


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, list[str]]:
    """A demo desk holding two dossiers, the second with its results ready."""
    config = make_demo(tmp_path / "demo")
    desk = signed_in(Desk.open(load_config(config, env={}).settings))
    try:
        first = receive(desk)
        second = make_ready(desk, receive(desk, child__full_name="Trần Minh Ánh").code)
    finally:
        desk.close()
    return config, [first.code, second.code]


def test_name_without_diacritics_prints_a_table_newest_first(
    filled: tuple[Path, list[str]],
) -> None:
    config, (first, second) = filled
    result = desk_lookup(config, "tran", "minh")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Mã hồ sơ" in out and "Hẹn trả" in out
    assert out.index(second) < out.index(first)  # newest first
    assert "Có kết quả" in out and "Trần Minh Ánh" in out


def test_at_80_columns_dates_codes_and_statuses_are_whole_and_long_names_end_in_an_ellipsis(
    tmp_path: Path,
) -> None:
    config = make_demo(tmp_path / "demo")
    long_name = "Tôn Nữ Hoàng Thị Minh Nguyệt Ánh Dương"
    desk = signed_in(Desk.open(load_config(config, env={}).settings))
    try:
        codes = [receive(desk, child__full_name=long_name).code]
        codes.append(make_ready(desk, receive(desk, child__full_name="Trần Minh").code).code)
    finally:
        desk.close()
    result = desk_lookup(config, "minh", columns=80)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for code in codes:
        [row] = [line for line in lines if code in line]
        assert re.search(r"\b\d\d/\d\d/\d{4}\b", row), row  # the due date, whole
    assert "Trạng thái" in result.stdout and "Có kết quả" in result.stdout
    assert "Đã tiếp nhận" in result.stdout
    assert long_name not in result.stdout and "Tôn Nữ Hoàng" in result.stdout
    assert "…" in next(line for line in lines if codes[0] in line)


def test_one_dossier_at_80_columns_keeps_its_times_whole(filled: tuple[Path, list[str]]) -> None:
    config, (_, ready) = filled
    result = desk_lookup(config, ready, columns=80)
    assert result.returncode == 0, result.stderr
    history = result.stdout[result.stdout.index("Lịch sử") :]
    times = re.findall(r"\d\d:\d\d \d\d/\d\d/\d{4}", history)
    assert len(times) >= 5  # received, sent, accepted, three procedures, ready
    assert "Tiếp nhận tại quầy · Nguyễn Thị Minh Thư" in history  # one line, not folded


def test_whole_code_prints_the_dossier_with_its_procedures(filled: tuple[Path, list[str]]) -> None:
    config, (_, ready) = filled
    result = desk_lookup(config, ready.lower())
    assert result.returncode == 0, result.stderr
    for words in (ready, "Đăng ký khai sinh", "125/2026", "Cấp thẻ BHYT", "Lịch sử"):
        assert words in result.stdout


def test_printing_one_dossier_audits_the_view_by_the_officer(
    filled: tuple[Path, list[str]],
) -> None:
    config, (_, second) = filled
    assert desk_lookup(config, second).returncode == 0
    assert desk_lookup(config, "tran", "minh").returncode == 0  # a table shows no dossier
    store = Store.open(load_config(config, env={}).settings.paths.database)
    try:
        views = [
            (e.dossier_code, e.officer) for e in store.audit_events() if e.action == VIEW_ACTION
        ]
    finally:
        store.close()
    assert views == [(second, THU_NAME)]


def test_lookup_needs_the_officer_and_their_password(filled: tuple[Path, list[str]]) -> None:
    config, (first, _) = filled
    wrong = desk_lookup(config, first, password="khong-phai")
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert wrong.stderr.strip() == "desk: Tên đăng nhập hoặc mật khẩu không đúng."
    missing = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "lookup", first],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert missing.returncode == 2 and "--as" in missing.stderr


def test_nothing_found_exits_1_with_a_message(filled: tuple[Path, list[str]]) -> None:
    config, _ = filled
    missing = desk_lookup(config, "000.00.01.H26-261124-1999")
    assert missing.returncode == 1
    assert "Không có hồ sơ mã 000.00.01.H26-261124-1999" in missing.stdout
    nobody = desk_lookup(config, "hoang", "yen")
    assert nobody.returncode == 1 and "Không tìm thấy hồ sơ nào." in nobody.stdout


def test_lookup_without_textual(filled: tuple[Path, list[str]]) -> None:
    config, (first, _) = filled
    code = (
        "import sys; from desk_app.cli import main; "
        f"status = main(['--config', {str(config)!r}, 'lookup', {first!r}, '--as', {THU!r}]); "
        "sys.exit(10 + status if 'textual' in sys.modules else status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=f"{PASSWORD}\n",
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
