"""Text from people and files reaches Rich and Textual as data, never as markup.

Rich and Textual read a plain ``str`` as markup: ``[/]`` in an address crashes the screen that
shows it, ``[@click=app.quit]`` in a name becomes a live action, ``:smile:`` turns into an
emoji, and a ``str`` cell of a table is parsed the same way. Anything a citizen, an officer, a
scanner, a file name or central supplies therefore goes to the screen and to the command
line's tables through the helpers here, which build :class:`rich.text.Text` (shown exactly as
it is). Textual takes a ``Text`` wherever it takes a ``str``, so one helper serves the CLI
(Rich) and the screens, and the core never imports Textual.

The templates (the ``TEXT`` dictionaries) are ours and hold no markup; data is only ever the
*value* filled into a template, never the template itself, so ``{0}`` typed by a citizen stays
``{0}``.
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text


def plain(value: object, style: StyleType = "") -> Text:
    """``value`` shown literally (``None`` as nothing): never parsed as markup or emoji."""
    return Text("" if value is None else str(value), style=style)


def filled(template: str, /, style: StyleType = "", **values: object) -> Text:
    """One of our templates with ``values`` (data) filled in, shown literally.

    ``str.format`` never reads the values it substitutes, so a value holding ``{x}`` or
    ``[b]`` comes out as typed; the result is a ``Text``, so nothing reads it as markup later.
    """
    return Text(template.format(**values), style=style)


def plain_cells(*values: object, style: StyleType = "") -> tuple[Text, ...]:
    """A table row's cells shown literally: ``str`` cells would be read as markup."""
    return tuple(v if isinstance(v, Text) else plain(v, style) for v in values)
