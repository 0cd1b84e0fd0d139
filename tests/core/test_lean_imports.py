"""The app's store uses sqlite-utils without loading numpy or pandas: 45 ms and ~20 MiB.

sqlite-utils imports numpy and pandas whenever they are installed (numpy is, beside the desk:
the gazetteer's pinned source pulls it in). The app's memory with a million dossiers and its
cold start both paid for it; desk_app/store/tables.py imports sqlite-utils without them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from screens.app import DeskApp
from desk_app.desk import Desk
from desk_app.store import Store
from desk_app.sync import sync_once
heavy = {"numpy", "pandas", "sqlite_utils"}
print("LOADED", ",".join(sorted({m.split(".")[0] for m in sys.modules} & heavy)) or "-")
"""


def test_the_app_and_its_store_load_sqlite_utils_without_numpy_or_pandas() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.split()
    assert out[:2] == ["LOADED", "sqlite_utils"]


def test_the_store_writes_through_sqlite_utils(tmp_path: Path) -> None:
    import sqlite_utils

    from desk_app.store import Store

    store = Store.open(tmp_path / "s.sqlite3")
    try:
        assert isinstance(store.db, sqlite_utils.Database)
    finally:
        store.close()
