"""`desk lookup QUERY` end to end: a real process, the demo desk's database, printed answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from tests.lookup.conftest import make_ready, receive

REPO = Path(__file__).resolve().parents[2]


def desk_lookup(config: Path, *query: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "lookup", *query],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "160", "PYTHONIOENCODING": "utf-8"},
        cwd=REPO,
        timeout=60,
    )


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, list[str]]:
    """A demo desk holding two dossiers, the second with its results ready."""
    config = make_demo(tmp_path / "demo")
    desk = Desk.open(load_config(config, env={}).settings)
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
    assert "Có kết quả, chờ trả" in out and "Trần Minh Ánh" in out


def test_whole_code_prints_the_dossier_with_its_procedures(filled: tuple[Path, list[str]]) -> None:
    config, (_, ready) = filled
    result = desk_lookup(config, ready.lower())
    assert result.returncode == 0, result.stderr
    for words in (ready, "Đăng ký khai sinh", "125/2026", "Cấp thẻ BHYT", "Lịch sử"):
        assert words in result.stdout


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
        f"status = main(['--config', {str(config)!r}, 'lookup', {first!r}]); "
        "sys.exit(10 + status if 'textual' in sys.modules else status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
