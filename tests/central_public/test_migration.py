"""The page's migration (SQLite 4, PostgreSQL 3) takes up a database an older central wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from central import schema
from central.app import now_vn
from central.store import CentralStore
from tests.sync.conftest import OFFICE

BOTH_BACKENDS = True


def test_an_older_database_gains_the_columns_and_keeps_its_dossiers(
    tmp_path: Path, central_target: str, central_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = schema.MIGRATIONS[central_backend]
    page = {"sqlite": 4, "postgresql": 3}[central_backend]  # the page's migration's number
    with monkeypatch.context() as older:
        older.setitem(schema.MIGRATIONS, central_backend, steps[: page - 1])
        store = CentralStore(central_target, files=tmp_path / "files")
        store.issue_token(OFFICE, 1, now_vn().isoformat())
        with store.db.write() as tx:
            tx.run(
                "INSERT INTO dossiers (central_id, code, office, desk_number, content_hash, "
                "procedure_group, received_at, submitted_at, declarations, status) VALUES "
                "('c', 'k', :office, 1, 'h', 'birth_interlink', 't', 't', '{}', 'accepted')",
                {"office": OFFICE},
            )
        store.close()

    store = CentralStore(central_target, files=tmp_path / "files")
    try:
        with store.db.read() as tx:
            assert tx.all("SELECT max(version) FROM schema_version") == [(len(steps),)]
            assert tx.all("SELECT code, lookup_digest, appointment_at FROM dossiers") == [
                ("k", None, None)
            ]
            assert tx.all("SELECT count(*) FROM public_tries") == [(0,)]
    finally:
        store.close()
