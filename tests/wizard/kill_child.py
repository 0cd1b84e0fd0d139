"""A desk process that types part of a dossier and then waits to be killed.

Run as ``python -m tests.wizard.kill_child CONFIG READY_FILE``: it drives the real app
headless, writes READY_FILE once the keys are in, and sleeps until the test SIGKILLs it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from textual.pilot import Pilot

from desk_app.config import load_config
from desk_app.desk import Desk
from screens.app import DeskApp
from tests.conftest import signed_in
from tests.wizard.conftest import BIRTH, CHIP, NEW_DOSSIER
from tests.wizard.driver import Officer


def main() -> None:
    """Type the requester and half the child's page, then hang."""
    config, ready = Path(sys.argv[1]), Path(sys.argv[2])
    desk = signed_in(Desk.open(load_config(config, env={}).settings))

    async def drive(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        officer = Officer(pilot)
        await officer.press(NEW_DOSSIER, BIRTH, "enter", "f2")
        await officer.scan(CHIP)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await officer.type("me")
        await officer.press("enter")
        await officer.fill("0912345678")
        await officer.fill("Trần Minh An")
        await officer.fill("15112026")
        await officer.type("na")  # the field in hand: may be lost
        ready.write_text("typed", encoding="utf-8")
        while True:
            time.sleep(1)

    DeskApp.for_desk(desk).run(headless=True, size=(100, 32), auto_pilot=drive)


if __name__ == "__main__":
    main()
