"""The real desk app, headless, over a big database, driven through lookup; prints its peak RSS.

``python -m bench.lookup_probe CONFIG NAME`` opens the desk of ``CONFIG`` the way ``desk``
does (database opened in the app's worker after the first frame), opens the lookup screen
and types ``NAME`` (results follow the keystrokes), goes back, opens the
"ready for pick-up" work list, opens the first dossier there, and prints ``RSS <MiB>``: the
process's peak resident memory, Python, Textual and SQLite's cache included.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path
from typing import Any

KEYS = {" ": "space"}


def peak_rss_mib() -> float:
    """This process's peak resident memory since it started (exec), in MiB.

    Linux's ``VmHWM`` belongs to the address space that ``exec`` created; ``ru_maxrss`` would
    instead carry over the high-water mark of the parent that forked us (a benchmark that has
    just filled a million-dossier database), so it is only the fallback elsewhere.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _drive(pilot: Any, name: str) -> None:
    from screens.dossier_view import DossierScreen
    from screens.lookup import LookupScreen

    app = pilot.app

    async def settle() -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

    await settle()
    await pilot.press("slash")  # the lookup screen: a name may start with a command letter
    for char in name:
        await pilot.press(KEYS.get(char, char))
    await settle()
    assert isinstance(app.screen, LookupScreen) and app.screen.hits, "name search found nothing"
    await pilot.press("escape")
    await pilot.press("f8")
    await settle()
    assert isinstance(app.screen, LookupScreen) and app.screen.hits, "ready list is empty"
    await pilot.press("down", "enter")
    await settle()
    assert isinstance(app.screen, DossierScreen) and app.screen.detail is not None
    print(f"RSS {peak_rss_mib():.1f}", flush=True)
    app.exit()


def main() -> None:
    """Run the app over the desk of ``argv[1]`` and report its peak memory."""
    from desk_app.config import load_config
    from desk_app.demo import DEMO_OFFICER
    from desk_app.desk import Desk
    from desk_app.sync.retry import RetryPolicy
    from screens.app import DeskApp

    config, name = Path(sys.argv[1]), sys.argv[2]

    def open_desk() -> Desk:
        desk = Desk.open(load_config(config, env={}).settings)
        desk.sign_in(*DEMO_OFFICER[:2])  # the probe measures the work screens, not sign-in
        return desk

    app = DeskApp(open_desk)
    app.sync_policy = RetryPolicy(attempts=1)  # no central in the benchmark: one try

    async def drive(pilot: Any) -> None:
        await _drive(pilot, name)

    try:
        app.run(headless=True, size=(120, 40), auto_pilot=drive)
    finally:
        if app.desk is not None:
            app.desk.close()


if __name__ == "__main__":
    main()
