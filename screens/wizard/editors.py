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

from desk_app.safe_text import filled
from screens.dialogs.tickbox import TickBox

Path = tuple[str | int, ...]
Choices = Callable[[str], list[tuple[str, str]]]
"""query → (id, label) matches, best first."""

TEXT = {
    "as_typed": "✎ Không chọn trong danh sách, ghi đúng như đã gõ: «{typed}»",
    "no_match": "Không có mục nào khớp «{typed}»: xóa bớt chữ hoặc gõ cách khác.",
}

AS_TYPED = "\x00as-typed"
"""The id of a free list's entry that keeps the text as typed (no option id starts with NUL)."""

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

    def offer(
        self, matches: list[tuple[str, str]], chosen: str | None, *, typed: str = "", free: bool
    ) -> None:
        """Show ``matches`` (id, label) and highlight the chosen one, or the best match.

        What was ``typed`` matching nothing is said in the list itself, never silently kept:
        a list that allows free text offers it as its first entry (the officer reaches it with
        ↑, or it is the only one), a closed list says that nothing matches.
        """
        shown = matches[:MAX_SUGGESTIONS]
        options = [Option(label, id=key) for key, label in shown]
        ids = [key for key, _ in shown]
        if typed and free:
            options.insert(0, Option(filled(TEXT["as_typed"], typed=typed), id=AS_TYPED))
            ids.insert(0, AS_TYPED)
        elif typed and not shown:
            options.append(Option(filled(TEXT["no_match"], typed=typed), disabled=True))
        self.set_options(options)
        if chosen in ids:
            self.highlighted = ids.index(chosen)
        else:
            real = [i for i, key in enumerate(ids) if key != AS_TYPED]
            self.highlighted = real[0] if real else (0 if ids else None)

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
    """Whether text matching no option may be kept as typed (the model takes any text: a
    facility not listed); the officer then chooses it explicitly and the field says so."""
    listed: Callable[[Any], bool] | None = None
    """For a free list: whether a stored value is one of the options (else it was typed)."""


class Picker(TextEditor):
    """Choose one option by typing a few letters (no diacritics needed), ↑↓ and Enter.

    What is typed only filters the list; the draft changes when Enter takes the highlighted
    entry. Leaving the field without Enter puts the chosen entry back on show, so the field
    never displays something other than what is stored.
    """

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
    def typed_freely(self) -> bool:
        """Whether the stored value is text typed into a free list, not one of its entries."""
        listed = self.source.listed
        return (
            self.source.free
            and listed is not None
            and isinstance(self.chosen, str)
            and bool(self.chosen)
            and not listed(self.chosen)
        )

    @property
    def _list(self) -> Suggestions:
        return self.screen.query_one(Suggestions)

    def _query(self) -> str:
        # While the text still shows the chosen label, every option is on offer.
        return "" if self.value == self.show(self.chosen) else self.value.strip()

    def refresh_suggestions(self) -> None:
        """Offer the matches for what is typed."""
        key = self.chosen if isinstance(self.chosen, str) else None
        query = self._query()
        self._list.offer(self.source.search(query), key, typed=query, free=self.source.free)

    def on_focus(self) -> None:
        """Show this picker's options in the suggestion list."""
        self.refresh_suggestions()

    def on_blur(self) -> None:
        """Typed but not taken: show the stored entry again rather than the letters."""
        if self._query():
            self.load(self.chosen)

    def changed(self) -> None:
        """Filter as the officer types; the draft changes only when an entry is taken."""
        if self.has_focus:
            self.refresh_suggestions()

    def action_suggest(self, step: int) -> None:
        """Move through the matches with the arrow keys."""
        suggestions = self._list
        if suggestions.option_count:
            current = suggestions.highlighted or 0
            suggestions.highlighted = max(0, min(current + step, suggestions.option_count - 1))

    def submitted(self) -> None:
        """Enter takes the highlighted entry (or, in a free list, the text as typed) and moves on.

        With nothing typed and an entry already chosen, Enter keeps it. Where nothing matches
        in a closed list, Enter stays: the list says that nothing matches.
        """
        query = self._query()
        if query or self.chosen is None:
            picked = self._list.current()
            if picked == AS_TYPED:
                self.choose(query)
            elif picked is not None:
                self.choose(picked)
            elif query:
                return
        self.post_message(Advance(self.path))

    def choose(self, key: str) -> None:
        """Take option ``key`` (or, in a free list, a typed text)."""
        self.load(key)
        self.post_message(Edited(self.path, key))


class BoolEditor(TickBox):
    """A yes/no: Space toggles, Enter moves on; "[✔]" or "[ ]", not a colour, says which."""

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
