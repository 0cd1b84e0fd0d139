"""Desk processes for the kill tests, forked from a server that imported the desk once.

The kill tests run hundreds of sync rounds, each in a process of its own so it can be killed
(SIGKILL) anywhere. Started with ``python -m``, each paid the interpreter's start-up and the
desk's imports (~0.65 s): most of those tests' time. A forkserver imports
:mod:`tests.sync.desk_child` once; each round is then a fork of it: a fresh process with
nothing of the test's own state (the server never runs a round), its stage lines on a pipe
read like a child's stdout.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Mapping
from multiprocessing.connection import Connection
from pathlib import Path

from tests.sync import desk_child

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["tests.sync.desk_child"])


class RoundProcess:
    """One desk process running one round; the parts of ``subprocess.Popen`` the tests use."""

    def __init__(self, config: Path, cwd: Path, env: Mapping[str, str]) -> None:
        reader, writer = _CONTEXT.Pipe(duplex=False)
        self._process = _CONTEXT.Process(
            target=desk_child.forked, args=(str(config), str(cwd), dict(env), writer), daemon=True
        )
        self._process.start()
        writer.close()  # the child holds the only writing end: its end of round is end of file
        self.stdout: Connection = reader
        """The round's stage lines: ``os.read`` its ``fileno()``."""

    def send_signal(self, signal: int) -> None:
        """Signal the round's process (it may have ended: nothing then)."""
        if self._process.exitcode is None and self._process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._process.pid, signal)

    def kill(self) -> None:
        self._process.kill()

    def wait(self, timeout: float) -> int | None:
        """Wait for the process to end; its exit code (negative: the signal that ended it)."""
        self._process.join(timeout)
        return self._process.exitcode
