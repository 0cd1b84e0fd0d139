"""Saving the same person twice: a counter's wizard, dossiers of both groups, a supervisor.

The wizard is opened on a dossier every page of which is valid (the birth reference of the
wizard tests, a death dossier of the death corpus) and F10 saves it, as at a counter; the
dialog that a match brings up is driven by keys. Central, where a test needs it, is the real
reference server on loopback (tests/office).
"""

from __future__ import annotations

import copy
from typing import Any

from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.store import DossierRow
from screens.app import DeskApp
from screens.dialogs.duplicate import DuplicateDialog
from screens.wizard.screen import WizardScreen
from tests.death.corpus import good as death_good
from tests.hostile.screen_text import shown
from tests.office.conftest import office  # noqa: F401  (a fixture, shared)
from tests.wizard.conftest import counter  # noqa: F401  (a fixture, shared)
from tests.wizard.test_snapshots import reference

ACTION = "dossier.duplicate_confirmed"
OFFICER, SUPERVISOR = DEMO_OFFICER, DEMO_SUPERVISOR


def birth(**child: Any) -> dict[str, Any]:
    """The wizard's reference birth dossier (Trần Minh An, 15/11/2026, mother 001194012345),
    with ``child`` facts changed."""
    data = reference()
    data["declarations"]["child"].update(child)
    return data


def without_ui(data: dict[str, Any]) -> dict[str, Any]:
    """A draft as the core receives it (the wizard's ``ui`` part is the screen's own)."""
    return {k: v for k, v in data.items() if k != "ui"}


def death(number: str = "001048003456", name: str | None = None) -> dict[str, Any]:
    """A death dossier of the corpus (Nguyễn Văn Thành) with the deceased's ID ``number``."""
    data = copy.deepcopy(death_good("removal-child-head-deceased"))
    deceased = data["declarations"]["deceased"]
    deceased["id_document"]["number"] = number
    if name is not None:
        deceased["full_name"] = name
    return data


def dossiers(desk: Desk) -> list[DossierRow]:
    """Every dossier the desk's store holds, oldest first."""
    rows = desk.store.rows("SELECT code FROM dossiers ORDER BY id")
    return [desk.store.require(code) for (code,) in rows]


async def settle(app: DeskApp, pilot: Any) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def save_in_wizard(
    app: DeskApp, pilot: Any, desk: Desk, data: dict[str, Any]
) -> WizardScreen:
    """Open the wizard on ``data`` at its last page and press F10, as the officer saves."""
    wizard = WizardScreen(desk, data=data, step="delivery")
    await app.push_screen(wizard)
    await settle(app, pilot)
    await pilot.press("f10")
    await settle(app, pilot)
    return wizard


def dialog_text(app: DeskApp) -> str:
    """What the duplicate dialog shows (it must be the screen on top)."""
    assert isinstance(app.screen, DuplicateDialog), app.screen
    return shown(app.screen)
