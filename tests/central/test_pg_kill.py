"""Killing PostgreSQL (SIGKILL) in the middle of batches loses and doubles nothing.

Central runs on a PostgreSQL server this test owns. Desks keep sending batches (each retried
under its own key until answered) while the agencies keep writing the feed and a desk keeps
reading it; meanwhile the whole server — postmaster and every backend — is killed with SIGKILL
three times and started again through crash recovery. The server's own default is
``synchronous_commit=off``, so the test also shows that central asks for synchronous commits
itself. At the end:

- every dossier any desk sent is on central exactly once, and every one central acknowledged
  before a kill survived it, with the central id it was acknowledged with;
- every batch's final answer is "accepted" (a retry after a lost answer replayed the stored
  answer; nothing came back "duplicate", which would mean half a batch had been kept);
- the feed has no gap and no double, and the desk reading it across the kills read each update
  exactly once.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from central import intake
from central.agencies import Simulation
from central.app import now_vn
from central.pg_throwaway import ThrowawayPostgres, available, create_database
from central.protocol import content_hash
from central.store import DeskIdentity
from tests.sync.conftest import OFFICE, post_batch, start_central

DESKS = 4
BATCHES = 25
PER_BATCH = 5
KILLS = 3


@pytest.fixture
def server() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL server of this test's own (it will be killed), durable settings."""
    why = available()
    if why is not None:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    pg = ThrowawayPostgres.create({"synchronous_commit": "off"})
    try:
        pg.start()
        yield pg
    finally:
        pg.destroy()


def dossier(desk: int, n: int) -> dict[str, object]:
    declarations = {"child": {"full_name": f"BÉ {desk}-{n}"}, "n": n}
    return {
        "code": f"{OFFICE}-{now_vn():%y%m%d}-{desk}{n + 1:03d}",
        "content_hash": content_hash(declarations),
        "received_at": now_vn().isoformat(),
        "declarations": declarations,
    }


def test_killing_postgres_mid_batch_loses_and_doubles_nothing(
    tmp_path: Path, server: ThrowawayPostgres
) -> None:
    url = create_database(server.url(), "central")
    central = start_central(
        tmp_path,
        target=url,
        simulation=Simulation(seed=6, step_seconds=0.05, supplement_rate=0.1, refuse_rate=0.1),
        background=True,
    )
    tokens = [central.token] + [
        central.store.issue_token(OFFICE, d, now_vn().isoformat()) for d in range(2, DESKS + 1)
    ]
    acknowledged: dict[str, str] = {}  # code → central id, as answered
    outcomes: Counter[str] = Counter()
    sent: list[str] = []
    read: Counter[tuple[str, int]] = Counter()
    done = threading.Event()
    lock = threading.Lock()

    def desk(number: int, token: str) -> None:
        rng = random.Random(number)
        with httpx.Client(
            base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=15
        ) as http:
            for b in range(BATCHES):
                body = {"dossiers": [dossier(number, b * PER_BATCH + i) for i in range(PER_BATCH)]}
                key = f"kill-{number}-{b}-{uuid.uuid4().hex[:8]}"
                while True:  # the same key and body until central answers
                    try:
                        answer = post_batch(http, body, key=key)
                    except httpx.HTTPError:
                        answer = None
                    if answer is not None and answer.status_code == 200:
                        break
                    time.sleep(rng.uniform(0.02, 0.1))
                with lock:
                    sent.extend(d["code"] for d in body["dossiers"])  # type: ignore[misc]
                    for result in answer.json()["results"]:
                        outcomes[result["outcome"]] += 1
                        acknowledged[result["code"]] = result["central_id"]

    def follow() -> None:
        """Desk 1 reading its feed the whole time, the way a desk moves its cursor."""
        identity = central.store.desk_for(central.token)
        assert isinstance(identity, DeskIdentity)
        cursor = 0
        while True:
            finished = done.is_set()
            try:
                page = intake.updates_after(central.store, identity, cursor, 100)
            except Exception:  # the server is down: try again
                time.sleep(0.05)
                continue
            read.update((u.code, u.version) for u in page.updates)
            cursor = page.cursor
            if finished and not page.updates:
                return
            time.sleep(0.01)

    desks = [threading.Thread(target=desk, args=(n, t)) for n, t in enumerate(tokens, 1)]
    reader = threading.Thread(target=follow)
    try:
        for t in [*desks, reader]:
            t.start()
        rng = random.Random(17)
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.4, 1.0))
            server.kill()  # postmaster and every backend, SIGKILL, mid-whatever
            time.sleep(rng.uniform(0.1, 0.4))
            server.start()  # crash recovery from the WAL
        for t in desks:
            t.join(120)
        assert not any(t.is_alive() for t in desks), "a desk never got its answer"
        central.finish_everything()  # the agencies finish, on the recovered server
        done.set()
        reader.join(60)

        held = central.dossiers()
        assert sorted(held) == sorted(sent) and len(sent) == DESKS * BATCHES * PER_BATCH
        assert acknowledged == dict(central.rows("SELECT code, central_id FROM dossiers"))
        assert outcomes == {"accepted": len(sent)}  # no half-kept batch, nothing doubled
        [(batches,)] = central.rows("SELECT count(*) FROM batches")
        assert batches == DESKS * BATCHES
        [(count, last, versions)] = central.rows(
            "SELECT count(*), max(seq), count(DISTINCT (dossier_id, version)) FROM updates"
        )
        [(counter,)] = central.rows("SELECT last FROM feed")
        assert count == last == counter == versions  # 1..last, no gap, no double
        mine = {
            (code, version)
            for code, version in central.rows(
                "SELECT d.code, u.version FROM updates u JOIN dossiers d ON d.id = u.dossier_id "
                "WHERE u.desk_number = 1 AND u.v1 = 1"  # what desk 1's (v1) feed carries
            )
        }
        assert set(read) == mine and max(read.values()) == 1
    finally:
        done.set()
        central.stop()


def test_a_pool_of_dead_connections_is_replaced_at_once_after_a_restart(
    server: ThrowawayPostgres,
) -> None:
    """After the server restarts, the first request gets a working connection without waiting.

    Eight idle connections all die with the server. Drawn one at a time, each dead one cost the
    pool a growing pause (1, 2, 4 s …) and the request timed out after 10 s; now the first
    dead one found makes the pool check and replace all the others.
    """
    from central.db_postgres import PostgresDatabase

    db = PostgresDatabase(create_database(server.url(), "pool"), pool_size=10)
    try:
        together = threading.Barrier(8)

        def hold() -> None:
            with db.read() as tx:
                together.wait(10)  # eight connections open at once, then idle in the pool
                tx.all("SELECT 1")

        holders = [threading.Thread(target=hold) for _ in range(8)]
        for t in holders:
            t.start()
        for t in holders:
            t.join(30)
        assert db.pool.get_stats()["pool_available"] >= 8
        server.kill()
        server.start()
        started = time.monotonic()
        with db.read() as tx:
            assert tx.all("SELECT 1") == [(1,)]
        assert time.monotonic() - started < 5  # was a PoolTimeout after 10 s
    finally:
        db.close()
