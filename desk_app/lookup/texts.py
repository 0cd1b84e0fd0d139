"""Every word of lookup, work lists and counter actions that an officer reads, in one place."""

from __future__ import annotations

from typing import Final

from desk_app.lifecycle import Status
from desk_app.lookup.query import QueryKind
from desk_app.store.queries import Urgency, WorkList

WORK_LISTS: Final[dict[WorkList, str]] = {
    WorkList.TODAY: "Tiếp nhận hôm nay",
    WorkList.WAITING_SYNC: "Chờ đồng bộ",
    WorkList.REJECTED: "Hệ thống trả lại (cần sửa)",
    WorkList.DUE_TODAY: "Hẹn trả hôm nay",
    WorkList.OVERDUE: "Quá hạn",
    WorkList.READY: "Chờ trả công dân",
}

WORK_LIST_NOTES: Final[dict[WorkList, str]] = {
    WorkList.READY: "Có kết quả (phím T: trả kết quả) hoặc bị từ chối (T: trả lại hồ sơ)",
}
"""What a list holds, when its name alone does not say (shown above the list)."""

URGENCY: Final[dict[Urgency, str]] = {
    Urgency.DUE_TODAY: "hẹn trả hôm nay",
    Urgency.OVERDUE: "quá hạn",
}

QUERY_KINDS: Final[dict[QueryKind, str]] = {
    QueryKind.EMPTY: "Gõ hoặc quét: mã hồ sơ, mã QR trên giấy hẹn, số định danh, tên (không dấu)",
    QueryKind.SCAN: "Mã QR trên giấy hẹn: hồ sơ {value}",
    QueryKind.CODE: "Mã hồ sơ {value}",
    QueryKind.CODE_PART: "Mã hồ sơ có chứa “{value}”",
    QueryKind.PERSONAL_ID: "Số định danh cá nhân {value}",
    QueryKind.OLD_ID: "Số chứng minh nhân dân {value}",
    QueryKind.ID_PART: "Số giấy tờ bắt đầu bằng {value}",
    QueryKind.NAME: "Tên có các từ: {value}",
}

COLUMN_LABELS: Final[dict[str, str]] = {
    "code": "Mã hồ sơ",
    "requester": "Người yêu cầu",
    "received": "Tiếp nhận",
    "due": "Hẹn trả",
    "status": "Trạng thái",
}
"""The headings of a result list (:mod:`desk_app.lookup.columns` decides which are shown)."""

STATUS_SHORT: Final[dict[Status, str]] = {
    Status.DRAFT: "Bản nháp",
    Status.RECEIVED: "Đã tiếp nhận",
    Status.SENT: "Đã gửi đi",
    Status.REJECTED: "Bị trả lại",
    Status.ACCEPTED: "Đang xử lý",
    Status.IN_PROGRESS: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Cần bổ sung",
    Status.READY: "Có kết quả",
    Status.HANDED_OVER: "Đã trả kết quả",
    Status.REFUSED: "Bị từ chối",
    Status.PAPERS_RETURNED: "Đã trả hồ sơ",
    Status.CANCELLED: "Đã hủy",
}
"""Statuses as a list shows them, 14 cells at most: the dossier view says them in full."""

DUE_TODAY: Final = "hôm nay"
OVERDUE_DAYS: Final = "quá hạn {days} ngày"

NO_RESULTS: Final = "Không tìm thấy hồ sơ nào."
NOT_FOUND: Final = "Không có hồ sơ mã {code} trên bàn này."
MORE: Final = "Hiện {shown} hồ sơ mới nhất; hãy gõ thêm để thu hẹp."
FOUND: Final = "{count} hồ sơ"

# --- other counters' dossiers, through central ------------------------------------------------

AT_DESK: Final = "ở quầy {desk}"
"""A central match in a result list: which counter of the office received it."""
ASKING_CENTRAL: Final = "Đang hỏi hệ thống trung tâm…"
FOUND_AT_CENTRAL: Final = "{count} hồ sơ ở quầy khác (hệ thống trung tâm; mở để lấy về bàn này)"
NOT_AT_CENTRAL: Final = (
    "Không có hồ sơ mã {code} trên bàn này, và hệ thống trung tâm cũng không có hồ sơ này "
    "của cơ quan."
)
FETCHED: Final = "{code}: đã lấy hồ sơ của quầy {desk} từ hệ thống trung tâm."

# --- counter actions --------------------------------------------------------------------------

RECEIVER_NAME_REQUIRED: Final = "Người nhận kết quả: hãy nhập họ tên người nhận."
RECEIVER_ID_REQUIRED: Final = (
    "Giấy tờ người nhận xuất trình: hãy nhập số giấy tờ (căn cước 12 số, CMND 9 số hoặc hộ chiếu)."
)
RECEIVER_ID_SHAPE: Final = (
    "Giấy tờ người nhận xuất trình: “{number}” không phải số căn cước (12 chữ số), CMND "
    "(9 chữ số) hay hộ chiếu (chữ cái và chữ số, 8–9 ký tự)."
)
ORIGINALS_MISSING: Final = "Chưa thể trả kết quả: chưa thu/đối chiếu bản chính {items}."
CANCEL_REASON_REQUIRED: Final = "Lý do hủy: hãy ghi lý do công dân yêu cầu hủy hồ sơ."
SUPPLEMENT_EMPTY: Final = (
    "Giấy tờ bổ sung: hãy ghi số bản đã nhận hoặc đính kèm tệp cho ít nhất một giấy tờ."
)
SUPPLEMENT_UNKNOWN_ITEM: Final = "Giấy tờ bổ sung: “{item}” không có trong danh sách giấy tờ."
SUPPLEMENT_UNKNOWN_FILES: Final = (
    "Giấy tờ bổ sung: {count} tệp chưa có trong kho lưu trữ; hãy đính kèm lại."
)
