"""Every sentence about accounts, signing in and the screen lock that a person reads."""

from __future__ import annotations

ROLE_LABELS = {"officer": "Cán bộ tiếp nhận", "supervisor": "Lãnh đạo bộ phận"}

WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
WRONG_PASSWORD = "Mật khẩu không đúng; hãy nhập lại mật khẩu của tài khoản {username}."
"""Unlocking the screen asks only the password of the officer it names: no username to doubt."""
LOCKED = (
    "Tài khoản {username} tạm khóa vì nhập sai mật khẩu nhiều lần; "
    "thử lại sau {until} (hoặc nhờ lãnh đạo bộ phận đặt lại mật khẩu)."
)
JUST_LOCKED = "Sai mật khẩu {count} lần liên tiếp: tài khoản {username} bị khóa đến {until}."
DISABLED = "Tài khoản {username} đã bị ngừng sử dụng; liên hệ lãnh đạo bộ phận."
NOT_SIGNED_IN = "Chưa có cán bộ đăng nhập tại bàn này."
SUPERVISOR_ONLY = "Chỉ lãnh đạo bộ phận được {what}; tài khoản {username} là cán bộ tiếp nhận."
WHAT_CANCEL = "hủy hồ sơ"
WHAT_AUDIT = "xem nhật ký kiểm toán"
WHAT_MANAGE = "quản lý tài khoản cán bộ"
WHAT_RESTORE = "khôi phục cơ sở dữ liệu"
OTHERS_PASSWORD = "Chỉ lãnh đạo bộ phận được đặt mật khẩu cho tài khoản khác."

USERNAME_FIELD = "Tên đăng nhập"
FULL_NAME_FIELD = "Họ và tên cán bộ"
PASSWORD_FIELD = "Mật khẩu"
ROLE_FIELD = "Vai trò"

USERNAME_SHAPE = (
    "{field}: {value!r} không dùng được; gồm 3–32 ký tự chữ thường không dấu, chữ số, "
    "dấu chấm, gạch dưới hoặc gạch ngang (ví dụ thu.nguyen)."
)
USERNAME_TAKEN = "{field}: đã có tài khoản {username}."
NAME_TAKEN = (
    "{field}: đã có tài khoản mang tên {name} ({username}); tên in trên biên nhận và nhật ký "
    "phải phân biệt được từng người, hãy thêm chi tiết (ví dụ chữ đệm đầy đủ)."
)
NAME_SHAPE = "{field}: cần ghi đủ họ và tên (ít nhất hai chữ)."
NAME_REFUSED = "{field}: {reason}"
PASSWORD_SHORT = "{field}: cần ít nhất {min} ký tự."
PASSWORD_LONG = "{field}: tối đa {max} ký tự."
PASSWORD_IS_USERNAME = "{field}: không được trùng tên đăng nhập."
ROLE_UNKNOWN = "{field}: chỉ có officer (cán bộ tiếp nhận) hoặc supervisor (lãnh đạo bộ phận)."
FIRST_MUST_SUPERVISE = (
    "Tài khoản đầu tiên phải là lãnh đạo bộ phận (--role supervisor): "
    "người đó tạo tài khoản cho các cán bộ khác."
)
HELD_BEFORE = (
    "Cơ sở dữ liệu này đã từng có tài khoản hoặc hồ sơ nhưng nay không còn tài khoản nào "
    "(bảng tài khoản đã bị xóa hoặc tệp đã bị thay): không tạo tài khoản đầu tiên mà không "
    "cần đăng nhập được nữa. Hãy khôi phục bản sao lưu của bàn (desk restore) rồi đăng nhập."
)
NO_SUCH = "Không có tài khoản {username}."
LAST_SUPERVISOR = (
    "Không ngừng được {username}: đây là lãnh đạo bộ phận cuối cùng còn hoạt động, "
    "không còn ai quản lý được tài khoản."
)
