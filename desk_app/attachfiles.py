"""Scanned documents: from the scanner's inbox folder into the content-addressed store.

Files are recognised by their content, not their name (PDF, JPEG and PNG only: what a
document scanner produces and what central accepts; the whole file must have the structure of
its kind, see :mod:`desk_app.filekinds`), limited in size, hashed with SHA-256
and copied to ``attachments/<first two hex digits>/<hash>.<ext>``, so the same scan attached
twice is stored once. The copy is written to a temporary name and renamed, and the database
row is written after the file, so a crash never leaves a row pointing at half a file.
Copies are 0600 (mkstemp's mode) in 0700 folders: scans of identity papers are private.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.errors import DeskError, os_reason
from desk_app.filekinds import NAMES, defect, sniff
from desk_app.private import private_dir
from desk_app.store import Store
from forms.limits import MAX_FILE_BYTES

MAX_BYTES = MAX_FILE_BYTES  # central's limit too: forms.limits holds both sides' limits
"""A scanned A4 page at 300 dpi is well under 5 MB; 20 MB leaves room for multi-page PDFs."""

MAX_LISTED = 500
"""The newest files the inbox shows: a scanner folder nobody empties must not stall the dialog."""

TEXT = {
    "gone": "Tệp {name} không còn trong thư mục máy quét; hãy quét lại.",
    "link": (
        "Tệp {name} là một liên kết (symlink) chứ không phải tệp quét: chỉ nhận tệp thật do "
        "máy quét lưu vào thư mục; hãy quét lại."
    ),
    "special": (
        "{name} không phải một tệp thông thường (thư mục, thiết bị hoặc ống dẫn); "
        "hãy chọn tệp do máy quét lưu."
    ),
    "empty": "Tệp {name} rỗng (0 byte); hãy quét lại.",
    "big": (
        "Tệp {name} nặng {size:.1f} MB, quá giới hạn {max} MB: "
        "hãy quét lại với độ phân giải thấp hơn."
    ),
    "bigger": (
        "Tệp {name} lớn quá giới hạn {max} MB (tệp vẫn đang lớn lên khi được đọc): "
        "hãy chờ máy quét lưu xong, hoặc quét lại với độ phân giải thấp hơn."
    ),
    "changed": "Tệp {name} bị thay đổi trong lúc đọc; hãy chờ máy quét lưu xong rồi chọn lại.",
    "kind": "Tệp {name} không phải PDF, JPEG hay PNG: chỉ nhận bản quét ở ba dạng này.",
    "broken": (
        "Tệp {name} mang phần đầu của tệp {kind} nhưng không phải tệp {kind} hợp lệ: {why}. "
        "Hãy quét lại (không đổi tên tệp khác thành .{ext})."
    ),
    "unreadable": "Không đọc được tệp {name}: {why}.",
    "unwritable": "Không lưu được tệp {name} vào thư mục đính kèm: {why}.",
}

PROCESSED = "processed-scans"
"""Beside the attachment store: scans moved out of the scanner's folder once their dossier
is saved (see :func:`file_away`)."""


class AttachmentRefused(DeskError):
    """A file that cannot be attached (wrong kind, too big, unreadable)."""


@dataclass(frozen=True)
class InboxFile:
    """A file waiting in the scanner's folder."""

    path: Path
    size: int
    modified: float

    @property
    def name(self) -> str:
        """The file name, for the list."""
        return self.path.name


@dataclass(frozen=True)
class StoredFile:
    """A file kept in the attachment store."""

    sha256: str
    size: int
    media_type: str
    path: Path


def inbox(folder: Path) -> list[InboxFile]:
    """Regular files in the scanner's folder, newest first (the one just scanned is on top).

    Links, folders, devices and pipes are not listed (a link could point anywhere on the
    machine, a pipe would hang the reading); an unreadable folder lists nothing.
    """
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
                found.append(InboxFile(Path(entry.path), info.st_size, info.st_mtime))
    except OSError:
        return []
    return sorted(found, key=lambda f: (f.modified, f.name), reverse=True)[:MAX_LISTED]


def _refuse(key: str, source: Path, **values: object) -> AttachmentRefused:
    return AttachmentRefused(TEXT[key].format(name=source.name, **values))


def read_scan(source: Path) -> tuple[bytes, str, str]:
    """The bytes of the scan at ``source`` with its media type and extension, once it has
    passed every check; :class:`AttachmentRefused` naming the file otherwise.

    The file is opened without following a link and checked to be the very regular file just
    looked at, and at most :data:`MAX_BYTES` + 1 bytes are ever read (a file still growing, or
    a size that lied, cannot push more into memory or the store). What is checked is exactly
    what is stored.
    """
    try:
        info = os.lstat(source)
    except FileNotFoundError:
        raise _refuse("gone", source) from None
    except OSError as exc:
        raise _refuse("unreadable", source, why=os_reason(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        raise _refuse("link", source)
    if not stat.S_ISREG(info.st_mode):
        raise _refuse("special", source)
    if info.st_size > MAX_BYTES:
        raise _refuse("big", source, size=info.st_size / 1_048_576, max=MAX_BYTES // 1_048_576)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source, flags | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                raise _refuse("changed", source)
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link after it was looked at
            raise _refuse("link", source) from None
        raise _refuse("unreadable", source, why=os_reason(exc)) from None
    if len(data) > MAX_BYTES:
        raise _refuse("bigger", source, max=MAX_BYTES // 1_048_576)
    if not data:
        raise _refuse("empty", source)
    kind = sniff(data[:16])
    if kind is None:
        raise _refuse("kind", source)
    media_type, ext = kind
    why = defect(data, media_type)
    if why is not None:
        raise _refuse("broken", source, kind=NAMES[media_type], why=why, ext=ext)
    return data, media_type, ext


def store_file(source: Path, root: Path, store: Store, *, at: datetime) -> StoredFile:
    """Check, hash and copy ``source`` into the attachment store under ``root``."""
    data, media_type, ext = read_scan(source)
    sha = hashlib.sha256(data).hexdigest()
    target = root / sha[:2] / f"{sha}.{ext}"
    try:
        private_dir(target.parent)
        with tempfile.NamedTemporaryFile(dir=root, delete=False, prefix=".incoming-") as out:
            try:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            except OSError:
                Path(out.name).unlink(missing_ok=True)  # no half copy left behind
                raise
        os.replace(out.name, target)
    except OSError as exc:
        raise _refuse("unwritable", source, why=os_reason(exc)) from None
    with store.transaction() as db:
        db.execute(
            "INSERT OR IGNORE INTO attachments (sha256, size, media_type, stored_at) "
            "VALUES (?, ?, ?, ?)",
            [sha, len(data), media_type, at.isoformat()],
        )
    return StoredFile(sha, len(data), media_type, target)


def processed_folder(attachments: Path) -> Path:
    """Where scans go once their dossier is saved: with the desk's data, beside the store."""
    return attachments.parent / PROCESSED


def file_away(sources: Mapping[str, Path], folder: Path) -> tuple[list[Path], list[str]]:
    """Move scans of a saved dossier (hash → where they were picked) out of the scanner's
    folder into ``folder``, so they are not offered for the next citizen.

    Called after the dossier's transaction has committed: the files are already in the store,
    so a crash before or during the move leaves at worst a file in the inbox that is stored
    too. A file is moved only while it still holds the content that was stored (the scanner
    may have written a new scan under the same name since: that one stays). Within one
    filesystem the move is a rename; across filesystems the copy is written and synced
    before the original goes. ``folder`` is private (0700) and the files 0600.

    Returns the new paths and the names of the files left in place (gone, changed or not
    movable); nothing here raises, the dossier is saved whatever happens to its scans.
    """
    moved: list[Path] = []
    left: list[str] = []
    for sha, source in sources.items():
        try:
            data, _, _ = read_scan(source)
            if hashlib.sha256(data).hexdigest() != sha:
                raise _refuse("changed", source)
            private_dir(folder)
            target = _free_name(folder, source.name)
            _move(source, target)
            os.chmod(target, 0o600)
        except (AttachmentRefused, OSError):
            left.append(source.name)
            continue
        moved.append(target)
    return moved, left


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name (2)``, ``name (3)`` … when a file of that name is there."""
    target = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while target.exists():
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    return target


def _move(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # only another filesystem needs a copy
            raise
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, prefix=".moving-") as out:
        try:
            out.write(source.read_bytes())
            out.flush()
            os.fsync(out.fileno())
        except OSError:
            Path(out.name).unlink(missing_ok=True)
            raise
    os.replace(out.name, target)
    source.unlink()
