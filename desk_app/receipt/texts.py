"""Every word the receipt, its printing and its messages show, in one place.

Wording follows form no. 01 of Circular 01/2018/TT-VPCP ("Giấy tiếp nhận hồ sơ và hẹn trả kết
quả") as one-door systems print it; labels of procedures, delivery methods and attachments come
from ``data/`` through :mod:`desk_app.options` and the group file, not from here.
"""

from __future__ import annotations

from typing import Final

# -- the form ----------------------------------------------------------------------------------

RECEPTION_UNIT: Final = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
COUNTRY: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
TITLE: Final = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
PLACE_DATE: Final = "{place}, ngày {day:02d} tháng {month:02d} năm {year}"
CODE: Final = "Mã hồ sơ: {code}"
VERSION_NOTE: Final = "Bản sửa đổi lần {corrections} — nội dung phiên bản {version}"
LOOKUP_CODE: Final = "Mã tra cứu: {lookup_code}"
COPY_OFFICE: Final = "Liên 1: lưu tại Bộ phận Tiếp nhận và Trả kết quả"
COPY_CITIZEN: Final = "Liên 2: giao người nộp hồ sơ"
CONTINUED: Final = "{code} · {copy} · trang {page}/{pages}"

RECEIVED_BY: Final = "{unit} tiếp nhận hồ sơ của:"
RECEIVED_FROM: Final = "Ông/Bà"
ADDRESS: Final = "Địa chỉ"
PHONE: Final = "Số điện thoại"
EMAIL: Final = "Email"
REQUESTED: Final = "Nội dung yêu cầu giải quyết"
PROCEDURE_ITEM: Final = "- {label}"

DOCUMENTS: Final = "1. Thành phần hồ sơ nộp gồm:"
DOCUMENT_HEAD: Final = ("TT", "Tên giấy tờ", "Số bản", "Ghi chú")
NO_DOCUMENTS: Final = "(không có giấy tờ nào được ghi nhận)"
NOTE_FILES: Final = "bản chụp điện tử: {files} tệp"
NOTE_SIGHTED: Final = "đã đối chiếu bản chính"
NOTE_ORIGINAL_AT_PICKUP: Final = "xuất trình bản chính khi nhận kết quả"
NOTE_ORIGINAL_HANDED_IN: Final = "nộp bản chính khi nhận kết quả"

SETS: Final = "2. Số lượng hồ sơ: {sets:02d} (bộ)"
STATUTORY: Final = "3. Thời gian giải quyết hồ sơ theo quy định: {days}"
STATUTORY_DAYS: Final = "{days:02d} ngày làm việc"
STATUTORY_WITH_VERIFICATION: Final = "{normal} ({verify} nếu phải xác minh)"
STATUTORY_SAME_DAY: Final = "trong ngày làm việc"
STATUTORY_PART: Final = "{label}: {time}"
RECEIVED_AT: Final = "4. Thời gian nhận hồ sơ: {when}"
APPOINTMENT: Final = "5. Thời gian trả kết quả giải quyết hồ sơ: {when}"
LONG_TIME: Final = "{hour:02d} giờ {minute:02d} phút, ngày {day:02d} tháng {month:02d} năm {year}"
DELIVERY: Final = "6. Đăng ký nhận kết quả tại:"
DELIVERY_ITEM: Final = "- {procedure}: {method}"
DELIVERY_AT_AGENCY: Final = "{method} ({agency})"
DELIVERY_POSTAL: Final = "{method}, gửi đến {address}"
DELIVERY_ELECTRONIC: Final = "{method}, gửi thông báo đến {email}"
DELIVERY_WITH_BIRTH: Final = "{method}"
# The register is the desk's store: each desk numbers its dossiers of a day n001–n999, so one
# book is one desk's day.
REGISTER: Final = "Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {sequence}"
REGISTER_BOOK: Final = "bàn {desk} ngày {day}"

LOOKUP_HOW_URL: Final = (
    "Tra cứu tình trạng hồ sơ: quét mã QR bằng điện thoại, hoặc nhập mã hồ sơ và mã tra cứu "
    "trên trang tra cứu; khi đến nhận kết quả, mang theo giấy này. "
    "Giữ kín mã tra cứu: ai có mã này đều xem được tình trạng hồ sơ."
)
# With a QR of the code alone (qr_template = "{code}"), promise only the counter: the national
# portal's lookup uses codes of its own, and central's status page (/tra-cuu) is offered only
# when qr_template points the QR at it (LOOKUP_HOW_URL).
LOOKUP_HOW_CODE: Final = (
    "Hỏi tình trạng hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả: đọc mã hồ sơ và mã tra cứu ở "
    "trên, hoặc đưa giấy này để cán bộ quét mã QR. Khi đến nhận kết quả, mang theo giấy này. "
    "Giữ kín mã tra cứu."
)

SUBMITTER: Final = "NGƯỜI NỘP HỒ SƠ"
OFFICER: Final = "NGƯỜI TIẾP NHẬN HỒ SƠ"
SIGN_HINT: Final = "(Ký và ghi rõ họ tên)"

PDF_TITLE: Final = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả {code}"

# -- addresses ---------------------------------------------------------------------------------

UNKNOWN_COMMUNE: Final = "xã/phường mã {code}"
UNKNOWN_PROVINCE: Final = "tỉnh/thành phố mã {code}"

# -- errors and outcomes (what the officer reads) ----------------------------------------------

UNREADABLE_DOSSIER: Final = (
    "Không in được giấy tiếp nhận cho hồ sơ {code}: nội dung đã lưu không đọc được ({detail}). "
    "Hãy báo bộ phận kỹ thuật; hồ sơ vẫn còn nguyên trong cơ sở dữ liệu."
)
UNKNOWN_GROUP: Final = (
    "Không in được giấy tiếp nhận cho hồ sơ {code}: bàn này chưa có dữ liệu của nhóm thủ tục "
    "{group}."
)
NO_LOOKUP_CODE: Final = (
    "Không in lại được giấy tiếp nhận cho hồ sơ {code}: hồ sơ do quầy {desk} tiếp nhận và mã "
    "tra cứu bí mật chỉ lưu ở quầy đó; hãy in lại tại quầy {desk}."
)
CANNOT_SAVE: Final = "Không lưu được tệp giấy tiếp nhận {path}: {detail}."
UNPRINTABLE: Final = (
    "Phông chữ không có ký tự {chars}: trên giấy in ra thành dấu «?», hãy viết tay bổ sung."
)

PRINTED: Final = "Đã gửi giấy tiếp nhận hồ sơ {code} đến máy in ({copies} bản)."
SAVED: Final = "Chưa cài đặt máy in: giấy tiếp nhận hồ sơ {code} đã được lưu tại {path}."
PRINT_FAILED: Final = (
    "Không in được giấy tiếp nhận hồ sơ {code}: {what}. Tệp PDF vẫn được giữ tại {path}."
)
FAILED_NOT_FOUND: Final = "không tìm thấy chương trình in «{program}»"
FAILED_EXIT: Final = "lệnh in «{program}» báo lỗi (mã {status}){detail}"
FAILED_TIMEOUT: Final = "lệnh in «{program}» không trả lời sau {seconds} giây"
FAILED_SYNTAX: Final = "lệnh in trong desk.toml ([printing] command) sai cú pháp: {detail}"
UNCLOSED_QUOTE: Final = "thiếu dấu ngoặc kép đóng"
BAD_ESCAPE: Final = "dấu \\ ở cuối lệnh không có ký tự đi sau"
FAILED_OS: Final = "không chạy được lệnh in «{program}»: {detail}"
FAILED_SYSTEM: Final = "hệ điều hành không in được tệp: {detail}"

NOTIFY_TITLE_OK: Final = "Giấy tiếp nhận"
NOTIFY_TITLE_FAILED: Final = "Không in được giấy tiếp nhận"

# -- command line ------------------------------------------------------------------------------

CLI_HELP: Final = "in giấy tiếp nhận hồ sơ và hẹn trả kết quả của một hồ sơ đã lưu"
CLI_DESCRIPTION: Final = (
    "Tạo giấy tiếp nhận hồ sơ (PDF) từ hồ sơ đã lưu rồi in bằng lệnh in trong desk.toml; "
    "chưa cài đặt máy in thì lưu vào thư mục giấy tiếp nhận. --out: chỉ ghi ra tệp này. "
    "Lần in được ghi vào nhật ký kiểm toán là in lại, dưới tên cán bộ --as."
)
CLI_CODE: Final = "mã hồ sơ, ví dụ 000.00.01.H26-261124-1001"
CLI_OUT: Final = "ghi PDF ra tệp này thay vì in"
CLI_WRITTEN: Final = "Đã ghi giấy tiếp nhận hồ sơ {code} ra {path}."
