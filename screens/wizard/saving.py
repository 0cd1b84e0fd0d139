"""Saving the dossier: the confirmation, the check and save in a worker, the scans filed away.

A mixin of :class:`screens.wizard.screen.WizardScreen`, kept apart so the screen module holds
navigation and the draft. F10 saves from any page; Enter past the last page asks first
(:class:`screens.wizard.confirm.ConfirmSave`). Errors go back to the page that owns them; the
scans of a saved dossier leave the scanner's folder once the dossier is committed. The save
runs in a worker that posts :class:`~screens.wizard.messages.Received` or
:class:`~screens.wizard.messages.Refused`; the handlers here take it from there. A duplicate
check that could not ask central is audited with the save and said quietly on the finish page
(not in a notification: offline, every save would raise one).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.widgets import Static

from desk_app.attachfiles import file_away, processed_folder
from desk_app.dossier import DossierRejected
from desk_app.drafting import prepared
from desk_app.presentation import save_summary
from desk_app.reception import appointment_for, hours_warning
from desk_app.safe_text import filled
from screens.dialogs.duplicate import DuplicateDialog
from screens.wizard.attachments import AttachmentsPane
from screens.wizard.confirm import ConfirmSave
from screens.wizard.form import FormPane
from screens.wizard.host import WizardHost
from screens.wizard.messages import DuplicateFound, Received, Refused
from screens.wizard.spec import Step

if TYPE_CHECKING:
    from desk_app.duplicates import Check, Confirmation
    from desk_app.store import DossierRow

TEXT = {
    "saving": "Đang lưu hồ sơ…",
    "not_saved": "Chưa lưu hồ sơ: có thể trùng hồ sơ {codes}.",
    "rejected": "Chưa lưu được hồ sơ",
    "note": "Lưu ý",
    "scans_left": (
        "Đã lưu hồ sơ, nhưng {count} tệp quét chưa chuyển ra khỏi thư mục máy quét ({names}): "
        "tệp đã đổi hoặc không còn ở đó; đừng đính kèm lại cho hồ sơ sau."
    ),
}


class SavingMixin(WizardHost):
    """F10 and the confirmation; the save in a worker; what follows a save or a refusal."""

    def confirm_save(self) -> None:
        """Past the last page: show what will be saved; F10 there saves it."""
        if self.saved is not None:
            return
        settings = self.desk.settings
        asked = self.group.plan(prepared(self.data)["declarations"])  # what the choices ask for
        at, counted = appointment_for(
            self.desk.clock(), settings, self.group.kind, [p for p, _ in asked]
        )
        from desk_app.receipt.content import long_time

        warning = hours_warning(counted, settings)
        dialog = ConfirmSave(
            save_summary(self.data), long_time(at), [warning.message] if warning else []
        )
        self.app.push_screen(dialog, self._confirmed)

    def _confirmed(self, save: bool | None) -> None:
        if save:
            self.action_finish()

    def action_finish(self) -> None:
        """Check the whole dossier and save it under a new code (in a worker)."""
        if self.saved is not None:
            return
        self.query_one("#status", Static).update(TEXT["saving"])
        self._receive(self._submission(), self._scans())

    def action_finish_anywhere(self) -> None:
        """F10 where the footer does not show it: the same check and save."""
        self.action_finish()

    def _submission(self) -> dict[str, Any]:
        ready = prepared(self.data)
        return {
            "schema_version": ready.get("schema_version", 1),
            "declarations": ready["declarations"],
        }

    def _scans(self) -> dict[str, Path]:
        """Where each attached file was picked in the scanner's folder (hash → path)."""
        picked = self.data.get("ui", {}).get("scans") or {}
        return {sha: Path(path) for sha, path in picked.items() if isinstance(path, str)}

    @work(thread=True, exit_on_error=False, exclusive=True, group="wizard-receive")
    def _receive(
        self,
        submission: dict[str, Any],
        scans: dict[str, Path],
        confirmed: Confirmation | None = None,
        check: Check | None = None,
    ) -> None:
        """Check for the same person (unless ``confirmed`` after ``check`` was shown), save."""
        from desk_app.duplicates import before_save

        try:
            if confirmed is None:  # the same person already declared? (issue 18 item 4)
                check = before_save(self.desk, submission)
                if check.found:
                    self.post_message(DuplicateFound(check))
                    return
            audit = (*(confirmed.audit() if confirmed else ()), *(check.audit() if check else ()))
            saved, warnings = self.desk.receive_dossier(
                submission, draft_id=self.draft_id, audit=audit
            )
        except DossierRejected as rejected:
            self.post_message(Refused(rejected.errors))
            return
        # Committed: only now may the scans leave the inbox (a crash here leaves them there,
        # already stored). Only files the saved dossier holds are moved.
        held = {sha for item in _items(saved) for sha in item.get("files", [])}
        folder = processed_folder(self.desk.settings.paths.attachments)
        _, left = file_away({k: v for k, v in scans.items() if k in held}, folder)
        messages = [w.message for w in warnings]
        if left:
            messages.append(TEXT["scans_left"].format(count=len(left), names=", ".join(left)))
        self.post_message(Received(saved, messages, check.local_only if check else None))

    def on_duplicate_found(self, message: DuplicateFound) -> None:
        """The same person already declared: side by side, and a supervisor decides."""
        message.stop()
        self.query_one("#status", Static).update("")
        dialog = DuplicateDialog(message.check, self.desk)
        self.app.push_screen(dialog, partial(self._duplicate_answered, message.check))

    def _duplicate_answered(self, check: Check, confirmed: Confirmation | None) -> None:
        """Confirmed: saved with the confirmation audited; declined: nothing saved, and said."""
        status = self.query_one("#status", Static)
        if confirmed is None:
            status.update(filled(TEXT["not_saved"], codes=", ".join(check.codes)))
            return
        status.update(TEXT["saving"])
        self._receive(self._submission(), self._scans(), confirmed, check)

    async def on_refused(self, message: Refused) -> None:
        """Not saved: each error on the page that owns it, or all of them in a message."""
        message.stop()
        errors = message.errors
        self.query_one("#status", Static).update("")
        for step in self.visible_steps():
            if step.kind == "attachments" and any(
                e.loc[:2] == ("declarations", "attachments") for e in errors
            ):
                await self.show_step(step.id)
                pane = self.query_one(f"#page-{step.id}", AttachmentsPane)
                pane.show_errors(
                    [e for e in errors if e.loc[:2] == ("declarations", "attachments")]
                )
                return
            if step.kind != "form":
                continue
            mine = [e for e in errors if self._owns(step, e.loc[1:])]
            if mine:
                await self.show_step(step.id)
                self.show_errors(self.query_one(f"#page-{step.id}", FormPane), mine)
                return
        self.notify(
            "\n".join(e.message for e in errors),
            title=TEXT["rejected"],
            severity="error",
            markup=False,
        )

    @staticmethod
    def _owns(step: Step, loc: tuple[str | int, ...]) -> bool:
        if not loc:
            return False
        if step.model_path is not None and loc[: len(step.model_path)] == step.model_path:
            return True
        return any(f.path[: len(loc)] == loc or loc[: len(f.path)] == f.path for f in step.fields)

    async def on_received(self, message: Received) -> None:
        """Saved: the finish page with the code, and what the officer must be told."""
        message.stop()
        saved, warnings = message.saved, message.warnings
        self.saved = saved
        self.saved_warnings = warnings
        self.saved_note = message.note
        self.draft_id = None
        self._cancel_save()
        for warning in warnings:
            self.notify(warning, title=TEXT["note"], severity="warning", markup=False)
        await self.show_step("finish")
        self.refresh_bindings()


def _items(saved: DossierRow) -> list[dict[str, Any]]:
    """The attachment entries of a saved dossier's declarations."""
    declarations = saved.declarations.get("declarations", saved.declarations)
    items = (declarations.get("attachments") or {}).get("items") or []
    return [i for i in items if isinstance(i, dict)]
