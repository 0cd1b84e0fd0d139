"""A desk killed (SIGKILL) at random points of a sync, 50 times, loses and doubles nothing.

Each time, the desk receives a few more dossiers, a fresh desk process starts a sync round,
and the test kills it when it reaches a randomly chosen stage (after forming a batch, while
sending it, after central answered but before the answer is saved, while applying status
updates…), after a random extra delay so the kill also lands inside the following step.
Central (in this process) keeps moving dossiers on meanwhile. At the end one clean round
runs, and every dossier must be on central exactly once, the outbox empty, and every
status where central says it is, each event recorded once.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from collections import Counter
from pathlib import Path

from central.agencies import Simulation
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.store import Store
from desk_app.sync import RetryPolicy, sync_once
from tests.conftest import FIXED_NOW
from tests.sync.conftest import TOKEN_ENV, for_central, outbox_size, receive, start_central
from tests.sync.desk_rounds import RoundProcess

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""

REPO = Path(__file__).resolve().parents[2]
KILLS = 50
PER_ROUND = 5
MAX_STARTS = 150
"""Starts that end before their stage (nothing to send yet) do not count as kills; 150 × 5
dossiers stay within a desk's daily block of 999 codes."""
STAGES = (
    "batch-prepared",
    "batch-sending",
    "batch-answered",
    "batch-applied",
    "updates-received",
    "updates-applied",
)
DEADLINE = 30.0


def run_until(proc: RoundProcess, stage: str) -> bool:
    """Read the child's stages until ``stage`` (True) or its end (False); bounded in time."""
    fd = proc.stdout.fileno()
    pending = b""
    give_up = time.monotonic() + DEADLINE
    while time.monotonic() < give_up:
        ready, _, _ = select.select([fd], [], [], give_up - time.monotonic())
        if not ready:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            return False
        pending += chunk
        *lines, pending = pending.split(b"\n")
        if stage.encode() in lines:
            return True
    raise AssertionError(f"the desk process neither reached {stage} nor ended in {DEADLINE} s")


def test_fifty_kills_lose_and_double_nothing(tmp_path: Path, central_target: str) -> None:
    central = start_central(
        tmp_path,
        target=central_target,
        simulation=Simulation(seed=4, step_seconds=0.1, supplement_rate=0.1, refuse_rate=0.05),
        background=True,
    )
    config = make_demo(tmp_path / "desk")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "DESK_CENTRAL__URL": central.url,
        "DESK_CENTRAL__BATCH_SIZE": "3",
        "DESK_CENTRAL__TIMEOUT": "5",
        TOKEN_ENV: central.token,
    }
    settings = load_config(config, env=env).settings
    store = Store.open(settings.paths.database)
    rng = random.Random(50)
    hit: Counter[str] = Counter()
    codes: list[str] = []
    try:
        starts = 0
        for starts in range(1, MAX_STARTS + 1):  # noqa: B007 - reported below
            if sum(hit.values()) == KILLS:
                break
            codes += receive(store, PER_ROUND, start=len(codes), day=FIXED_NOW)
            stage = rng.choice(STAGES)
            proc = RoundProcess(config, tmp_path, env)
            try:
                if run_until(proc, stage):
                    # Choose where after the stage the kill lands (not waiting for anything).
                    time.sleep(rng.choice((0, 0, 0.0005, 0.002, 0.005, 0.01)))
                    proc.send_signal(signal.SIGKILL)
                    hit[stage] += 1
            finally:
                proc.kill()
                proc.wait(timeout=DEADLINE)
        print(f"{starts} starts, kills by stage: {dict(hit)}")
        assert sum(hit.values()) == KILLS, (starts, hit)
        assert len(hit) >= 5, hit  # the kills landed all over the round

        # One clean round after the agencies are done.
        central.finish_everything()
        policy = RetryPolicy(attempts=3, base=0.01, cap=0.05)
        report = sync_once(store, for_central(settings, central.url), env=env, policy=policy)
        assert report.ok and outbox_size(store) == 0

        held = central.dossiers()
        assert set(held) == set(codes) and len(codes) == len(set(codes))
        for code in codes:
            row = store.require(code)
            assert held[code][0] == row.content_hash
            assert (row.status.value, row.done) == (held[code][1], set(held[code][2])), code
        actions = Counter(
            (code, action, procedure)
            for code, action, procedure in store.conn.execute(
                "SELECT dossier_code, action, json_extract(detail, '$.procedure') FROM audit "
                "WHERE dossier_code IS NOT NULL"
            )
        )
        assert max(actions.values()) == 1  # no event recorded twice for one dossier
        assert sum(1 for (_, a, _) in actions if a == "send") == len(codes)
    finally:
        store.close()
        central.server.stop()
        central.store.close()
