"""Two `desk sync` processes on one database, and an answer that comes back late, lose nothing.

The App's worker and a scheduled `desk sync` may run at the same time. Here process A sends a
batch whose answer central holds back; meanwhile process B sends the same batch (same key),
gets the replayed answer and applies it; then the counter receives a new dossier; only then
does A's late answer arrive. A must apply it to exactly the rows it was for: the new
dossier's outbox entry must survive and reach central.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from central.faults import Hold
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.lifecycle import Status
from desk_app.store import Store
from tests.sync.conftest import TOKEN_ENV, outbox_size, receive, start_central

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""
REPO = Path(__file__).resolve().parents[2]
DEADLINE = 60


def desk_sync(config: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """A real `desk sync` process on the desk of ``config``."""
    return subprocess.Popen(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "sync"],
        env=env,
        cwd=config.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_late_answer_never_removes_a_dossier_received_meanwhile(
    tmp_path: Path, central_target: str
) -> None:
    hold = Hold("POST", "/v1/batches", count=1)
    central = start_central(tmp_path, target=central_target, hold=hold)
    config = make_demo(tmp_path / "desk")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "DESK_CENTRAL__URL": central.url,
        "DESK_CENTRAL__TIMEOUT": str(DEADLINE),
        TOKEN_ENV: central.token,
    }
    settings = load_config(config, env=env).settings
    store = Store.open(settings.paths.database)
    late = None
    try:
        [first] = receive(store, 1)
        late = desk_sync(config, env)  # A: its answer is held back
        assert hold.reached.wait(DEADLINE), "process A never sent its batch"

        other = desk_sync(config, env)  # B: same batch, same key: the replayed answer
        out, err = other.communicate(timeout=DEADLINE)
        assert other.returncode == 0, out + err
        assert store.require(first).status is Status.ACCEPTED and outbox_size(store) == 0

        [second] = receive(store, 1, start=1)  # the counter goes on meanwhile
        hold.release.set()  # A's answer arrives, late
        out, err = late.communicate(timeout=DEADLINE)
        assert late.returncode == 0 and "Traceback" not in err, out + err

        again = desk_sync(config, env)
        out, err = again.communicate(timeout=DEADLINE)
        assert again.returncode == 0, out + err
        assert set(central.dossiers()) == {first, second}
        assert outbox_size(store) == 0
        assert store.require(second).status is Status.ACCEPTED
        sends = [
            code
            for (code,) in store.conn.execute(
                "SELECT dossier_code FROM audit WHERE action = 'send' ORDER BY id"
            )
        ]
        assert sorted(sends) == sorted([first, second])  # each sent once
    finally:
        hold.release.set()
        if late is not None and late.poll() is None:
            late.kill()
            late.wait(timeout=DEADLINE)
        store.close()
        central.server.stop()
        central.store.close()
