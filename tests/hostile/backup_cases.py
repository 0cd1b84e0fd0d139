"""What the backup corpus (corpus/backup.json) builds for each case, by name.

Each builder gets the folder of a fresh demo desk (its desk.toml, its ``desk.sqlite3`` with two
accounts and one dossier) and returns the command-line argument of the case: the TARGET of
``desk backup``, the FILE of ``desk restore``, or nothing for a case that damages the desk's
own database before ``desk audit verify`` or ``desk officer add``. Everything is made inside
that folder, so the test can show that nothing in it changed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher

from desk_app.backup import backup
from desk_app.demo import make_demo
from desk_app.store.schema import MIGRATIONS, migrate
from tests.audit.helpers import cut_chain, delete_event, filled_store, rewrite_chain
from tests.audit.helpers import set_audit_field as set_field
from tests.scans import pdf

Builder = Callable[[Path], str]
BUILDERS: dict[str, Builder] = {}
LIVE = "desk.sqlite3"


def builder(make: Builder) -> Builder:
    """Register ``make`` under its name."""
    BUILDERS[make.__name__] = make
    return make


def sql(path: Path, *statements: str) -> None:
    """Run statements on ``path`` the way someone with the file would (no desk code)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def good_backup(folder: Path, name: str = "sao-luu.sqlite3") -> Path:
    """A real backup of this desk, taken the normal way."""
    made = folder / name
    backup(folder / LIVE, made)
    return made


def changed_backup(folder: Path, *statements: str) -> str:
    """A real backup of this desk, then changed by ``statements``."""
    made = good_backup(folder)
    sql(made, *statements)
    return made.name


def foreign(path: Path, *statements: str) -> str:
    """Another program's SQLite file (a notes table), with extra ``statements``."""
    sql(path, "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('sổ tay')", *statements)
    return path.name


# --- targets of `desk backup` -------------------------------------------------------------------


@builder
def config(folder: Path) -> str:
    return "desk.toml"


@builder
def under_config(folder: Path) -> str:
    return "desk.toml/sao-luu.sqlite3"


@builder
def under_config_deep(folder: Path) -> str:
    return "desk.toml/a/b/sao-luu.sqlite3"


@builder
def the_folder(folder: Path) -> str:
    return str(folder)


@builder
def the_folder_slash(folder: Path) -> str:
    return f"{folder}/"


@builder
def dot(folder: Path) -> str:
    return "."


@builder
def empty_argument(folder: Path) -> str:
    return ""


@builder
def attachments_folder(folder: Path) -> str:
    return "attachments"


@builder
def fifo(folder: Path) -> str:
    os.mkfifo(folder / "ong")
    return "ong"


@builder
def under_fifo(folder: Path) -> str:
    os.mkfifo(folder / "ong")
    return "ong/sao-luu.sqlite3"


@builder
def symlink_to_backup(folder: Path) -> str:
    (folder / "lien-ket").symlink_to(good_backup(folder))
    return "lien-ket"


@builder
def symlink_to_config(folder: Path) -> str:
    (folder / "lien-ket").symlink_to(folder / "desk.toml")
    return "lien-ket"


@builder
def symlink_dangling(folder: Path) -> str:
    (folder / "lien-ket").symlink_to(folder / "chua-co.sqlite3")
    return "lien-ket"


@builder
def symlink_to_folder(folder: Path) -> str:
    (folder / "lien-ket").symlink_to(folder / "attachments")
    return "lien-ket"


@builder
def symlink_to_live(folder: Path) -> str:
    (folder / "lien-ket").symlink_to(folder / LIVE)
    return "lien-ket"


@builder
def under_symlink_to_config(folder: Path) -> str:
    (folder / "lien-ket").symlink_to(folder / "desk.toml")
    return "lien-ket/sao-luu.sqlite3"


@builder
def live(folder: Path) -> str:
    return LIVE


@builder
def live_by_another_path(folder: Path) -> str:
    return f"attachments/../{LIVE}"


@builder
def live_absolute(folder: Path) -> str:
    return str(folder / LIVE)


@builder
def live_hard_link(folder: Path) -> str:
    os.link(folder / LIVE, folder / "ban-sao.sqlite3")
    return "ban-sao.sqlite3"


@builder
def live_wal(folder: Path) -> str:
    return f"{LIVE}-wal"


@builder
def live_shm(folder: Path) -> str:
    return f"{LIVE}-shm"


@builder
def live_journal(folder: Path) -> str:
    return f"{LIVE}-journal"


@builder
def empty_file(folder: Path) -> str:
    (folder / "rong.sqlite3").touch()
    return "rong.sqlite3"


@builder
def text_file(folder: Path) -> str:
    (folder / "ghi-chu.txt").write_text("Danh sách việc cần làm.\n", encoding="utf-8")
    return "ghi-chu.txt"


@builder
def pdf_file(folder: Path) -> str:
    (folder / "giay-hen.pdf").write_bytes(pdf("giấy hẹn"))
    return "giay-hen.pdf"


@builder
def foreign_sqlite(folder: Path) -> str:
    return foreign(folder / "khac.sqlite3")


@builder
def foreign_with_user_version(folder: Path) -> str:
    return foreign(folder / "khac.sqlite3", "PRAGMA user_version = 6")


@builder
def foreign_with_application_id(folder: Path) -> str:
    return foreign(folder / "khac.sqlite3", "PRAGMA application_id = 1234")


@builder
def unmarked_backup(folder: Path) -> str:
    return changed_backup(folder, "PRAGMA application_id = 0")


@builder
def another_desks_backup(folder: Path) -> str:
    make_demo(folder / "ban-khac")
    backup(folder / "ban-khac" / LIVE, folder / "ban-khac.sqlite3")
    shutil.rmtree(folder / "ban-khac")
    return "ban-khac.sqlite3"


@builder
def copy_of_the_working_database(folder: Path) -> str:
    shutil.copy(folder / LIVE, folder / "ban-chep.sqlite3")  # a plain copy: still in WAL mode
    return "ban-chep.sqlite3"


@builder
def backup_longer_than_live(folder: Path) -> str:
    made = good_backup(folder)
    cut_chain(folder / LIVE, 1)  # the live trail was cut: the copy is the evidence
    return made.name


@builder
def backup_diverging_from_live(folder: Path) -> str:
    made = good_backup(folder)
    rewrite_chain(folder / LIVE, 2, '{"m":"forged"}')
    return made.name


@builder
def name_too_long(folder: Path) -> str:
    return "a" * 300 + ".sqlite3"


# --- files handed to `desk restore` -------------------------------------------------------------


@builder
def missing_file(folder: Path) -> str:
    return "khong-co.sqlite3"


@builder
def under_a_file(folder: Path) -> str:
    return "desk.toml/sao-luu.sqlite3"


@builder
def backup_without_accounts(folder: Path) -> str:
    filled_store(folder / "khong-tai-khoan.sqlite3").close()
    return "khong-tai-khoan.sqlite3"


@builder
def working_copy_without_accounts(folder: Path) -> str:
    """A database another desk program has open (WAL mode, with its -wal), copied as is."""
    store = filled_store(folder / "dang-mo.sqlite3")  # left open: the -wal holds its commits
    shutil.copy(folder / "dang-mo.sqlite3", folder / "ban-chep.sqlite3")
    shutil.copy(folder / "dang-mo.sqlite3-wal", folder / "ban-chep.sqlite3-wal")
    store.close()
    return "ban-chep.sqlite3"


@builder
def backup_supervisor_disabled(folder: Path) -> str:
    return changed_backup(folder, "UPDATE officers SET active = 0 WHERE role = 'supervisor'")


@builder
def backup_supervisor_demoted(folder: Path) -> str:
    return changed_backup(folder, "UPDATE officers SET role = 'officer'")


@builder
def backup_accounts_deleted(folder: Path) -> str:
    return changed_backup(folder, "DELETE FROM officers")


@builder
def backup_from_before_accounts(folder: Path) -> str:
    conn = sqlite3.connect(folder / "cu.sqlite3", isolation_level=None)
    migrate(conn, MIGRATIONS[:5])
    conn.close()
    return "cu.sqlite3"


@builder
def backup_without_audit(folder: Path) -> str:
    return changed_backup(folder, "DROP TABLE audit")


@builder
def backup_without_officers(folder: Path) -> str:
    return changed_backup(folder, "DROP TABLE officers")


@builder
def backup_without_dossiers(folder: Path) -> str:
    return changed_backup(folder, "PRAGMA foreign_keys = OFF", "DROP TABLE dossiers")


@builder
def backup_without_a_column(folder: Path) -> str:
    return changed_backup(folder, "ALTER TABLE officers DROP COLUMN password_hash")


@builder
def backup_with_a_forged_counter(folder: Path) -> str:
    return changed_backup(folder, "UPDATE code_sequences SET last = 'nhiều'")


@builder
def backup_from_a_newer_desk(folder: Path) -> str:
    return changed_backup(folder, "PRAGMA user_version = 99")


@builder
def foreign_from_a_newer_program(folder: Path) -> str:
    return foreign(folder / "khac.sqlite3", "PRAGMA user_version = 99")


@builder
def backup_with_a_broken_chain(folder: Path) -> str:
    made = good_backup(folder)
    delete_event(made, 2)
    return made.name


@builder
def backup_with_a_blob_in_audit(folder: Path) -> str:
    made = good_backup(folder)
    set_field(made, 2, "officer", b"\xff\xfe")
    return made.name


@builder
def backup_cut_in_half(folder: Path) -> str:
    made = good_backup(folder)
    data = made.read_bytes()
    made.write_bytes(data[: len(data) // 2])
    return made.name


# --- the desk's own database, damaged before `desk audit verify` / `desk officer add` ------------


def damage(folder: Path, *statements: str) -> str:
    sql(folder / LIVE, *statements)
    return ""


@builder
def audit_dropped(folder: Path) -> str:
    return damage(folder, "DROP TABLE audit")


@builder
def officers_dropped(folder: Path) -> str:
    return damage(folder, "DROP TABLE officers")


@builder
def column_dropped(folder: Path) -> str:
    return damage(folder, "ALTER TABLE dossiers DROP COLUMN status_reason")


@builder
def marked_by_another_program(folder: Path) -> str:
    return damage(folder, "PRAGMA application_id = 1234")


@builder
def from_a_newer_desk(folder: Path) -> str:
    return damage(folder, "PRAGMA user_version = 99")


@builder
def blob_in_detail(folder: Path) -> str:
    set_field(folder / LIVE, 1, "detail", b'{"username":"lanhdao"}')
    return ""


@builder
def blob_in_officer(folder: Path) -> str:
    set_field(folder / LIVE, 2, "officer", b"\x00\x01")
    return ""


@builder
def blob_in_hash(folder: Path) -> str:
    set_field(folder / LIVE, 2, "hash", bytes(64))
    return ""


@builder
def role_changed(folder: Path) -> str:
    return damage(folder, "UPDATE officers SET role = 'supervisor' WHERE username = 'thu'")


@builder
def account_disabled(folder: Path) -> str:
    return damage(folder, "UPDATE officers SET active = 0 WHERE username = 'thu'")


@builder
def password_replaced(folder: Path) -> str:
    known = PasswordHasher().hash("mat-khau-ke-gian")
    return damage(folder, f"UPDATE officers SET password_hash = '{known}' WHERE username = 'thu'")


@builder
def account_inserted(folder: Path) -> str:
    return damage(
        folder,
        "INSERT INTO officers (username, full_name, name_key, role, password_hash, created_at, "
        "password_changed_at) SELECT 'ke.gian', 'Kẻ Gian', 'ke gian', 'supervisor', "
        "password_hash, created_at, created_at FROM officers WHERE username = 'thu'",
    )


@builder
def account_deleted(folder: Path) -> str:
    return damage(folder, "DELETE FROM officers WHERE username = 'thu'")


@builder
def database_is_foreign(folder: Path) -> str:
    foreign(folder / "khac.sqlite3")
    return ""


@builder
def accounts_emptied(folder: Path) -> str:
    return damage(folder, "DELETE FROM officers")


@builder
def accounts_and_dossiers_emptied(folder: Path) -> str:
    return damage(
        folder,
        "PRAGMA foreign_keys = OFF",
        "DELETE FROM officers",
        "DELETE FROM outbox",
        "DELETE FROM dossier_search",
        "DELETE FROM dossiers",
    )


@builder
def nothing(folder: Path) -> str:
    return ""


@builder
def officer_events_erased(folder: Path) -> str:
    return damage(
        folder,
        "DROP TRIGGER audit_no_delete",
        "DELETE FROM audit WHERE action LIKE 'officer.%'",
        "DELETE FROM officers",
    )
