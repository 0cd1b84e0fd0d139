"""Screens reach the open desk through :func:`screens.desk_access.current_desk` only."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App

from desk_app.desk import Desk
from screens.app import DeskApp
from screens.desk_access import current_desk

SCREENS = Path(__file__).resolve().parents[2] / "screens"
ALLOWED = {"app.py", "desk_access.py"}
"""The app owns the desk; the accessor reads it. Every other screen module asks the accessor."""


def desk_reads(source: str) -> list[int]:
    """Lines of ``source`` that read an app's desk directly: ``getattr(x.app, "desk", …)`` or
    ``….app.desk``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "desk"
        ) or (
            isinstance(node, ast.Attribute)
            and node.attr == "desk"
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "app"
        ):
            lines.append(node.lineno)
    return lines


def test_the_guard_sees_both_ways_of_reading_the_desk() -> None:
    source = 'a = getattr(self.app, "desk", None)\nb = self.app.desk.officer\nc = self.desk\n'
    assert desk_reads(source) == [1, 2]


def test_no_screen_reads_the_apps_desk_but_through_the_accessor() -> None:
    offenders = {
        str(path.relative_to(SCREENS)): found
        for path in sorted(SCREENS.rglob("*.py"))
        if path.name not in ALLOWED or path.parent != SCREENS
        if (found := desk_reads(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_desk_under_another_app() -> None:
    assert current_desk(App()) is None


async def test_the_desk_app_gives_its_desk_once_open(desk: Desk) -> None:
    app = DeskApp.for_desk(desk)
    assert current_desk(app) is None  # not opened before the app runs its worker
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert current_desk(app) is desk
