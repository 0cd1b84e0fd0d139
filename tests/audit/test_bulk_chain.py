"""Events appended in bulk are chained exactly as events appended one by one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.store import Store
from desk_app.store.audit_chain import Entry, append, append_many, verify
from tests.conftest import FIXED_NOW

ENTRIES: list[Entry] = [
    (FIXED_NOW, "Hệ thống trung tâm", "send", "C-1", {"batch": "k", "from": "received"}),
    (FIXED_NOW + timedelta(seconds=1), "Nguyễn Thị Hoa", "note", None, {}),
    (FIXED_NOW + timedelta(seconds=2), "Hệ thống trung tâm", "accept", "C-1", {"id": "Ω"}),
]


def test_a_bulk_append_writes_the_chain_that_single_appends_write(tmp_path: Path) -> None:
    one, many = Store.open(tmp_path / "one.sqlite3"), Store.open(tmp_path / "many.sqlite3")
    for store in (one, many):  # an event already there: the bulk append must link to it
        with store.transaction():
            append(store.conn, FIXED_NOW, "A", "sign_in", None, {"username": "a"})
    with one.transaction():
        ids = [append(one.conn, *entry) for entry in ENTRIES]
    with many.transaction():
        last = append_many(many.conn, ENTRIES)

    assert ids == [2, 3, 4] and last == 4
    assert one.audit_events() == many.audit_events()
    mine, theirs = verify(many.conn), verify(one.conn)
    assert mine.ok and mine.events == 4 and mine.head == theirs.head


def test_a_bulk_append_outside_a_write_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError):
        append_many(store.conn, ENTRIES)
    assert store.audit_events() == []
