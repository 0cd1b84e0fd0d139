"""Schema migrations run on open, keep data, are atomic, and refuse a newer file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desk_app.errors import StoreError
from desk_app.lifecycle import Event
from desk_app.store import Store
from desk_app.store.connection import open_connection
from desk_app.store.marking import APPLICATION_ID
from desk_app.store.schema import MIGRATIONS, migrate
from tests.conftest import FIXED_NOW, sample_dossier


def old_database(path: Path, version: int) -> None:
    conn = open_connection(path)
    migrate(conn, MIGRATIONS[:version])
    conn.close()


def test_older_schema_is_migrated_on_open_and_keeps_its_dossiers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old_database(path, 1)
    # A dossier written by the version-1 desk, without procedure progress.
    conn = open_connection(path)
    conn.execute(
        "INSERT INTO dossiers (code, lookup_code, procedure_group, status, received_at, "
        "received_on, updated_at, officer, desk_number, requester_name, child_name, "
        "declarations, content_hash) VALUES ('000.00.01.H26-261124-1001', 'ABCDEF', "
        "'birth_interlink', 'accepted', ?, '2026-11-24', ?, 'A', 1, 'Nguyễn Văn An', "
        "'Trần Thị Bé', '{}', 'h')",
        (FIXED_NOW.isoformat(), FIXED_NOW.isoformat()),
    )
    conn.close()

    store = Store.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
        moved = store.apply_event(
            "000.00.01.H26-261124-1001",
            Event.PROGRESS,
            officer="A",
            at=FIXED_NOW,
            procedure="birth",
            reference="12/2026",
        )
        assert moved.done == {"birth"}
        assert moved.subject_name == "Trần Thị Bé"
    finally:
        store.close()


def test_reopening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = Store.open(path)
    store.save_dossier(
        sample_dossier(),
        agency_code="000.00.01.H26",
        desk_number=1,
        officer="A",
        received_at=FIXED_NOW,
    )
    store.close()
    again = Store.open(path)
    assert again.conn.execute("SELECT count(*) FROM dossiers").fetchone() == (1,)
    again.close()


def test_failed_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    old_database(path, 1)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk full")

    conn = open_connection(path)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, (MIGRATIONS[0], broken))
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    )
    conn.close()


def test_database_from_a_newer_desk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = open_connection(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a desk's file, as desks mark them
    conn.close()
    with pytest.raises(StoreError, match="mới hơn"):
        Store.open(path)


def test_migration_12_moves_each_dossiers_declarations_to_their_own_table(
    tmp_path: Path,
) -> None:
    """Declarations written by a version-11 desk are read back the same, byte for byte, and
    the dossier's row no longer carries them (a status change rewrites a small row)."""
    path = tmp_path / "old.sqlite3"
    old_database(path, 11)
    text = '{"child":{"full_name":"Trần Thị Bé"},"kind":"birth_interlink"}'
    conn = open_connection(path)
    conn.execute(
        "INSERT INTO dossiers (id, code, lookup_code, procedure_group, status, received_at, "
        "received_on, updated_at, officer, desk_number, requester_name, subject_name, "
        "declarations, content_hash) VALUES (5, '000.00.01.H26-261124-1001', 'ABCDEF', "
        "'birth_interlink', 'accepted', ?, '2026-11-24', ?, 'A', 1, 'Nguyễn Văn An', "
        "'Trần Thị Bé', ?, 'h')",
        (FIXED_NOW.isoformat(), FIXED_NOW.isoformat(), text),
    )
    conn.close()

    store = Store.open(path)
    try:
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(dossiers)")}
        assert "declarations" not in columns
        assert store.conn.execute(
            "SELECT dossier_id, declarations FROM dossier_content"
        ).fetchall() == [(5, text)]
        assert store.require("000.00.01.H26-261124-1001").declarations == json.loads(text)
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()
