"""Errors a person can cause or fix, each carrying a Vietnamese message for the officer.

Anything raised as a :class:`DeskError` is shown as its message, never as a traceback:
the CLI prints it and exits 2, the screens put it next to the field or in a notification.
"""

from __future__ import annotations

import errno as codes


class DeskError(Exception):
    """Base of every error whose message is meant for the officer (Vietnamese)."""

    @property
    def message(self) -> str:
        """The text to show."""
        return str(self)


class ConfigError(DeskError):
    """desk.toml (or a DESK_ environment variable) is malformed or says something invalid."""


class StoreError(DeskError):
    """The database cannot be opened, migrated or written as asked."""


class IllegalTransition(DeskError):
    """A lifecycle event that the dossier's current status does not allow."""


class NotFound(DeskError):
    """No dossier (or draft) with the given code or id."""


_OS_REASONS = {
    "ENOENT": "không tồn tại",
    "EACCES": "không có quyền truy cập",
    "EPERM": "hệ điều hành không cho phép thao tác này",
    "EISDIR": "là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
    "EEXIST": "đã tồn tại",
    "ENOSPC": "ổ đĩa đã hết chỗ trống",
    "EDQUOT": "đã hết hạn mức dung lượng của người dùng",
    "EROFS": "ổ đĩa chỉ cho đọc, không ghi được",
    "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "ELOOP": "đường dẫn có vòng liên kết tượng trưng",
    "EIO": "lỗi đọc/ghi của thiết bị lưu trữ",
    "EBUSY": "tệp hoặc thiết bị đang bận",
    "ETXTBSY": "tệp đang được một chương trình dùng",
    "EMFILE": "quá nhiều tệp đang mở",
    "ENFILE": "quá nhiều tệp đang mở",
    "EFBIG": "tệp quá lớn",
    "EINVAL": "tên hoặc tham số không hợp lệ",
    "ENXIO": "thiết bị không sẵn sàng",
    "ENODEV": "thiết bị không hỗ trợ thao tác này",
    "EXDEV": "không chuyển được giữa hai ổ đĩa",
    "ENOTEMPTY": "thư mục không trống",
    "EAGAIN": "tài nguyên tạm thời không sẵn sàng; hãy thử lại",
    "ECONNREFUSED": "máy kia từ chối kết nối",
    "ETIMEDOUT": "hết thời gian chờ",
}


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in Vietnamese: the OS's own sentence (``[Errno 13]
    Permission denied``) is English and is never shown; the error number stays for support."""
    name = codes.errorcode.get(exc.errno or 0, "")
    reason = _OS_REASONS.get(name, "lỗi của hệ điều hành")
    return f"{reason} (mã lỗi {exc.errno})" if exc.errno else reason
