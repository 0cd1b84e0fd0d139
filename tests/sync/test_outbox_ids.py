"""Outbox entries keep their ids through migration 7, and no id is ever handed out twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk_app.store import Store
from desk_app.store.schema import MIGRATIONS, migrate
from desk_app.store.sync_outbox import Answer, apply_answers, next_batch
from tests.conftest import FIXED_NOW
from tests.sync.conftest import outbox_size, receive


def test_migration_7_keeps_waiting_entries_and_their_keys(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:6])
    conn.execute(
        "INSERT INTO dossiers (id, code, lookup_code, procedure_group, status, received_at, "
        "received_on, updated_at, officer, desk_number, requester_name, child_name, "
        "declarations, content_hash) VALUES (7, 'C', 'L', 'birth_interlink', 'received', 't', "
        "'d', 't', 'o', 1, 'r', 'c', '{}', 'h')"
    )
    conn.execute(
        "INSERT INTO outbox (id, dossier_id, kind, content_hash, created_at, attempts, batch_key)"
        " VALUES (41, 7, 'submit', 'h', 't', 2, 'key-in-flight')"
    )
    conn.close()

    store = Store.open(path)
    try:
        row = store.conn.execute(
            "SELECT id, dossier_id, attempts, batch_key, held_at FROM outbox"
        ).fetchone()
        assert row == (41, 7, 2, "key-in-flight", None)
        # Ids go on after the highest ever used, even once that entry is gone.
        store.conn.execute("DELETE FROM outbox WHERE id = 41")
        [code] = receive(store, 1)
        (new_id,) = store.conn.execute("SELECT id FROM outbox").fetchone()
        assert new_id == 42 and code
    finally:
        store.close()


def test_an_answer_applied_late_touches_only_the_entries_it_was_for(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.sqlite3")
    try:
        [first] = receive(store, 1)
        batch = next_batch(store, 10, FIXED_NOW)
        assert batch is not None
        answers = {first: Answer(code=first, outcome="accepted", central_id="c-1")}
        apply_answers(store, batch, answers, FIXED_NOW)  # another round applied it
        [second] = receive(store, 1, start=1)
        ids = store.conn.execute("SELECT id FROM outbox").fetchall()
        assert ids != [(batch.dossiers[0].outbox_id,)]  # never the id of the entry just done
        # Even an entry that had the very same id would not match: key and dossier differ.
        store.conn.execute("UPDATE outbox SET id = ?", (batch.dossiers[0].outbox_id,))
        tally, _ = apply_answers(store, batch, answers, FIXED_NOW)
        assert tally.already_applied == 1 and outbox_size(store) == 1
        assert store.require(second).status.value == "received"
    finally:
        store.close()
