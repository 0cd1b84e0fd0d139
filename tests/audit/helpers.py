"""What the audit tests share: a store with a few events, and tampering the way an attacker would.

The triggers refuse UPDATE and DELETE through SQL, so each tamper first does what someone
holding the file can do (drop the trigger, rebuild the table, or edit the bytes) and then
tidies up after itself where it can, so only the chain can tell.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_app.store import Store
from desk_app.store.audit_chain import event_hash
from tests.conftest import FIXED_NOW, sample_dossier

AGENCY = "000.00.01.H26"


def filled_store(path: Path, dossiers: int = 3) -> Store:
    """A store at ``path`` holding ``dossiers`` received dossiers and one note event each."""
    store = Store.open(path)
    for n in range(dossiers):
        saved = store.save_dossier(
            sample_dossier(), agency_code=AGENCY, desk_number=1, officer="A", received_at=FIXED_NOW
        )
        store.record(
            "note", officer="B", at=FIXED_NOW, dossier_code=saved.code, detail={"m": f"mark-{n}"}
        )
    return store


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection to the file, as an attacker with the file would open it."""
    return sqlite3.connect(path, isolation_level=None)


def delete_event(path: Path, event_id: int) -> None:
    """Drop the delete trigger, remove one event, put the trigger back."""
    conn = raw(path)
    (trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'audit_no_delete'"
    ).fetchone()
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DELETE FROM audit WHERE id = ?", (event_id,))
    conn.execute(trigger)
    conn.close()


def insert_forged_event(path: Path, after_id: int) -> None:
    """Slip a well-formed event in after ``after_id``, its own hash computed correctly.

    The UNIQUE ``prev_hash`` and the primary key stop this in place, so the table is rebuilt
    without them, later events renumbered, and the forgery inserted.
    """
    conn = raw(path)
    conn.executescript(
        """
        DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
        CREATE TABLE forged AS SELECT * FROM audit;
        DROP TABLE audit;
        ALTER TABLE forged RENAME TO audit;
        """
    )
    conn.execute("UPDATE audit SET id = id + 1 WHERE id > ?", (after_id,))
    (prev,) = conn.execute("SELECT hash FROM audit WHERE id = ?", (after_id,)).fetchone()
    row = (after_id + 1, FIXED_NOW.isoformat(), "B", "hand_over", None, "{}")
    conn.execute(
        "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*row, prev, event_hash(prev, *row))
    )
    conn.close()


def edit_file_bytes(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes of the closed database file in place (same length, so the page holds)."""
    data = path.read_bytes()
    assert data.count(old) == 1, "the marker must name one place in the file"
    path.write_bytes(data.replace(old, new))
