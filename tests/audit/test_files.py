"""What the desk writes with citizens' data is readable by its own user only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desk_app.attachfiles import store_file
from desk_app.backup import backup, restore
from desk_app.demo import make_demo
from desk_app.private import private_dir
from desk_app.receipt.printing import write_pdf
from desk_app.store import Store
from tests import scans
from tests.audit.helpers import filled_store
from tests.conftest import FIXED_NOW, sample_dossier

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def lax_umask() -> object:
    """A umask that would leave files world-readable, so the desk's own modes are what count."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_database_wal_and_shm_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "desk.sqlite3"
    store = Store.open(path)
    try:
        store.save_dossier(
            sample_dossier(), agency_code="A", desk_number=1, officer="A", received_at=FIXED_NOW
        )
        sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in sidecars)
        assert [mode(p) for p in (path, *sidecars)] == [0o600] * 3
        assert mode(path.parent) == 0o700
    finally:
        store.close()


def test_an_older_world_readable_database_is_tightened_on_open(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    path = shared / "desk.sqlite3"
    Store.open(path).close()
    os.chmod(path, 0o644)
    Store.open(path).close()
    assert mode(path) == 0o600
    assert mode(shared) == 0o755  # a folder the desk did not create is left as it was


def test_attachments_and_their_folders_are_owner_only(tmp_path: Path, store: Store) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scans.pdf("scanned birth certificate"))
    stored = store_file(scan, tmp_path / "attachments", store, at=FIXED_NOW)
    assert mode(stored.path) == 0o600
    assert mode(stored.path.parent) == mode(tmp_path / "attachments") == 0o700


def test_receipts_are_owner_only(tmp_path: Path) -> None:
    written = write_pdf(b"%PDF-1.4 receipt", tmp_path / "receipts" / "X.pdf")
    assert mode(written) == 0o600 and mode(written.parent) == 0o700


def test_demo_folders_are_owner_only(tmp_path: Path) -> None:
    config = make_demo(tmp_path / "demo")
    for folder in ("", "attachments", "receipts", "scans"):
        assert mode(config.parent / folder) == 0o700, folder


def test_private_dir_creates_missing_parents_private(tmp_path: Path) -> None:
    private_dir(tmp_path / "a" / "b")
    assert mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700


def test_backups_and_restored_databases_are_owner_only(tmp_path: Path) -> None:
    live = tmp_path / "desk.sqlite3"
    filled_store(live, dossiers=0, supervisor=True).close()
    made = tmp_path / "usb" / "copy.sqlite3"
    backup(live, made)
    assert mode(made) == 0o600 and mode(made.parent) == 0o700
    os.chmod(live, 0o644)
    restore(live, made)
    assert mode(live) == 0o600
