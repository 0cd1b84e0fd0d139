"""The dossier view's corrections: S opens the wizard on the stored declarations, V shows the
content versions one after another, and the list of versions (when, who, why) is a block.

A part of :class:`screens.dossier_view.DossierScreen`, kept apart so the view holds the
counter's lifecycle actions. The correction itself is :mod:`screens.wizard.correcting`; when
it is saved the view reads the dossier again and says which version it now shows and, when
the receipt prints something that changed, that I prints it again marked with the version.
Old versions are shown read-only in the declarations block, labelled as such.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.console import Group
from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from desk_app.safe_text import filled
from screens.desk_access import current_desk

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import DossierDetail
    from desk_app.lookup.detail import Section
    from desk_app.lookup.versions import VersionLine
    from desk_app.store import DossierRow

CORRECTION_ACTIONS = frozenset({"correct", "correct_resend", "next_version"})
"""The view's actions kept here (offered through the view's ``unavailable_reason``)."""

TEXT = {
    "not_read": "Hồ sơ chưa đọc xong; thử lại sau giây lát.",
    "one_version": "Hồ sơ chưa được sửa lần nào: chỉ có nội dung lúc tiếp nhận.",
    "rejected_only": "“Sửa và gửi lại” dành cho hồ sơ bị hệ thống trả lại; hồ sơ này: phím S.",
    "use_resend": "Hồ sơ bị hệ thống trả lại: phím S để sửa và gửi lại.",
    "old_version": "Đang xem phiên bản {number} (cũ, chỉ đọc) · V: phiên bản khác",
    "saved_title": "Đã lưu bản sửa",
    "saved": "{code}: đã lưu nội dung phiên bản {version}.",
    "resent": "{code}: đã lưu phiên bản {version}; hồ sơ sẽ được gửi lại ở lần đồng bộ tới.",
    "reprint": (
        "Giấy tiếp nhận in nội dung vừa sửa: nhấn I để in lại cho công dân "
        "(giấy ghi rõ phiên bản {version})."
    ),
}


@dataclass
class VersionsRead(Message):
    """The dossier's versions, and the old one to show (None: the current one)."""

    lines: tuple[VersionLine, ...]
    shown: int | None
    sections: tuple[Section, ...] | None
    corrected: DossierRow | None = None
    """The dossier as saved by a correction just made (None: no correction to report)."""
    resent: bool = False
    reprint: bool = False
    """The receipt prints something the correction changed: offer to print it again."""


class CorrectionKeys(Screen[None]):
    """S (correct, or correct and resend a rejected dossier), V (versions), the versions block."""

    code: str
    detail: DossierDetail | None
    shown_version: int | None = None
    """The content version shown in the declarations block; None: the current one."""
    version_lines: tuple[VersionLine, ...] = ()
    _before_correction: DossierRow | None = None
    _correction_note: str | None = None
    """The correction's duplicate check could not ask central: said with "saved"."""

    action_reload: Callable[[], None]
    """The view's: read the dossier again."""

    def correction_refusal(self, action: str) -> str | None:
        """Why ``action`` does not apply to this dossier now; None when it does."""
        from desk_app.corrections import refusal
        from desk_app.lifecycle import Status

        if self.detail is None:
            return TEXT["not_read"]
        if action == "next_version":
            return None if len(self.version_lines) > 1 else TEXT["one_version"]
        row = self.detail.row
        why = refusal(row)
        if why is not None:
            return why[0].upper() + why[1:]
        rejected = row.status is Status.REJECTED
        if action == "correct_resend" and not rejected:
            return TEXT["rejected_only"]
        if action == "correct" and rejected:
            return TEXT["use_resend"]
        return None

    def _open_correction(self, action: str) -> None:
        from screens.wizard.correcting import CorrectionScreen

        desk = current_desk(self.app)
        why = self.correction_refusal(action)
        if why is not None:
            self.notify(why, severity="error", markup=False)
            return
        if desk is None or self.detail is None:
            return
        before = self.detail.row
        screen = CorrectionScreen(desk, before)

        def corrected(_: None) -> None:
            self._before_correction = before
            self._correction_note = screen.duplicates_note
            self.action_reload()

        self.app.push_screen(screen, corrected)

    def action_correct(self) -> None:
        """Correct the dossier on the wizard's pages (a new version, with a reason)."""
        self._open_correction("correct")

    def action_correct_resend(self) -> None:
        """Correct a dossier central sent back; saved, it is sent again."""
        self._open_correction("correct_resend")

    def action_next_version(self) -> None:
        """Show the next version's content (after the current one: the first)."""
        if self.detail is None or len(self.version_lines) < 2:
            return
        numbers = [v.number for v in self.version_lines]
        current = self.detail.row.content_version
        at = numbers.index(self.shown_version or current)
        chosen = numbers[(at + 1) % len(numbers)]
        self.shown_version = None if chosen == current else chosen
        self.read_versions()

    def read_versions(self) -> None:
        """Read the versions (and the old one shown) in a worker."""
        desk = current_desk(self.app)
        if desk is not None and self.detail is not None:
            before, self._before_correction = self._before_correction, None
            self._read_versions(desk, self.detail.row, self.shown_version, before)

    @work(thread=True, exit_on_error=False, exclusive=True, group="dossier-versions")
    def _read_versions(
        self, desk: Desk, row: DossierRow, shown: int | None, before: DossierRow | None
    ) -> None:
        from desk_app.corrections import receipt_changed
        from desk_app.lifecycle import Status
        from desk_app.lookup.versions import version_sections, versions

        lines = versions(desk.store, row)
        old = shown is not None and shown != row.content_version
        sections = version_sections(desk.store, row, shown) if old and shown else None
        corrected = before is not None and row.content_version > before.content_version
        self.post_message(
            VersionsRead(
                lines,
                shown if old else None,
                sections,
                corrected=row if corrected else None,
                resent=corrected and before is not None and before.status is Status.REJECTED,
                reprint=corrected
                and before is not None
                and receipt_changed(before, row, desk.settings),
            )
        )

    def on_versions_read(self, message: VersionsRead) -> None:
        """The versions block, the old version if one is chosen, and what a correction did."""
        from desk_app.lookup.versions import versions_table
        from screens import dossier_blocks as blocks

        self.version_lines = message.lines
        self.shown_version = message.shown
        block = self.query_one("#dossier-versions", Static)
        block.display = len(message.lines) > 1
        block.update(versions_table(message.lines))
        if message.sections is not None and self.detail is not None and message.shown:
            shown = blocks.declarations(replace(self.detail, sections=message.sections))
            heading = filled(TEXT["old_version"], number=message.shown, style="bold reverse")
            self.query_one("#dossier-declarations", Static).update(Group(heading, shown))
        elif self.detail is not None:
            declarations = blocks.declarations(self.detail)
            self.query_one("#dossier-declarations", Static).update(declarations)
        if message.corrected is not None:
            row = message.corrected
            said = TEXT["resent"] if message.resent else TEXT["saved"]
            text = said.format(code=row.code, version=row.content_version)
            if message.reprint:
                text += "\n" + TEXT["reprint"].format(version=row.content_version)
            if self._correction_note:
                text += "\n" + self._correction_note
            self._correction_note = None
            self.notify(text, title=TEXT["saved_title"], timeout=12, markup=False)
        self.refresh_bindings()
