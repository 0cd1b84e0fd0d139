"""Every word of forms 02, 03 and 04, their printing and their messages, in one place.

Wording follows Circular 01/2018/TT-VPCP as one-door systems print its forms (DOMAIN-2.md §B):
02 "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", 03 "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả". The header, the national motto and the
signature hint are the receipt's own (:mod:`desk_app.receipt.texts`): one wording for every
paper of the counter.
"""

from __future__ import annotations

from typing import Final

from desk_app.receipt import texts as receipt_texts

# -- the forms -----------------------------------------------------------------------------------

FORM_NAMES: Final = {
    "02": "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)",
    "03": "phiếu từ chối tiếp nhận, giải quyết hồ sơ (mẫu 03)",
    "04": "phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)",
}
"""Each form as a sentence names it (messages, the audit trail)."""
TITLES: Final = {
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
    "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
}
PDF_TITLE: Final = "{title} – hồ sơ {code}"
FOOTER: Final = "{code} · mẫu {form} · trang {page}/{pages}"

NUMBER: Final = "Số: {number}/HDHS"
CODE: Final = "Mã hồ sơ"
# The identity block is the receipt's, word for word.
RECEIVED_FROM: Final = receipt_texts.RECEIVED_BY
REQUESTER: Final = receipt_texts.RECEIVED_FROM
ADDRESS: Final = receipt_texts.ADDRESS
PHONE: Final = receipt_texts.PHONE
EMAIL: Final = receipt_texts.EMAIL
REQUESTED: Final = receipt_texts.REQUESTED
PROCEDURE_ITEM: Final = receipt_texts.PROCEDURE_ITEM

# 02
TO_COMPLETE: Final = "Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung như sau:"
ITEMS_HEAD: Final = ("TT", "Giấy tờ, nội dung cần bổ sung", "Bản chính", "Bản sao, bản chụp")
ORIGINAL_HANDED_IN: Final = "nộp"
ORIGINAL_SHOWN: Final = "xuất trình"
NONE: Final = "-"
NO_ITEMS: Final = "(cơ quan giải quyết chưa nêu giấy tờ cụ thể: xem lý do dưới đây)"
CENTRAL_ITEM: Final = "Theo yêu cầu của cơ quan giải quyết: {reason}"
REASON: Final = "Lý do"
REASON_CENTRAL: Final = (
    "Cơ quan giải quyết thủ tục yêu cầu bổ sung, hoàn thiện hồ sơ trước khi giải quyết."
)
REASON_MISSING: Final = "Hồ sơ chưa có đủ thành phần giấy tờ theo quy định."
CONTACT: Final = (
    "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với {officer}, {unit}, "
    "số điện thoại {phone} để được hướng dẫn."
)
CONTACT_NO_PHONE: Final = (
    "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ trực tiếp với "
    "{officer}, {unit} để được hướng dẫn."
)
GUIDE: Final = "NGƯỜI HƯỚNG DẪN"

# 03
REFUSAL: Final = (
    "Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, {unit} thông báo không tiếp "
    "nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"
)
REFUSAL_END: Final = "Xin thông báo để Ông/Bà được biết và thực hiện."
RECEIVING_OFFICER: Final = "NGƯỜI TIẾP NHẬN HỒ SƠ"

# 03 at the counter: refused while it was being entered, so never saved and given no code
FOOTER_AT_COUNTER: Final = (
    "Từ chối tại quầy, không cấp mã hồ sơ · mẫu {form} · trang {page}/{pages}"
)
PDF_TITLE_AT_COUNTER: Final = "{title} – {name}"
COUNTER_REASONS: Final = (
    "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan này.",
    "Giấy tờ trong hồ sơ có dấu hiệu giả mạo, tẩy xóa, sửa chữa.",
    "Hồ sơ thiếu giấy tờ theo quy định, chưa bổ sung được ngay.",
    "Người nộp không thuộc diện được yêu cầu thủ tục này.",
)
"""The usual reasons to refuse at the counter (the officer may add details to any of them);
each one line of the dialog at 80 columns."""
COUNTER_OTHER: Final = "Lý do khác (ghi rõ ở ô dưới)"
COUNTER_REASON_FIELD: Final = "Lý do từ chối"
COUNTER_DETAIL_FIELD: Final = "Ghi rõ lý do"
COUNTER_NAME_FIELD: Final = "Họ tên người yêu cầu"
COUNTER_NO_CHOICE: Final = "{field}: hãy chọn một lý do trong danh sách (↑↓ rồi Enter)."
COUNTER_NO_DETAIL: Final = "{field}: đã chọn «Lý do khác», hãy ghi lý do cụ thể để in trên phiếu."
COUNTER_NO_NAME: Final = "{field}: chưa có; hãy ghi họ tên người nộp hồ sơ để in trên phiếu."
COUNTER_NO_DRAFT: Final = (
    "Bản nháp số {draft} không còn (đã lưu thành hồ sơ hoặc đã bỏ): không có hồ sơ nào để từ chối."
)
MAX_NAME: Final = 100
"""Characters of a person's name on the form (the declarations allow no longer)."""

# 04
ADDRESSEE: Final = "Kính gửi: Ông/Bà"
RECEIVED_ON: Final = (
    "Ngày {day:02d} tháng {month:02d} năm {year}, {unit} tiếp nhận hồ sơ của Ông/Bà."
)
APPOINTMENT: Final = "Thời gian hẹn trả kết quả giải quyết hồ sơ"
DELAY: Final = "Tuy nhiên, hồ sơ của Ông/Bà chưa được giải quyết xong đúng hẹn do:"
APOLOGY: Final = (
    "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agency} xin lỗi Ông/Bà và sẽ trả kết quả "
    "giải quyết hồ sơ cho Ông/Bà vào:"
)
APOLOGY_AGAIN: Final = "Một lần nữa, {agency} xin lỗi Ông/Bà."
MADE_BY: Final = "NGƯỜI LẬP PHIẾU"
HEAD: Final = "THỦ TRƯỞNG CƠ QUAN"
SEAL_HINT: Final = "(Ký, ghi rõ họ tên và đóng dấu)"

# -- refusals (what the officer reads; each names the field or option) -------------------------

UNREADABLE_DOSSIER: Final = (
    "Không in được phiếu cho hồ sơ {code}: nội dung đã lưu không đọc được ({detail}). "
    "Hãy báo bộ phận kỹ thuật; hồ sơ vẫn còn nguyên trong cơ sở dữ liệu."
)
UNKNOWN_GROUP: Final = (
    "Không in được phiếu cho hồ sơ {code}: bàn này chưa có dữ liệu của nhóm thủ tục {group}."
)
UNKNOWN_FORM: Final = "Mẫu phiếu (MẪU): không có mẫu «{form}»; chọn 02, 03 hoặc 04."
WRONG_STATE: Final = (
    "Trạng thái hồ sơ: hồ sơ {code} đang ở trạng thái “{status}”, không in được {form}. {when}"
)
WHEN: Final = {
    "02": (
        "Mẫu 02 dùng khi cơ quan giải quyết yêu cầu bổ sung hồ sơ, hoặc hồ sơ chưa trả kết quả "
        "còn thiếu giấy tờ bắt buộc."
    ),
    "03": "Mẫu 03 dùng cho hồ sơ đã bị từ chối tiếp nhận, giải quyết.",
    "04": "Mẫu 04 dùng cho hồ sơ đã tiếp nhận mà chưa có kết quả.",
}
REASON_FIELD: Final = "Lý do (--reason)"
NEW_DATE_FIELD: Final = "Ngày hẹn mới (--new-date)"
REASON_REQUIRED: Final = "{field}: hãy ghi lý do {what}."
REASON_WHAT: Final = {
    "02": "cần bổ sung, hoàn thiện hồ sơ",
    "03": "từ chối tiếp nhận, giải quyết hồ sơ",
    "04": "chậm trả kết quả",
}
REASON_TOO_LONG: Final = "{field}: dài {length} ký tự, nhiều nhất {most} ký tự."
REASON_STORED: Final = (
    "{field}: hồ sơ {code} đã có lý do từ chối được ghi nhận («{reason}»); phiếu từ chối in "
    "đúng lý do đó, không thay bằng lý do khác. Hãy bỏ --reason."
)
NEW_DATE_ONLY_04: Final = "{field}: chỉ dùng với mẫu 04 (hẹn lại ngày trả kết quả)."
NEW_DATE_REQUIRED: Final = "{field}: mẫu 04 cần ngày hẹn trả kết quả mới (YYYY-MM-DD)."
NEW_DATE_SHAPE: Final = "ngày «{value}» không đúng dạng YYYY-MM-DD (ví dụ 2026-12-15)"
NEW_DATE_NOT_LATER: Final = (
    "{field}: ngày {day} không sau ngày hẹn trả kết quả ban đầu ({original}); hãy chọn một ngày "
    "làm việc sau ngày đó."
)
NEW_DATE_NOT_WORKING: Final = (
    "{field}: ngày {day} ({weekday}) không phải ngày làm việc{holiday}; hãy chọn ngày làm việc, "
    "ví dụ {suggestion}."
)
HOLIDAY: Final = " ({name})"
WEEKDAYS: Final = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# -- printing and its outcome -------------------------------------------------------------------

WRITTEN: Final = "Đã ghi {form} của hồ sơ {code} ra {path}."
PRINTED: Final = "Đã gửi {form} của hồ sơ {code} đến máy in; tệp PDF ở {path}."
NO_PRINTER: Final = (
    "Chưa cài đặt máy in ([printing] command trong desk.toml): {form} của hồ sơ {code} đã được "
    "lưu tại {path}."
)
OUT_FOLDER: Final = "Tệp PDF (--out): không có thư mục {folder}."
CANNOT_SAVE: Final = "Tệp PDF (--out): không lưu được {path}: {detail}."
PRINT_FAILED: Final = (
    "Không in được {form} của hồ sơ {code}: {what}. Tệp PDF vẫn được giữ tại {path}."
)

AT_COUNTER: Final = {
    "written": "Đã từ chối tiếp nhận hồ sơ của {name}: {form} đã ghi ra {path}; bản nháp đã bỏ.",
    "printed": (
        "Đã từ chối tiếp nhận hồ sơ của {name}: {form} đã gửi đến máy in (tệp PDF ở {path}); "
        "bản nháp đã bỏ."
    ),
    "saved": (
        "Đã từ chối tiếp nhận hồ sơ của {name}; chưa cài đặt máy in ([printing] command trong "
        "desk.toml): {form} đã được lưu tại {path}; bản nháp đã bỏ."
    ),
    "failed": (
        "Đã từ chối tiếp nhận hồ sơ của {name} và bỏ bản nháp, nhưng không in được {form}: "
        "{what}. Tệp PDF vẫn được giữ tại {path}."
    ),
}
"""The outcome of a refusal at the counter: no code to name, so the requester is named."""

# -- command line -------------------------------------------------------------------------------

CLI_HELP: Final = (
    "in phiếu mẫu 02, 03 hoặc 04 (bổ sung hồ sơ, từ chối, xin lỗi hẹn lại) của một hồ sơ đã lưu"
)
CLI_DESCRIPTION: Final = (
    "Tạo phiếu (PDF) từ hồ sơ đã lưu theo mẫu của Thông tư 01/2018/TT-VPCP: 02 phiếu yêu cầu "
    "bổ sung, hoàn thiện hồ sơ (hồ sơ được yêu cầu bổ sung hoặc còn thiếu giấy tờ); 03 phiếu "
    "từ chối tiếp nhận, giải quyết hồ sơ (hồ sơ đã bị từ chối, in đúng lý do đã ghi nhận); 04 "
    "phiếu xin lỗi và hẹn lại ngày trả kết quả (cần --reason và --new-date). Phiếu được ghi "
    "ra --out, hoặc vào thư mục giấy tiếp nhận khi không có --out; --print gửi thêm đến máy in "
    "theo lệnh in trong desk.toml. Mỗi lần in được ghi vào nhật ký kiểm toán dưới tên cán bộ "
    "--as. Mã thoát 0: thành công; 2: không in được (thông báo nói rõ lý do)."
)
CLI_FORM: Final = "mẫu phiếu: 02, 03 hoặc 04"
CLI_CODE: Final = "mã hồ sơ, ví dụ 000.00.01.H26-261124-1001"
CLI_REASON: Final = (
    "lý do: mẫu 02, thay lý do mặc định; mẫu 03, chỉ khi hồ sơ chưa có lý do từ chối được "
    "ghi nhận; mẫu 04, bắt buộc (lý do chậm trả kết quả)"
)
CLI_NEW_DATE: Final = (
    "mẫu 04: ngày hẹn trả kết quả mới, YYYY-MM-DD, là ngày làm việc sau ngày hẹn ban đầu"
)
CLI_OUT: Final = "ghi PDF ra tệp này (mặc định: thư mục giấy tiếp nhận trong desk.toml)"
CLI_PRINT: Final = "gửi phiếu đến máy in theo [printing] command trong desk.toml"
