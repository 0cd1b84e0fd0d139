"""The files backup and restore touch: what ``desk backup TARGET`` may write over (nothing but
an earlier backup of this desk), and what ``desk restore FILE`` will even open.

A backup runs from a scheduled task, unattended, often as a user with wide rights: a typo in
TARGET (``desk backup desk.toml``, ``/dev/null`` as root, a folder, a FIFO, a symlink planted
in a shared folder) must never destroy anything. So TARGET may only be

* a path where nothing is yet, in a folder that exists or can be created; or
* a regular file (not a symlink, device, FIFO, socket or folder) that is recognised by its
  content as an earlier backup of this desk: its header carries the desk's mark
  (:data:`desk_app.store.marking.APPLICATION_ID`) and its audit chain is a beginning of the
  live database's chain (same first event, and its last event is the live event at that
  number). That is what "this desk" means: the same history. A copy whose chain goes further
  than the live one, or diverges from it, is evidence of something (a cut or rewritten trail)
  and is kept; an empty marked file with no account, dossier or event holds nothing to lose.

Never the live database or its -wal/-shm/-journal, by any name (compared by device and
inode), nor a path where SQLite would take a new file for one of them. What was checked is
checked again just before the rename, so a file swapped in meanwhile is not replaced either.

A restore's FILE must be a non-empty regular file: a folder, a device or a FIFO (which would
block SQLite for good) is refused before SQLite opens it; what is inside is then checked by
:func:`desk_app.backup.check`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import StoreError, os_reason
from desk_app.progress import PHASES, Progress
from desk_app.store.marking import APPLICATION_ID

TEXT = {
    "prefix": "Không sao lưu được vào {path}: ",
    "link": "đó là một liên kết tượng trưng (symlink); hãy ghi vào chính tệp, không qua liên kết",
    "folder": "đó là một thư mục; hãy ghi tên tệp sao lưu, ví dụ {folder}/desk-sao-luu.sqlite3",
    "special": (
        "đó không phải tệp thường (thiết bị, FIFO hoặc socket); chỉ ghi được vào tệp thường"
    ),
    "live": "đó chính là cơ sở dữ liệu đang dùng (hoặc tệp -wal, -shm, -journal của nó)",
    "under_file": "{parent} là một tệp chứ không phải thư mục",
    "os": "{reason}",
    "not_backup": (
        "đã có tệp ở đó và đó không phải bản sao lưu của bàn này ({why}); không ghi đè. "
        "Hãy chọn tên tệp khác"
    ),
    "why_unreadable": "không đọc được như cơ sở dữ liệu SQLite",
    "why_empty": "tệp rỗng",
    "why_unmarked": "tệp không mang dấu cơ sở dữ liệu của desk",
    "why_working": (
        "đó là một cơ sở dữ liệu đang làm việc (chế độ WAL), không phải một bản sao lưu"
    ),
    "why_other": "đó là bản sao lưu của một cơ sở dữ liệu khác",
    "why_longer": (
        "bản sao lưu đó có {theirs} sự kiện kiểm toán, nhiều hơn cơ sở dữ liệu hiện tại "
        "({ours}): nhật ký hiện tại có thể đã bị cắt, bản đó là bằng chứng"
    ),
    "why_diverged": (
        "nhật ký kiểm toán trong bản đó khác nhật ký hiện tại tại sự kiện số {event}: một "
        "trong hai đã bị sửa, bản đó là bằng chứng"
    ),
    "changed": "tệp ở đó vừa bị thay đổi trong lúc sao lưu",
}


SOURCE_TEXT = {
    "no_file": "Không có tệp sao lưu {path}.",
    "same": "Tệp sao lưu không được trùng với cơ sở dữ liệu đang dùng ({path}).",
    "source_folder": "{path} là một thư mục, không phải tệp sao lưu. Không khôi phục.",
    "source_special": (
        "{path} không phải tệp thường (thiết bị, FIFO hoặc socket). Không khôi phục."
    ),
    "source_unreadable": "Không đọc được tệp sao lưu {path}: {detail}. Không khôi phục.",
    "source_empty": "Tệp {path} rỗng (0 byte): không phải bản sao lưu của desk. Không khôi phục.",
}
"""What ``desk restore FILE`` says about a FILE it will not even open."""


@dataclass(frozen=True)
class Target:
    """What TARGET was when checked: absent, or this regular file (device and inode)."""

    path: Path
    identity: tuple[int, int] | None


def refuse(path: Path, key: str, **context: object) -> StoreError:
    """The refusal for ``path``, one Vietnamese sentence naming why."""
    return StoreError(TEXT["prefix"].format(path=path) + TEXT[key].format(**context) + ".")


def check_target(database: Path, target: Path) -> Target:
    """Whether ``target`` may receive a backup of ``database``; StoreError saying why not."""
    if _names_a_live_file(database, target):
        raise refuse(target, "live")
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        _check_folder(target)
        return Target(target, None)
    except NotADirectoryError:
        _check_folder(target)
        raise refuse(target, "os", reason=os_reason(NotADirectoryError(20, ""))) from None
    except OSError as exc:
        raise refuse(target, "os", reason=os_reason(exc)) from None
    mode = found.st_mode
    if stat.S_ISLNK(mode):
        raise refuse(target, "link")
    if stat.S_ISDIR(mode):
        raise refuse(target, "folder", folder=target)
    if not stat.S_ISREG(mode):
        raise refuse(target, "special")
    identity = (found.st_dev, found.st_ino)
    if identity in _live_files(database):
        raise refuse(target, "live")
    why = _not_a_backup_of(database, target)
    if why is not None:
        raise refuse(target, "not_backup", why=why)
    return Target(target, identity)


def still_the_same(target: Target) -> None:
    """Check again, just before the rename, that ``target`` is what :func:`check_target` saw."""
    try:
        found = os.lstat(target.path)
    except FileNotFoundError:
        if target.identity is None:
            return
        raise refuse(target.path, "changed") from None
    except OSError as exc:
        raise refuse(target.path, "os", reason=os_reason(exc)) from None
    if not stat.S_ISREG(found.st_mode) or (found.st_dev, found.st_ino) != target.identity:
        raise refuse(target.path, "changed")


def _check_folder(target: Path) -> None:
    """The nearest existing folder above ``target`` must be a folder, not a file."""
    for parent in target.parents:
        try:
            found = os.stat(parent)
        except FileNotFoundError:
            continue
        except NotADirectoryError:
            continue  # a file further up: the loop reaches it
        except OSError as exc:
            raise refuse(target, "os", reason=os_reason(exc)) from None
        if not stat.S_ISDIR(found.st_mode):
            raise refuse(target, "under_file", parent=parent)
        return


LIVE_SUFFIXES = ("", "-wal", "-shm", "-journal")
"""The database and the files SQLite keeps beside it while it is open."""


def _names_a_live_file(database: Path, target: Path) -> bool:
    """Whether ``target`` is the path of the database or of a file SQLite would pair with it,
    even one that does not exist now (a -wal written there would be read as the database's)."""
    try:
        folder = target.parent.resolve()
        live_folder = database.parent.resolve()
    except (OSError, RuntimeError):
        return False
    names = {database.name + suffix for suffix in LIVE_SUFFIXES}
    return folder == live_folder and target.name in names


def _live_files(database: Path) -> set[tuple[int, int]]:
    found = set()
    for suffix in LIVE_SUFFIXES:
        try:
            info = os.stat(database.with_name(database.name + suffix))
        except OSError:
            continue
        found.add((info.st_dev, info.st_ino))
    return found


def _read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """Read ``path`` without writing anything; ``immutable`` also creates no -wal/-shm beside
    it (for a file that is only inspected, never the live database)."""
    flags = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}{flags}", uri=True)


def _chain_end(conn: sqlite3.Connection) -> tuple[int, str | None, str | None]:
    """Events in the chain, the hash of its first and of its last event."""
    first = conn.execute("SELECT hash FROM audit WHERE id = 1").fetchone()
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    if last is None:
        return 0, None, None
    return int(last[0]), first[0] if first else None, last[1]


def _not_a_backup_of(database: Path, target: Path) -> str | None:
    """None if ``target`` is an earlier backup of ``database`` (see the module doc), else why."""
    if os.path.getsize(target) == 0:
        return TEXT["why_empty"]
    with open(target, "rb") as handle:
        header = handle.read(100)
    if header[:16] != b"SQLite format 3\x00" or len(header) < 100:
        return TEXT["why_unreadable"]
    if header[18] != 1:  # WAL mode: a working database, never a backup (those are one file)
        return TEXT["why_working"]
    try:
        theirs = _read_only(target, immutable=True)
    except sqlite3.Error:
        return TEXT["why_unreadable"]
    try:
        if theirs.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return TEXT["why_unmarked"]
        count, first, last = _chain_end(theirs)
        if count == 0:
            holds = theirs.execute(
                "SELECT (SELECT count(*) FROM officers) + (SELECT count(*) FROM dossiers)"
            ).fetchone()[0]
            return None if holds == 0 else TEXT["why_other"]
        ours = _read_only(database)
        try:
            our_count, our_first, _ = _chain_end(ours)
            at_theirs = ours.execute("SELECT hash FROM audit WHERE id = ?", (count,)).fetchone()
        finally:
            ours.close()
    except sqlite3.Error:
        return TEXT["why_unreadable"]
    finally:
        theirs.close()
    if first is None or first != our_first:
        return TEXT["why_other"]
    if count > our_count:
        return TEXT["why_longer"].format(theirs=count, ours=our_count)
    if at_theirs is None or at_theirs[0] != last:
        return TEXT["why_diverged"].format(event=count)
    return None


def check_source(database: Path, source: Path) -> None:
    """``source`` must be a non-empty regular file (a symlink to one is read through), and
    not the live database: anything else is refused before SQLite opens it (a FIFO would
    block it for good)."""
    try:
        found = os.stat(source)
    except (FileNotFoundError, NotADirectoryError):
        raise StoreError(SOURCE_TEXT["no_file"].format(path=source)) from None
    except OSError as exc:
        detail = os_reason(exc)
        raise StoreError(
            SOURCE_TEXT["source_unreadable"].format(path=source, detail=detail)
        ) from None
    if stat.S_ISDIR(found.st_mode):
        raise StoreError(SOURCE_TEXT["source_folder"].format(path=source))
    if not stat.S_ISREG(found.st_mode):
        raise StoreError(SOURCE_TEXT["source_special"].format(path=source))
    for suffix in LIVE_SUFFIXES:
        try:
            live = os.stat(database.with_name(database.name + suffix))
        except OSError:
            continue
        if (live.st_dev, live.st_ino) == (found.st_dev, found.st_ino):
            raise StoreError(SOURCE_TEXT["same"].format(path=source))
    if found.st_size == 0:
        raise StoreError(SOURCE_TEXT["source_empty"].format(path=source))


STEP_PAGES = 1024
"""Pages copied between two progress reports (4 MiB with SQLite's default page size)."""


def copy_pages(
    source: sqlite3.Connection,
    into: sqlite3.Connection,
    phase: str,
    progress: Progress | None,
    step_pages: int = STEP_PAGES,
) -> None:
    """Copy ``source`` into ``into`` with the backup API, reporting pages copied of the total.

    Without ``progress``, one step as before. With it, the copy goes in steps, all from one
    snapshot: a read transaction is held on ``source`` for the whole copy, otherwise a desk
    writing meanwhile would make SQLite restart the copy at every step (and a busy desk might
    never let it finish). An exception from ``progress`` aborts the copy.
    """
    if progress is None:
        source.backup(into)
        return
    progress(phase, 0, None)
    done = 0

    def stepped(status: int, remaining: int, total: int) -> None:
        nonlocal done
        done = max(done, total - remaining)
        progress(phase, done, total)

    held = source.in_transaction
    if not held:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts
    try:
        source.backup(into, pages=max(1, step_pages), progress=stepped)
    finally:
        if not held:
            source.execute("ROLLBACK")


def copy_from(
    source: Path, into: sqlite3.Connection, scratch: Path, *, progress: Progress | None = None
) -> None:
    """Copy the database in ``source`` into ``into``, leaving nothing beside ``source``.

    A read-only connection to a file in WAL mode makes a -shm beside it that it cannot remove
    again. A backup is one file, read as immutable (no side file at all). A file that comes
    with a -wal (a copy of a working database) is read from a private copy of the pair, so
    its last commits count and the original's folder is left as it was.
    """
    wal = source.with_name(source.name + "-wal")
    if not wal.exists():
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            copy_pages(reader, into, PHASES["restore_copy"], progress)
        finally:
            reader.close()
        return
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(mode=0o700)
    try:
        shutil.copyfile(source, scratch / "db")
        shutil.copyfile(wal, scratch / "db-wal")
        reader = sqlite3.connect(scratch / "db")
        try:
            copy_pages(reader, into, PHASES["restore_copy"], progress)
        finally:
            reader.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
