"""Every key of the wizard, with its id, footer text and tooltip.

Some keys exist twice: once shown in the footer on the pages where they are used most, once
hidden everywhere else, so the footer fits 80 columns and the key still works on every page
(see WizardScreen.check_action).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

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
    Binding(
        "f7",
        "copy_address('copy_mother')",
        "ĐC của mẹ",
        id="wizard.copy_mother",
        tooltip="Chép nơi cư trú của mẹ vào địa chỉ đăng ký thường trú",
    ),
    Binding(
        "f8",
        "copy_address('copy_requester')",
        "ĐC người YC",
        show=False,
        id="wizard.copy_requester",
        tooltip="Chép nơi cư trú của người yêu cầu vào địa chỉ đăng ký thường trú",
    ),
    Binding(
        "f10",
        "finish",
        "Hoàn tất",
        id="wizard.finish",
        tooltip="Kiểm tra toàn bộ hồ sơ và lưu, cấp mã hồ sơ",
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
        "not_here('copy')",
        "ĐC của mẹ",
        show=False,
        id="wizard.copy_mother_elsewhere",
        tooltip="Chép địa chỉ: dùng ở trang Đăng ký thường trú (CT01)",
    ),
    Binding(
        "f8",
        "not_here('copy')",
        "ĐC người YC",
        show=False,
        id="wizard.copy_requester_elsewhere",
        tooltip="Chép địa chỉ: dùng ở trang Đăng ký thường trú (CT01)",
    ),
]
