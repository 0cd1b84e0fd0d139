"""Sync figures: 10,000 dossiers shipped to the reference central server, and the desk's memory.

Central runs as its own process (`python -m central`, on a free loopback port, agencies
paused), so the memory measured is the desk's alone. The desk's outbox is filled in bulk (as
if a busy office had been offline for days), then one sync round ships it with the batch
size of the sample desk.toml. A thread samples the desk process's resident memory while the
round runs.
"""

from __future__ import annotations

import random
import select
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.figures import Figure
from bench.sample import complete_dossier
from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.store import Store
from desk_app.store.audit_chain import append
from desk_app.store.records import canonical_json, content_hash
from desk_app.sync import RetryPolicy, sync_once

DOSSIERS = 10_000
PER_DAY = 900
AGENCY = "000.00.01.H26"
SAMPLE_SECONDS = 0.02


def _rss_mib() -> float:
    """Resident memory of this process now (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class _Peak(threading.Thread):
    """Samples RSS until stopped; keeps the highest value seen."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss_mib()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _rss_mib())


def _fill_outbox(store: Store, count: int) -> None:
    """``count`` received dossiers with their outbox rows, in one bulk transaction."""
    rng = random.Random(11)
    start = datetime(2026, 11, 2, 8, tzinfo=VN_TZ)
    with store.transaction():
        for i in range(count):
            day, seq = divmod(i, PER_DAY)
            when = start + timedelta(days=day, seconds=20 * seq)
            new = complete_dossier(rng)
            body = canonical_json(dict(new.declarations))
            code = f"{AGENCY}-{when:%y%m%d}-{1001 + seq:04d}"
            digest = content_hash(new.declarations)
            dossier_id = store.conn.execute(
                "INSERT INTO dossiers (code, lookup_code, procedure_group, status, received_at, "
                "received_on, updated_at, officer, desk_number, requester_name, child_name, "
                "declarations, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    code,
                    "ABCDEF",
                    "birth_interlink",
                    "received",
                    when.isoformat(),
                    when.date().isoformat(),
                    when.isoformat(),
                    "A",
                    1,
                    new.requester_name,
                    new.child_name,
                    body,
                    digest,
                ),
            ).lastrowid
            store.conn.execute(
                "INSERT INTO outbox (dossier_id, kind, content_hash, created_at) "
                "VALUES (?, 'submit', ?, ?)",
                (dossier_id, digest, when.isoformat()),
            )
            # As at the counter: the reception's audit event records the hash the sync checks.
            append(store.conn, when, "A", "receive", code, {"hash": digest})


def _central(tmp: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """Start `python -m central` on a free port; return it, its URL and a desk token."""
    db = str(tmp / "central.sqlite3")
    token = subprocess.run(
        [sys.executable, "-m", "central", "--db", db, "--issue-token", f"{AGENCY}/1"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    proc = subprocess.Popen(
        [sys.executable, "-m", "central", "--db", db, "--port", "0", "--no-simulation"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    if not ready:
        proc.kill()
        raise RuntimeError("central did not start")
    url = proc.stdout.readline().decode().split(" tại ")[1].split()[0]
    return proc, url, token


def run() -> list[Figure]:
    """Dossiers per second through a full round, and the desk's memory meanwhile."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-sync-") as name:
        tmp = Path(name)
        proc, url, token = _central(tmp)
        try:
            env = {"DESK_CENTRAL__URL": url, "DESK_CENTRAL_TOKEN": token}
            settings = load_config(make_demo(tmp / "desk"), env=env).settings
            store = Store.open(settings.paths.database)
            _fill_outbox(store, DOSSIERS)
            batch = settings.central.batch_size
            before = _rss_mib()
            sampler = _Peak()
            sampler.start()
            started = time.perf_counter()
            report = sync_once(store, settings, env=env, policy=RetryPolicy(attempts=3))
            elapsed = time.perf_counter() - started
            sampler.done.set()
            sampler.join()
            left = store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
            store.close()
            if not report.ok or report.accepted != DOSSIERS or left:
                raise RuntimeError(f"sync did not complete: {report.error} ({left} left)")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return [
        Figure(
            "sync 10,000 dossiers to the local central server",
            DOSSIERS / elapsed,
            "dossiers/s",
            500,
            better="higher",
            note=f"batches of {batch}, {elapsed:.1f} s, central in its own process",
        ),
        Figure(
            "desk memory during that sync (peak RSS)",
            sampler.peak,
            "MiB",
            150,
            note=f"{sampler.peak - before:+.1f} MiB over the {before:.0f} MiB before the round",
        ),
    ]
