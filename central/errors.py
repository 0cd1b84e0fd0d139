"""Central's error answers: one exception, every Vietnamese message, pydantic's errors translated.

Every answer other than 2xx is ``{"error": <code>, "message": <Vietnamese>}``. The message is
what a desk shows its officer (a dossier set aside names central's reason), so nothing of
pydantic's or Starlette's English may leak into it: validation errors are translated here.
"""

from __future__ import annotations

from pydantic import ValidationError

MESSAGES = {
    "unauthorized": "Thiếu hoặc sai token của bàn; kiểm tra biến môi trường chứa token.",
    "not_found": "Không có hồ sơ này trong đơn vị của bàn.",
    "invalid_request": "Yêu cầu không đúng định dạng của giao thức đồng bộ: {detail}",
    "key_reused": "Khóa Idempotency-Key đã dùng cho một lô khác.",
    "key_missing": "Thiếu hoặc sai khóa Idempotency-Key (8–100 ký tự A-Z, a-z, 0-9, _ và -).",
    "digest_missing": (
        "Thiếu hoặc sai tiêu đề Content-Digest (sha-256=:<base64>:) của nội dung gửi lên."
    ),
    "digest_mismatch": (
        "Nội dung nhận được khác nội dung đã gửi (hỏng trên đường truyền); chưa lưu gì, "
        "hãy gửi lại."
    ),
    "too_large": "Yêu cầu quá lớn (tối đa {limit} byte); chưa lưu gì.",
    "rate_limited": (
        "Bàn đã gửi quá nhiều yêu cầu xác thực trong thời gian ngắn; hãy thử lại sau "
        "{seconds} giây."
    ),
    "http": "Lỗi giao thức HTTP {status}.",
    "agency_unauthorized": (
        "Thiếu hoặc sai token của cơ quan giải quyết; kiểm tra biến môi trường chứa token."
    ),
    "agency_only": "Token của bàn tiếp nhận không dùng được cho việc của cơ quan giải quyết.",
    "desk_only": "Token của cơ quan giải quyết không dùng được cho việc của bàn tiếp nhận.",
    "agency_not_found": "Không có hồ sơ này trong số hồ sơ cơ quan được giải quyết.",
    "internal": "Hệ thống trung tâm gặp lỗi khi xử lý yêu cầu; chưa lưu gì, hãy thử lại sau.",
}

RETRYABLE_ERRORS = frozenset({"digest_mismatch"})
"""4xx answers that are transport faults, not a verdict: the same request may simply be resent."""


class ApiError(Exception):
    """An answer other than 2xx, rendered as :class:`central.protocol.ErrorBody`."""

    def __init__(
        self, status: int, error: str, *, headers: dict[str, str] | None = None, **context: object
    ) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.headers = headers
        self.message = MESSAGES[error].format(**context)


VALIDATION = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong giao thức",
    "string_too_long": "chuỗi quá dài (tối đa {max_length} ký tự)",
    "string_too_short": "chuỗi quá ngắn (tối thiểu {min_length} ký tự)",
    "too_long": "quá nhiều phần tử (tối đa {max_length})",
    "too_short": "quá ít phần tử (tối thiểu {min_length})",
    "string_pattern_mismatch": "sai dạng",
    "json_invalid": "không phải JSON hợp lệ",
    "json_type": "không phải JSON hợp lệ",
    "timezone_aware": "thời điểm thiếu múi giờ",
    "datetime_parsing": "ngày giờ sai dạng (cần ISO 8601 có múi giờ)",
    "datetime_from_date_parsing": "ngày giờ sai dạng (cần ISO 8601 có múi giờ)",
    "datetime_type": "ngày giờ sai dạng (cần ISO 8601 có múi giờ)",
    "date_parsing": "ngày sai dạng (cần YYYY-MM-DD)",
    "date_from_datetime_parsing": "ngày sai dạng (cần YYYY-MM-DD)",
    "date_from_datetime_inexact": "ngày sai dạng (cần YYYY-MM-DD)",
    "date_type": "ngày sai dạng (cần YYYY-MM-DD)",
    "string_type": "phải là chuỗi",
    "string_unicode": "chuỗi có ký tự không hợp lệ",
    "dict_type": "phải là đối tượng JSON",
    "model_type": "phải là đối tượng JSON",
    "model_attributes_type": "phải là đối tượng JSON",
    "list_type": "phải là danh sách",
    "literal_error": "giá trị không thuộc danh sách cho phép",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "year_range": "năm phải từ 2000 đến 2099",
}
"""pydantic error type → what central says about it (its context fills the braces)."""


def validation_detail(exc: ValidationError) -> str:
    """Where the first error is and what is wrong, in Vietnamese (never pydantic's English)."""
    first = exc.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(p) for p in first["loc"]) or "(gốc)"
    # A location may hold a key the request made up: keep it short and printable.
    where = "".join(c if c.isprintable() else "?" for c in where)
    where = where if len(where) <= 80 else where[:79] + "…"
    text = VALIDATION.get(first["type"], "giá trị không hợp lệ")
    context = {k: v for k, v in (first.get("ctx") or {}).items() if isinstance(v, int | str)}
    try:
        text = text.format(**context)
    except (KeyError, IndexError):
        text = VALIDATION.get(first["type"], "giá trị không hợp lệ").split(" (")[0]
    return f"{where}: {text}"
