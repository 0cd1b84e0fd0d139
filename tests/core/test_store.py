"""The store: one transaction per save, accent-insensitive search, append-only audit, drafts."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from desk_app.desk import Desk
from desk_app.errors import NotFound
from desk_app.lifecycle import Status
from desk_app.store import Store
from desk_app.store.queries import work_counts
from tests.conftest import FIXED_NOW, sample_dossier

AGENCY = "000.00.01.H26"


def save(store: Store, **kwargs: str):
    return store.save_dossier(
        sample_dossier(**kwargs),
        agency_code=AGENCY,
        desk_number=1,
        officer="Nguyễn Thị Minh Thư",
        received_at=FIXED_NOW,
    )


def test_save_writes_dossier_audit_outbox_and_search_together(store: Store) -> None:
    saved = save(store)
    assert saved.code == f"{AGENCY}-261124-1001"
    assert saved.status is Status.RECEIVED
    assert len(saved.lookup_code) == 6
    assert store.conn.execute("SELECT count(*) FROM outbox").fetchone() == (1,)
    [event] = store.audit_events(saved.code)
    assert (event.action, event.officer) == ("receive", "Nguyễn Thị Minh Thư")
    assert work_counts(store, FIXED_NOW.date()).waiting_sync == 1


def test_failure_inside_save_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "_audit", staticmethod(broken))
    with pytest.raises(sqlite3.OperationalError):
        save(store)
    for table in ("dossiers", "outbox", "audit", "dossier_search", "code_sequences"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


@pytest.mark.parametrize("query", ["tran thi be", "TRẦN THỊ BÉ", "Tran Be", "bé", "nguyen van an"])
def test_search_by_name_typed_without_diacritics(store: Store, query: str) -> None:
    wanted = save(store)
    save(store, child="Lê Văn Cường", requester="Phạm Thị Dung")
    assert [d.code for d in store.search(query)] == [wanted.code]


def test_search_folds_d_with_stroke_and_finds_id_numbers(store: Store) -> None:
    saved = save(store, child="Đặng Đức Đạt")
    assert [d.code for d in store.search("dang duc")] == [saved.code]
    assert [d.code for d in store.search("00109")] == [saved.code]
    assert store.search("   ") == []


def test_search_lists_newest_first(store: Store) -> None:
    first, second = save(store), save(store)
    assert [d.code for d in store.search("be")] == [second.code, first.code]


def test_audit_log_refuses_edits_and_deletes(store: Store) -> None:
    save(store)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit SET officer = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("DELETE FROM audit")


def test_store_uses_wal_and_foreign_keys(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO outbox (dossier_id, kind, content_hash, created_at) "
            "VALUES (999, 'submit', 'x', 'now')"
        )


def test_saving_from_a_draft_removes_the_draft_in_the_same_transaction(desk: Desk) -> None:
    draft = desk.store.drafts.save(
        None, data={"child": {"full_name": "Trần Thị Bé"}}, step="child", officer="A", at=FIXED_NOW
    )
    desk.receive(sample_dossier(), draft_id=draft)
    assert desk.store.drafts.list() == []


def test_drafts_overwrite_list_and_discard(store: Store) -> None:
    draft = store.drafts.save(None, data={"a": 1}, step="agencies", officer="A", at=FIXED_NOW)
    later = FIXED_NOW + timedelta(minutes=1)
    assert store.drafts.save(draft, data={"a": 2}, step="child", officer="A", at=later) == draft
    [listed] = store.drafts.list()
    assert (listed.data, listed.step, listed.updated_at) == ({"a": 2}, "child", later)
    store.drafts.discard(draft, officer="A", at=later)
    assert store.drafts.list() == []
    assert store.audit_events()[-1].action == "discard_draft"
    with pytest.raises(NotFound):
        store.drafts.get(draft)


def test_counts_read_today_in_vietnam(desk: Desk) -> None:
    desk.receive(sample_dossier())
    desk.receive(sample_dossier())
    counts = desk.counts()
    assert (counts.today, counts.waiting_sync) == (2, 2)
    assert work_counts(desk.store, FIXED_NOW.date() + timedelta(days=1)).today == 0
