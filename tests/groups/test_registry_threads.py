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


def test_the_shipped_groups_keep_their_order_whichever_module_comes_first() -> None:
    """The chooser's keys (1 birth, 2 death) do not depend on what a process imported first."""
    for first in ("birth_interlink", "death_interlink", "birth_interlink_sample"):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import desk_app.groups.{first}\n"
                "from desk_app import groups\n"
                "print([g.kind for g in groups.registered()])",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.strip() == "['birth_interlink', 'death_interlink']", (first, out)
