"""The wizard in correction mode: the same pages and checks, on a saved dossier's declarations.

A typo found after printing, or a dossier central sent back, is corrected where it was typed:
the officer walks the same pages, with the same checks, the stored declarations filled in. F10
checks the whole dossier as reception would plus what a correction may not do (a part a
decided procedure rests on, the papers, nothing changed), each refusal placed next to its
field. A correction that changes who the dossier is about is then checked for the same person
among the office's other dossiers, as a save is (:func:`desk_app.duplicates.for_correction`):
a match is shown side by side (:class:`screens.dialogs.duplicate.DuplicateDialog`) and goes on
only with a supervisor's confirmation. Only then is the reason asked
(:class:`screens.dialogs.reason.CorrectionReason`) and the new version saved by
:func:`desk_app.corrections.correct` in a worker, the confirmation (or a check that could only
look on this desk) audited in its transaction. No draft is kept: a correction half typed is
not a new dossier, and the saved one is untouched until F10.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import ActiveBinding
from textual.message import Message
from textual.widgets import Static

from desk_app import groups
from desk_app.safe_text import filled
from screens.wizard.messages import Received, Refused
from screens.wizard.screen import WizardScreen
from screens.wizard.spec import PORTAL_STEPS

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.duplicates import Check, Confirmation
    from desk_app.store import DossierRow

TEXT = {
    "bar": "Sửa hồ sơ {code} · Bước {n}/6 · {portal} — {title}",
    "checking": "Đang kiểm tra nội dung đã sửa…",
    "saving": "Đang lưu bản sửa…",
    "finish": "Lưu bản sửa",
    "finish_tooltip": "Kiểm tra toàn bộ hồ sơ đã sửa, ghi lý do và lưu thành phiên bản mới",
    "back_tooltip": "Về trang trước; ở trang đầu: thoát, không sửa gì",
    "not_saved": "Chưa lưu bản sửa: sau khi sửa, hồ sơ có thể trùng hồ sơ {codes}.",
}
FINISH_IDS = frozenset({"wizard.finish", "wizard.finish_anywhere"})


@dataclass
class ChecksPassed(Message):
    """The corrected dossier passed every check: ask the reason, then save."""

    submission: dict[str, Any]
    check: Check | None = None
    """The duplicate check it passed (None: who it is about did not change, none was done)."""


@dataclass
class BecomesDuplicate(Message):
    """Corrected, the dossier is about the same person as others of the office: a
    supervisor decides before the reason is asked."""

    submission: dict[str, Any]
    check: Check


class CorrectionScreen(WizardScreen):
    """The wizard on the declarations of the saved dossier ``row``; closes once it is saved."""

    def __init__(self, desk: Desk, row: DossierRow) -> None:
        envelope = row.declarations
        inner = envelope.get("declarations", envelope)
        data = {
            "schema_version": envelope.get("schema_version", 1),
            "declarations": copy.deepcopy(inner),
        }
        super().__init__(desk, groups.get(row.procedure_group), data=data)
        self.row = row
        self._busy = False
        self.duplicates_note: str | None = None
        """Once saved: the duplicate check could not ask central (the view says it)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The wizard's keys, F10 and Esc saying what they do here."""
        found = super().active_bindings
        for key, active in found.items():
            binding = active.binding
            if binding.id in FINISH_IDS:
                named = replace(binding, description=TEXT["finish"], tooltip=TEXT["finish_tooltip"])
            elif binding.id == "wizard.back":
                named = replace(binding, tooltip=TEXT["back_tooltip"])
            else:
                continue
            found[key] = active._replace(binding=named, tooltip=named.tooltip)
        return found

    async def show_step(self, step_id: str, *, focus_from: Any = None) -> None:
        """The page, its bar naming the dossier being corrected."""
        await super().show_step(step_id, focus_from=focus_from)
        step = self._step(self.current)
        self.query_one("#step-bar", Static).update(
            filled(
                TEXT["bar"],
                code=self.row.code,
                n=step.portal_step,
                portal=PORTAL_STEPS[step.portal_step - 1],
                title=step.title,
            )
        )

    def save_draft(self) -> None:
        """No draft: the saved dossier stays as it is until F10 (and a correction is no new
        dossier to resume)."""
        self._cancel_save()

    def confirm_save(self) -> None:
        """Past the last page: check, then ask the reason."""
        self.action_finish()

    def action_finish(self) -> None:
        """F10: check the corrected dossier in a worker (refusals go to their fields)."""
        if self._busy or self.saved is not None:
            return
        self._busy = True
        self.query_one("#status", Static).update(TEXT["checking"])
        self._check(self._submission())

    @work(thread=True, exit_on_error=False, exclusive=True, group="correction")
    def _check(self, submission: dict[str, Any]) -> None:
        from desk_app.corrections import checked
        from desk_app.dossier import DossierRejected
        from desk_app.duplicates import for_correction

        try:
            row = self.desk.store.require(self.row.code)
            _, new = checked(self.desk.store, row, submission)
        except DossierRejected as rejected:
            self.post_message(Refused(rejected.errors))
            return
        check = for_correction(self.desk, row, new)  # the same person as another dossier?
        if check is not None and check.found:
            self.post_message(BecomesDuplicate(submission, check))
            return
        self.post_message(ChecksPassed(submission, check))

    def on_becomes_duplicate(self, message: BecomesDuplicate) -> None:
        """Side by side, as at reception; a supervisor's confirmation goes on to the reason."""
        from screens.dialogs.duplicate import DuplicateDialog

        message.stop()
        self.query_one("#status", Static).update("")

        def answered(confirmed: Confirmation | None) -> None:
            if confirmed is None:
                codes = ", ".join(message.check.codes)
                self.query_one("#status", Static).update(filled(TEXT["not_saved"], codes=codes))
                self._busy = False
                return
            self._ask_reason(message.submission, message.check, confirmed)

        self.app.push_screen(DuplicateDialog(message.check, self.desk), answered)

    def on_checks_passed(self, message: ChecksPassed) -> None:
        """Ask the reason; the officer may still go back."""
        message.stop()
        self.query_one("#status", Static).update("")
        self._ask_reason(message.submission, message.check)

    def _ask_reason(
        self, submission: dict[str, Any], check: Check | None, confirmed: Confirmation | None = None
    ) -> None:
        """The reason dialog; given, the correction is saved with what the checks audit."""
        from desk_app.lifecycle import Status
        from screens.dialogs.reason import CorrectionReason

        dialog = CorrectionReason(
            self.row.code,
            self.row.content_version,
            resend=self.row.status is Status.REJECTED,
        )

        def reasoned(reason: str | None) -> None:
            if reason is None:
                self._busy = False
                return
            self.query_one("#status", Static).update(TEXT["saving"])
            self._correct(submission, reason, confirmed, check)

        self.app.push_screen(dialog, reasoned)

    @work(thread=True, exit_on_error=False, exclusive=True, group="correction")
    def _correct(
        self,
        submission: dict[str, Any],
        reason: str,
        confirmed: Confirmation | None = None,
        check: Check | None = None,
    ) -> None:
        from desk_app.corrections import correct
        from desk_app.dossier import DossierRejected

        desk = self.desk
        audit = (*(confirmed.audit() if confirmed else ()), *(check.audit() if check else ()))
        try:
            saved = correct(
                desk.store,
                self.row.code,
                submission,
                reason,
                officer=desk.officer,
                at=desk.clock(),
                audit=audit,
            )
        except DossierRejected as rejected:
            self.post_message(Refused(rejected.errors))
            return
        self.post_message(Received(saved, [], check.local_only if check else None))

    async def on_refused(self, message: Refused) -> None:
        """Not saved: F10 works again (the wizard's own handler, which Textual calls next,
        places each refusal beside its field as at reception)."""
        self._busy = False

    async def on_received(self, message: Received) -> None:
        """Saved as the next version: back to the dossier, which reads itself again."""
        message.stop()
        message.prevent_default()  # not the wizard's finish page: there is no new code
        self.saved = message.saved
        self.duplicates_note = message.note
        self.dismiss()
