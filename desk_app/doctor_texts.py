"""What `desk doctor` says, in one place (its --help is in :mod:`desk_app.cli_parser`)."""

from __future__ import annotations

TEXT: dict[str, str] = {
    "ok": "đạt",
    "warning": "cảnh báo",
    "fault": "lỗi",
    "title": "Kiểm tra bàn tiếp nhận trước giờ làm việc ({config})",
    "fix": "→ Cách xử lý: {fix}",
    "summary": "Kết quả: {ok} đạt, {warning} cảnh báo, {fault} lỗi.",
    "healthy": "Bàn sẵn sàng tiếp nhận hồ sơ.",
    "unhealthy": "Bàn chưa sẵn sàng: hãy xử lý các mục lỗi ở trên rồi chạy lại desk doctor.",
    # desk.toml
    "config_ok": "Cấu hình desk.toml: hợp lệ.",
    "config_bad": "Cấu hình desk.toml: không dùng được — {reason}",
    "config_fix": "sửa desk.toml theo thông báo trên; chạy desk config check để xem lại.",
    # database and folders
    "db_missing": "Cơ sở dữ liệu {path}: chưa có.",
    "db_missing_fix": "mở desk một lần (tạo cơ sở dữ liệu mới) hoặc khôi phục bản sao lưu "
    "(desk restore); kiểm tra [paths] database trong desk.toml.",
    "db_ok": "Cơ sở dữ liệu {path}: riêng tư (0600) và ghi được.",
    "db_open": "Cơ sở dữ liệu {path}: không ghi được — {reason}.",
    "db_open_fix": "đóng chương trình desk đang treo (nếu có), kiểm tra quyền ghi của tài khoản "
    "này trên tệp và thư mục chứa nó.",
    "not_private": "{what} {path}: tài khoản khác trên máy đọc hoặc ghi được (quyền {mode}).",
    "not_private_fix": "chạy: chmod {want} {path}",
    "folder_missing": "{what} {path}: chưa có; desk sẽ tạo (riêng tư) khi cần.",
    "folder_ok": "{what} {path}: riêng tư (0700) và ghi được.",
    "folder_bad": "{what} {path}: không ghi được — {reason}.",
    "folder_bad_fix": "cấp quyền ghi thư mục này cho tài khoản chạy desk, hoặc đổi [paths] "
    "trong desk.toml.",
    "attachments": "Thư mục tệp đính kèm",
    "receipts": "Thư mục biên nhận",
    "database_folder": "Thư mục cơ sở dữ liệu",
    "database": "Cơ sở dữ liệu",
    # disk
    "disk_ok": "Dung lượng trống: {free} ở {path}.",
    "disk_low": "Dung lượng trống: chỉ còn {free} ở {path}.",
    "disk_fix": "giải phóng ổ đĩa (xóa tệp tạm, chuyển bản sao lưu cũ sang nơi khác); cần ít "
    "nhất {need}.",
    # central
    "no_token": "Hệ thống trung tâm: chưa kiểm tra được — {reason}",
    "no_token_fix": "đặt token của bàn vào biến môi trường {env} (bộ phận kỹ thuật cấp bằng "
    "desk central --issue-token).",
    "central_down": "Hệ thống trung tâm {url}: không liên lạc được — {reason}",
    "central_down_fix": "kiểm tra mạng và địa chỉ [central] url trong desk.toml; hỏi bộ phận "
    "kỹ thuật xem hệ thống trung tâm có đang chạy không. Hồ sơ vẫn nhận được, sẽ gửi sau.",
    "central_refused": "Hệ thống trung tâm {url}: không chấp nhận token — {reason}",
    "central_refused_fix": "nhờ bộ phận kỹ thuật cấp lại token cho bàn này rồi đặt vào biến "
    "môi trường {env}.",
    "central_ok": "Hệ thống trung tâm {url}: liên lạc được, token được chấp nhận.",
    # clock
    "clock_unknown": "Đồng hồ: chưa so được với hệ thống trung tâm (không liên lạc được).",
    "clock_no_date": "Đồng hồ: hệ thống trung tâm không cho biết giờ của nó.",
    "clock_ok": "Đồng hồ: khớp với hệ thống trung tâm (lệch {offset}).",
    "clock_off": "Đồng hồ: máy này lệch {offset} so với hệ thống trung tâm ({direction}).",
    "clock_fix": "chỉnh ngày giờ của máy và bật đồng bộ giờ tự động (NTP); giờ sai làm sai mã "
    "hồ sơ, giờ tiếp nhận và ngày hẹn trả.",
    "fast": "nhanh hơn",
    "slow": "chậm hơn",
    # printing and fonts
    "print_none": "Máy in: chưa đặt lệnh in ([printing] command); biên nhận chỉ được lưu thành "
    "tệp PDF trong thư mục biên nhận.",
    "print_ok": "Máy in: đã gửi trang in thử ({path}) bằng lệnh {command}; hãy xem trang đã ra "
    "giấy chưa.",
    "print_found": "Máy in: lệnh {program} có trên máy (không in trang thử: --no-print).",
    "print_missing": "Máy in: không tìm thấy chương trình {program}.",
    "print_bad": "Máy in: trang in thử không in được — {reason}",
    "print_fix": "kiểm tra máy in đã bật, có giấy, và lệnh [printing] command trong desk.toml "
    "(ví dụ lp -d TÊN_MÁY_IN {file}).",
    "test_page_title": "TRANG IN THỬ CỦA BÀN TIẾP NHẬN",
    "fonts_ok": "Phông chữ: {count} kiểu chữ của biên nhận được nhúng (tập con) trong PDF.",
    "fonts_bad": "Phông chữ: {reason}.",
    "fonts_missing_glyphs": "phông chữ thiếu các chữ {chars}",
    "fonts_not_embedded": "kiểu chữ {names} không được nhúng trong PDF",
    "fonts_fix": "cài lại desk (pip install --force-reinstall desk) để có gói phông "
    "fontpkg-ibm-plex-serif nguyên vẹn.",
    "fonts_render": "không tạo được PDF thử — {reason}",
    # scanner
    "scanner_missing": "Thư mục máy quét {path}: không có.",
    "scanner_missing_fix": "tạo thư mục này và đặt máy quét lưu tệp vào đó, hoặc sửa [paths] "
    "scanner_inbox trong desk.toml.",
    "scanner_unreadable": "Thư mục máy quét {path}: không đọc được — {reason}.",
    "scanner_unreadable_fix": "cấp quyền đọc thư mục này cho tài khoản chạy desk.",
    "scanner_world": "Thư mục máy quét {path}: mọi tài khoản trên máy đều ghi được (quyền "
    "{mode}): ai cũng có thể đặt tệp giả làm bản quét.",
    "scanner_world_fix": "chạy: chmod o-w {path} (chỉ tài khoản của máy quét và của desk được "
    "ghi).",
    "scanner_group": "Thư mục máy quét {path}: cả nhóm tài khoản ghi được (quyền {mode}); chỉ "
    "nên là tài khoản của máy quét.",
    "scanner_ok": "Thư mục máy quét {path}: đọc được, tài khoản khác không ghi được.",
}
"""Everything `desk doctor` says (its --help is in :mod:`desk_app.cli_parser`)."""

TEST_PAGE_LINES: tuple[str, ...] = (
    "Nếu đọc được đủ các dòng dưới đây, máy in và phông chữ của biên nhận đều dùng được.",
    "Ặ Ẵ Ẳ Ấ Ầ Ẩ Ẫ Ậ Ế Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự Đ",
    "ặ ẵ ẳ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự đ",
    "Nguyễn Thị Minh Thư · Bộ phận Một cửa · 0123456789",
)
"""What the test page says, the letters with stacked marks first to break."""
