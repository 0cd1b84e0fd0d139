"""Where central keeps the documents desks upload: behind an interface, a folder by default.

Documents are content-addressed (their SHA-256 is their name) and written once, so any store
that can put a blob under a key durably and say whether a key exists will do. The reference
central keeps them in a folder (:class:`FolderFiles`, private to central's own user); a
province with several central processes on several machines backs :class:`FileStore` with
object storage instead (one bucket, key ``<sha[:2]>/<sha>``, a conditional put that never
overwrites), or puts the folder on storage every process mounts. The database records which
office holds which document; the file store only holds bytes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol, runtime_checkable

from desk_app.private import private_dir


@runtime_checkable
class FileStore(Protocol):
    """Content-addressed documents: ``put`` is idempotent and durable before it returns."""

    def put(self, sha256: str, body: bytes) -> None:
        """Keep ``body`` under its digest (already checked by the caller); a repeat is a no-op."""

    def has(self, sha256: str) -> bool:
        """Whether a document with this digest is kept."""

    def get(self, sha256: str) -> bytes:
        """The document's bytes (FileNotFoundError if it is not kept)."""


class FolderFiles:
    """Documents in a folder: ``<root>/<first two hex digits>/<sha256>``, 0600 in 0700 folders.

    Each file is written to a temporary name, flushed to disk and renamed into place, so a
    crash never leaves half a document under a real name, and two processes writing the same
    document at once both end with the same whole file.
    """

    def __init__(self, root: Path) -> None:
        self.root = private_dir(root)

    def path(self, sha256: str) -> Path:
        """Where the document with this digest lives (or would)."""
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, body: bytes) -> None:
        target = self.path(sha256)
        if target.exists():
            return
        private_dir(target.parent)  # citizens' papers: 0700 folders, 0600 files (mkstemp)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()
