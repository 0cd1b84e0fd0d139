"""A desk upgraded to the lookup schema still finds the dossiers it received before."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from desk_app.store import Store
from desk_app.store import queries as q
from desk_app.store.connection import open_connection
from desk_app.store.records import canonical_json
from desk_app.store.schema import MIGRATIONS, migrate
from tests.conftest import FIXED_NOW, sample_dossier


def _audit_before_the_chain(db: Any, at: datetime, officer: str, action: str, *rest: Any) -> None:
    """How a desk at schema 3 wrote its audit event (no hash chain until migration 5)."""
    code, detail = rest
    db["audit"].insert(
        {
            "at": at.isoformat(),
            "officer": officer,
            "action": action,
            "dossier_code": code,
            "detail": canonical_json(dict(detail)),
        }
    )


def test_names_saved_before_the_upgrade_are_found_by_prefix_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.sqlite3"
    monkeypatch.setattr(Store, "_audit", staticmethod(_audit_before_the_chain))
    before = Store(open_connection(path), path)
    migrate(before.conn, MIGRATIONS[:3])
    # Today's save names the subject's column as migration 8 does (and reads migration 10's
    # columns); the v3 table still has the old name, so the column takes today's name for the
    # save and the old one back after.
    rename = "ALTER TABLE dossiers RENAME COLUMN {} TO {}"
    before.conn.execute(rename.format("child_name", "subject_name"))
    later = ("content_version INTEGER NOT NULL DEFAULT 1", "origin_desk INTEGER", "due_on TEXT")
    for column in later:  # read back by today's save as migration 10 adds them
        before.conn.execute(f"ALTER TABLE dossiers ADD COLUMN {column}")
    # Today's save writes the declarations to their own table (migration 12): the v3 column
    # steps aside for the save and takes them back after.
    before.conn.execute("ALTER TABLE dossiers DROP COLUMN declarations")
    before.conn.execute(
        "CREATE TABLE dossier_content (dossier_id INTEGER PRIMARY KEY, declarations TEXT)"
    )
    saved = before.save_dossier(
        sample_dossier(child="Đỗ Thị Ngân"),
        agency_code="000.00.01.H26",
        desk_number=1,
        officer="A",
        received_at=FIXED_NOW,
    )
    before.conn.execute(rename.format("subject_name", "child_name"))
    before.conn.execute(
        "ALTER TABLE dossiers ADD COLUMN declarations TEXT NOT NULL DEFAULT '{}' "
        "CHECK (json_valid(declarations))"
    )
    before.conn.execute(
        "UPDATE dossiers SET declarations = (SELECT c.declarations FROM dossier_content c "
        "WHERE c.dossier_id = dossiers.id)"
    )
    before.conn.execute("DROP TABLE dossier_content")
    for column in later:
        before.conn.execute(f"ALTER TABLE dossiers DROP COLUMN {column.split()[0]}")
    before.close()
    monkeypatch.undo()

    after = Store.open(path)
    try:
        assert [h.code for h in q.by_names(after, ["do", "thi", "nga"])] == [saved.code]
        assert [h.code for h in q.by_id_number(after, "001090000001")] == [saved.code]
        (sql,) = after.conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'dossier_search'"
        ).fetchone()
        assert "prefix" in sql
    finally:
        after.close()
