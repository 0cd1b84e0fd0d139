"""Every key of the wizard, with its id, footer text and tooltip.

Some keys exist twice: once shown in the footer on the pages where they are used most, once
hidden everywhere else, so the footer fits 80 columns and the key still works on every page
(see WizardScreen.check_action).

The copy keys (F7, F8) are the wizard's, their meaning is the group's: each group says what
its copies are called and do (:class:`desk_app.groups.CopyAssist`), and :class:`AssistKeys`
shows them under those names in the footer and in F1's help. A group without a copy for a key
has no such key at all. Their ids stay the same for every group (keymaps rely on them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding, Binding, BindingType

from screens.wizard.host import WizardHost

if TYPE_CHECKING:
    from desk_app.groups import CopyAssist
    from desk_app.groups.pages import Step

TEXT = {
    "copy": "Chép địa chỉ",
    "copy_tooltip": "Chép một địa chỉ đã khai vào địa chỉ của trang này",
    "copy_elsewhere": "{what}: dùng ở trang {page}",
}

WIZARD_KEYS: list[BindingType] = [
    Binding("escape", "back", "Quay lại", id="wizard.back", tooltip="Về trang trước (đã lưu nháp)"),
    Binding(
        "pagedown",
        "next_page",
        "Trang sau",
        show=False,
        id="wizard.next",
        tooltip="Kiểm tra trang này rồi sang trang sau",
    ),
    Binding(
        "pageup",
        "back",
        "Trang trước",
        show=False,
        id="wizard.previous",
        tooltip="Về trang trước",
    ),
    Binding(
        "f2",
        "scan",
        "Quét CCCD",
        id="wizard.scan",
        tooltip="Điền người yêu cầu từ mã QR thẻ căn cước",
    ),
    Binding(
        "f3",
        "verify",
        "Xác thực",
        id="wizard.verify",
        tooltip="Xác thực người yêu cầu với Cơ sở dữ liệu quốc gia về dân cư",
    ),
    Binding(
        "f4",
        "legacy_address",
        "Địa chỉ cũ",
        show=False,
        id="wizard.legacy",
        tooltip="Chọn địa chỉ theo đơn vị hành chính cũ và xem đơn vị hiện nay",
    ),
    # The group's own names replace these (AssistKeys.active_bindings).
    Binding(
        "f7",
        "copy_address('copy_mother')",
        TEXT["copy"],
        id="wizard.copy_mother",
        tooltip=TEXT["copy_tooltip"],
    ),
    Binding(
        "f8",
        "copy_address('copy_requester')",
        TEXT["copy"],
        show=False,
        id="wizard.copy_requester",
        tooltip=TEXT["copy_tooltip"],
    ),
    Binding(
        "f10",
        "finish",
        "Hoàn tất",
        id="wizard.finish",
        tooltip="Kiểm tra toàn bộ hồ sơ và lưu, cấp mã hồ sơ",
    ),
    Binding(
        "f6",
        "refuse_at_counter",
        "Từ chối tiếp nhận",
        show=False,  # the footer is full; F1 lists it on every page
        id="wizard.refuse",
        tooltip="Từ chối tiếp nhận hồ sơ tại quầy: in phiếu từ chối (mẫu 03) và bỏ bản nháp",
    ),
    # The same keys on the pages where the footer has no room to show them: they work
    # everywhere, they are shown where they are most used.
    Binding(
        "f2",
        "scan_anywhere",
        "Quét CCCD",
        show=False,
        id="wizard.scan_anywhere",
        tooltip="Điền người yêu cầu từ mã QR thẻ căn cước",
    ),
    Binding(
        "f10",
        "finish_anywhere",
        "Hoàn tất",
        show=False,
        id="wizard.finish_anywhere",
        tooltip="Kiểm tra toàn bộ hồ sơ và lưu, cấp mã hồ sơ",
    ),
    # Keys pressed where they do not apply: a word on where they do, never silence.
    Binding(
        "f3",
        "not_here('verify')",
        "Xác thực",
        show=False,
        id="wizard.verify_elsewhere",
        tooltip="Xác thực người yêu cầu: dùng ở trang Người yêu cầu",
    ),
    Binding(
        "f4",
        "not_here('legacy')",
        "Địa chỉ cũ",
        show=False,
        id="wizard.legacy_elsewhere",
        tooltip="Chọn địa chỉ cũ: dùng khi đang ở một ô địa chỉ",
    ),
    Binding(
        "f7",
        "not_here('copy_mother')",
        TEXT["copy"],
        show=False,
        id="wizard.copy_mother_elsewhere",
        tooltip=TEXT["copy_tooltip"],
    ),
    Binding(
        "f8",
        "not_here('copy_requester')",
        TEXT["copy"],
        show=False,
        id="wizard.copy_requester_elsewhere",
        tooltip=TEXT["copy_tooltip"],
    ),
]

COPY_KEYS = ("copy_mother", "copy_requester")
"""The copy keys' ids (``wizard.<id>``: F7, F8): a group's copies name one of these."""
ELSEWHERE = "_elsewhere"
"""The id suffix of a key's twin that says where the key applies."""


def copy_elsewhere(assist: CopyAssist, page: Step) -> str:
    """What a copy key does and the page where it does it."""
    return TEXT["copy_elsewhere"].format(what=assist.tooltip, page=page.title)


class AssistKeys(WizardHost):
    """A part of :class:`~screens.wizard.screen.WizardScreen`: the group's copy assists on
    the wizard's copy keys."""

    def copy_assist(self, key_id: str) -> CopyAssist | None:
        """The group's copy on the key ``wizard.<key_id>``, if it has one."""
        return next((c for c in self.group.copies if c.key_id == key_id), None)

    def copy_page(self, key_id: str) -> Step | None:
        """The page where the copy key ``key_id`` works (None: the group has no such copy)."""
        if self.copy_assist(key_id) is None:
            return None
        return next((s for s in self.group.pages if key_id in s.keys), None)

    def _as_the_group_names_it(self, binding: Binding) -> Binding:
        """A copy key (or its twin) under the group's name for it; any other key as it is."""
        binding_id = binding.id or ""
        key_id = binding_id.removeprefix("wizard.").removesuffix(ELSEWHERE)
        assist = self.copy_assist(key_id) if key_id in COPY_KEYS else None
        page = self.copy_page(key_id) if assist is not None else None
        if assist is None or page is None:
            return binding
        tooltip = assist.tooltip
        if binding_id.endswith(ELSEWHERE):
            tooltip = copy_elsewhere(assist, page)
        return replace(binding, description=assist.label, tooltip=tooltip)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active keys, each copy key under the name the group gives it (the footer
        and F1's help read these)."""
        active = super().active_bindings
        for key, found in active.items():
            named = self._as_the_group_names_it(found.binding)
            if named is not found.binding:
                active[key] = found._replace(binding=named, tooltip=named.tooltip)
        return active
