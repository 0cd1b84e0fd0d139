"""A desk process for the kill test: one sync round that announces each stage on stdout.

Run as ``python -m tests.sync.desk_child CONFIG``, or forked by :mod:`tests.sync.desk_rounds`
(:func:`forked`: the same round without paying the interpreter's start-up and the desk's
imports each time); the parent reads the stage names and kills this process (SIGKILL) at one
of them, or shortly after, while the round goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from multiprocessing.connection import Connection
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


def forked(config: str, cwd: str, env: Mapping[str, str], out: Connection) -> None:
    """:func:`main` in a process forked from one that imported the desk, as if started alone:
    in ``cwd``, with exactly ``env`` as its environment, its stdout the pipe ``out``, its
    stderr thrown away (as the tests' ``subprocess.Popen`` did)."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    os.dup2(out.fileno(), 1)
    out.close()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    main(config)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
