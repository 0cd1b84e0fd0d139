"""Backup and restore cannot destroy data or open the door.

`desk backup` writes only a new file or an earlier backup of this desk; `desk restore` takes
only a desk backup with an active supervisor; a database is a desk's by the mark in its header
and its schema; the first account needs no sign-in only on a database that never held any.
The command-level cases of every kind are in tests/hostile/test_backup.py.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desk_app.backup import backup, restore
from desk_app.errors import StoreError
from desk_app.officers import AccountError, Role, add
from desk_app.store import Store
from desk_app.store.marking import APPLICATION_ID
from desk_app.store.schema import MIGRATIONS, migrate
from tests.audit.helpers import UNUSED_HASH, cut_chain, filled_store, raw, rewrite_chain
from tests.conftest import FIXED_NOW


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A desk database with a supervisor and three dossiers."""
    path = tmp_path / "desk.sqlite3"
    filled_store(path, supervisor=True).close()
    return path


def app_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()


def foreign(path: Path, *, user_version: int = 0) -> Path:
    """Another program's SQLite file."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('sổ tay')")
    conn.commit()
    conn.close()
    return path


# --- restore ----------------------------------------------------------------------------------


def test_restore_refuses_an_empty_file(live: Path, tmp_path: Path) -> None:
    before = live.read_bytes()
    (tmp_path / "empty.sqlite3").touch()
    with pytest.raises(StoreError, match=r"rỗng \(0 byte\): không phải bản sao lưu"):
        restore(live, tmp_path / "empty.sqlite3")
    assert live.read_bytes() == before


def test_restore_refuses_another_programs_sqlite_file(live: Path, tmp_path: Path) -> None:
    before = live.read_bytes()
    for made in (foreign(tmp_path / "a.sqlite3"), foreign(tmp_path / "b.db", user_version=6)):
        with pytest.raises(
            StoreError, match=r"không phải của desk|không phải cơ sở dữ liệu của desk"
        ):
            restore(live, made)
    assert live.read_bytes() == before


def test_restore_refuses_a_desk_backup_without_an_active_supervisor(
    live: Path, tmp_path: Path
) -> None:
    nobody = tmp_path / "nobody.sqlite3"
    filled_store(nobody).close()  # dossiers, no account at all
    demoted = tmp_path / "demoted.sqlite3"
    backup(live, demoted)
    conn = raw(demoted)
    conn.execute("UPDATE officers SET active = 0")
    conn.close()
    before = live.read_bytes()
    for made in (nobody, demoted):
        with pytest.raises(StoreError, match="không có tài khoản lãnh đạo bộ phận nào đang hoạt"):
            restore(live, made)
    assert live.read_bytes() == before


def test_restore_of_a_backup_missing_a_table_names_it(live: Path, tmp_path: Path) -> None:
    made = tmp_path / "b.sqlite3"
    backup(live, made)
    conn = raw(made)
    conn.execute("DROP TABLE code_sequences")
    conn.close()
    with pytest.raises(StoreError, match="thiếu bảng code_sequences"):
        restore(live, made)


def test_restore_never_replaces_a_file_that_is_not_the_desks(live: Path, tmp_path: Path) -> None:
    made = tmp_path / "b.sqlite3"
    backup(live, made)
    other = foreign(tmp_path / "notes.sqlite3")
    before = other.read_bytes()
    with pytest.raises(StoreError, match="không ghi đè lên nó"):
        restore(other, made)
    assert other.read_bytes() == before


# --- backup -----------------------------------------------------------------------------------


def test_backup_refuses_an_existing_file_that_is_not_a_backup(live: Path, tmp_path: Path) -> None:
    config = tmp_path / "desk.toml"
    config.write_text('[office]\nname = "Bộ phận Một cửa"\n', encoding="utf-8")
    notes = foreign(tmp_path / "notes.sqlite3")
    for target in (config, notes):
        before = target.read_bytes()
        with pytest.raises(StoreError, match="không phải bản sao lưu của bàn này"):
            backup(live, target)
        assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_replaces_an_earlier_backup_of_this_desk_only(live: Path, tmp_path: Path) -> None:
    made = tmp_path / "b.sqlite3"
    backup(live, made)
    store = Store.open(live)
    store.record("note", officer="B", at=FIXED_NOW)
    store.close()
    assert backup(live, made).chain.events == 8  # the earlier backup is replaced
    elsewhere = tmp_path / "other" / "desk.sqlite3"
    filled_store(elsewhere).close()  # another history from its first event
    before = made.read_bytes()
    with pytest.raises(StoreError, match="bản sao lưu của một cơ sở dữ liệu khác"):
        backup(elsewhere, made)
    assert made.read_bytes() == before


def test_backup_keeps_an_earlier_backup_that_holds_more_history(live: Path, tmp_path: Path) -> None:
    """A trail cut (or rewritten) on the live database must not wipe the evidence by cron."""
    made = tmp_path / "b.sqlite3"
    backup(live, made)
    before = made.read_bytes()
    cut_chain(live, 5)
    with pytest.raises(StoreError, match="có 7 sự kiện kiểm toán, nhiều hơn"):
        backup(live, made)
    filled_store(live).close()  # the live trail grows again past the copy, rewritten first
    rewrite_chain(live, 2, '{"m":"forged"}')
    with pytest.raises(StoreError, match="khác nhật ký hiện tại tại sự kiện số 7"):
        backup(live, made)
    assert made.read_bytes() == before


def test_backup_under_a_regular_file_is_one_clear_message(live: Path, tmp_path: Path) -> None:
    config = tmp_path / "desk.toml"
    config.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"desk\.toml là một tệp chứ không phải thư mục"):
        backup(live, config / "x.sqlite3")
    assert config.read_text(encoding="utf-8") == "x = 1\n"


def test_backup_never_writes_through_a_symlink_or_into_a_fifo(live: Path, tmp_path: Path) -> None:
    made = tmp_path / "b.sqlite3"
    backup(live, made)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(made)
    with pytest.raises(StoreError, match="liên kết tượng trưng"):
        backup(live, link)
    assert link.is_symlink() and link.readlink() == made
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="không phải tệp thường"):
        backup(live, fifo)
    assert fifo.is_fifo()


# --- the mark ---------------------------------------------------------------------------------


def test_a_desk_database_is_marked_and_an_older_one_is_marked_on_open(tmp_path: Path) -> None:
    fresh = tmp_path / "new.sqlite3"
    Store.open(fresh).close()
    assert app_id(fresh) == APPLICATION_ID
    older = tmp_path / "older.sqlite3"
    conn = sqlite3.connect(older, isolation_level=None)
    migrate(conn, MIGRATIONS[:6])  # a desk database from before the mark
    conn.close()
    assert app_id(older) == 0
    Store.open(older).close()
    assert app_id(older) == APPLICATION_ID


def test_opening_another_programs_file_changes_nothing(tmp_path: Path) -> None:
    for made in (foreign(tmp_path / "a.sqlite3"), foreign(tmp_path / "b.db", user_version=3)):
        before = made.read_bytes()
        with pytest.raises(StoreError, match="không phải"):
            Store.open(made)
        assert made.read_bytes() == before
        assert not Path(f"{made}-wal").exists()


def test_a_desk_database_missing_a_column_is_named(live: Path) -> None:
    conn = raw(live)
    conn.execute("ALTER TABLE officers DROP COLUMN last_sign_in_at")
    conn.close()
    with pytest.raises(StoreError, match="bảng officers thiếu cột last_sign_in_at"):
        Store.open(live)


# --- the first account ------------------------------------------------------------------------


def first_supervisor(store: Store) -> None:
    add(
        store,
        "moi",
        "Người Mới",
        Role.SUPERVISOR,
        "",
        by=None,
        at=FIXED_NOW,
        password_hash=UNUSED_HASH,
    )


def test_the_first_account_needs_no_sign_in_only_on_a_database_that_never_held_any(
    tmp_path: Path, live: Path
) -> None:
    fresh = Store.open(tmp_path / "fresh.sqlite3")
    try:
        first_supervisor(fresh)  # a new desk
    finally:
        fresh.close()
    dossiers = tmp_path / "dossiers.sqlite3"
    filled_store(dossiers).close()  # dossiers but never an account
    emptied = tmp_path / "emptied.sqlite3"
    shutil.copy(live, emptied)
    conn = raw(emptied)
    conn.execute("DELETE FROM officers")  # what a restore of an empty file used to leave
    conn.close()
    for path in (dossiers, emptied):
        store = Store.open(path)
        try:
            with pytest.raises(AccountError, match="đã từng có tài khoản hoặc hồ sơ"):
                first_supervisor(store)
            assert store.rows("SELECT count(*) FROM officers") == [(0,)]
        finally:
            store.close()


def test_a_backup_of_a_database_from_before_the_mark_is_marked_and_replaceable(
    live: Path, tmp_path: Path
) -> None:
    conn = raw(live)
    conn.execute("PRAGMA application_id = 0")  # as every desk database was before the mark
    conn.close()
    made = tmp_path / "b.sqlite3"
    backup(live, made)
    assert app_id(made) == APPLICATION_ID
    backup(live, made)  # the nightly task runs again: its own earlier copy is recognised
