"""`desk audit verify` and `desk audit show` end to end, in a real process on the demo desk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import make_demo
from tests.audit.helpers import delete_event, filled_store

REPO = Path(__file__).resolve().parents[2]


def desk(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"},
        cwd=REPO,
        timeout=60,
    )


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """The demo desk's config, its database, and the codes of the three dossiers in it."""
    config = make_demo(tmp_path / "demo")
    database = load_config(config, env={}).settings.paths.database
    store = filled_store(database)
    try:
        codes = [e.dossier_code for e in store.audit_events() if e.action == "receive"]
    finally:
        store.close()
    return config, database, [c for c in codes if c]


def test_verify_says_intact_and_exits_zero(demo: tuple[Path, Path, list[str]]) -> None:
    config, _, _ = demo
    result = desk(config, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "nguyên vẹn: 6 sự kiện" in result.stdout


def test_verify_names_the_broken_event_and_exits_non_zero(
    demo: tuple[Path, Path, list[str]],
) -> None:
    config, database, _ = demo
    delete_event(database, 2)
    result = desk(config, "audit", "verify")
    assert result.returncode == 1
    assert "BỊ PHÁ VỠ tại sự kiện số 3" in result.stdout
    assert "số 2 đã bị xóa" in result.stdout


def test_show_filters_by_dossier_and_officer(demo: tuple[Path, Path, list[str]]) -> None:
    config, _, codes = demo
    by_dossier = desk(config, "audit", "show", "--dossier", codes[1].lower())
    assert by_dossier.returncode == 0, by_dossier.stderr
    assert "Nhật ký kiểm toán" in by_dossier.stdout
    assert codes[1] in by_dossier.stdout and codes[0] not in by_dossier.stdout
    assert "receive" in by_dossier.stdout and "mark-1" in by_dossier.stdout
    by_officer = desk(config, "audit", "show", "--officer", "B")
    assert by_officer.returncode == 0
    assert "receive" not in by_officer.stdout and "mark-2" in by_officer.stdout
    nobody = desk(config, "audit", "show", "--officer", "Không Ai")
    assert nobody.returncode == 1 and "Không có sự kiện nào" in nobody.stdout


def test_a_missing_database_is_one_clear_message(tmp_path: Path) -> None:
    config = make_demo(tmp_path / "demo")
    result = desk(config, "audit", "verify")
    assert result.returncode == 2
    assert result.stderr.startswith("desk: Không có cơ sở dữ liệu")
    assert "Traceback" not in result.stderr
