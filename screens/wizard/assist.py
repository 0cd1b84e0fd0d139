"""What helps the officer fill the declarations: scans, verification, copies, old addresses.

A mixin of :class:`screens.wizard.screen.WizardScreen`, kept apart so the screen module holds
navigation and saving only. Every helper changes the draft and then shows it again.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.notifications import SeverityLevel
from textual.widgets import Static

from desk_app.assists import apply_scan, place_legacy_address, street_of
from desk_app.drafting import get_in, set_in
from screens.wizard.form import FormPane
from screens.wizard.host import WizardHost
from screens.wizard.keys import copy_elsewhere
from screens.wizard.legacy import LegacyDialog
from screens.wizard.messages import Verified
from screens.wizard.scan import ScanDialog

TEXT = {
    "copied": "Đã chép địa chỉ của {who}.",
    "nothing_to_copy": "Chưa có địa chỉ của {who} để chép.",
    "legacy_unknown": "Không nhận ra đơn vị hành chính cũ: hãy chọn tỉnh và xã hiện nay.",
    "verify_needs": "Cần số định danh, họ tên và ngày sinh của người yêu cầu để xác thực.",
    "verifying": "Đang xác thực với Cơ sở dữ liệu quốc gia về dân cư…",
    "not_here_title": "Phím này không dùng ở đây",
    "verify_elsewhere": (
        "F3 xác thực người yêu cầu với Cơ sở dữ liệu quốc gia về dân cư: dùng ở trang Người "
        "yêu cầu (bước 2), sau khi có số định danh, họ tên và ngày sinh."
    ),
    "verify_saved": "Hồ sơ đã lưu: không xác thực lại được ở đây.",
    "legacy_elsewhere": (
        "F4 chọn địa chỉ theo đơn vị hành chính cũ (tỉnh – huyện – xã): đưa con trỏ vào một ô "
        "của địa chỉ (Địa chỉ theo giấy tờ cũ, Tỉnh/Thành phố, Xã/Phường, Chi tiết) rồi nhấn F4."
    ),
    "copy_elsewhere": "{what}.",
    "verify_title": "Xác thực người yêu cầu",
}


class AssistMixin(WizardHost):
    """Scan (F2), verify (F3), old address (F4), copy an address (F7/F8)."""

    def _legacy_entered(self, path: tuple[str | int, ...], pane: FormPane) -> None:
        """An old three-level address was typed: show and fill where it is today."""
        address_path = ("declarations", *path[:-1])
        where = place_legacy_address(self.data, address_path, self.sources.gz)
        pane.reload()
        row = pane.rows.get(path)
        if row is not None:
            row.say(where or TEXT["legacy_unknown"], error=False)

    def _address_in_focus(self) -> tuple[str | int, ...] | None:
        """The address (path under declarations) that the focused field belongs to."""
        path = getattr(self.focused, "path", None)
        if not path:
            return None
        for cut in range(len(path), 0, -1):
            if path[cut - 1] == "address":
                return tuple(path[:cut])
        return None

    def action_not_here(self, key: str) -> None:
        """An assist key pressed where it does not apply: say where it does.

        ``key``: "verify", "legacy", or the id of a copy key (the group says what it copies
        and on which page)."""
        if key == "verify" and self.saved is not None:
            message = TEXT["verify_saved"]
        elif key in ("verify", "legacy"):
            message = TEXT[f"{key}_elsewhere"]
        else:
            assist, page = self.copy_assist(key), self.copy_page(key)
            if assist is None or page is None:
                return  # the group has no such copy: the key is not offered at all
            message = TEXT["copy_elsewhere"].format(what=copy_elsewhere(assist, page))
        self.notify(message, title=TEXT["not_here_title"], severity="warning", markup=False)

    def action_legacy_address(self) -> None:
        """Pick an old three-level address for the focused address, seeing today's unit."""
        address = self._address_in_focus()
        if address is not None:
            self.app.push_screen(
                LegacyDialog(self.sources.gz), lambda r: self._legacy_picked(address, r)
            )

    def _legacy_picked(self, address: tuple[str | int, ...], fields: dict[str, Any] | None) -> None:
        if not fields:
            return
        current = get_in(self.data, ("declarations", *address)) or {}
        street = current.get("detail") or street_of(current.get("legacy_text"), self.sources.gz)
        if street:  # the picker gives the old units: the house and street stay in front
            fields = {**fields, "legacy_text": f"{street}, {fields['legacy_text']}"}
            if not current.get("detail"):
                fields["detail"] = street
        set_in(self.data, ("declarations", *address), {**current, **fields})
        self.save_draft()
        pane = self._page(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            pane.reload()
            nxt = pane.next_row(None)
            if nxt is not None:
                nxt.editor.focus()

    # -- verify ---------------------------------------------------------------------------

    def action_verify(self) -> None:
        """Check the requester against the population database (through central)."""
        requester = get_in(self.data, ("declarations", "requester")) or {}
        number = get_in(requester, ("id_document", "number"))
        born = requester.get("date_of_birth")
        if not (number and requester.get("full_name") and born):
            self.notify(TEXT["verify_needs"], severity="warning", markup=False)
            return
        self.query_one("#status", Static).update(TEXT["verifying"])
        self._verify(number, requester["full_name"], born)

    @work(thread=True, exit_on_error=False, exclusive=True, group="wizard-verify")
    def _verify(self, number: str, name: str, born: str) -> None:
        from datetime import date

        from desk_app.sync.verify import verify_requester

        answer = verify_requester(
            self.desk.settings.central, number, name, date.fromisoformat(born)
        )
        self.post_message(Verified(answer))

    def on_verified(self, message: Verified) -> None:
        """The population database answered: the requester marked (or not) as verified."""
        message.stop()
        answer = message.answer
        set_in(self.data, ("declarations", "requester", "verified"), answer.verified)
        self.save_draft()
        self.query_one("#status", Static).update("")
        severity: SeverityLevel = "information" if answer.verified else "warning"
        self.notify(
            answer.message,
            title=TEXT["verify_title"],
            severity=severity,
            timeout=8,
            markup=False,
        )

    # -- scan -----------------------------------------------------------------------------

    def action_scan(self) -> None:
        """Open the scan field: the scanner types the chip card's QR into it."""
        self.app.push_screen(ScanDialog(), self._scanned)

    def action_scan_anywhere(self) -> None:
        """F2 where the footer does not show it: the same scan field."""
        self.action_scan()

    async def _scanned(self, payload: str | None) -> None:
        if payload:
            await self.take_scan(payload)

    async def take_scan(self, payload: str) -> None:
        """Fill the requester from a chip card scan, or say what was wrong with it."""
        error = apply_scan(self.data, payload, self.sources.gz)
        if error is not None:
            self.notify(error, title="Quét thẻ căn cước", severity="error", markup=False)
            pane = self._page(f"#page-{self.current}")
            if isinstance(pane, FormPane):
                pane.reload()
            return
        self.save_draft()
        if self.current != "requester":
            await self.show_step("requester")
        pane = self.query_one("#page-requester", FormPane)
        pane.reload()
        nxt = pane.next_row(None)
        if nxt is not None:
            nxt.editor.focus()

    # -- copy -----------------------------------------------------------------------------

    def action_copy_address(self, key_id: str) -> None:
        """Copy an address from one declaration into another, as the group's assist says."""
        assist = next((c for c in self.group.copies if c.key_id == key_id), None)
        if assist is None:
            return
        source = get_in(self.data, ("declarations", *assist.source))
        if not isinstance(source, dict) or not source.get("detail"):
            self.notify(
                TEXT["nothing_to_copy"].format(who=assist.who), severity="warning", markup=False
            )
            return
        set_in(self.data, ("declarations", *assist.target), dict(source))
        self.save_draft()
        pane = self._page(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            pane.reload()
        self.notify(TEXT["copied"].format(who=assist.who), markup=False)
