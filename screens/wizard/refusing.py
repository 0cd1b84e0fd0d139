"""F6 in the wizard: refuse the dossier at the counter, before it is saved (form 03).

A mixin of :class:`screens.wizard.screen.WizardScreen`, kept apart so the screen module holds
navigation and the draft. The draft is written first, so form 03 is made from what the store
holds, as every paper of the counter is; the dialog
(:class:`screens.dialogs.refuse_at_counter.RefuseAtCounterDialog`) asks the reason and does the
rest. Once refused the draft is gone: the wizard says what was printed and goes home. Closed
with Esc, nothing changed and the officer is back on the field they left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.wizard.host import WizardHost

if TYPE_CHECKING:
    from desk_app.documents.api import FormOutcome

TEXT = {
    "title": "Đã từ chối tiếp nhận",
    "about": "{who}: {person}",
    "said": "{message}\nLý do in trên phiếu: {reason}",
}


class RefuseKeys(WizardHost):
    """``refuse_at_counter``: the key, the dialog, and leaving once the draft is gone."""

    refused = False
    """Set once the dossier is refused: the draft is gone and must not be written again."""

    def can_refuse_at_counter(self) -> bool:
        """Only a dossier being received (a draft, not saved yet) can be refused here; a
        correction of a saved dossier keeps no draft and is not refused at the counter."""
        return self.saved is None and self.draft_id is not None

    def action_refuse_at_counter(self) -> None:
        """Write the draft now, then ask why the dossier is refused."""
        from desk_app.documents.at_counter import requester_name
        from desk_app.presentation import person_line
        from screens.dialogs.refuse_at_counter import RefuseAtCounterDialog

        if not self.can_refuse_at_counter():
            return
        self.save_draft()
        if self.draft_id is None:
            return
        about = TEXT["about"].format(
            who=self.group.subject_short, person=person_line(self.data, self.group.subject_path)
        )
        dialog = RefuseAtCounterDialog(self.desk, self.draft_id, about, requester_name(self.data))
        self.app.push_screen(dialog, self._refused_at_counter)

    def _refused_at_counter(self, outcome: FormOutcome | None) -> None:
        """Refused: say what became of the form, and leave (the draft no longer exists)."""
        if outcome is None:
            return
        self.refused = True
        self._cancel_save()
        self.draft_id = None
        self.app.notify(
            TEXT["said"].format(message=outcome.message, reason=outcome.issued.content.reason),
            title=TEXT["title"],
            severity="information" if outcome.ok else "warning",
            timeout=15,
            markup=False,
        )
        self.dismiss()
