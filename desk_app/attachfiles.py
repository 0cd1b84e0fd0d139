"""Scanned documents: from the scanner's inbox folder into the content-addressed store.

Files are recognised by their content, not their name (PDF, JPEG and PNG only: what a
document scanner produces and what central accepts), limited in size, hashed with SHA-256
and copied to ``attachments/<first two hex digits>/<hash>.<ext>``, so the same scan attached
twice is stored once. The copy is written to a temporary name and renamed, and the database
row is written after the file, so a crash never leaves a row pointing at half a file.
Copies are 0600 (mkstemp's mode) in 0700 folders: scans of identity papers are private.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desk_app.errors import DeskError
from desk_app.private import private_dir
from desk_app.store import Store

MAX_BYTES = 20 * 1024 * 1024
"""A scanned A4 page at 300 dpi is well under 5 MB; 20 MB leaves room for multi-page PDFs."""

MAGIC = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


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
    """Files in the scanner's folder, newest first (the one just scanned is on top)."""
    if not folder.is_dir():
        return []
    found = []
    for entry in os.scandir(folder):
        if entry.is_file() and not entry.name.startswith("."):
            stat = entry.stat()
            found.append(InboxFile(Path(entry.path), stat.st_size, stat.st_mtime))
    return sorted(found, key=lambda f: (f.modified, f.name), reverse=True)


def sniff(head: bytes) -> tuple[str, str] | None:
    """The media type and extension of a file from its first bytes, if it is one we take."""
    for magic, media_type, ext in MAGIC:
        if head.startswith(magic):
            return media_type, ext
    return None


def store_file(source: Path, root: Path, store: Store, *, at: datetime) -> StoredFile:
    """Check, hash and copy ``source`` into the attachment store under ``root``."""
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise AttachmentRefused(
                f"Tệp {source.name} nặng {size / 1_048_576:.1f} MB, quá giới hạn "
                f"{MAX_BYTES // 1_048_576} MB: hãy quét lại với độ phân giải thấp hơn."
            )
        with source.open("rb") as handle:
            kind = sniff(handle.read(16))
            if kind is None:
                raise AttachmentRefused(
                    f"Tệp {source.name} không phải PDF, JPEG hay PNG: chỉ nhận bản quét ở ba "
                    "dạng này."
                )
            handle.seek(0)
            digest = hashlib.sha256()
            private_dir(root)
            with tempfile.NamedTemporaryFile(dir=root, delete=False, prefix=".incoming-") as out:
                try:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                except OSError:
                    Path(out.name).unlink(missing_ok=True)  # no half copy left behind
                    raise
    except OSError as exc:
        raise AttachmentRefused(f"Không đọc được tệp {source.name}: {exc.strerror}.") from None
    media_type, ext = kind
    sha = digest.hexdigest()
    target = root / sha[:2] / f"{sha}.{ext}"
    private_dir(target.parent)
    os.replace(out.name, target)
    with store.transaction() as db:
        db.execute(
            "INSERT OR IGNORE INTO attachments (sha256, size, media_type, stored_at) "
            "VALUES (?, ?, ?, ?)",
            [sha, size, media_type, at.isoformat()],
        )
    return StoredFile(sha, size, media_type, target)
