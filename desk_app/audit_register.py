"""The audit trail as a supervisor reads it: a register in Vietnamese, not a dump of rows.

``desk audit show`` prints each event with its local time to the second ("24/11/2026
09:30:05"), the action in words ("Trả kết quả", "Đăng nhập"), and its detail with Vietnamese
names and values ("Trạng thái: Có kết quả, chờ trả → Đã trả kết quả", "Người nhận: …").
Hashes and the sync protocol's identifiers (content hashes, password fingerprints, batch keys,
versions) prove the trail to a machine, not to a reader: they are printed only with
``--hashes``, which also adds each event's own chain hash. A detail key this module does not
know is shown as stored rather than hidden.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from desk_app.clock import VN_TZ
from desk_app.lifecycle import PROCEDURE_LABELS, STATUS_LABELS, Status
from desk_app.officers.texts import ROLE_LABELS

ACTIONS: Mapping[str, str] = {
    "officer.add": "Tạo tài khoản cán bộ",
    "officer.passwd": "Đặt mật khẩu",
    "officer.disable": "Ngừng sử dụng tài khoản",
    "officer.enable": "Cho dùng lại tài khoản",
    "officer.sign_in": "Đăng nhập",
    "officer.sign_in_failed": "Đăng nhập sai",
    "officer.locked_out": "Tạm khóa tài khoản (sai mật khẩu nhiều lần)",
    "officer.sign_out": "Đăng xuất",
    "officer.screen_locked": "Khóa màn hình",
    "dossier.view": "Xem hồ sơ",
    "discard_draft": "Bỏ bản nháp",
    "dossier.refused_at_counter": "Từ chối tiếp nhận hồ sơ tại quầy (mẫu 03)",
    "database.restore": "Khôi phục cơ sở dữ liệu",
    "progress": "Ghi nhận tiến độ thủ tục",
}
"""Actions that are not dossier events (those are worded as the dossier's history words them)."""

TECHNICAL = frozenset(
    {
        "hash",
        "password",
        "name",
        "known",
        "batch",
        "central_id",
        "central_event",
        "version",
        "seq",
        "reason_code",
        "originals",
        "handed_at",
    }
)
"""Detail keys for machines (hashes, fingerprints, protocol ids): printed only with --hashes."""

LABELS: Mapping[str, str] = {
    "username": "Tài khoản",
    "role": "Vai trò",
    "attempt": "Lần sai thứ",
    "until": "Khóa đến",
    "disabled": "Tài khoản ngừng sử dụng",
    "resume": "Mở khóa màn hình",
    "procedure": "Thủ tục",
    "reference": "Số",
    "reason": "Lý do",
    "note": "Ghi chú",
    "receiver": "Người nhận",
    "receiver_id": "Giấy tờ người nhận",
    "original_labels": "Bản chính đã thu/đối chiếu",
    "originals_handed_in": "Bản chính đã thu (cơ quan giữ)",
    # Hand-overs audited before "originals_handed_in": the chain keeps them as written.
    "birth_certificate_original": "Đã thu bản chính giấy chứng sinh",
    "attachments": "Giấy tờ bổ sung",
    "requested_by": "Theo yêu cầu của",
    "copies": "Số liên",
    "status": "Trạng thái lúc đó",
    "central_status": "Trạng thái trên hệ thống",
    "outcome": "Kết quả gửi",
    "kind": "Loại",
    "draft": "Bản nháp số",
    "group": "Nhóm thủ tục",
    "requester": "Người yêu cầu",
    "requested": "Yêu cầu giải quyết",
    "file": "Tệp",
    "force": "Bắt buộc khôi phục",
    "active": "Đang dùng",
    "hash": "Mã băm nội dung",
    "password": "Dấu vân tay mật khẩu",
    "name": "Dấu vân tay tên đăng nhập",
    "known": "Tài khoản có thật",
    "batch": "Lô gửi",
    "central_id": "Mã trên hệ thống",
    "central_event": "Sự kiện trên hệ thống",
    "version": "Phiên bản",
    "seq": "Số thứ tự cập nhật",
    "reason_code": "Mã lý do",
    "originals": "Mã giấy tờ bản chính",
    "handed_at": "Lúc trả",
    "form": "Mẫu phiếu",
    "number": "Số phiếu",
    "items": "Giấy tờ, nội dung cần bổ sung",
    "appointment": "Hẹn trả kết quả ban đầu",
    "new_date": "Ngày hẹn trả kết quả mới",
    "duplicate_of": "Có thể trùng hồ sơ",
    "supervisor": "Lãnh đạo xác nhận",
    "central_checked": "Đã đối chiếu trên hệ thống trung tâm",
    "duplicates_central": "Đã kiểm tra trùng trên hệ thống trung tâm",
}

YES, NO = "có", "không"
WORDS: Mapping[str, str] = {
    "citizen": "công dân",
    "idle": "tự khóa khi không dùng",
    "key": "khóa bằng phím F12",
    "accepted": "hệ thống đã nhận",
    "duplicate": "hệ thống đã có (gửi lặp)",
    "rejected": "hệ thống trả lại",
}
"""Stored words (detail values) said in Vietnamese."""


def local_time(stamp: str) -> str:
    """An ISO time as the counter writes it, in Vietnam, to the second: 24/11/2026 09:30:05."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(VN_TZ)
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def action_name(action: str) -> str:
    """The action in words (a dossier event as its history says it); unknown: as stored."""
    from desk_app.lookup.detail import EVENT_TITLES

    return ACTIONS.get(action) or EVENT_TITLES.get(action) or action


def _value(key: str, value: Any) -> str:
    formats: dict[str, Callable[[Any], str]] = {
        "role": lambda v: ROLE_LABELS.get(v, v),
        "procedure": lambda v: PROCEDURE_LABELS.get(v, v),
        "status": _status,
        "central_status": _status,
        "until": local_time,
        "handed_at": local_time,
        "attachments": _attachments,
        "group": _group,
    }
    if key in formats and value is not None:
        return str(formats[key](value))
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, list):
        return ", ".join(_value(key, v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return WORDS.get(str(value), str(value))


def _status(value: str) -> str:
    try:
        return STATUS_LABELS[Status(value)]
    except ValueError:
        return value


def _group(kind: str) -> str:
    from desk_app import groups

    found = groups.find(str(kind))
    return found.title if found is not None else str(kind)


def _attachments(parts: list[Mapping[str, Any]]) -> str:
    said = []
    for part in parts:
        label = str(part.get("label") or part.get("item") or "")
        copies = part.get("copies")
        said.append(f"{label} ({copies} bản)" if copies else label)
    return "; ".join(said)


def detail_lines(detail: Mapping[str, Any], *, hashes: bool = False) -> Iterator[str]:
    """The event's detail as "Label: value" lines (a move of status first, as "from → to")."""
    if "from" in detail and "to" in detail and detail["from"] != detail["to"]:
        yield f"Trạng thái: {_status(detail['from'])} → {_status(detail['to'])}"
    for key, value in detail.items():
        if key in ("from", "to") or (key in TECHNICAL and not hashes):
            continue
        if value is None or value == "" or value == []:
            continue
        yield f"{LABELS.get(key, key)}: {_value(key, value)}"
