"""The audit chain anchored at central: what only an outside copy of its history can catch.

A rewritten-and-rehashed, a truncated and an emptied chain all verify on the desk itself; once
a sync round has anchored the chain at the real reference central (on loopback), `desk audit
verify` catches each of them. Offline it says it could not confirm.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from desk_app.audit import run_verify
from desk_app.backup import backup, record_restore, restore
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.audit_chain import verify
from desk_app.sync import sync_once
from tests.audit.helpers import cut_chain, rewrite_chain
from tests.conftest import FIXED_NOW
from tests.pg import BACKENDS
from tests.sync.conftest import TOKEN_ENV, Central, for_central, start_central

REPO = Path(__file__).resolve().parents[2]


def note(settings: Settings, count: int) -> int:
    """Append ``count`` events to the desk's trail; the number of its last event."""
    store = Store.open(settings.paths.database)
    try:
        for n in range(count):
            store.record("note", officer="B", at=FIXED_NOW, detail={"m": f"mark-{n}"})
        return verify(store.conn).events
    finally:
        store.close()


def sync(settings: Settings, central: Central) -> None:
    """One real sync round: it ends by anchoring the chain."""
    store = Store.open(settings.paths.database)
    try:
        report = sync_once(store, settings, env={TOKEN_ENV: central.token})
    finally:
        store.close()
    assert report.ok, report.error


def audit_verify(settings: Settings, central: Central) -> tuple[int, str]:
    """`desk audit verify` in this process: its exit status and what it printed."""
    out = io.StringIO()
    status = run_verify(
        settings.paths.database,
        Console(file=out, width=300),
        settings=settings,
        env={TOKEN_ENV: central.token},
    )
    return status, out.getvalue()


@pytest.fixture(params=BACKENDS)
def central_backend(request: pytest.FixtureRequest) -> str:
    """Every test here runs against central on SQLite and on PostgreSQL."""
    return str(request.param)


@pytest.fixture
def central(tmp_path: Path, central_target: str) -> Iterator[Central]:
    """The real reference central on a loopback port (as tests/sync starts it)."""
    running = start_central(tmp_path, target=central_target)
    yield running
    running.stop()


@pytest.fixture
def online(settings: Settings, central: Central) -> Settings:
    """The demo desk pointed at the running central, with a few events, synced once."""
    pointed = for_central(settings, central.url)
    note(pointed, 4)
    sync(pointed, central)
    return pointed


def events(settings: Settings) -> int:
    store = Store.open(settings.paths.database)
    try:
        return verify(store.conn).events
    finally:
        store.close()


def test_an_anchored_trail_is_confirmed_and_newer_events_are_named(
    online: Settings, central: Central
) -> None:
    last = events(online)
    status, text = audit_verify(online, central)
    assert status == 0, text
    assert f"Đã đối chiếu với hệ thống trung tâm đến sự kiện {last}, neo lúc" in text
    newest = note(online, 2)
    status, text = audit_verify(online, central)
    assert status == 0
    assert f"đến sự kiện {last}," in text
    assert f"Các sự kiện từ số {last + 1} đến {newest} chưa được neo" in text


def test_a_rewritten_and_rehashed_chain_is_caught_once_anchored(
    online: Settings, central: Central
) -> None:
    note(online, 3)
    sync(online, central)  # two anchors now: after the first round and after this one
    rewrite_chain(online.paths.database, 4, '{"m":"forged"}')
    store = Store.open(online.paths.database)
    try:
        assert verify(store.conn).ok  # the chain alone cannot tell
    finally:
        store.close()
    status, text = audit_verify(online, central)
    assert status == 1
    assert "KHÔNG KHỚP với hệ thống trung tâm (2 mốc)" in text
    assert "trên máy khác với mốc trung tâm neo lúc" in text
    assert "rồi tính lại mã băm" in text
    assert "Không mốc nào của hệ thống trung tâm khớp" in text  # both anchors are after event 4


def test_a_truncated_chain_is_caught_once_anchored(online: Settings, central: Central) -> None:
    last = events(online)
    cut_chain(online.paths.database, last - 2)
    status, text = audit_verify(online, central)
    assert status == 1
    assert f"trên máy không còn sự kiện số {last}: nhật ký đã bị cắt bớt" in text


def test_an_emptied_chain_is_caught_once_anchored(online: Settings, central: Central) -> None:
    last = events(online)
    cut_chain(online.paths.database, 0)
    status, text = audit_verify(online, central)
    assert status == 1
    assert "Nhật ký kiểm toán nguyên vẹn: 0 sự kiện" in text  # locally: nothing to break
    assert f"không còn sự kiện số {last}" in text


def test_central_keeps_and_flags_a_shorter_chain_append_only(
    online: Settings, central: Central
) -> None:
    last = events(online)
    cut_chain(online.paths.database, 2)
    sync(online, central)  # the round goes through; central records the cut
    rows = central.rows("SELECT events, flag FROM anchors ORDER BY seq")
    assert rows[0] == (last, None) and rows[-1] == (2, "behind")
    for sql in ("DELETE FROM anchors", "UPDATE anchors SET flag = NULL"):
        with pytest.raises(Exception, match="append-only"), central.store.db.write() as tx:
            tx.run(sql)
    assert central.rows("SELECT events, flag FROM anchors ORDER BY seq") == rows
    status, text = audit_verify(online, central)
    assert status == 1
    assert "nhật ký chỉ có 2 sự kiện, ít hơn mốc đã neo" in text


def test_offline_verify_says_it_could_not_confirm(online: Settings, central: Central) -> None:
    away = for_central(online, "http://127.0.0.1:9", timeout=0.5)
    status, text = audit_verify(away, central)
    assert status == 0  # the local chain holds: not confirmed is not broken
    assert "Chưa đối chiếu được với hệ thống trung tâm (Không liên lạc được" in text
    assert "có thể đã viết lại, cắt bớt hoặc xóa nhật ký" in text


def test_a_forced_restore_of_an_older_backup_is_named_as_the_likely_cause(
    online: Settings, central: Central, tmp_path: Path
) -> None:
    database = online.paths.database
    backup(database, tmp_path / "old.sqlite3")
    note(online, 3)
    sync(online, central)
    restore(database, tmp_path / "old.sqlite3", force=True)
    record_restore(database, tmp_path / "old.sqlite3", officer="Trưởng", force=True, at=FIXED_NOW)
    status, text = audit_verify(online, central)
    assert status == 1
    assert "là một lần khôi phục từ bản sao lưu" in text


def test_each_desk_reads_only_its_own_anchors_and_bad_anchors_get_422(
    online: Settings, central: Central
) -> None:
    with central.http(central.other_token) as other:
        assert other.get("/v1/anchors").json() == {"anchors": [], "cursor": 0, "more": False}
    with central.http(central.token) as mine:
        held = mine.get("/v1/anchors", params={"limit": 1}).json()
        assert len(held["anchors"]) == 1 and held["anchors"][0]["flag"] is None
        for body in ({"events": 0, "head": "0" * 64}, {"events": 3, "head": "XYZ"}, {}):
            refused = mine.post("/v1/anchors", json=body)
            assert refused.status_code == 422
            assert refused.json()["message"].startswith("Yêu cầu không đúng định dạng")
        assert mine.get("/v1/anchors", params={"after": "1" * 25}).status_code == 422
    with central.http() as nobody:
        assert nobody.get("/v1/anchors").status_code == 401


def test_the_command_confirms_against_central(online: Settings, central: Central) -> None:
    config = online.paths.database.parent / "desk.toml"
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "audit", "verify"],
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONIOENCODING": "utf-8",
            "COLUMNS": "300",
            "DESK_CENTRAL__URL": central.url,
            TOKEN_ENV: central.token,
        },
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Đã đối chiếu với hệ thống trung tâm đến sự kiện" in result.stdout
    assert "Tài khoản cán bộ khớp nhật ký kiểm toán: 2 tài khoản." in result.stdout


def test_an_anchor_sent_late_by_a_second_desk_process_is_named_not_failed(
    online: Settings, central: Central
) -> None:
    """The App's worker and a scheduled `desk sync` may send their anchors out of order."""
    store = Store.open(online.paths.database)
    try:
        earlier = store.rows("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1 OFFSET 1")[0]
    finally:
        store.close()
    with central.http(central.token) as late:
        answer = late.post("/v1/anchors", json={"events": earlier[0], "head": earlier[1]})
    assert answer.status_code == 409 and answer.json()["error"] == "anchor_behind"
    status, text = audit_verify(online, central)
    assert status == 0, text
    assert f"nhật ký chỉ có {earlier[0]} sự kiện, ít hơn mốc đã neo" in text
    assert "Nhật ký trên máy hiện vẫn khớp mốc đó" in text
