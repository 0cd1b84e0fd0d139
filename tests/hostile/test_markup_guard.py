"""A guard against the next markup leak: text built from data must not reach a widget as a str.

Textual and Rich read a ``str`` as markup in ``Static``/``Label`` (and ``update``), table cells
(``add_row``), options, checkbox labels and Rich table titles. This scans the screens and the
CLI's Rich output for the shapes a leak takes: an f-string, a ``.format(...)`` call, a string
``+``/``%``, or an attribute or item of some object (``row.subject_name``, ``d["name"]``) handed to
one of those. Constants, our ``TEXT[...]`` templates and names are let through (the scan cannot
know a variable's type); the desk's helpers (:mod:`desk_app.safe_text`) build ``Text`` and
pass. Every notification in the screens says ``markup=False``, and nothing asks for markup.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [
        *(ROOT / "screens").rglob("*.py"),
        ROOT / "desk_app" / "officers" / "command.py",
        ROOT / "desk_app" / "audit.py",
        ROOT / "desk_app" / "lookup" / "report.py",
    ]
)
RENDERING = frozenset({"Static", "Label", "update", "Option", "Checkbox", "add_row", "Panel"})
"""Calls whose positional arguments Textual or Rich read as markup when they are str."""
TITLED = frozenset({"Table", "Panel"})
TITLES = frozenset({"title", "caption"})
"""Keyword arguments of Rich tables and panels that are read as markup."""


def _leaks(node: ast.expr, *, cell: bool = False) -> str | None:
    """Why ``node`` (an argument) may be data read as markup, or None when it is safe.

    A table cell (``cell``) must be a constant or built by a call (``Text``, ``plain_cells``):
    a bare name there is as likely a ``str`` of data as anything.
    """
    if cell and isinstance(node, ast.Name):
        return f"a name ({node.id}) as a cell"
    if isinstance(node, ast.JoinedStr):
        return "an f-string"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return "a string built with + or %"
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return "a .format(...) result"
        return None
    if isinstance(node, ast.IfExp):
        return _leaks(node.body, cell=cell) or _leaks(node.orelse, cell=cell)
    if isinstance(node, ast.Starred):
        return _leaks(node.value, cell=cell)
    if isinstance(node, ast.Attribute) and not node.attr.isupper():
        return f"an attribute ({node.attr})"
    if isinstance(node, ast.Subscript):
        container = node.value
        name = container.attr if isinstance(container, ast.Attribute) else None
        name = container.id if isinstance(container, ast.Name) else name
        if name is None or not name.isupper():
            return "an item of some data"
    return None


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def leaks(source: str) -> list[str]:
    """Every place in ``source`` where data may reach Rich or Textual as markup."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = _called(node)
        where = f"line {node.lineno}: {called}("
        if called in RENDERING:
            cell = called == "add_row"
            args = node.args if called in ("add_row", "Panel") else node.args[:1]
            found += [f"{where}{why})" for a in args if (why := _leaks(a, cell=cell))]
        if called in TITLED:
            found += [
                f"{where}{k.arg}=…: {why})"
                for k in node.keywords
                if k.arg in TITLES and (why := _leaks(k.value))
            ]
        markup = [k for k in node.keywords if k.arg == "markup"]
        if any(isinstance(k.value, ast.Constant) and k.value.value is True for k in markup):
            found.append(f"{where}markup=True)")
        if called == "notify" and not markup:
            found.append(f"{where}…) without markup=False")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_data_reaches_a_widget_or_a_rich_table_as_markup(path: Path) -> None:
    assert leaks(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "line",
    [
        'Static(f"{row.code} · {row.subject_name}")',
        'self.query_one(Static).update(TEXT["officer"].format(officer=name))',
        "table.add_row(officer.username, officer.full_name)",
        'Option(f"{f.name}  ·  {f.size} KB", id=str(i))',
        'Label("Tệp " + path.name)',
        "Checkbox(item.label)",
        'self.notify(error, title="Quét")',
        "Table(title=section.title)",
        "self.app.notify(message, markup=True)",
        "table.add_row(Text(hit.code), hit.subject_name)",
        "table.add_row(str(event_id), at, who)",
    ],
)
def test_the_guard_catches_each_shape_of_leak(line: str) -> None:
    assert leaks(line), line


@pytest.mark.parametrize(
    "line",
    [
        'Static(TEXT["hint"], id="scan-hint")',
        'Static(filled(TEXT["officer"], officer=name))',
        "table.add_row(*plain_cells(a.label, a.copies))",
        'self.notify(error, title="Quét", markup=False)',
        "Label(self.TITLE_TEXT)",
        'Table(title=TEXT["progress"])',
    ],
)
def test_the_guard_lets_safe_shapes_through(line: str) -> None:
    assert leaks(line) == [], line
