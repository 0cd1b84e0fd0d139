"""Why a SQLite call failed, in Vietnamese words an officer can act on.

SQLite's messages are English ("database is locked", "file is not a database"), and a message
for the officer must never carry them. :func:`sqlite_reason` turns the common cases into a
Vietnamese reason and anything else into a neutral one. OS errors have theirs in
:func:`desk_app.errors.os_reason`.
"""

from __future__ import annotations

import sqlite3

SQLITE_REASONS = (
    ("database is locked", "cơ sở dữ liệu đang bị một chương trình khác khóa"),
    ("file is not a database", "tệp không phải cơ sở dữ liệu SQLite"),
    ("malformed", "tệp cơ sở dữ liệu bị hỏng"),
    ("readonly database", "không có quyền ghi vào cơ sở dữ liệu"),
    ("unable to open database", "không mở được tệp cơ sở dữ liệu"),
    ("disk i/o error", "lỗi đọc ghi đĩa"),
    ("database or disk is full", "đĩa đã đầy"),
    ("no such table", "thiếu bảng trong cơ sở dữ liệu"),
    ("no such column", "thiếu cột trong cơ sở dữ liệu"),
    ("not authorized", "không được phép"),
    ("constraint failed", "dữ liệu vi phạm ràng buộc của cơ sở dữ liệu"),
)


def sqlite_reason(exc: sqlite3.Error) -> str:
    """A Vietnamese reason for a SQLite error (never its English message)."""
    text = str(exc).lower()
    for needle, reason in SQLITE_REASONS:
        if needle in text:
            return reason
    return "lỗi SQLite"
