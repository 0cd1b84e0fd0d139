"""The editors of the wizard: one line each, so a whole declaration fits a small terminal.

Every editor knows the dossier path it edits and turns what is typed into what the draft
stores (``value``) and back (``show``). Pickers filter their options as you type over
pre-folded keys and show the matches in the screen's one suggestion list, never mounting
thousands of options (ARCHITECTURE.md: measured facts about Textual).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Checkbox, Input, OptionList
from textual.widgets.option_list import Option

Path = tuple[str | int, ...]
Choices = Callable[[str], list[tuple[str, str]]]
"""query → (id, label) matches, best first."""

MAX_SUGGESTIONS = 100
"""Enough to scroll through; typing one more letter is faster than scrolling further."""
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DIGITS8 = re.compile(r"^\d{8}$")


class Edited(Message):
    """An editor changed the value at its path (the draft is updated from this)."""

    def __init__(self, path: Path, value: Any) -> None:
        super().__init__()
        self.path = path
        self.value = value


class Advance(Message):
    """The officer pressed Enter on an editor: go to the next field that needs them."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class TextEditor(Input):
    """A line of text."""

    def __init__(self, path: Path, value: Any, **kwargs: Any) -> None:
        super().__init__(self.show(value), compact=True, **kwargs)
        self.path = path

    def show(self, value: Any) -> str:
        """What the draft value looks like in the editor."""
        return "" if value is None else str(value)

    def stored(self) -> Any:
        """What the editor's text means for the draft (None when empty)."""
        return self.value.strip() or None

    def load(self, value: Any) -> None:
        """Show a value that came from elsewhere (a scan, a copy) without echoing it back."""
        with self.prevent(Input.Changed):
            self.value = self.show(value)

    # Textual calls a handler of every class in the MRO; subclasses override these plain
    # methods instead, so each event is handled exactly once.
    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing (dispatched to :meth:`changed`)."""
        event.stop()
        self.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter (dispatched to :meth:`submitted`)."""
        event.stop()
        self.submitted()

    def changed(self) -> None:
        """Keep the draft in step with every keystroke."""
        self.post_message(Edited(self.path, self.stored()))

    def submitted(self) -> None:
        """Enter: done with this field."""
        self.post_message(Advance(self.path))


class DateEditor(TextEditor):
    """A date typed as dd/mm/yyyy (or ddmmyyyy); the draft keeps ISO once it is a date."""

    def __init__(self, path: Path, value: Any, **kwargs: Any) -> None:
        super().__init__(path, value, restrict=r"[0-9/]*", max_length=10, **kwargs)
        self.placeholder = "dd/mm/yyyy"

    def show(self, value: Any) -> str:
        """ISO dates show as dd/mm/yyyy; anything else as it was typed."""
        if isinstance(value, str):
            try:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                return value
        return "" if value is None else str(value)

    def stored(self) -> Any:
        """ISO when the text is a real date, else the text (forms explains what is wrong)."""
        text = self.value.strip()
        if _DIGITS8.match(text):
            text = f"{text[:2]}/{text[2:4]}/{text[4:]}"
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return text
        return text or None

    def submitted(self) -> None:
        """Tidy 15112026 into 15/11/2026 before moving on."""
        self.load(self.stored())
        super().submitted()


class Suggestions(OptionList, can_focus=False):
    """The one list of matches under the form, fed by whichever picker has focus.

    Its options are shown as plain text: labels come from reference data, desk.toml and
    what the officer typed (a facility not listed), none of which is markup.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, **kwargs)

    def offer(self, matches: list[tuple[str, str]], chosen: str | None) -> None:
        """Show ``matches`` (id, label) and highlight the chosen one, or the best match."""
        self.set_options(Option(label, id=key) for key, label in matches[:MAX_SUGGESTIONS])
        ids = [key for key, _ in matches[:MAX_SUGGESTIONS]]
        self.highlighted = ids.index(chosen) if chosen in ids else (0 if ids else None)

    def explain(self, text: str) -> None:
        """No picker has focus: show the focused field's help instead of matches."""
        self.set_options([Option(text, disabled=True)] if text else [])

    def current(self) -> str | None:
        """The id of the highlighted match."""
        option = self.highlighted_option
        return option.id if option is not None else None


@dataclass(frozen=True)
class PickerSource:
    """Where a picker's options come from and how a stored value reads."""

    search: Choices
    label: Callable[[Any], str]
    free: bool = False
    """Whether text matching no option may stay as typed (e.g. a facility not listed)."""


class Picker(TextEditor):
    """Choose one option by typing a few letters (no diacritics needed) and Enter."""

    BINDINGS = [
        Binding("down", "suggest(1)", "Xuống", show=False),
        Binding("up", "suggest(-1)", "Lên", show=False),
    ]

    def __init__(self, path: Path, value: Any, source: PickerSource, **kwargs: Any) -> None:
        self.source = source
        self.chosen = value
        super().__init__(path, value, **kwargs)

    def show(self, value: Any) -> str:
        """The chosen option's label."""
        if value is None or value == "":
            return ""
        try:
            return self.source.label(value)
        except (KeyError, ValueError):
            return str(value)

    def load(self, value: Any) -> None:
        """Show a value set from elsewhere."""
        self.chosen = value
        super().load(value)

    @property
    def _list(self) -> Suggestions:
        return self.screen.query_one(Suggestions)

    def _query(self) -> str:
        # While the text still shows the chosen label, every option is on offer.
        return "" if self.value == self.show(self.chosen) else self.value

    def refresh_suggestions(self) -> None:
        """Offer the matches for what is typed."""
        key = self.chosen if isinstance(self.chosen, str) else None
        self._list.offer(self.source.search(self._query()), key)

    def on_focus(self) -> None:
        """Show this picker's options in the suggestion list."""
        self.refresh_suggestions()

    def changed(self) -> None:
        """Filter as the officer types; the draft changes only when an option is chosen."""
        if self.has_focus:
            self.refresh_suggestions()
        if self.source.free:
            self.chosen = self.value.strip() or None
            self.post_message(Edited(self.path, self.chosen))

    def action_suggest(self, step: int) -> None:
        """Move through the matches with the arrow keys."""
        suggestions = self._list
        if suggestions.option_count:
            current = suggestions.highlighted or 0
            suggestions.highlighted = max(0, min(current + step, suggestions.option_count - 1))

    def submitted(self) -> None:
        """Enter takes the highlighted match (or keeps a free text) and moves on."""
        if self._query() or self.chosen is None:
            picked = self._list.current()
            if picked is not None and not (self.source.free and not self._query()):
                self.choose(picked)
            elif not self.source.free:
                return  # nothing matches: stay, the list says so
        self.post_message(Advance(self.path))

    def choose(self, key: str) -> None:
        """Take option ``key``."""
        self.load(key)
        self.post_message(Edited(self.path, key))


class BoolEditor(Checkbox):
    """A yes/no: Space toggles, Enter moves on."""

    BINDINGS = [
        Binding("space", "toggle_button", "Đổi", show=False),
        Binding("enter", "advance", "Tiếp", show=False),
    ]

    def __init__(self, path: Path, value: Any, label: str, **kwargs: Any) -> None:
        super().__init__(label, bool(value), compact=True, **kwargs)
        self.path = path

    def load(self, value: Any) -> None:
        """Show a value set from elsewhere."""
        with self.prevent(Checkbox.Changed):
            self.value = bool(value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """Keep the draft in step."""
        event.stop()
        self.post_message(Edited(self.path, event.value))

    def action_advance(self) -> None:
        """Enter: done with this field."""
        self.post_message(Advance(self.path))
