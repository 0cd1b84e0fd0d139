"""The registry read from many threads at once, first thing in a fresh process (as central is)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

RACE = textwrap.dedent(
    """
    import threading
    from desk_app import groups

    start = threading.Barrier(16)
    seen = []

    def read():
        start.wait()
        seen.append(groups.find("birth_interlink") is not None and len(groups.registered()))

    threads = [threading.Thread(target=read) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sorted(set(seen)))
    """
)


def test_no_reader_sees_the_registry_half_filled() -> None:
    """Every thread finds both shipped groups, though the first read imports them meanwhile."""
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", RACE], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "[2]", out
