"""The real desk app, headless, over a big database, driven through lookup; prints its memory.

``python -m bench.lookup_probe CONFIG NAME`` opens the desk of ``CONFIG`` the way ``desk``
does (database opened in the app's worker after the first frame), signs the demo officer in,
opens the lookup screen and types ``NAME`` (results follow the keystrokes), goes back, opens
the "ready for pick-up" work list, opens the first dossier there, and prints:

- ``SIGNIN <MiB>``: the peak resident memory up to the end of sign-in. Argon2id's working
  set (46 MiB, :mod:`desk_app.officers.passwords`) is allocated for the one
  hash and handed back to the system right after; the peak of the whole process is this one.
- ``KEPT <MiB>``: resident memory just after sign-in minus just before: what the hash left
  behind (it must be next to nothing, else the 46 MiB stayed mapped).
- ``RSS <MiB>``: the peak resident memory of the work screens over the big database, from
  the end of sign-in on (Linux lets a process reset its high-water mark, ``clear_refs``);
  Python, Textual and SQLite's cache included. Where the mark cannot be reset this is the
  whole process's peak, and ``RESET 0`` says so.
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


def rss_mib() -> float:
    """This process's resident memory now, in MiB (0 where /proc is not there)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def reset_peak() -> bool:
    """Reset the high-water mark to the resident memory now (Linux ≥ 4.0); whether it was."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as control:
            control.write("5")
    except OSError:
        return False
    return True


def home_key(binding_id: str) -> str:
    """The key the home screen binds under ``binding_id``: the probe follows the home's keys."""
    from textual.binding import Binding

    from screens.home import HomeScreen

    for binding in HomeScreen.BINDINGS:
        if isinstance(binding, Binding) and binding.id == binding_id:
            return binding.key.split(",")[0]
    raise LookupError(binding_id)


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
    await pilot.press(home_key("home.search"))  # the lookup screen, then the name
    for char in name:
        await pilot.press(KEYS.get(char, char))
    await settle()
    assert isinstance(app.screen, LookupScreen) and app.screen.hits, "name search found nothing"
    await pilot.press("escape")
    await pilot.press(home_key("home.list.ready"))
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
        before = rss_mib()
        desk.sign_in(*DEMO_OFFICER[:2])
        print(f"SIGNIN {peak_rss_mib():.1f}", flush=True)
        print(f"KEPT {rss_mib() - before:.1f}", flush=True)
        print(f"RESET {int(reset_peak())}", flush=True)  # from here on: the work screens
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
