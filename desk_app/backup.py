"""``desk backup FILE`` and ``desk restore FILE``: a copy taken while the desk works, and put back
only when it is sound.

Backup uses SQLite's online backup API: it copies one consistent snapshot while other desk
processes keep writing (WAL readers do not block writers), into a private temporary file
beside FILE that is checked, fsynced and renamed, so FILE is either the whole backup or absent.

Restore checks a copy of FILE before touching anything: ``PRAGMA integrity_check``, a schema
this desk understands (older ones are migrated on the copy), and an unbroken audit chain. Then
the copy is fsynced beside the database and renamed over it.

Two risks decided here:

* **Dossier codes**: an older backup would rewind ``code_sequences`` and the desk would reissue
  codes already printed on citizens' receipts. A backup whose counters are behind the current
  database is refused unless ``--force``; with ``--force`` the restored counters are raised to
  the current ones, so no code is ever issued twice.
* **A running desk**: renaming a file under an open SQLite connection makes that process write
  to a deleted file while its -wal is mixed with the new one. Restore therefore refuses while
  any process holds the database open (it must switch the file out of WAL mode, which SQLite
  allows only to the sole connection) and holds an exclusive lock until the rename. A desk
  started in the instant between that check and the rename could still hold the old file:
  close every desk program before restoring, as the command's help says.

A restore is recorded in the restored database (:func:`record_restore`): the supervisor's
sign-in was audited in the database that was just replaced, so without it nothing would say
who put this data back, or from which file.

A backup of a database whose audit chain is already broken is still written (it is evidence,
and the office should not be left without a copy) but the command says so and exits 1.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.errors import StoreError
from desk_app.private import private_file
from desk_app.store import Store
from desk_app.store.audit_chain import ChainReport, verify
from desk_app.store.connection import open_connection
from desk_app.store.schema import migrate

TEXT = {
    "no_db": "Không có cơ sở dữ liệu {path}.",
    "no_file": "Không có tệp sao lưu {path}.",
    "same": "Tệp sao lưu không được trùng với cơ sở dữ liệu đang dùng ({path}).",
    "not_db": "Tệp {path} không phải cơ sở dữ liệu của desk hoặc đã hỏng: {detail}.",
    "integrity": "Tệp {path} bị hỏng (kiểm tra toàn vẹn báo: {detail}). Không khôi phục.",
    "chain": (
        "Nhật ký kiểm toán trong tệp {path} bị phá vỡ tại sự kiện số {event}: {reason}. "
        "Không khôi phục."
    ),
    "older": (
        "Tệp {path} cũ hơn cơ sở dữ liệu đang dùng: bộ đếm mã hồ sơ của {which} đang ở số "
        "{current}, trong bản sao lưu chỉ ở số {restored}; hồ sơ nhận sau lần sao lưu sẽ mất. "
        "Không khôi phục. Nếu vẫn muốn, chạy lại với --force (bộ đếm giữ số hiện tại, không "
        "cấp lại mã đã in trên giấy hẹn)."
    ),
    "busy": (
        "Cơ sở dữ liệu {path} đang được mở (màn hình desk, desk sync…). Hãy đóng mọi chương "
        "trình desk trên máy này rồi khôi phục lại."
    ),
    "write": "Không ghi được {path}: {detail}.",
    "backed_up": "Đã sao lưu ra {path}: {dossiers} hồ sơ, {events} sự kiện kiểm toán nguyên vẹn.",
    "restored": "Đã khôi phục từ {path}: {dossiers} hồ sơ, {events} sự kiện kiểm toán nguyên vẹn.",
}


@dataclass(frozen=True)
class Checked:
    """What was found in a sound database file: its dossiers and its audit chain."""

    dossiers: int
    chain: ChainReport


def backup(database: Path, target: Path) -> Checked:
    """Copy the live ``database`` to ``target`` with the online backup API; check the copy."""
    if not database.is_file():
        raise StoreError(TEXT["no_db"].format(path=database))
    if target.resolve() == database.resolve():
        raise StoreError(TEXT["same"].format(path=target))
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        private_file(partial)
        source = open_connection(database)
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            checked = check(copy, target, strict=False)
        finally:
            copy.close()
            source.close()
        _fsync(partial)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(TEXT["write"].format(path=target, detail=exc.strerror or exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return checked


def check(conn: sqlite3.Connection, shown: Path, *, strict: bool = True) -> Checked:
    """Integrity, schema (migrating an older one) and audit chain of ``conn``, or StoreError.

    Not ``strict``, a broken chain is reported in the result instead of refused.
    """
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StoreError(TEXT["integrity"].format(path=shown, detail="; ".join(problems[:3])))
        migrate(conn)
        chain = verify(conn)
        (dossiers,) = conn.execute("SELECT count(*) FROM dossiers").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(TEXT["not_db"].format(path=shown, detail=exc)) from None
    if chain.broken is not None and strict:
        raise StoreError(
            TEXT["chain"].format(
                path=shown, event=chain.broken.event_id, reason=chain.broken.reason
            )
        )
    return Checked(dossiers, chain)


def restore(database: Path, source: Path, *, force: bool = False) -> Checked:
    """Replace ``database`` with the backup ``source`` once it is checked (see the module doc)."""
    if not source.is_file():
        raise StoreError(TEXT["no_file"].format(path=source))
    if database.exists() and source.resolve() == database.resolve():
        raise StoreError(TEXT["same"].format(path=source))
    staged = database.with_name(f".{database.name}.restore")
    staged.unlink(missing_ok=True)
    try:
        private_file(staged)
        copy = sqlite3.connect(staged, isolation_level=None)
        try:
            try:
                reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    reader.backup(copy)
                finally:
                    reader.close()
            except sqlite3.DatabaseError as exc:
                raise StoreError(TEXT["not_db"].format(path=source, detail=exc)) from None
            copy.execute("PRAGMA journal_mode = DELETE")
            checked = check(copy, source)
            current = _lock_alone(database) if database.exists() else None
            try:
                if current is not None:
                    _keep_counters(current, copy, source, force=force)
                copy.close()
                _fsync(staged)
                os.replace(staged, database)
                _fsync_dir(database.parent)
            finally:
                if current is not None:
                    current.close()
        finally:
            copy.close()
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise StoreError(TEXT["write"].format(path=database, detail=exc.strerror or exc)) from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return checked


RESTORE_ACTION = "database.restore"
"""The audit action of a restore, recorded in the database it put in place."""

NOBODY = "—"
"""Who a restore names when the desk had no account to sign in with (a new machine)."""


def record_restore(
    database: Path, source: Path, *, officer: str | None, force: bool, at: datetime
) -> None:
    """Append to the restored ``database`` who restored it from which file, and whether forced."""
    store = Store.open(database)
    try:
        store.record(
            RESTORE_ACTION,
            officer=officer or NOBODY,
            at=at,
            detail={"file": str(source), "force": force},
        )
    finally:
        store.close()


def _lock_alone(database: Path) -> sqlite3.Connection:
    """Open ``database`` as its only user and hold an exclusive lock; StoreError if in use."""
    conn = sqlite3.connect(database, isolation_level=None, timeout=0)
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        # Leaving WAL needs every other connection closed; then the exclusive lock keeps
        # a desk starting meanwhile waiting until the new file is in place.
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode != "delete":
            raise sqlite3.OperationalError("database is locked")
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.OperationalError:
        conn.close()
        raise StoreError(TEXT["busy"].format(path=database)) from None
    return conn


def _keep_counters(
    current: sqlite3.Connection, restored: sqlite3.Connection, shown: Path, *, force: bool
) -> None:
    """Refuse a backup whose code counters are behind, or with ``force`` raise them to now."""
    now = current.execute("SELECT agency_code, day, desk, last FROM code_sequences").fetchall()
    then = {
        (a, d, k): last
        for a, d, k, last in restored.execute(
            "SELECT agency_code, day, desk, last FROM code_sequences"
        )
    }
    behind = [(a, d, k, last) for a, d, k, last in now if then.get((a, d, k), 0) < last]
    if not behind:
        return
    if not force:
        agency, day, desk, last = behind[0]
        raise StoreError(
            TEXT["older"].format(
                path=shown,
                which=f"bàn {desk} ngày {day} ({agency})",
                current=last,
                restored=then.get((agency, day, desk), 0),
            )
        )
    restored.execute("BEGIN IMMEDIATE")
    restored.executemany(
        "INSERT INTO code_sequences (agency_code, day, desk, last) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (agency_code, day, desk) DO UPDATE SET last = max(last, excluded.last)",
        behind,
    )
    restored.execute("COMMIT")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder this way."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
