"""`desk audit verify` and `desk audit show` end to end, in a real process on the demo desk.

`show` is a supervisor's (`--as`, the password on stdin); `verify` prints no personal data and
needs no sign-in.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR, make_demo
from desk_app.officers.texts import SUPERVISOR_ONLY, WHAT_AUDIT
from desk_app.store import Store
from tests.audit.helpers import delete_event, filled_store

REPO = Path(__file__).resolve().parents[2]
THU, THU_PASSWORD, THU_NAME = DEMO_OFFICER
CHIEF, CHIEF_PASSWORD, _ = DEMO_SUPERVISOR
DEMO_EVENTS = 2
"""The demo desk starts with two audit events: its two accounts being created."""


def desk(config: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), *args],
        input=stdin,
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
    assert f"nguyên vẹn: {DEMO_EVENTS + 6} sự kiện" in result.stdout


def test_verify_names_the_broken_event_and_exits_non_zero(
    demo: tuple[Path, Path, list[str]],
) -> None:
    config, database, _ = demo
    delete_event(database, 2)
    result = desk(config, "audit", "verify")
    assert result.returncode == 1
    assert "BỊ PHÁ VỠ tại sự kiện số 3" in result.stdout
    assert "số 2 đã bị xóa" in result.stdout


def show(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`desk audit show ARGS` by the demo's supervisor."""
    return desk(config, "audit", "show", *args, "--as", CHIEF, stdin=f"{CHIEF_PASSWORD}\n")


def test_show_filters_by_dossier_and_officer(demo: tuple[Path, Path, list[str]]) -> None:
    config, _, codes = demo
    by_dossier = show(config, "--dossier", codes[1].lower())
    assert by_dossier.returncode == 0, by_dossier.stderr
    assert "Nhật ký kiểm toán" in by_dossier.stdout
    assert codes[1] in by_dossier.stdout and codes[0] not in by_dossier.stdout
    assert "Tiếp nhận tại quầy" in by_dossier.stdout and "mark-1" in by_dossier.stdout
    by_officer = show(config, "--officer", "B")
    assert by_officer.returncode == 0
    assert "Tiếp nhận tại quầy" not in by_officer.stdout and "mark-2" in by_officer.stdout
    nobody = show(config, "--officer", "Không Ai")
    assert nobody.returncode == 1 and "Không có sự kiện nào" in nobody.stdout


def test_officer_filter_takes_a_username_or_a_full_name(
    demo: tuple[Path, Path, list[str]],
) -> None:
    config, _, codes = demo
    looked = desk(config, "lookup", codes[2], "--as", THU, stdin=f"{THU_PASSWORD}\n")
    assert looked.returncode == 0, looked.stderr
    for given in (THU, THU.upper(), THU_NAME):
        mine = show(config, "--officer", given)
        assert mine.returncode == 0, (given, mine.stderr)
        assert "Xem hồ sơ" in mine.stdout and codes[2] in mine.stdout, given
        assert "mark-" not in mine.stdout, given


def test_show_reads_like_a_register_and_shows_hashes_only_on_request(
    demo: tuple[Path, Path, list[str]],
) -> None:
    config, database, codes = demo
    looked = desk(config, "lookup", codes[0], "--as", THU, stdin=f"{THU_PASSWORD}\n")
    assert looked.returncode == 0, looked.stderr
    register = show(config)
    assert register.returncode == 0, register.stderr
    out = register.stdout
    for words in ("Tạo tài khoản cán bộ", "Tiếp nhận tại quầy", "Đăng nhập", "Xem hồ sơ"):
        assert words in out, words
    for raw in ("officer.add", "officer.sign_in", "dossier.view", "receive "):
        assert raw not in out, raw
    assert "24/11/2026" in out and re.search(r"\b\d\d:\d\d:\d\d\b", out)
    assert not re.search(r"\d{4}-\d\d-\d\dT|\d\d:\d\d:\d\d\.\d|\+07:00", out)  # no ISO
    assert "Vai trò: Lãnh đạo bộ phận" in out and "Tài khoản: lanhdao" in out
    assert not re.search(r"[0-9a-f]{16}", out)  # no hash, no password fingerprint
    store = Store.open(database)
    try:
        heads = [row[0] for row in store.conn.execute("SELECT hash FROM audit ORDER BY id")]
    finally:
        store.close()
    hashed = show(config, "--hashes")
    assert hashed.returncode == 0, hashed.stderr
    compact = "".join(hashed.stdout.split())  # a hash may fold over two lines of its cell
    assert all(head in compact for head in heads[:-1])  # the last: this very show's sign-in
    assert "Mãbăm:" in compact


def test_show_is_refused_to_an_officer(demo: tuple[Path, Path, list[str]]) -> None:
    config, _, _ = demo
    refused = desk(config, "audit", "show", "--as", THU, stdin=f"{THU_PASSWORD}\n")
    assert refused.returncode == 2 and refused.stdout == ""
    rule = SUPERVISOR_ONLY.format(what=WHAT_AUDIT, username=THU)
    assert refused.stderr.strip() == f"desk: {rule}"
    unsigned = desk(config, "audit", "show")
    assert unsigned.returncode == 2 and "--as" in unsigned.stderr and unsigned.stdout == ""


def test_a_missing_database_is_one_clear_message(tmp_path: Path) -> None:
    config = make_demo(tmp_path / "demo")
    load_config(config, env={}).settings.paths.database.unlink()
    for args in (("verify",), ("show", "--as", CHIEF)):
        result = desk(config, "audit", *args, stdin=f"{CHIEF_PASSWORD}\n")
        assert result.returncode == 2
        assert result.stderr.startswith("desk: Không có cơ sở dữ liệu")
        assert "Traceback" not in result.stderr
    assert not load_config(config, env={}).settings.paths.database.exists()
