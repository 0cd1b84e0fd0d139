"""What the wizard's pages ask of it, and what it hands down to them.

A mixin of :class:`screens.wizard.screen.WizardScreen`, kept apart so the screen module holds
navigation and the draft. The review, attachments and finish pages never hold the screen:
each is given what it shows when it comes up (:meth:`PageRequests.hand_down`) and posts a
message (:mod:`screens.wizard.messages`) when the officer acts; the handlers here are the only
code that turns those into a changed draft, a save, a page change, a print or leaving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desk_app.attachfiles import store_file
from desk_app.checklist import checklist
from desk_app.drafting import get_in, set_in
from screens.wizard.attachments import AttachmentsPane
from screens.wizard.finish import FinishPane
from screens.wizard.form import FormPane
from screens.wizard.host import WizardHost
from screens.wizard.messages import AttachmentsChanged, Finished, JumpTo, NextPage, PrintReceipt
from screens.wizard.review import ReviewPane

if TYPE_CHECKING:
    from pathlib import Path

    from desk_app.desk import Desk

Pane = FormPane | ReviewPane | AttachmentsPane | FinishPane
"""A page of the wizard, as mounted."""


def scan_store(desk: Desk) -> Callable[[Path], str]:
    """What the attachments page stores a picked scan with: a copy into ``desk``'s attachment
    store, giving its hash (the page calls it from its worker: it reads and hashes a file).
    The page gets this function, not the screen nor the desk."""

    def store(path: Path) -> str:
        at = desk.clock()
        return store_file(path, desk.settings.paths.attachments, desk.store, at=at).sha256

    return store


class PageRequests(WizardHost):
    """Hand the pages what they show; act on what they post.

    What it uses of the wizard screen is declared in :class:`~screens.wizard.host.WizardHost`
    (the screen and its other parts provide it)."""

    def hand_down(self, pane: Pane) -> None:
        """Give a page what it shows, as the draft now stands (a form reads the draft itself)."""
        if isinstance(pane, ReviewPane):
            pane.show(self.data, [s.id for s in self.visible_steps()])
        elif isinstance(pane, AttachmentsPane):
            declarations = self.data["declarations"]
            items = checklist(self.group.kind, self.group.checklist_facts(declarations))
            wanted = {i.id for i in items}
            attachments = declarations.setdefault("attachments", {})
            # Papers the checklist no longer asks for (a choice changed) leave the draft.
            entries = [e for e in attachments.get("items") or [] if e.get("item") in wanted]
            attachments["items"] = entries
            pane.show(items, entries)
        elif isinstance(pane, FinishPane) and self.saved is not None:
            pane.show(self.saved, self.saved_warnings, self.saved_note)

    async def on_next_page(self, message: NextPage) -> None:
        """A page is done: check it and go on (or say what is missing there)."""
        message.stop()
        await self.action_next_page()

    async def on_jump_to(self, message: JumpTo) -> None:
        """Back to a page (the review page's number keys), focusing ``loc`` if given."""
        message.stop()
        await self.show_step(message.step_id, focus_from=message.loc)

    def on_attachments_changed(self, message: AttachmentsChanged) -> None:
        """The checklist changed: into the draft, saved at once."""
        message.stop()
        if self.saved is not None:
            return
        set_in(self.data, ("declarations", "attachments", "items"), message.items)
        if message.scans:
            picked = get_in(self.data, ("ui", "scans")) or {}
            set_in(self.data, ("ui", "scans"), {**picked, **message.scans})
        self.save_draft()

    def on_print_receipt(self, message: PrintReceipt) -> None:
        """P on the finish page: the App prints (rendered from the stored dossier)."""
        message.stop()
        from screens.app import DeskApp  # at call time: screens.app imports the wizard

        if isinstance(self.app, DeskApp):
            self.app.print_receipt(message.code)

    async def on_finished(self, message: Finished) -> None:
        """N on the finish page (or done with it): leave, and start the next dossier if asked."""
        message.stop()
        from screens.app import DeskApp

        self.dismiss()
        if message.new_dossier and isinstance(self.app, DeskApp):
            await self.app.action_new_dossier()
