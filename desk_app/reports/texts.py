"""Every sentence the reports, the closing slip and their commands say, in Vietnamese.

Kept in one place so the PDF, the spreadsheet, the screen and `--help` say the same thing.
"""

from __future__ import annotations

from typing import Final

# --- register book (form 06 of Circular 01/2018/TT-VPCP) -------------------------------------
REGISTER_TITLE: Final = "SỔ THEO DÕI HỒ SƠ"
REGISTER_FORM: Final = "Mẫu số 06 – Thông tư 01/2018/TT-VPCP"
REGISTER_PERIOD: Final = "Từ ngày {start} đến ngày {end}"
REGISTER_COUNT: Final = "Số hồ sơ trong sổ: {count}"
REGISTER_EMPTY: Final = "Không có hồ sơ nào tiếp nhận trong khoảng thời gian này."
REGISTER_HEAD: Final = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày chuyển hồ sơ đến cơ quan giải quyết",
    "Ngày nhận kết quả từ cơ quan giải quyết",
    "Ngày trả kết quả cho cá nhân, tổ chức",
    "Ký nhận",
    "Ghi chú",
)
"""The columns of the tracking book, in its order (its five dates each named in full, so
one header row says everything on every page)."""
REGISTER_SHEET: Final = "So theo doi"
REGISTER_FOOTER: Final = "Sổ theo dõi hồ sơ {start} – {end} · Trang {page}/{pages}"
OTHER_DESK: Final = "Bàn {desk} tiếp nhận"
NOTE_STATUS: Final = "{status}"

# --- monthly summary ---------------------------------------------------------------------------
SUMMARY_TITLE: Final = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT HỒ SƠ"
SUMMARY_PERIOD: Final = (
    "Tháng {month:02d}/{year}: hồ sơ tiếp nhận trong tháng, tình trạng đến {as_of}"
)
SUMMARY_NOTE: Final = (
    "Đúng hạn: có kết quả không muộn hơn giờ hẹn trên giấy tiếp nhận, hoặc ngày hẹn lại "
    "(mẫu 04) khi có. Tỷ lệ đúng hạn = đã giải quyết đúng hạn / đã giải quyết."
)
SUMMARY_FOOTER: Final = "Báo cáo tháng {month:02d}/{year} · Trang {page}/{pages}"
SUMMARY_SHEET: Final = "Bao cao"
COLUMNS: Final = (
    "Tiếp nhận",
    "Giải quyết đúng hạn",
    "Giải quyết quá hạn",
    "Đang giải quyết trong hạn",
    "Đang giải quyết quá hạn",
    "Từ chối",
    "Đã hủy",
    "Tỷ lệ đúng hạn",
)
"""The figures of every row of the summary, in order."""
SECTION_TOTAL: Final = "Tổng cộng"
SECTION_GROUP: Final = "Theo nhóm thủ tục"
SECTION_PROCEDURE: Final = "Theo thủ tục"
SECTION_OFFICER: Final = "Theo cán bộ tiếp nhận"
ROW_HEAD: Final = "Nội dung"
ALL: Final = "Toàn bộ phận"
NO_RATE: Final = "—"
RATE: Final = "{rate:.1f}%"
CHART_TITLE: Final = "Kết quả giải quyết theo thủ tục"
CHART_LEGEND: Final = ("Đúng hạn", "Quá hạn", "Đang giải quyết", "Từ chối, hủy")
UNKNOWN_GROUP: Final = "Nhóm thủ tục {kind}"

# --- closing slip ------------------------------------------------------------------------------
CLOSING_TITLE: Final = "PHIẾU KẾT THÚC NGÀY LÀM VIỆC"
CLOSING_DAY: Final = "Ngày {day} – Bàn tiếp nhận số {desk}"
CODES_HEAD: Final = "1. Mã hồ sơ đã cấp tại bàn trong ngày"
CODES_NONE: Final = "Bàn không cấp mã hồ sơ nào trong ngày."
CODES_RANGE: Final = "Từ mã {first} đến mã {last}: {count} hồ sơ."
CODES_ALLOCATED: Final = "Bộ đếm của bàn đã cấp đến số thứ tự {last}."
GAPS_NONE: Final = "Không có số thứ tự nào bị bỏ trống."
GAP_DELETED: Final = (
    "Số {number} ({code}): đã cấp, nhật ký kiểm toán có sự kiện tiếp nhận lúc {at}, nhưng cơ "
    "sở dữ liệu không còn hồ sơ này (hồ sơ đã bị xóa ngoài chương trình)."
)
GAP_UNUSED: Final = (
    "Số {number} ({code}): bộ đếm đã cấp nhưng không có hồ sơ và nhật ký không có sự kiện "
    "tiếp nhận nào{restore}."
)
GAP_RESTORE: Final = "; trong ngày có lần khôi phục dữ liệu lúc {at} (bộ đếm giữ số cũ)"
WAITING_HEAD: Final = "2. Hồ sơ chưa gửi được lên hệ thống trung tâm"
SYNC_OK: Final = "Đã đồng bộ với hệ thống trung tâm lúc {at} trước khi lập phiếu."
SYNC_FAILED: Final = "Không đồng bộ được trước khi lập phiếu ({reason}): bàn đang ngoại tuyến."
WAITING_NONE: Final = "Mọi hồ sơ đã được gửi lên hệ thống trung tâm."
WAITING_COUNT: Final = "Còn {count} hồ sơ chờ gửi:"
WAITING_ROW: Final = "{code} – tiếp nhận {at}{held}"
WAITING_HELD: Final = " – tạm giữ: {reason}"
PRINTS_HEAD: Final = "3. Giấy tờ đã in trong ngày"
PRINTS_RECEIPTS: Final = "Giấy tiếp nhận và hẹn trả kết quả in khi tiếp nhận: {count}"
PRINTS_REPRINTS: Final = "Giấy tiếp nhận in lại: {count}{codes}"
PRINTS_FORMS: Final = "Mẫu 02, 03, 04 đã in: {count}"
AUDIT_HEAD: Final = "4. Nhật ký kiểm toán"
AUDIT_CHAIN: Final = "Độ dài chuỗi: {events} sự kiện; mã băm đầu chuỗi: {head}"
AUDIT_EMPTY: Final = "Nhật ký chưa có sự kiện nào."
ANCHOR_CONFIRMED: Final = (
    "Mốc gần nhất hệ thống trung tâm giữ: sự kiện {events}, mã băm {head}, neo lúc {at}."
)
ANCHOR_NONE: Final = "Hệ thống trung tâm chưa giữ mốc nào của nhật ký bàn này."
ANCHOR_OFFLINE: Final = "Chưa đối chiếu được mốc với hệ thống trung tâm ({reason})."
ANCHOR_UNREACHED: Final = "Chưa đối chiếu được mốc với hệ thống trung tâm (bàn đang ngoại tuyến)."
SIGN_OFFICER: Final = "CÁN BỘ TIẾP NHẬN"
SIGN_SUPERVISOR: Final = "LÃNH ĐẠO BỘ PHẬN"
SIGN_HINT: Final = "(Ký, ghi rõ họ tên)"
CLOSING_FOOTER: Final = "Phiếu kết thúc ngày {day} · bàn {desk} · Trang {page}/{pages}"
CLOSING_PRINTED: Final = "Đã in phiếu kết thúc ngày {day} ({path})."
CLOSING_WRITTEN: Final = "Đã lưu phiếu kết thúc ngày {day} vào {path}."
CLOSING_NO_PRINTER: Final = (
    "Chưa cấu hình máy in ([printing] command): phiếu kết thúc ngày {day} được lưu ở {path}."
)
CLOSING_PRINT_FAILED: Final = (
    "Không in được phiếu kết thúc ngày {day} ({what}); phiếu vẫn ở {path}."
)
CLOSE_ACTION_DONE: Final = "close_day"

# --- files, arguments, errors ------------------------------------------------------------------
WRITTEN: Final = "Đã ghi {what} ({count} hồ sơ) vào {path}."
WHAT_REGISTER: Final = "sổ theo dõi hồ sơ"
WHAT_SUMMARY: Final = "báo cáo tháng"
BAD_SUFFIX: Final = "--out: tệp {path} phải có đuôi .pdf hoặc .xlsx."
OUT_FOLDER: Final = "--out: không có thư mục {folder}."
CANNOT_SAVE: Final = "--out: không ghi được {path}: {detail}."
SAVE_FAILED: Final = "Không ghi được báo cáo vào {path}: {detail}."
BAD_DAY: Final = "{option}: {value!r} không phải ngày dạng YYYY-MM-DD (ví dụ 2026-11-24)."
BAD_MONTH: Final = "--month: {value!r} không phải tháng dạng YYYY-MM (ví dụ 2026-11)."
BAD_PERIOD: Final = (
    "--from {start} sau --to {end}: ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
)
LONG_PERIOD: Final = (
    "--from/--to: khoảng thời gian dài {days} ngày; sổ chỉ lập cho tối đa {limit} ngày."
)
WHAT_REPORTS: Final = "lập sổ theo dõi và báo cáo"
WHAT_CLOSE: Final = "kết thúc ngày làm việc trên màn hình"

CLI_REPORT_HELP: Final = "sổ theo dõi hồ sơ (mẫu 06) và báo cáo tháng, ra PDF hoặc XLSX"
CLI_REPORT_DESCRIPTION: Final = (
    "Lập sổ theo dõi hồ sơ (register) hoặc báo cáo tình hình giải quyết hồ sơ theo tháng "
    "(summary) từ dữ liệu của bàn: hồ sơ bàn tiếp nhận và hồ sơ của các bàn khác trong bộ "
    "phận mà bàn đang giữ. Đuôi của --out chọn định dạng: .pdf (in được, khổ A4 ngang) hoặc "
    ".xlsx (bảng tính). Chỉ lãnh đạo bộ phận (--as)."
)
CLI_REGISTER_HELP: Final = "sổ theo dõi hồ sơ (mẫu 06) cho một khoảng ngày tiếp nhận"
CLI_SUMMARY_HELP: Final = "báo cáo một tháng: tiếp nhận, đúng hạn, quá hạn, đang giải quyết…"
CLI_FROM: Final = "ngày tiếp nhận đầu tiên, YYYY-MM-DD"
CLI_TO: Final = "ngày tiếp nhận cuối cùng, YYYY-MM-DD"
CLI_MONTH: Final = "tháng báo cáo, YYYY-MM"
CLI_OUT: Final = "tệp kết quả: .pdf hoặc .xlsx"
CLI_CLOSE_HELP: Final = "in phiếu kết thúc ngày làm việc của bàn (đồng bộ trước khi lập)"
CLI_CLOSE_DESCRIPTION: Final = (
    "Đồng bộ một lượt với hệ thống trung tâm (khi có cấu hình), rồi lập phiếu kết thúc ngày: "
    "mã hồ sơ đã cấp (đầu, cuối, số lượng, số bị bỏ trống và lý do), hồ sơ còn chờ gửi, giấy "
    "tiếp nhận đã in và in lại, độ dài và mã băm đầu chuỗi nhật ký cùng mốc trung tâm đã "
    "neo, chỗ ký của cán bộ và lãnh đạo. Phiếu được lưu trong thư mục giấy tiếp nhận và in "
    "bằng [printing] command như giấy tiếp nhận."
)
CLI_DATE: Final = "ngày cần kết thúc, YYYY-MM-DD (mặc định: hôm nay)"
CLI_CLOSE_OUT: Final = "chỉ ghi phiếu PDF vào tệp này, không in"
