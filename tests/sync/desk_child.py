"""A desk process for the kill test: one sync round that announces each stage on stdout.

Run as ``python -m tests.sync.desk_child CONFIG``; the parent reads the stage names and kills
this process (SIGKILL) at one of them, or shortly after, while the round goes on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desk_app.config import load_config
from desk_app.store import Store
from desk_app.sync import RetryPolicy, sync_once


def main(config: str) -> int:
    """One round; print each stage as it is reached, then DONE."""
    settings = load_config(Path(config)).settings
    store = Store.open(settings.paths.database)

    def announce(stage: str) -> None:
        sys.stdout.write(stage + "\n")
        sys.stdout.flush()

    report = sync_once(
        store, settings, observe=announce, policy=RetryPolicy(attempts=4, base=0.01, cap=0.05)
    )
    announce(f"DONE {report.ok}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
