"""What the audit tests share: a store with a few events, and tampering the way an attacker would.

The triggers refuse UPDATE and DELETE through SQL, so each tamper first does what someone
holding the file can do (drop the trigger, rebuild the table, or edit the bytes) and then
tidies up after itself where it can, so only the chain can tell.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_app.officers import Role, add, has_accounts
from desk_app.store import Store
from desk_app.store.audit_chain import event_hash
from tests.conftest import FIXED_NOW, sample_dossier

AGENCY = "000.00.01.H26"


CHIEF = ("truong", "Trưởng Bộ Phận")
"""The supervisor :func:`filled_store` gives a desk without accounts (a restore needs one)."""
UNUSED_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$" + "A" * 43
"""A well-formed Argon2id hash nobody signs in with: these tests never check a password."""


def filled_store(path: Path, dossiers: int = 3, *, supervisor: bool = False) -> Store:
    """A store at ``path`` holding ``dossiers`` received dossiers and one note event each.

    Event ``2n+1`` is the reception of dossier ``n`` and ``2n+2`` its note. With
    ``supervisor`` (what a restore needs) a supervisor's account is made first, as on a real
    desk, and every event comes one later.
    """
    store = Store.open(path)
    if supervisor and not has_accounts(store):
        add_supervisor(store)
    for n in range(dossiers):
        saved = store.save_dossier(
            sample_dossier(), agency_code=AGENCY, desk_number=1, officer="A", received_at=FIXED_NOW
        )
        store.record(
            "note", officer="B", at=FIXED_NOW, dossier_code=saved.code, detail={"m": f"mark-{n}"}
        )
    return store


def add_supervisor(store: Store) -> None:
    """Give ``store`` the supervisor :data:`CHIEF` (the way a desk's first account is made)."""
    add(
        store,
        CHIEF[0],
        CHIEF[1],
        Role.SUPERVISOR,
        "",
        by=None,
        at=FIXED_NOW,
        password_hash=UNUSED_HASH,
    )


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


def _without_triggers(conn: sqlite3.Connection) -> list[str]:
    """Drop the audit table's triggers (what someone with the file does first); their SQL."""
    saved = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
        )
    ]
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    return saved


def rewrite_chain(path: Path, event_id: int, detail: str) -> None:
    """Edit one event and recompute every hash from it on: a chain that verifies again.

    What nobody can do to central's anchors, and what only they can catch.
    """
    conn = raw(path)
    saved = _without_triggers(conn)
    conn.execute("UPDATE audit SET detail = ? WHERE id = ?", (detail, event_id))
    rows = conn.execute(
        "SELECT id, at, officer, action, dossier_code, detail, prev_hash FROM audit "
        "WHERE id >= ? ORDER BY id",
        (event_id,),
    ).fetchall()
    prev = rows[0][6]
    for number, at, officer, action, code, text, _ in rows:
        digest = event_hash(prev, number, at, officer, action, code, text)
        conn.execute(
            "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, number)
        )
        prev = digest
    for sql in saved:
        conn.execute(sql)
    conn.close()


def cut_chain(path: Path, keep: int) -> None:
    """Remove every event after the first ``keep`` (0: empty the trail), triggers restored."""
    conn = raw(path)
    saved = _without_triggers(conn)
    conn.execute("DELETE FROM audit WHERE id > ?", (keep,))
    for sql in saved:
        conn.execute(sql)
    conn.close()


def set_audit_field(path: Path, event_id: int, column: str, value: object) -> None:
    """Put ``value`` (any SQLite type) into one field of one event, triggers restored."""
    conn = raw(path)
    saved = _without_triggers(conn)
    conn.execute(f'UPDATE audit SET "{column}" = ? WHERE id = ?', (value, event_id))
    for sql in saved:
        conn.execute(sql)
    conn.close()
