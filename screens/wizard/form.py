"""A page of fields: one row per field (label, editor, the error under it), built from specs.

Labels come from the forms models, so the screen never repeats them. The page hides the
rows a choice rules out, places errors under their fields and knows which field is the next
one that still needs the officer (Enter skips what is already filled).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from desk_app.dossier import Dossier
from desk_app.drafting import get_in
from desk_app.safe_text import plain
from forms.errors import describe, field_info
from screens.wizard.editors import BoolEditor, DateEditor, Edited, Picker, TextEditor
from screens.wizard.sources import Sources
from screens.wizard.spec import FieldSpec, Step

Editor = TextEditor | BoolEditor
"""A field's editor: a line of text (dates and pickers are lines too) or a tick box."""

TEXT = {
    "free": "Không có trong danh sách: sẽ ghi đúng như đã gõ.",
}


def draft_path(spec: FieldSpec) -> tuple[str | int, ...]:
    """Where ``spec``'s value lives in the draft."""
    return ("ui", *spec.path) if spec.ui else ("declarations", *spec.path)


def _loc(spec: FieldSpec, kind: str | None) -> tuple[str, ...]:
    """Where ``spec``'s field is in the dossier model: under its group's tag when known, as
    groups name shared parts differently ("Quan hệ với người chết" / "… người được khai sinh")."""
    return ("declarations", *((kind,) if kind else ()), *map(str, spec.path))


def label_of(spec: FieldSpec, kind: str | None = None) -> tuple[str, str]:
    """The field's Vietnamese label and help text, from the model of the group ``kind``."""
    if spec.label is not None:
        return spec.label, ""
    label, _ = describe(Dossier, _loc(spec, kind))
    model_field = field_info(Dossier, _loc(spec, kind))
    return label, (model_field.description or "") if model_field is not None else ""


def heading_of(spec: FieldSpec, kind: str | None = None) -> str:
    """The title of the part ``spec``'s field belongs to, from the model."""
    _, sections = describe(Dossier, _loc(spec, kind))
    return sections[-1] if sections else ""


def asks(spec: FieldSpec, kind: str | None = None) -> bool:
    """Whether Enter stops at this field when it is empty: required ones (and a few others)."""
    if spec.kind == "bool":
        return False
    if spec.ui or spec.ask:
        return True
    info = field_info(Dossier, _loc(spec, kind))
    return info is None or info.is_required()


class FieldRow(Vertical):
    """Label and editor on one line, the field's error or hint on the next."""

    def __init__(
        self, spec: FieldSpec, editor: Editor, label: str, help_text: str, kind: str | None = None
    ) -> None:
        super().__init__(classes="field-row")
        self.spec = spec
        self.editor = editor
        self._label = label
        self.help_text = help_text
        self.asks = asks(spec, kind)
        self.tooltip = help_text or None
        self.free_noted = False
        """Whether the message line says the value was typed outside the list."""

    def compose(self) -> ComposeResult:
        """Label, editor, message."""
        with Horizontal(classes="field-line"):
            yield Label(plain(self._label), classes="field-label")
            yield self.editor
        yield Static("", classes="field-message")

    def say(self, text: str, *, error: bool) -> None:
        """Show an error (or a hint) under the field; an empty text clears it."""
        message = self.query_one(".field-message", Static)
        message.update(plain(text))  # messages quote what was typed or scanned
        message.set_class(bool(text), "-shown")
        message.set_class(error and bool(text), "-error")
        self.set_class(error and bool(text), "-invalid")


class FormPane(VerticalScroll):
    """One step's fields over the shared draft."""

    def __init__(
        self, step: Step, draft: Callable[[], dict[str, Any]], sources: Sources, **kwargs: Any
    ) -> None:
        super().__init__(classes="form-pane", **kwargs)
        self.step = step
        self._draft = draft
        self._sources = sources
        self.rows: dict[tuple[str | int, ...], FieldRow] = {}

    def compose(self) -> ComposeResult:
        """A row per field of the step."""
        draft = self._draft()
        group = self._sources.group
        kind = group.kind if group is not None else None
        for spec in self.step.fields:
            if spec.heading:
                yield Static(plain(heading_of(spec, kind)), classes="field-heading")
            label, help_text = label_of(spec, kind)
            value = get_in(draft, draft_path(spec))
            editor = self._editor(spec, value, label)
            row = FieldRow(spec, editor, label, help_text, kind)
            self.rows[spec.path] = row
            yield row

    def _editor(self, spec: FieldSpec, value: Any, label: str) -> Editor:
        if spec.kind == "bool":
            return BoolEditor(spec.path, value, label)
        if spec.kind == "date":
            return DateEditor(spec.path, value)
        if spec.kind in ("choice", "province", "commune", "agency"):
            return Picker(spec.path, value, self._sources.for_field(spec))
        return TextEditor(spec.path, value)

    def on_mount(self) -> None:
        """Hide what the current choices rule out."""
        self.update_visibility()

    def update_visibility(self) -> None:
        """Show exactly the rows whose condition holds for the draft."""
        draft = self._draft()
        for row in self.rows.values():
            row.display = row.spec.show is None or bool(row.spec.show(draft))

    def visible_rows(self) -> list[FieldRow]:
        """The rows on show, in order."""
        return [r for r in self.rows.values() if r.display]

    def needs_officer(self, row: FieldRow) -> bool:
        """Whether the field still needs the officer: empty, and one Enter should stop at.

        Not ``is_empty``: that is Textual's own property of every node (the ``:empty``
        pseudo-class reads it), which a method of that name would shadow on this pane."""
        if not row.asks:
            return False
        value = get_in(self._draft(), draft_path(row.spec))
        return value is None or value == ""

    def next_row(self, after: tuple[str | int, ...] | None) -> FieldRow | None:
        """The first visible row after ``after`` (or from the top) that still needs the officer.

        Optional fields are skipped (Tab reaches them), so a dossier where the defaults hold
        takes one Enter per field actually typed.
        """
        rows = self.visible_rows()
        start = 0
        if after is not None:
            paths = [r.spec.path for r in rows]
            start = paths.index(after) + 1 if after in paths else 0
        return next((r for r in rows[start:] if self.needs_officer(r)), None)

    def row_for(self, loc: Iterable[str | int]) -> FieldRow | None:
        """The visible row that shows the field at ``loc`` (or the nearest field inside it)."""
        loc = tuple(loc)
        for row in self.visible_rows():
            if row.spec.path == loc:
                return row
        for row in self.visible_rows():
            if row.spec.path[: len(loc)] == loc:
                return row
        return None

    def clear_messages(self) -> None:
        """Remove every error and hint on the page (a value typed outside a list stays said)."""
        for row in self.rows.values():
            row.say("", error=False)
            row.free_noted = False
            self.note_free_text(row)

    def reload(self) -> None:
        """Show the draft's current values (after a scan or a copy changed several at once)."""
        draft = self._draft()
        for row in self.rows.values():
            row.editor.load(get_in(draft, draft_path(row.spec)))
            self.note_free_text(row)
        self.update_visibility()

    def on_edited(self, event: Edited) -> None:
        """A free list's value typed rather than picked is said under the field (not stopped:
        the screen writes the draft)."""
        row = self.rows.get(event.path)
        if row is not None:
            self.note_free_text(row)

    @staticmethod
    def note_free_text(row: FieldRow) -> None:
        """Under a free list: whether what it holds is text typed outside the list."""
        editor = row.editor
        if not isinstance(editor, Picker) or not editor.source.free:
            return
        free = editor.typed_freely
        if free != row.free_noted:
            row.say(TEXT["free"] if free else "", error=False)
            row.free_noted = free
