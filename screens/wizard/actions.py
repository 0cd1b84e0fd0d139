"""What the App offers for reception, from any screen: a new dossier, the drafts list.

A mixin so the App module stays small: the App owns these actions (not the home screen)
because the command palette and every screen reach them. The wizard's modules (and the
models and reference data they pull in) load on first use, not before the first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.groups import GroupDefinition

TEXT = {
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "waiting": "Có {count} hồ sơ đang nhập dở. Nhấn Ctrl+B để xem và tiếp tục.",
    "new": "Hồ sơ mới",
    "new_help": "Tiếp nhận hồ sơ liên thông mới của một nhóm thủ tục",
    "drafts": "Bản nháp",
    "drafts_help": "Các hồ sơ đang nhập dở: tiếp tục hoặc bỏ",
}


class ReceptionActions:
    """Mixed into the App: ``new_dossier`` and ``open_drafts``."""

    desk: Desk | None

    def _open_desk_or_say(self) -> Desk | None:
        if self.desk is None:
            self.notify(TEXT["not_open"], markup=False)  # type: ignore[attr-defined]
        return self.desk

    async def action_new_dossier(self) -> None:
        """Start receiving a new dossier."""
        desk = self._open_desk_or_say()
        if desk is None:
            return
        from desk_app import groups

        registered = groups.registered()
        if len(registered) == 1:
            await self._start(registered[0])
            return
        from screens.wizard.choose import GroupChooser

        await self.push_screen(GroupChooser(registered), self._start)  # type: ignore[attr-defined]

    async def _start(self, group: GroupDefinition | None) -> None:
        """A new dossier of ``group`` (None: the officer went back from the chooser)."""
        if group is None or self.desk is None:
            return
        from screens.wizard.screen import WizardScreen

        await self.push_screen(WizardScreen(self.desk, group))  # type: ignore[attr-defined]

    async def action_open_drafts(self) -> None:
        """List the drafts; resume the one chosen exactly where it was left."""
        desk = self._open_desk_or_say()
        if desk is not None:
            from screens.wizard.drafts import DraftsScreen

            await self.push_screen(DraftsScreen(desk), self._resume)  # type: ignore[attr-defined]

    async def _resume(self, draft_id: int | None) -> None:
        if draft_id is None or self.desk is None:
            return
        from screens.wizard.screen import WizardScreen

        draft = self.desk.store.drafts.get(draft_id)
        await self.push_screen(  # type: ignore[attr-defined]
            WizardScreen(self.desk, draft_id=draft.id, data=dict(draft.data), step=draft.step)
        )

    def remind_drafts(self) -> None:
        """After a crash or a closed terminal: say that drafts are waiting to be resumed."""
        if self.desk is not None:
            count = len(self.desk.store.drafts.list())
            if count:
                self.notify(TEXT["waiting"].format(count=count), timeout=10, markup=False)  # type: ignore[attr-defined]

    def reception_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Palette entries for reception."""
        yield SystemCommand(TEXT["new"], TEXT["new_help"], self.action_new_dossier)
        yield SystemCommand(TEXT["drafts"], TEXT["drafts_help"], self.action_open_drafts)
