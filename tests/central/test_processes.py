"""Two central processes on one PostgreSQL database serve the same desks correctly.

Real `desk central` processes, started together on an empty database (they migrate it once
between them), each with its agencies running. What one process must not be trusted to keep
alone is kept by the database: a batch delivered to both at the same instant is processed
once and replayed by the other; one code sent to both under two keys is stored once (the
other answer is a duplicate with the same central id), and with two contents the second is a
conflict; every dossier's versions are 1, 2, 3… once each whichever process performed them;
the feed a desk reads from both processes alternately holds every change once, in order. A
token revoked with the command is refused by both at once, and an office sees none of
another's dossiers through either.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from central.app import now_vn
from central.pg_throwaway import drop_database
from central.protocol import content_hash
from central.store import CentralStore
from tests.pg import fresh_database, require
from tests.sync.conftest import OFFICE, OTHER_OFFICE, post_batch

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 12


def start(url: str, files: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`desk central` on a free port with fast agencies; the process and its URL."""
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "central", "--db", url, "--files", str(files)),
            *("--port", "0", "--population", "50", "--step-seconds", "0.05"),
            *("--supplement-rate", "0.2", "--refuse-rate", "0.1"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    assert ready, "desk central did not announce its address"
    line = proc.stdout.readline().decode()
    assert " tại " in line, (line, proc.stderr.read().decode() if proc.poll() else "")
    return proc, line.split(" tại ")[1].split()[0]


@pytest.fixture
def two(tmp_path: Path, postgres_server: str | None) -> Iterator[dict[str, Any]]:
    """Two central processes on one fresh database, and tokens for three desks."""
    server = require(postgres_server)
    url, name = fresh_database(server)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        started: list[tuple[subprocess.Popen[bytes], str]] = []
        threads = [
            threading.Thread(target=lambda: started.append(start(url, tmp_path / "files")))
            for _ in range(2)
        ]
        for t in threads:  # at the same moment: both migrate the empty database
            t.start()
        for t in threads:
            t.join(90)
        procs = [p for p, _ in started]
        assert len(started) == 2
        store = CentralStore(url, files=tmp_path / "files")
        at = now_vn().isoformat()
        tokens = {
            "desk1": store.issue_token(OFFICE, 1, at),
            "desk2": store.issue_token(OFFICE, 2, at),
            "other": store.issue_token(OTHER_OFFICE, 1, at),
        }
        yield {"urls": [u for _, u in started], "store": store, "tokens": tokens, "url": url}
        store.close()
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=30)
        drop_database(server, name)


def dossier(number: int, content: str = "") -> dict[str, Any]:
    declarations = {"child": {"full_name": f"BÉ {number}{content}"}}
    return {
        "code": f"{OFFICE}-{now_vn():%y%m%d}-{number:04d}",
        "content_hash": content_hash(declarations),
        "received_at": now_vn().isoformat(),
        "declarations": declarations,
    }


def at_once(*posts: tuple[httpx.Client, dict[str, Any], str]) -> list[httpx.Response]:
    """POST each (client, batch, key) on threads released together; the answers, in order."""
    barrier = threading.Barrier(len(posts))
    answers: list[httpx.Response | None] = [None] * len(posts)

    def run(i: int) -> None:
        client, body, key = posts[i]
        barrier.wait()
        answers[i] = post_batch(client, body, key=key)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(posts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(a is not None for a in answers)
    return answers  # type: ignore[return-value]


def test_two_processes_keep_keys_codes_versions_and_offices_through_the_database(
    two: dict[str, Any],
) -> None:
    a_url, b_url = two["urls"]
    auth = {"Authorization": f"Bearer {two['tokens']['desk1']}"}
    with (
        httpx.Client(base_url=a_url, headers=auth, timeout=30) as a,
        httpx.Client(base_url=b_url, headers=auth, timeout=30) as b,
    ):
        for n in range(ROUNDS):
            # One batch, one key, delivered to both processes at the same instant.
            body = {"dossiers": [dossier(1001 + 3 * n)]}
            key = f"both-{uuid.uuid4().hex}"
            first, second = at_once((a, body, key), (b, body, key))
            assert first.status_code == second.status_code == 200
            assert first.json() == second.json()
            replayed = [r.headers.get("idempotent-replayed") for r in (first, second)]
            assert replayed.count("true") == 1  # processed by one, replayed by the other

            # One code under two keys, same content: stored once, the other a duplicate.
            same = {"dossiers": [dossier(1002 + 3 * n)]}
            x, y = at_once((a, same, f"x-{uuid.uuid4().hex}"), (b, same, f"y-{uuid.uuid4().hex}"))
            results = [x.json()["results"][0], y.json()["results"][0]]
            assert sorted(r["outcome"] for r in results) == ["accepted", "duplicate"]
            assert results[0]["central_id"] == results[1]["central_id"]

            # One code, two contents: one kept, the other a conflict, never overwritten.
            mine, theirs = dossier(1003 + 3 * n, " A"), dossier(1003 + 3 * n, " B")
            x, y = at_once(
                (a, {"dossiers": [mine]}, f"x-{uuid.uuid4().hex}"),
                (b, {"dossiers": [theirs]}, f"y-{uuid.uuid4().hex}"),
            )
            verdicts = sorted(
                (r.json()["results"][0]["outcome"], r.json()["results"][0].get("reason_code"))
                for r in (x, y)
            )
            assert verdicts == [("accepted", None), ("rejected", "conflict")]

        store: CentralStore = two["store"]
        with store.db.read() as tx:
            [(batches,)] = tx.all("SELECT count(*) FROM batches")
            [(dossiers,)] = tx.all("SELECT count(*) FROM dossiers")
        assert (batches, dossiers) == (5 * ROUNDS, 3 * ROUNDS)

        # Both processes run the agencies: wait until every dossier is finished.
        give_up = time.monotonic() + 60
        while time.monotonic() < give_up:
            with store.db.read() as tx:
                [(left,)] = tx.all("SELECT count(*) FROM dossiers WHERE next_step_at IS NOT NULL")
            if left == 0:
                break
            time.sleep(0.1)
        assert left == 0
        # The desk reads its feed from both processes in turn: each change once, in order.
        seen: list[tuple[str, int]] = []
        cursor, turn = 0, 0
        while True:
            page = (a, b)[turn % 2].get("/v1/updates", params={"after": cursor, "limit": 7}).json()
            seen += [(u["code"], u["version"]) for u in page["updates"]]
            cursor, turn = page["cursor"], turn + 1
            if not page["more"]:
                break
        with store.db.read() as tx:
            versions = dict(tx.all("SELECT code, version FROM dossiers"))
        expected = [(c, v) for c in sorted(versions) for v in range(1, versions[c] + 1)]
        assert sorted(seen) == expected and len(seen) == len(set(seen))
        for code in versions:  # per dossier, versions arrive 1, 2, 3… in feed order
            mine_only = [v for c, v in seen if c == code]
            assert mine_only == sorted(mine_only)

    # Another office, through either process: none of these dossiers exists for it.
    other = {"Authorization": f"Bearer {two['tokens']['other']}"}
    for url in (a_url, b_url):
        with httpx.Client(base_url=url, headers=other, timeout=30) as o:
            assert o.get("/v1/updates").json()["updates"] == []
            assert o.get(f"/v1/dossiers/{dossier(1001)['code']}").status_code == 404

    # A token revoked with the command is refused by both processes from the next request.
    revoked = subprocess.run(
        [sys.executable, "-m", "central", "--db", two["url"], "--revoke-token", f"{OFFICE}/2"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert revoked.returncode == 0, revoked.stderr
    for url in (a_url, b_url):
        answer = httpx.get(
            f"{url}/v1/updates", headers={"Authorization": f"Bearer {two['tokens']['desk2']}"}
        )
        assert answer.status_code == 401
