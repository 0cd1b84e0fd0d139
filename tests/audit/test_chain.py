"""The hash-chained audit trail: each kind of tampering is found, at the event where it happened."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest

from desk_app.store import Store
from desk_app.store.audit_chain import GENESIS, ChainReport, append, verify
from desk_app.store.connection import open_connection
from desk_app.store.schema import MIGRATIONS, migrate
from tests.audit.helpers import (
    delete_event,
    edit_file_bytes,
    filled_store,
    insert_forged_event,
    raw,
)
from tests.conftest import FIXED_NOW

REPO = Path(__file__).resolve().parents[2]


def report(path: Path) -> ChainReport:
    """The chain check of the file, opened as the desk opens it."""
    store = Store.open(path)
    try:
        return verify(store.conn)
    finally:
        store.close()


def test_an_untouched_trail_verifies_and_links_from_genesis(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "d.sqlite3")
    try:
        rows = store.conn.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id").fetchall()
        checked = verify(store.conn)
    finally:
        store.close()
    assert [r[0] for r in rows] == list(range(1, 7))
    assert rows[0][1] == GENESIS
    assert all(later[1] == earlier[2] for earlier, later in pairwise(rows))
    assert checked.ok and checked.events == 6 and checked.head == rows[-1][2]


def test_verify_finds_an_edited_event(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    filled_store(path).close()  # closing checkpoints the WAL into the file
    edit_file_bytes(path, b'"mark-1"', b'"mark-X"')
    found = report(path)
    assert found.broken is not None
    assert found.broken.event_id == 4  # receive, note, receive, note(mark-1)
    assert "sửa" in found.broken.reason
    assert found.events == 3


def test_verify_finds_a_deleted_event(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    filled_store(path).close()
    delete_event(path, 3)
    found = report(path)
    assert found.broken is not None
    assert found.broken.event_id == 4
    assert "số 3 đã bị xóa" in found.broken.reason


def test_verify_finds_an_inserted_event_even_with_its_hash_recomputed(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    filled_store(path).close()
    insert_forged_event(path, after_id=2)
    found = report(path)
    # The forgery links to event 2 and hashes right; the genuine event after it no longer links.
    assert found.broken is not None
    assert found.broken.event_id == 4
    assert found.events == 3


def test_the_triggers_still_refuse_edits_and_deletes(tmp_path: Path) -> None:
    store = filled_store(tmp_path / "d.sqlite3", dossiers=1)
    try:
        for sql in ("UPDATE audit SET officer = 'X'", "DELETE FROM audit"):
            with pytest.raises(Exception, match="append-only"):
                store.conn.execute(sql)
    finally:
        store.close()


def test_appending_outside_a_write_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError):
        append(store.conn, FIXED_NOW, "A", "note", None, {})


def test_upgrade_chains_the_events_written_before_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = open_connection(path)
    migrate(conn, MIGRATIONS[:4])
    conn.executemany(
        "INSERT INTO audit (at, officer, action, dossier_code, detail) VALUES (?, ?, ?, ?, ?)",
        [
            (datetime(2026, 1, d).isoformat(), "Nguyễn Thị Hoa", "receive", f"C{d}", "{}")
            for d in (1, 2, 3)
        ],
    )
    conn.close()
    store = Store.open(path)
    try:
        assert [e.dossier_code for e in store.audit_events()] == ["C1", "C2", "C3"]
        assert verify(store.conn).events == 3 and verify(store.conn).ok
        store.record("note", officer="A", at=FIXED_NOW)
        assert verify(store.conn).events == 4 and verify(store.conn).ok
        with pytest.raises(Exception, match="append-only"):
            store.conn.execute("DELETE FROM audit")
    finally:
        store.close()


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desk_app.store import Store
    from tests.conftest import FIXED_NOW, sample_dossier

    path, count, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    store = Store.open(path)
    while not go.exists():
        time.sleep(0.001)
    for n in range(count):
        saved = store.save_dossier(sample_dossier(), agency_code="000.00.01.H26", desk_number=1,
                                   officer="A", received_at=FIXED_NOW)
        store.record("note", officer="B", at=FIXED_NOW, dossier_code=saved.code)
    store.close()
    """
)


def test_two_processes_appending_at_once_keep_one_valid_chain(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    Store.open(path).close()
    go = tmp_path / "go"
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(path), "40", str(go)], cwd=REPO)
        for _ in range(2)
    ]
    go.touch()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    found = report(path)
    assert found.ok and found.events == 160
    conn = raw(path)
    assert conn.execute("SELECT count(DISTINCT prev_hash) FROM audit").fetchone() == (160,)
    conn.close()


def test_an_event_that_does_not_link_to_the_head_is_refused_by_the_file(tmp_path: Path) -> None:
    """A writer that skipped the write lock (or a hand with the file) cannot fork the chain:
    an event must take the next id and carry the last event's hash."""
    path = tmp_path / "d.sqlite3"
    filled_store(path).close()
    conn = raw(path)
    head_id, head = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    (older,) = conn.execute("SELECT hash FROM audit WHERE id = ?", (head_id - 1,)).fetchone()
    row = (FIXED_NOW.isoformat(), "B", "note", None, "{}")
    for event_id, prev in ((head_id + 1, older), (head_id + 2, head), (head_id, head)):
        with pytest.raises(sqlite3.IntegrityError, match="link to the head"):
            conn.execute(
                "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (event_id, *row, prev, "f" * 64),
            )
    conn.close()
    assert report(path).ok and report(path).events == head_id


def test_the_fork_guard_moves_off_the_unique_index_and_the_chain_still_verifies(
    tmp_path: Path,
) -> None:
    """Migration 9 copies the chain into a table without UNIQUE(prev_hash): same rows."""
    path = tmp_path / "old.sqlite3"
    conn = open_connection(path)
    migrate(conn, MIGRATIONS[:8])
    for n in range(5):
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            append(conn, FIXED_NOW, "Nguyễn Thị Hoa", "note", f"C{n}", {"n": n})
    before = conn.execute("SELECT * FROM audit ORDER BY id").fetchall()
    conn.close()
    store = Store.open(path)
    try:
        assert store.conn.execute("SELECT * FROM audit ORDER BY id").fetchall() == before
        indexes = {r[1] for r in store.conn.execute("PRAGMA index_list(audit)")}
        assert indexes == {"audit_dossier", "audit_officer"}
        store.record("note", officer="A", at=FIXED_NOW)
        assert verify(store.conn).ok and verify(store.conn).events == 6
        with pytest.raises(Exception, match="append-only"):
            store.conn.execute("DELETE FROM audit")
    finally:
        store.close()
