"""``desk backup FILE`` and ``desk restore FILE``: a copy taken while the desk works, and put back
only when it is sound.

Backup uses SQLite's online backup API: it copies one consistent snapshot while other desk
processes keep writing (WAL readers do not block writers), into a private temporary file
beside FILE that is checked, fsynced and renamed, so FILE is either the whole backup or absent.
FILE must be new or an earlier backup of this desk (:mod:`desk_app.backup_target`): a backup
never replaces a config, a device, a folder, a symlink, the live database or anything else.

Restore checks a copy of FILE before touching anything: that it is a desk database at all
(the mark in its header, or the full schema of its version: :mod:`desk_app.store.marking`;
an empty file or another program's database is refused), ``PRAGMA integrity_check``, a
schema this desk understands (older ones are migrated on the copy), an unbroken audit chain,
and at least one active supervisor account (otherwise nobody could manage the desk after it,
and the first-account rule would have to let anyone in). Then the copy is fsynced beside the
database and renamed over it. The file it replaces must itself be the desk's (or absent).

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
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.backup_target import (
    STEP_PAGES,
    check_source,
    check_target,
    copy_from,
    copy_pages,
    still_the_same,
)
from desk_app.errors import StoreError, os_reason
from desk_app.private import private_dir, private_file
from desk_app.progress import PHASES, Progress
from desk_app.reasons import sqlite_reason
from desk_app.store import Store, marking
from desk_app.store.audit_chain import ChainReport, verify
from desk_app.store.connection import open_connection
from desk_app.store.schema import migrate

TEXT = {
    "no_db": "Không có cơ sở dữ liệu {path}.",
    "no_file": "Không có tệp sao lưu {path}.",
    "no_tables": (
        "Tệp {path} không chứa cơ sở dữ liệu nào của desk (không có bảng nào). Không khôi phục."
    ),
    "refused": "{message} Không khôi phục.",
    "no_supervisor": (
        "Bản sao lưu {path} không có tài khoản lãnh đạo bộ phận nào đang hoạt động: sau khi "
        "khôi phục sẽ không ai quản lý được tài khoản của bàn. Không khôi phục."
    ),
    "live_foreign": (
        "{message} desk.toml chỉ tới tệp này làm cơ sở dữ liệu của bàn; không ghi đè lên nó. "
        "Hãy kiểm tra paths.database trong desk.toml."
    ),
    "copy": "Không sao lưu được {path} ra {target}: {detail}.",
    "counters": (
        "Bộ đếm mã hồ sơ trong tệp {path} bị hỏng (không phải số): không biết mã nào đã "
        "cấp. Không khôi phục."
    ),
    "same": "Tệp sao lưu không được trùng với cơ sở dữ liệu đang dùng ({path}).",
    "not_db": "Tệp {path} không phải cơ sở dữ liệu của desk hoặc đã hỏng: {detail}.",
    "not_backup": (
        "Tệp {path} không phải cơ sở dữ liệu của desk hoặc đã hỏng: {detail}. Không khôi phục."
    ),
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


def backup(
    database: Path,
    target: Path,
    *,
    progress: Progress | None = None,
    step_pages: int = STEP_PAGES,
) -> Checked:
    """Copy the live ``database`` to ``target`` with the online backup API; check the copy.

    ``target`` must be new or an earlier backup of this desk (see :mod:`desk_app.backup_target`);
    the temporary file beside it has a random name, created exclusively (never through a
    planted symlink), and is renamed over ``target`` only if ``target`` is still what was
    checked. With ``progress``, the copy goes ``step_pages`` at a time and each step is
    reported; whatever the callback raises (a stop) removes the temporary file.
    """
    if not database.is_file():
        raise StoreError(TEXT["no_db"].format(path=database))
    checked_target = check_target(database, target)
    try:
        private_dir(target.parent)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".desk-backup-", suffix=".part")
        os.close(handle)
    except OSError as exc:
        raise StoreError(TEXT["write"].format(path=target, detail=os_reason(exc))) from None
    partial = Path(name)
    try:
        source = open_connection(database)
        try:
            copy = sqlite3.connect(partial, isolation_level=None)
            try:
                copy_pages(source, copy, PHASES["backup_copy"], progress, step_pages)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                if progress is not None:
                    progress(PHASES["backup_check"], 0, 1)
                checked = check(copy, target, strict=False)
                if progress is not None:
                    progress(PHASES["backup_check"], 1, 1)
            finally:
                copy.close()
        finally:
            source.close()
        _fsync(partial)
        still_the_same(checked_target)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise StoreError(TEXT["write"].format(path=target, detail=os_reason(exc))) from None
    except sqlite3.Error as exc:
        detail = sqlite_reason(exc)
        raise StoreError(TEXT["copy"].format(path=database, target=target, detail=detail)) from None
    finally:
        partial.unlink(missing_ok=True)  # gone already once renamed
    return checked


def check(conn: sqlite3.Connection, shown: Path, *, strict: bool = True) -> Checked:
    """What the desk is, integrity, schema (migrating an older one), audit chain and
    supervisors of ``conn``, or StoreError.

    ``strict`` (a restore): a broken chain or no active supervisor is refused. Not strict
    (a backup), a broken chain is reported in the result: the copy is evidence.
    """
    try:
        try:
            kind = marking.check(conn, shown)
        except StoreError as exc:
            raise StoreError(TEXT["refused"].format(message=exc.message)) from None
        if kind is marking.Kind.NEW:
            raise StoreError(TEXT["no_tables"].format(path=shown))
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StoreError(TEXT["integrity"].format(path=shown, detail="; ".join(problems[:3])))
        migrate(conn)
        marking.mark(conn)  # a copy of a database from before the mark carries it from now on
        chain = verify(conn)
        (dossiers,) = conn.execute("SELECT count(*) FROM dossiers").fetchone()
        (supervisors,) = conn.execute(
            "SELECT count(*) FROM officers WHERE role = 'supervisor' AND active = 1"
        ).fetchone()
        (odd_counters,) = conn.execute(
            "SELECT count(*) FROM code_sequences WHERE typeof(last) <> 'integer'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        key = "not_backup" if strict else "not_db"
        raise StoreError(TEXT[key].format(path=shown, detail=sqlite_reason(exc))) from None
    if strict and chain.broken is not None:
        raise StoreError(
            TEXT["chain"].format(
                path=shown, event=chain.broken.event_id, reason=chain.broken.reason
            )
        )
    if strict and not supervisors:
        raise StoreError(TEXT["no_supervisor"].format(path=shown))
    if strict and odd_counters:
        raise StoreError(TEXT["counters"].format(path=shown))
    return Checked(dossiers, chain)


def restore(database: Path, source: Path, *, force: bool = False) -> Checked:
    """Replace ``database`` with the backup ``source`` once it is checked (see the module doc)."""
    return stage(database, source).put_in_place(force=force)


@dataclass
class Staged:
    """A checked copy of a backup beside the database, waiting to be renamed over it.

    Staging comes first so that a file that is no desk backup is refused before anyone is
    asked for a password (a sign-in is an audit event: a refused restore changes nothing).
    """

    database: Path
    source: Path
    path: Path
    checked: Checked

    def discard(self) -> None:
        """Remove the staged copy (the restore is not going ahead)."""
        self.path.unlink(missing_ok=True)

    def put_in_place(self, *, force: bool = False) -> Checked:
        """Rename the copy over the database: alone on it, code counters never rewound."""
        try:
            copy = sqlite3.connect(self.path, isolation_level=None)
            try:
                live = self.database
                current = _lock_alone(live) if live.exists() else None
                try:
                    if current is not None:
                        _keep_counters(current, copy, self.source, force=force)
                    copy.close()
                    _fsync(self.path)
                    os.replace(self.path, live)
                    _fsync_dir(live.parent)
                finally:
                    if current is not None:
                        current.close()
            finally:
                copy.close()
        except OSError as exc:
            raise StoreError(
                TEXT["write"].format(path=self.database, detail=os_reason(exc))
            ) from None
        except sqlite3.Error as exc:
            detail = sqlite_reason(exc)
            raise StoreError(TEXT["not_backup"].format(path=self.source, detail=detail)) from None
        finally:
            self.discard()  # gone already once renamed
        return self.checked


def stage(database: Path, source: Path, *, progress: Progress | None = None) -> Staged:
    """Copy ``source`` beside ``database`` and check the copy; StoreError if it is unsound.

    ``progress`` is told the pages read and the check; a stop it raises removes the copy
    (the database itself is never touched before :meth:`Staged.put_in_place`)."""
    check_source(database, source)
    staged = database.with_name(f".{database.name}.restore")
    try:
        staged.unlink(missing_ok=True)
        private_file(staged)
    except OSError as exc:
        raise StoreError(TEXT["write"].format(path=database, detail=os_reason(exc))) from None
    try:
        copy = sqlite3.connect(staged, isolation_level=None)
        try:
            try:
                scratch = database.with_name(f".{database.name}.restore-source")
                copy_from(source, copy, scratch, progress=progress)
            except sqlite3.DatabaseError as exc:
                detail = sqlite_reason(exc)
                raise StoreError(TEXT["not_backup"].format(path=source, detail=detail)) from None
            copy.execute("PRAGMA journal_mode = DELETE")
            if progress is not None:
                progress(PHASES["restore_check"], 0, 1)
            checked = check(copy, source)
            if progress is not None:
                progress(PHASES["restore_check"], 1, 1)
        finally:
            copy.close()
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise StoreError(TEXT["write"].format(path=database, detail=os_reason(exc))) from None
    except sqlite3.Error as exc:
        staged.unlink(missing_ok=True)
        detail = sqlite_reason(exc)
        raise StoreError(TEXT["not_backup"].format(path=source, detail=detail)) from None
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return Staged(database, source, staged, checked)


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
        try:
            marking.identify(conn, database)  # reads only: never replace another's file
        except StoreError as exc:
            conn.close()
            raise StoreError(TEXT["live_foreign"].format(message=exc.message)) from None
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
    behind = [  # a current counter that is not a number was forged: nothing to keep of it
        (a, d, k, last)
        for a, d, k, last in now
        if type(last) is int and then.get((a, d, k), 0) < last
    ]
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
