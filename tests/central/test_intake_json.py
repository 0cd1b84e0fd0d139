"""What central writes once and fills in per dossier says exactly what the models would say.

Central builds a batch's answer and each new dossier's ``submit`` feed entry from text made once
per batch (:mod:`central.intake`), and keeps search terms in a table without rowids
(SQLite migration 5). A desk reads the same bytes it read when every answer was a serialised
model, the office feed the same entries, and search the same dossiers.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from central import office, schema
from central.app import now_vn
from central.protocol import SubmitResponse, Update, canonical_json, content_hash
from central.store import CentralStore
from tests.sync.conftest import OFFICE, Central, post_batch

BOTH_BACKENDS = True
DECLARATIONS = {"child": {"full_name": "TRẦN THỊ BÉ"}, "requester": {"full_name": "NGUYỄN VĂN AN"}}
DAY = "2026-11-24T09:30:00+07:00"


def dossier(number: int, declarations: dict[str, object] = DECLARATIONS) -> dict[str, object]:
    return {
        "code": f"{OFFICE}-261124-{number:04d}",
        "content_hash": content_hash(declarations),
        "received_at": DAY,
        "declarations": declarations,
    }


def test_a_batch_answer_is_the_models_json_for_every_outcome_and_replays_byte_for_byte(
    central: Central,
) -> None:
    other = {"child": {"full_name": "LÊ VĂN KHÁC"}}
    with central.http(central.token) as http:
        assert post_batch(http, {"dossiers": [dossier(1001)]}, key=uuid.uuid4().hex).is_success
        key = uuid.uuid4().hex
        batch = {
            "dossiers": [
                dossier(1002),  # accepted
                dossier(1001),  # duplicate
                dossier(1001, other),  # conflict
                dossier(2001),  # another desk's number
                dossier(1003),  # accepted
            ]
        }
        first = post_batch(http, batch, key=key)
        again = post_batch(http, batch, key=key)
    assert first.status_code == again.status_code == 200
    answer = SubmitResponse.model_validate_json(first.text)
    assert first.text == answer.model_dump_json()  # what the model itself would have written
    assert [r.outcome for r in answer.results] == [
        "accepted",
        "duplicate",
        "rejected",
        "rejected",
        "accepted",
    ]
    assert answer.batch == key
    assert [r.reason_code for r in answer.results] == [None, None, "conflict", "other_desk", None]
    held = {code: cid for code, cid in central.rows("SELECT code, central_id FROM dossiers")}
    assert [r.central_id for r in answer.results] == [
        held[f"{OFFICE}-261124-1002"],
        held[f"{OFFICE}-261124-1001"],
        None,
        None,
        held[f"{OFFICE}-261124-1003"],
    ]
    assert again.headers["Idempotent-Replayed"] == "true" and again.content == first.content


def test_a_submit_entry_is_the_canonical_json_of_the_whole_update(central: Central) -> None:
    with central.http(central.token) as http:
        batch = {"dossiers": [dossier(1001), dossier(1002, {"child": {"full_name": 'Ê " \\'}})]}
        assert post_batch(http, batch, key=uuid.uuid4().hex).is_success
    rows = central.rows("SELECT body FROM updates ORDER BY seq")
    assert len(rows) == 2
    for (body,), sent in zip(rows, batch["dossiers"], strict=True):
        parsed = json.loads(str(body))
        assert body == canonical_json(parsed)
        update = Update.model_validate({**parsed, "seq": 1})
        assert (update.code, update.version, update.event) == (sent["code"], 0, "submit")
        assert update.state.content_hash == sent["content_hash"]
        assert update.by is not None and (update.by.office, update.by.desk) == (OFFICE, 1)


@pytest.mark.parametrize("central_backend", ["sqlite"], indirect=True)
def test_search_terms_move_to_a_table_without_rowids_and_are_still_found(
    tmp_path: Path, central_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = schema.MIGRATIONS["sqlite"]
    assert len(steps) >= 5
    files = tmp_path / "files"
    with monkeypatch.context() as older:
        older.setitem(schema.MIGRATIONS, "sqlite", steps[:4])
        store = CentralStore(central_target, files=files)
        token = store.issue_token(OFFICE, 1, now_vn().isoformat())
        with store.db.write() as tx:
            tx.run(
                "INSERT INTO dossiers (id, central_id, code, office, desk_number, content_hash, "
                "procedure_group, received_at, submitted_at, declarations, status) VALUES "
                "(7, 'c', 'k', :office, 1, 'h', 'birth_interlink', :day, :day, '{}', 'accepted')",
                {"office": OFFICE, "day": DAY},
            )
            tx.run(
                "INSERT INTO dossier_terms (office, term, dossier_id) VALUES "
                "(:office, 'n:be', 7), (:office, 'i:001203004005', 7)",
                {"office": OFFICE},
            )
        store.close()

    store = CentralStore(central_target, files=files)
    try:
        with store.db.read() as tx:
            assert tx.all("SELECT max(version) FROM schema_version") == [(len(steps),)]
            assert tx.all("SELECT term, dossier_id FROM dossier_terms ORDER BY term") == [
                ("i:001203004005", 7),
                ("n:be", 7),
            ]
            with pytest.raises(sqlite3.OperationalError, match="rowid"):
                tx.all("SELECT rowid FROM dossier_terms")
        desk = store.desk_for(token)
        assert desk is not None
        for found in (
            office.search(store, desk, name="Bé"),
            office.search(store, desk, personal_id="001203004005"),
        ):
            assert found is not None and [hit.code for hit in found.dossiers] == ["k"]
    finally:
        store.close()


def test_names_and_id_numbers_are_found_wherever_the_declarations_hold_them() -> None:
    declarations = {
        "witness_id": ["001088000002", {"full_name": "Lê Văn Chứng"}],
        "deep": [[["001088000003"]]],  # a list's strings take the list's key: not an ID key
        "number": "123456789",
        "phone": "0912345678",
        "mother": {"full_name": "Trần Thị Mẹ", "personal_id": "001190000001", "age": 30},
        "flags": [1, None, True, 2.5, "x"],
        "short_id": "12345678",
    }
    names, ids = office.searchable(declarations)
    assert sorted(names) == ["Lê Văn Chứng", "Trần Thị Mẹ"]
    assert sorted(ids) == ["001088000002", "001190000001", "123456789"]
    envelope = {"schema_version": 1, "declarations": declarations, "full_name": "Ngoài"}
    assert office.searchable(envelope) == office.searchable(declarations)
    assert office.terms({"child": {"full_name": "Đỗ Bé"}}) == {"n:do", "n:be"}
