"""`desk backup` during real concurrent writes, and `desk restore` refusing what is unsound."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desk_app.backup import backup, restore
from desk_app.errors import StoreError
from desk_app.store import Store
from desk_app.store.audit_chain import verify
from tests.audit.helpers import AGENCY, delete_event, filled_store
from tests.conftest import FIXED_NOW, sample_dossier

REPO = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desk_app.store import Store
    from tests.conftest import FIXED_NOW, sample_dossier

    path, count, started = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    store = Store.open(path)
    for n in range(count):
        store.save_dossier(sample_dossier(), agency_code="000.00.01.H26", desk_number=1,
                           officer="A", received_at=FIXED_NOW)
        if n == 10:
            started.touch()
    store.close()
    """
)


def consistent(path: Path) -> tuple[int, bool]:
    """Dossiers in the file, and whether each has its receive event and outbox entry."""
    store = Store.open(path)
    try:
        one = store.conn.execute
        (dossiers,) = one("SELECT count(*) FROM dossiers").fetchone()
        (received,) = one("SELECT count(*) FROM audit WHERE action = 'receive'").fetchone()
        (queued,) = one("SELECT count(*) FROM outbox").fetchone()
        (last,) = one("SELECT max(last) FROM code_sequences").fetchone()
        ok = verify(store.conn).ok and dossiers == received == queued == last
        return dossiers, ok
    finally:
        store.close()


def test_backup_while_another_process_writes_restores_consistent(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    filled_store(live, dossiers=0, supervisor=True).close()  # a restore needs a supervisor
    started = tmp_path / "started"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(live), "400", str(started)], cwd=REPO
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        copies = [backup(live, tmp_path / f"copy{n}.sqlite3") for n in range(3)]
        still_writing = writer.poll() is None
    finally:
        assert writer.wait(timeout=120) == 0
    assert still_writing, "the writer must still be writing while the backups run"
    sizes = [c.dossiers for c in copies]
    assert 10 < sizes[0] <= sizes[1] <= sizes[2] < 400
    for n, checked in enumerate(copies):
        restored = tmp_path / f"restored{n}" / "desk.sqlite3"
        restore(restored, tmp_path / f"copy{n}.sqlite3")
        assert consistent(restored) == (checked.dossiers, True)
    assert consistent(live) == (400, True)


def test_restore_refuses_a_corrupt_file_and_changes_nothing(tmp_path: Path) -> None:
    live = tmp_path / "desk.sqlite3"
    filled_store(live, supervisor=True).close()
    before = live.read_bytes()
    backup(live, tmp_path / "b.sqlite3")
    data = (tmp_path / "b.sqlite3").read_bytes()
    (tmp_path / "b.sqlite3").write_bytes(data[: len(data) // 2])
    (tmp_path / "text.sqlite3").write_text("không phải cơ sở dữ liệu")
    for bad in ("b.sqlite3", "text.sqlite3"):
        with pytest.raises(StoreError, match="hỏng"):
            restore(live, tmp_path / bad)
    assert live.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_restore_refuses_a_broken_audit_chain(tmp_path: Path) -> None:
    live = tmp_path / "desk.sqlite3"
    filled_store(live, supervisor=True).close()
    backup(live, tmp_path / "b.sqlite3")
    delete_event(tmp_path / "b.sqlite3", 2)
    with pytest.raises(StoreError, match="bị phá vỡ tại sự kiện số 3"):
        restore(live, tmp_path / "b.sqlite3")


def test_an_older_backup_never_rewinds_the_dossier_codes(tmp_path: Path) -> None:
    live = tmp_path / "desk.sqlite3"
    filled_store(live, dossiers=2, supervisor=True).close()
    backup(live, tmp_path / "old.sqlite3")
    store = Store.open(live)
    printed = store.save_dossier(
        sample_dossier(), agency_code=AGENCY, desk_number=1, officer="A", received_at=FIXED_NOW
    ).code
    store.close()
    with pytest.raises(StoreError, match=r"cũ hơn.*--force"):
        restore(live, tmp_path / "old.sqlite3")
    restore(live, tmp_path / "old.sqlite3", force=True)
    store = Store.open(live)
    try:
        assert store.get(printed) is None  # the data is the backup's
        issued = store.save_dossier(
            sample_dossier(), agency_code=AGENCY, desk_number=1, officer="A", received_at=FIXED_NOW
        ).code
    finally:
        store.close()
    assert issued > printed  # the code on the citizen's receipt is not issued again


def test_restore_refuses_while_the_desk_has_the_database_open(tmp_path: Path) -> None:
    live = tmp_path / "desk.sqlite3"
    filled_store(live, supervisor=True).close()
    backup(live, tmp_path / "b.sqlite3")
    running = Store.open(live)
    try:
        with pytest.raises(StoreError, match="đang được mở"):
            restore(live, tmp_path / "b.sqlite3")
        assert verify(running.conn).events == 7
    finally:
        running.close()
    restore(live, tmp_path / "b.sqlite3")


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    from desk_app.backup import RESTORE_ACTION
    from desk_app.config import load_config
    from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR, make_demo

    config = make_demo(tmp_path / "demo")
    database = load_config(config, env={}).settings.paths.database
    filled_store(database).close()
    chief, chief_password, chief_name = DEMO_SUPERVISOR

    def desk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desk_app.cli", "--config", str(config), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
            cwd=REPO,
            timeout=60,
        )

    made = desk("backup", str(tmp_path / "b.sqlite3"))  # no sign-in: it runs from cron
    assert made.returncode == 0, made.stderr
    assert "3 hồ sơ" in made.stdout and "8 sự kiện" in made.stdout  # 2: the demo's accounts
    unsigned = desk("restore", str(tmp_path / "b.sqlite3"))
    assert unsigned.returncode == 2 and "--as" in unsigned.stderr
    officer = desk(
        "restore",
        str(tmp_path / "b.sqlite3"),
        "--as",
        DEMO_OFFICER[0],
        stdin=f"{DEMO_OFFICER[1]}\n",
    )
    assert officer.returncode == 2 and "Chỉ lãnh đạo bộ phận được khôi phục" in officer.stderr
    back = desk("restore", str(tmp_path / "b.sqlite3"), "--as", chief, stdin=f"{chief_password}\n")
    assert back.returncode == 0, back.stderr
    store = Store.open(database)
    try:
        last = store.audit_events()[-1]
        assert verify(store.conn).ok
    finally:
        store.close()
    assert (last.action, last.officer) == (RESTORE_ACTION, chief_name)
    missing = desk(
        "restore", str(tmp_path / "none.sqlite3"), "--as", chief, stdin=f"{chief_password}\n"
    )
    assert missing.returncode == 2 and missing.stderr.startswith("desk: Không có tệp sao lưu")

    database.unlink()  # a new machine: no account to sign in with, nothing to protect yet
    fresh = desk("restore", str(tmp_path / "b.sqlite3"))
    assert fresh.returncode == 0, fresh.stderr
    store = Store.open(database)
    try:
        assert store.audit_events()[-1].officer == "—"
    finally:
        store.close()


def test_a_tampered_database_is_still_backed_up_but_said_so(tmp_path: Path) -> None:
    live = tmp_path / "desk.sqlite3"
    filled_store(live, supervisor=True).close()
    delete_event(live, 2)
    checked = backup(live, tmp_path / "b.sqlite3")
    assert checked.chain.broken is not None and checked.chain.broken.event_id == 3
    assert (tmp_path / "b.sqlite3").exists()
