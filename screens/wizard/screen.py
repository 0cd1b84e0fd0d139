"""The reception wizard screen: pages, navigation, the draft saved on every change.

Enter moves to the next field that still needs the officer and, past the last one, to the
next page (after checking the page against its model, errors placed under their fields and
focus on the first). Esc goes back. Every change is written to the draft in the store, so a
crash, a killed terminal or a closed laptop loses at most the field in hand.

The screen owns the draft: its pages are handed what they show and post messages
(:mod:`screens.wizard.messages`, and the editors' ``Edited``/``Advance``) that the handlers
here turn into changes of the draft, saves and page changes; its workers post their results
the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from desk_app import groups
from desk_app.assists import looks_like_scan
from desk_app.dossier import Dossier
from desk_app.drafting import get_in, prepared, set_in
from desk_app.gazetteer import load as load_gazetteer
from desk_app.groups import AssistContext, GroupDefinition
from desk_app.safe_text import filled, plain
from forms.errors import FieldMessage, field_errors
from screens.wizard.assist import AssistMixin
from screens.wizard.attachments import AttachmentsPane
from screens.wizard.editors import Advance, Edited, Picker, Suggestions, TextEditor
from screens.wizard.finish import FinishPane
from screens.wizard.form import FormPane, draft_path
from screens.wizard.handling import PageRequests, Pane, scan_store
from screens.wizard.keys import WIZARD_KEYS, AssistKeys
from screens.wizard.refusing import RefuseKeys
from screens.wizard.review import review_pane
from screens.wizard.saving import SavingMixin
from screens.wizard.sources import Sources
from screens.wizard.spec import PORTAL_STEPS, FieldSpec, Step

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.store import DossierRow

SAVE_DELAY = 0.3
"""Seconds of quiet typing before the draft is written (Enter and page changes write at once)."""

TEXT = {
    "bar": "Bước {n}/6 · {portal} — {title}",
    "fix": "Còn {count} chỗ cần sửa trên trang này.",
    "address_keys": "F4: chọn theo địa chỉ cũ (tỉnh – huyện – xã)",
}


class WizardScreen(AssistKeys, PageRequests, SavingMixin, AssistMixin, RefuseKeys, Screen[None]):
    """One dossier being received."""

    CSS_PATH = "wizard.tcss"

    BINDINGS = WIZARD_KEYS

    SHOW_FINISH = frozenset({"review", "attachments", "delivery"})

    def __init__(
        self,
        desk: Desk,
        group: GroupDefinition | None = None,
        *,
        draft_id: int | None = None,
        data: dict[str, Any] | None = None,
        step: str | None = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.draft_id = draft_id
        if group is None:  # a draft remembers its group; a new dossier is of the first group
            kind = get_in(data or {}, ("declarations", "kind"))
            group = groups.find(kind) if isinstance(kind, str) else None
            group = group or groups.registered()[0]
        self.group = group
        self.data: dict[str, Any] = data if data is not None else group.blank(desk.settings)
        self.data.setdefault("ui", group.ui_defaults(desk.settings))
        self.steps: tuple[Step, ...] = group.pages
        self.sources = Sources(desk.settings, load_gazetteer(), lambda: self.data, group)
        start = step if step in {s.id for s in self.steps} else self.steps[0].id
        self.current = start
        self.saved: DossierRow | None = None
        self.saved_warnings: list[str] = []
        self.saved_note: str | None = None
        self._save_timer: Any = None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Step bar, the pages, the suggestion list, a status line, the keys."""
        yield Static("", id="step-bar")
        with ContentSwitcher(id="pages"):
            pass
        with Vertical(id="suggest-box"):
            yield Suggestions(id="suggestions")
        yield Static("", id="status")
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        """Open on the page the draft was left at."""
        self._warm_up()
        await self.show_step(self.current, focus_from=self.data["ui"].get("focus"))

    @work(thread=True, exit_on_error=False, group="wizard-warm-up")
    def _warm_up(self) -> None:
        """Load the legacy-address parser (~0.4 s) before the first old address needs it."""
        from desk_app.gazetteer.convert import warm_up

        warm_up()

    def on_descendant_focus(self, event: Any) -> None:
        """Under the form: a picker's matches, or the focused field's help."""
        widget = event.widget
        if isinstance(widget, Picker):
            return
        row = next((a for a in widget.ancestors if hasattr(a, "help_text")), None)
        help_text = getattr(row, "help_text", "") or ""
        if self._address_in_focus() is not None:
            help_text = f"{help_text} {TEXT['address_keys']}".strip()
        self.query_one(Suggestions).explain(help_text)

    def _page(self, selector: str) -> Any:
        """The mounted page for ``selector`` (pages are mounted on first visit), or None."""
        found = self.query(selector)
        return found.first() if found else None

    def _step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def visible_steps(self) -> list[Step]:
        """The pages the draft shows, in order (the choices made hide some)."""
        return [s for s in self.steps if s.show is None or s.show(self.data)]

    async def _pane(self, step: Step, *, hidden: bool = False) -> Pane:
        switcher = self.query_one("#pages", ContentSwitcher)
        pane_id = f"page-{step.id}"
        existing = switcher.query(f"#{pane_id}")
        if existing:
            found = existing.first()
            assert isinstance(found, Pane)
            return found
        pane: Pane
        if step.kind == "review":
            pane = review_pane(self.group)(self.group, id=pane_id)
        elif step.kind == "attachments":
            paths = self.desk.settings.paths
            pane = AttachmentsPane(paths.scanner_inbox, scan_store(self.desk), id=pane_id)
        elif step.kind == "finish":
            pane = FinishPane(self.desk.settings.receipt.qr_template, id=pane_id)
        else:
            pane = FormPane(step, lambda: self.data, self.sources, id=pane_id)
        pane.display = not hidden
        await switcher.mount(pane)
        return pane

    async def _prebuild_next(self) -> None:
        """Build the following page while the officer works on this one.

        A page of pickers takes up to ~0.2 s to mount; built ahead, moving on is instant.
        """
        steps = self.visible_steps()
        ids = [s.id for s in steps]
        if self.current in ids and ids.index(self.current) + 1 < len(ids):
            following = steps[ids.index(self.current) + 1]
            if following.kind == "form":
                await self._pane(following, hidden=True)

    async def show_step(self, step_id: str, *, focus_from: Any = None) -> None:
        """Bring page ``step_id`` up and focus the field that needs the officer."""
        step = self._step(step_id)
        self.current = step_id
        if self.group.enter_page(self.data, step.id):  # filled from what is already known
            filled_pane = self._page(f"#page-{step.id}")
            if isinstance(filled_pane, FormPane):
                filled_pane.reload()
        pane = await self._pane(step)
        self.hand_down(pane)
        self.query_one("#pages", ContentSwitcher).current = pane.id
        self.query_one("#step-bar", Static).update(
            filled(
                TEXT["bar"],
                n=step.portal_step,
                portal=PORTAL_STEPS[step.portal_step - 1],
                title=step.title,
            )
        )
        self.query_one("#suggest-box").display = step.kind == "form"
        self.refresh_bindings()
        self.query_one("#status", Static).update(plain(step.note))
        if isinstance(pane, FormPane):
            pane.reload()  # built ahead of time, or shown before: the draft may have moved on
            target = None
            if focus_from:
                target = pane.row_for(tuple(focus_from))
            shown = pane.visible_rows()
            target = target or pane.next_row(None) or (shown[0] if shown else None)
            if target is not None:
                target.editor.focus()
                target.scroll_visible(animate=False)
                self.data["ui"]["focus"] = list(target.spec.path)
        else:
            pane.focus()
        self.save_draft()
        self.call_after_refresh(self._prebuild_next)

    # -- editing --------------------------------------------------------------------------

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        spec = self._spec(event.path)
        if spec is None:
            return
        value = event.value
        if spec.kind == "agency" and isinstance(value, str):
            value = self.sources.agency(spec.source or "", value)
            for pane in self.query(FormPane):  # the page it is on, shown or built ahead
                editor = pane.rows[spec.path].editor if spec.path in pane.rows else None
                if isinstance(editor, Picker):
                    editor.chosen = value
        set_in(self.data, draft_path(spec), value)
        self._after_edit(spec)
        self._schedule_save()

    def _after_edit(self, spec: FieldSpec) -> None:
        """Keep dependent fields consistent with the one just changed (the group's rules)."""
        if not spec.ui:
            self.group.derive(
                self.data, spec.path, AssistContext(self.desk.settings, self.sources.gz)
            )
        pane = self._page(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            pane.update_visibility()

    def _spec(self, path: tuple[str | int, ...]) -> FieldSpec | None:
        return next((f for s in self.steps for f in s.fields if f.path == path), None)

    @on(Advance)
    async def _advance(self, event: Advance) -> None:
        pane = self.query_one(f"#page-{self.current}")
        if not isinstance(pane, FormPane):
            return
        row = pane.rows.get(event.path)
        editor = row.editor if row is not None else None
        if isinstance(editor, TextEditor) and looks_like_scan(editor.value):
            await self.take_scan(editor.value)
            return
        if event.path[-1] == "legacy_text":
            self._legacy_entered(event.path, pane)
        nxt = pane.next_row(event.path)
        if nxt is not None:
            nxt.editor.focus()
            nxt.scroll_visible(animate=False)
            # Resuming puts the officer on the field they were about to fill.
            self.data["ui"]["focus"] = list(nxt.spec.path)
            self.save_draft()
        else:
            await self.action_next_page()

    # -- pages ----------------------------------------------------------------------------

    def check_page(self, step: Step) -> list[FieldMessage]:
        """The errors of one page's declaration (cross-page rules wait for the end)."""
        if step.model_path is None:
            return []
        section = get_in(prepared(self.data), ("declarations", *step.model_path))
        try:
            Dossier.model_validate(
                {"declarations": {**self._filler(), step.model_path[0]: section}}
            )
        except ValidationError as exc:
            prefix = ("declarations", *step.model_path)
            return [m for m in field_errors(exc, Dossier) if m.loc[: len(prefix)] == prefix]
        return []

    def _filler(self) -> dict[str, Any]:
        """The other declarations as they stand, so one page can be checked in context."""
        return {k: v for k, v in prepared(self.data)["declarations"].items()}

    def show_errors(self, pane: FormPane, errors: list[FieldMessage]) -> bool:
        """Place errors under their fields and focus the first; False when none could be placed."""
        pane.clear_messages()
        first = None
        for error in errors:
            row = pane.row_for(error.loc[1:])
            if row is None:
                continue
            row.say(error.hint, error=True)
            first = first or row
        if first is not None:
            first.editor.focus()
            first.scroll_visible(animate=False)
            self.query_one("#status", Static).update(filled(TEXT["fix"], count=len(errors)))
            return True
        return False

    async def action_next_page(self) -> None:
        """Check this page, then go to the next one."""
        step = self._step(self.current)
        pane = self.query_one(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            errors = self.check_page(step)
            if errors and self.show_errors(pane, errors):
                return
            pane.clear_messages()
        if isinstance(pane, AttachmentsPane) and not pane.ready_to_leave():
            return  # missing papers are said here, where they can be fixed
        if step.kind == "finish":
            return
        steps = self.visible_steps()
        index = [s.id for s in steps].index(step.id)
        following = steps[index + 1]
        if following.kind == "finish":
            self.confirm_save()  # Enter never saves by itself: F10 in the confirmation does
            return
        await self.show_step(following.id)

    async def action_back(self) -> None:
        """The previous page; from the first page, leave (the draft stays)."""
        steps = self.visible_steps()
        ids = [s.id for s in steps]
        if self.current == "finish" and self.saved is not None:
            self.dismiss()
            return
        index = ids.index(self.current) if self.current in ids else 0
        if index == 0:
            self.save_draft()
            self.dismiss()
            return
        await self.show_step(ids[index - 1])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show each key only where it means something."""
        keys = self._step(self.current).keys
        if action == "copy_address":
            return str(parameters[0]) in keys if parameters else False
        if action == "legacy_address":
            return self._address_in_focus() is not None
        if action == "verify":
            return "verify" in keys and self.saved is None
        if action == "scan":
            return self.saved is None and self.current in self.group.scan_pages
        if action == "scan_anywhere":
            return self.saved is None and self.current not in self.group.scan_pages
        if action == "finish":
            return self.saved is None and self.current in self.SHOW_FINISH
        if action == "finish_anywhere":
            return self.saved is None and self.current not in self.SHOW_FINISH
        if action == "next_page":
            return self.saved is None
        if action == "refuse_at_counter":
            return self.can_refuse_at_counter()
        if action == "not_here":
            key = str(parameters[0]) if parameters else ""
            if key == "verify":
                return not self.check_action("verify", ())
            if key == "legacy":
                return not self.check_action("legacy_address", ())
            # A copy key: said where it applies, and no key at all in a group without the copy.
            return self.copy_page(key) is not None and not self.check_action("copy_address", (key,))
        return True

    # -- drafts ---------------------------------------------------------------------------

    def _schedule_save(self) -> None:
        self._cancel_save()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_draft)

    def _cancel_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def save_draft(self) -> None:
        """Write the draft now (a few KB, one small transaction)."""
        self._cancel_save()
        if self.saved is not None or self.refused:
            return
        self.draft_id = self.desk.store.drafts.save(
            self.draft_id,
            data=self.data,
            step=self.current,
            procedure_group=self.group.kind,
            officer=self.desk.officer,
            at=self.desk.clock(),
        )
