"""The direction of dependencies: screens → desk_app → forms, and the core runs without Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def imported_modules(package: str) -> dict[str, set[str]]:
    """Top-level module names imported by each file of ``package``."""
    found: dict[str, set[str]] = {}
    for path in sorted((REPO / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(REPO))] = names
    return found


COMPOSITION_ROOT = "desk_app/cli.py"
"""The `desk` entry point opens the screens (lazily, inside a function): the one exception."""


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [("desk_app", {"textual", "screens"}), ("forms", {"textual", "desk_app", "screens"})],
)
def test_core_does_not_import_upper_layers(package: str, forbidden: set[str]) -> None:
    offenders = {
        f: sorted(names & forbidden)
        for f, names in imported_modules(package).items()
        if names & (forbidden - {"screens"} if f == COMPOSITION_ROOT else forbidden)
    }
    assert offenders == {}


def test_the_guard_sees_imports() -> None:
    # The guard itself must work: screens does import textual.
    assert any("textual" in names for names in imported_modules("screens").values())


def test_cli_and_core_load_without_textual() -> None:
    code = (
        "import sys, desk_app.cli, desk_app.desk, desk_app.store;sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0
