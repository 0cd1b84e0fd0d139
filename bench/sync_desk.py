"""The desk's side of the sync benchmark, in a process of its own, as `desk sync` runs.

``python -m bench.sync_desk CONFIG`` opens the desk of ``CONFIG`` (the environment names
central, the token and the batch size, as for `desk sync`), prints ``READY`` once everything
is imported and the store open, waits for a line on stdin, runs one sync round, and prints
one line of JSON: the round's wall time, this process's CPU time during it, its resident
memory before the round and at its peak, and what the round did.

Run in the benchmark's own process, the round shared a heap with whatever the benchmarks
before it had left (a million-dossier store read, reports drawn): its CPU time grew by a
third with the order the benchmarks ran in. A process of its own measures the desk alone,
whatever ran before, and its start-up (imports, opening the store) is not part of the round.
"""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import time
from pathlib import Path

from desk_app.config import load_config
from desk_app.store import Store
from desk_app.sync import RetryPolicy, sync_once


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    """Start the peak resident memory (VmHWM) afresh, so it is the round's (Linux)."""
    # Elsewhere the peak includes start-up, which only ever lowers the round's share.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def main(config: str) -> int:
    """One timed round for the desk of ``config``, on a line from stdin; JSON out."""
    settings = load_config(Path(config)).settings
    store = Store.open(settings.paths.database)
    print("READY", flush=True)
    sys.stdin.readline()
    _reset_peak()
    rss = _status_kib("VmRSS")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    report = sync_once(store, settings, policy=RetryPolicy(attempts=3))
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    left = store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    store.close()
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    print(
        json.dumps(
            {
                "elapsed": elapsed,
                "cpu": cpu,
                "rss_kib": rss,
                "peak_kib": _status_kib("VmHWM"),
                "accepted": report.accepted,
                "error": report.error,
                "left": left,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
