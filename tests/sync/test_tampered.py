"""A waiting dossier edited in the database file is not sent; the supervisor is told; the rest go.

Someone with the SQLite file changes a dossier that waits in the outbox — its declarations
alone, or its declarations with every hash beside them recomputed. The hash of record is the
one the audit trail wrote when the dossier was received: the sync compares with it, sets the
dossier aside (an audit event for the supervisor) and sends every other dossier.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.records import content_hash
from desk_app.store.sync_held import held_of
from desk_app.sync import RetryPolicy, sync_once
from tests.conftest import FIXED_NOW
from tests.sync.conftest import TOKEN_ENV, Central, for_central, receive

QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.paths.database)
    yield opened
    opened.close()


def edit(store: Store, code: str, how: str) -> None:
    """Change the dossier as someone with the file would, by plain SQL."""
    row = store.require(code)
    changed = dict(row.declarations)
    changed["child"] = {"full_name": "TRẺ KHÁC HẲN"}
    digest = content_hash(changed)
    text = json.dumps(changed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    conn = store.conn
    if how in ("declarations", "declarations_and_hashes"):
        conn.execute(
            "UPDATE dossier_content SET declarations = ? WHERE dossier_id = ?", (text, row.id)
        )
    if how == "declarations_deleted":
        conn.execute("DELETE FROM dossier_content WHERE dossier_id = ?", (row.id,))
    if how == "declarations_and_hashes":
        conn.execute("UPDATE dossiers SET content_hash = ? WHERE code = ?", (digest, code))
        conn.execute("UPDATE outbox SET content_hash = ? WHERE dossier_id = ?", (digest, row.id))
    if how == "outbox_hash":
        conn.execute("UPDATE outbox SET content_hash = ? WHERE dossier_id = ?", ("0" * 64, row.id))
    if how == "dossier_hash":
        conn.execute("UPDATE dossiers SET content_hash = ? WHERE code = ?", ("1" * 64, code))


@pytest.mark.parametrize(
    "how",
    [
        "declarations",
        "declarations_and_hashes",
        "declarations_deleted",
        "outbox_hash",
        "dossier_hash",
    ],
)
def test_an_edited_waiting_dossier_is_held_for_the_supervisor_and_the_rest_go_on(
    central: Central, settings: Settings, store: Store, how: str
) -> None:
    codes = receive(store, 5)
    tampered = codes[2]
    edit(store, tampered, how)

    report = sync_once(
        store,
        for_central(settings, central.url, batch_size=2),
        env={TOKEN_ENV: central.token},
        policy=QUICK,
    )

    assert report.ok, report.error
    assert set(central.dossiers()) == set(codes) - {tampered}
    found = held_of(store, tampered)
    assert found is not None and found.kind == "tampered"
    assert "không còn khớp mã kiểm tra ghi trong nhật ký lúc tiếp nhận" in found.reason
    assert "Lãnh đạo bộ phận" in found.reason
    [event] = [e for e in store.audit_events(tampered) if e.action == "sync.held"]
    assert event.detail["kind"] == "tampered"
    assert event.detail["received"] == store.audit_events(tampered)[0].detail["hash"]
    assert [code for code, _ in report.held] == [tampered]
    assert store.require(tampered).code == tampered  # still opens, whatever was taken out


def test_a_dossier_cancelled_before_it_was_sent_is_never_sent(
    central: Central, settings: Settings, store: Store
) -> None:
    from desk_app.lifecycle import Event

    codes = receive(store, 3)
    store.apply_event(codes[0], Event.CANCEL, officer="Phạm Quốc Hưng", at=FIXED_NOW, reason="rút")
    report = sync_once(
        store, for_central(settings, central.url), env={TOKEN_ENV: central.token}, policy=QUICK
    )
    assert report.ok and set(central.dossiers()) == set(codes[1:])
    assert store.audit_events(codes[0])[-1].action == "sync.dropped"
    assert report.waiting == 0 and report.held == []
