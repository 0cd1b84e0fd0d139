"""Files with citizens' data are readable by the desk's own user only (0600, folders 0700).

A counter PC is often shared (another officer's account, a technician, a backup tool running
as someone else). The database, its -wal/-shm, scanned attachments, receipts and backups are
created through these helpers, with the mode set when the file is born rather than changed
afterwards, so there is no moment when another account could open them. The process umask is
not touched: it is process-wide and the desk writes from several threads.

Folders that already exist are left as they are (the database may live in a folder the officer
chose and shares for other reasons); only what the desk creates is made private. On Windows
the modes mean little and are ignored by the OS; access there follows the profile's ACLs.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700 folders; leave existing ones alone."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # another process made it meanwhile
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists as a 0600 file (creating it empty), tightening an older one.

    SQLite gives the -wal and -shm files the mode of the database file, so creating the
    database this way before connecting makes all three private.
    """
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)
        os.chmod(path, FILE_MODE)  # as for folders, the umask may have taken bits away
    return path


def tighten(path: Path) -> None:
    """Take group and other access away from an existing file of ours (best effort)."""
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
    except (PermissionError, FileNotFoundError):
        pass  # not ours to change, or gone: the desk still works


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new 0600 file at ``path`` (replacing any file there), and fsync it."""
    private_dir(path.parent)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
