"""The update feed stays gap-free under concurrency: every reader sees every update exactly once.

Eight writer connections append updates for ten seconds, each committing a random moment after
it has taken its feed numbers, so transactions finish in an order of their own; four readers
follow the feed meanwhile the way a desk does (a page after its cursor, the cursor moved to the
last number read). At the end each reader must have read every update written, once.

The same run with the numbers taken from a PostgreSQL sequence (what a naive feed would do)
loses updates: a reader moves its cursor past a number whose transaction has not committed yet
and never looks back. That run is here too, so this test is known to catch what it is for.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from central import feed, intake
from central.db import Tx
from central.protocol import DossierState, Update
from central.store import CentralStore, DeskIdentity

BOTH_BACKENDS = True
WRITERS, READERS = 8, 4
OFFICE = "000.00.01.H26"
SECONDS = {"postgresql": 10.0, "sqlite": 3.0}
NAIVE_SECONDS = 3.0


def _dossiers(store: CentralStore, desk: DeskIdentity) -> dict[int, str]:
    """One dossier per writer (updates need one to belong to): writer → code."""
    codes = {w: f"{OFFICE}-261124-{1001 + w:04d}" for w in range(WRITERS)}
    with store.db.write() as tx:
        for w, code in codes.items():
            tx.run(
                "INSERT INTO dossiers (central_id, code, office, desk_number, content_hash, "
                "procedure_group, received_at, submitted_at, declarations, status) VALUES "
                "(:cid, :code, :office, :desk, 'h', 'birth_interlink', 't', 't', '{}', 'accepted')",
                {"cid": f"c{w}", "code": code, "office": desk.office, "desk": desk.desk_number},
            )
    return codes


def _body(code: str, version: int) -> str:
    return Update(
        seq=1,
        code=code,
        version=version,
        event="progress",
        procedure="birth",
        at=datetime(2026, 11, 24, 9, 30).astimezone(),
        state=DossierState(status="in_progress", progress={"birth": f"{version}/2026"}),
    ).model_dump_json(exclude={"seq"})


def run(store: CentralStore, seconds: float) -> tuple[set[tuple[str, int]], list[Counter]]:
    """Writers and readers for ``seconds``: (every update written, what each reader read)."""
    store.issue_token(OFFICE, 1, "t")
    desk = DeskIdentity(store.tokens()[0].id, OFFICE, 1)
    codes = _dossiers(store, desk)
    ids = {code: r[0] for code, r in _ids(store).items()}
    written: list[set[tuple[str, int]]] = [set() for _ in range(WRITERS)]
    read: list[Counter[tuple[str, int]]] = [Counter() for _ in range(READERS)]
    stop_writing = threading.Event()
    written_all = threading.Event()
    failures: list[BaseException] = []

    def writer(w: int) -> None:
        rng = random.Random(w)
        code, version = codes[w], 0
        try:
            while not stop_writing.is_set():
                count = rng.randint(1, 3)
                entries = [
                    feed.Entry(ids[code], OFFICE, 1, version + i + 1, _body(code, version + i + 1))
                    for i in range(count)
                ]
                with store.db.write() as tx:
                    feed.append(tx, entries)
                    time.sleep(rng.uniform(0, 0.004))  # commit a moment later, in any order
                version += count
                written[w].update((code, e.version) for e in entries)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    def reader(r: int) -> None:
        cursor = 0
        try:
            while True:
                finished = written_all.is_set()
                page = intake.updates_after(store, desk, cursor, 50)
                read[r].update((u.code, u.version) for u in page.updates)
                cursor = page.cursor
                if finished and not page.updates:
                    return
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    writers = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    readers = [threading.Thread(target=reader, args=(r,)) for r in range(READERS)]
    for t in writers + readers:
        t.start()
    time.sleep(seconds)
    stop_writing.set()
    for t in writers:
        t.join(60)
    written_all.set()
    for t in readers:
        t.join(60)
    assert not failures, failures
    return set().union(*written), read


def _ids(store: CentralStore) -> dict[str, tuple[int]]:
    with store.db.read() as tx:
        return {r[1]: (r[0],) for r in tx.all("SELECT id, code FROM dossiers")}


def test_every_reader_reads_every_update_exactly_once(
    tmp_path: Path, central_target: str, central_backend: str
) -> None:
    store = CentralStore(central_target, files=tmp_path / "files", pool_size=16)
    try:
        written, read = run(store, SECONDS[central_backend])
    finally:
        store.close()
    assert len(written) > 200, len(written)  # the writers really wrote, concurrently
    for seen in read:
        assert set(seen) == written, f"lost {len(written - set(seen))} updates"
        assert max(seen.values()) == 1  # and none twice


def naive_reserve(tx: Tx, count: int) -> int:
    """Feed numbers from a sequence: handed out at once, committed whenever the writer does."""
    assert count <= 8
    row = tx.one("SELECT nextval('naive_feed')")
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("central_backend", ["postgresql"], indirect=True)
def test_a_feed_numbered_by_a_plain_sequence_loses_updates(
    tmp_path: Path, central_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL only: on SQLite's one writer even a sequence commits in order."""
    store = CentralStore(central_target, files=tmp_path / "files", pool_size=16)
    try:
        with store.db.write() as tx:
            tx.run("CREATE SEQUENCE naive_feed INCREMENT BY 8")
        monkeypatch.setattr(feed, "reserve", naive_reserve)
        written, read = run(store, NAIVE_SECONDS)
    finally:
        store.close()
    lost = [len(written - set(seen)) for seen in read]
    print(f"a plain sequence: {len(written)} updates written, lost per reader: {lost}")
    assert sum(lost) > 0, "a naive sequence should have let readers skip updates"
