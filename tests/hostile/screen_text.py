"""What a screen shows, as plain text, read the way Textual reads each widget's content.

A ``str`` given to a Static, a DataTable cell or an option is parsed as markup by Textual; this
reader parses it the same way, so markup that leaked would either raise here (``[/]``) or lose
its brackets (``[b]``) and the literal would not be found. ``Text`` and ``Content`` are read
as they are; Rich renderables (the dossier view's tables) are rendered on a wide console, the
way the screen renders them, so a ``str`` cell in a Rich table is parsed too.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, OptionList, Static


def plain(value: object) -> str:
    """``value`` as the officer reads it."""
    if isinstance(value, Content):
        return value.plain
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, str):
        return Content.from_markup(value).plain  # what Textual makes of a str
    console = Console(width=4000, record=True, file=io.StringIO(), color_system=None)
    console.print(value)
    return console.export_text()


def _static(widget: Static) -> str:
    if type(widget).__name__ == "Toast":  # a notification: it renders its own message
        return plain(widget.render())
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else plain(widget.content)


def shown(screen: Screen[object]) -> str:
    """Every text on ``screen``: statics and labels, table cells, options, fields, toasts."""
    parts: list[str] = []
    for widget in screen.query("*"):
        if isinstance(widget, Static):
            parts.append(_static(widget))
        elif isinstance(widget, DataTable):
            for key in widget.rows:
                parts.extend(plain(cell) for cell in widget.get_row(key))
        elif isinstance(widget, OptionList):
            count = widget.option_count
            parts.extend(plain(widget.get_option_at_index(i).prompt) for i in range(count))
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, Checkbox):
            parts.append(widget.label.plain)
    return "\n".join(parts)
