"""What each kind of event does to central's record of a dossier, or why it does not apply.

Pure decisions over a dossier held in memory (:class:`Held`) — no database here — so the rules
of the contract's table read in one place: which statuses an event applies in, what status it
leaves, and the Vietnamese reason an officer reads when it is refused. :mod:`central.events`
locks the dossier, asks :func:`decide`, and writes what it answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from central.protocol import canonical_json, content_hash
from central.protocol_v2 import Correction, EventIn, Reprint, SupplementReceived
from desk_app import groups
from forms.errors import field_errors

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

FINAL = frozenset({"handed_over", "papers_returned", "cancelled", "refused"})
"""Statuses after which nothing about the dossier's content or appointment changes."""
ALLOWED: dict[str, frozenset[str] | None] = {
    "supplement_received": frozenset({"supplement_requested"}),
    "cancel": frozenset({"accepted", "in_progress", "supplement_requested"}),
    "hand_over": frozenset({"ready"}),
    "return_papers": frozenset({"refused"}),
    "reprint": None,
}
"""kind → the statuses it applies in (None: any); correction and new_appointment: not FINAL."""
MOVES = {
    "supplement_received": "accepted",
    "cancel": "cancelled",
    "hand_over": "handed_over",
    "return_papers": "papers_returned",
}
"""kind → the status it leaves the dossier in (the others leave it where it is)."""

STATUS_LABELS = {
    "accepted": "Đã tiếp nhận",
    "in_progress": "Đang giải quyết",
    "supplement_requested": "Cần bổ sung",
    "ready": "Đã có kết quả",
    "refused": "Bị từ chối giải quyết",
    "handed_over": "Đã trả kết quả",
    "papers_returned": "Đã trả lại giấy tờ",
    "cancelled": "Đã hủy",
}
ACTIONS = {
    "supplement_received": "nhận giấy tờ bổ sung",
    "correction": "sửa nội dung hồ sơ",
    "cancel": "hủy hồ sơ",
    "hand_over": "trả kết quả",
    "return_papers": "trả lại giấy tờ",
    "reprint": "in lại giấy tiếp nhận",
    "new_appointment": "hẹn lại ngày trả kết quả",
}
DONE_BY = {
    "supplement_received": (
        "Hồ sơ đã được nhận bổ sung giấy tờ lúc {at} tại quầy {desk} ({officer})."
    ),
    "cancel": "Hồ sơ đã được hủy lúc {at} tại quầy {desk} ({officer}).",
    "hand_over": "Hồ sơ đã được trả kết quả lúc {at} tại quầy {desk} ({officer}).",
    "return_papers": "Giấy tờ của hồ sơ đã được trả lại lúc {at} tại quầy {desk} ({officer}).",
}
"""What moved a dossier into the status that refuses an event: who, where and when."""
REASONS = {
    "unknown_dossier": "Không có hồ sơ “{code}” trong đơn vị của bàn.",
    "state": "Hồ sơ đang ở trạng thái “{status}”; không thể {action}.",
    "locked": (
        "Không thể sửa phần “{part}”: thủ tục “{procedure}” đã được giải quyết dựa trên phần "
        "này. Muốn thay đổi phải làm thủ tục điều chỉnh riêng của thủ tục đó (ví dụ cải chính "
        "hộ tịch)."
    ),
    "hash_mismatch": (
        "Nội dung sửa của hồ sơ “{code}” không khớp mã kiểm tra bàn đã tính; hệ thống không "
        "nhận bản sửa này. Hãy báo bộ phận kỹ thuật."
    ),
    "missing_attachments": (
        "Hệ thống chưa nhận được tệp đính kèm: {items}. Hãy quét lại giấy tờ này rồi gửi lại."
    ),
    "unchanged": "Nội dung sửa giống hệt phiên bản đang lưu; không có gì để sửa.",
    "other_group": "Nội dung sửa thuộc nhóm thủ tục khác với hồ sơ “{code}”.",
    "invalid_content": "Nội dung sửa không hợp lệ: {detail}",
    "no_version": "Hồ sơ chưa có phiên bản nội dung {version} (đang là {current}).",
    "event_reused": "Mã sự kiện “{id}” đã được dùng cho một hồ sơ khác; sự kiện không được ghi.",
}


@dataclass
class Held:
    """A dossier as central holds it, locked for the request; events change it in turn."""

    id: int
    code: str
    desk_number: int
    group: str
    received_at: str
    status: str
    progress: dict[str, str | None]
    reason: str | None
    version: int
    content_version: int
    content_hash: str
    declarations: str
    due: str | None
    plan: str
    next_step_at: float | None


@dataclass(frozen=True)
class LastMove:
    """The applied event that moved a dossier into its current status (events table)."""

    id: str
    desk: int
    officer: str
    at: str
    kind: str


@dataclass(frozen=True)
class Refusal:
    reason_code: str
    reason: str
    by: LastMove | None = None


@dataclass
class Change:
    """What an applied event changes; ``held`` is already updated."""

    detail: dict[str, Any]
    declarations: dict[str, Any] | None = None
    """The new content (a correction), to keep as a version and index for search."""
    attachments: list[tuple[str, str]] = field(default_factory=list)
    replaced: tuple[str, str] | None = None
    """(hash, canonical JSON) of the content a correction replaced."""


Resume = Callable[
    [str, datetime, str, Mapping[str, Any], frozenset[str]],
    tuple[list[dict[str, Any]], float | None],
]
"""(code, now, group, declarations, procedures done) → the agencies' steps left, first due."""


def when(at: str | datetime) -> str:
    """``10:02 26/11/2026``: a moment as the officer reads it, in Vietnam time."""
    moment = datetime.fromisoformat(at) if isinstance(at, str) else at
    return f"{moment.astimezone(VN_TZ):%H:%M %d/%m/%Y}"


def state_refusal(held: Held, kind: str, last: LastMove | None) -> Refusal:
    """``state``: who moved the dossier where it is when a desk's event did, else its status."""
    if last is not None and MOVES.get(last.kind) == held.status:
        text = DONE_BY[last.kind].format(at=when(last.at), desk=last.desk, officer=last.officer)
        return Refusal("state", text, last)
    label = STATUS_LABELS.get(held.status, held.status)
    return Refusal("state", REASONS["state"].format(status=label, action=ACTIONS[kind]))


def applies(held: Held, kind: str) -> bool:
    """Whether ``kind`` applies to the dossier's current status."""
    if kind in ("correction", "new_appointment"):
        return held.status not in FINAL
    allowed = ALLOWED[kind]
    return allowed is None or held.status in allowed


def decide(
    held: Held,
    event: EventIn,
    now: datetime,
    owned: Callable[[list[str]], set[str]],
    resume: Resume,
) -> Refusal | Change:
    """Apply ``event`` to ``held`` (its status already allows it), or say why not.

    ``owned`` answers which of some SHA-256 this office has uploaded; ``resume`` plans the
    agencies' remaining steps once a supplement arrives.
    """
    data = event.data
    if isinstance(data, Correction):
        return _correct(held, data)
    if isinstance(data, SupplementReceived):
        held_files = owned(sorted({a.sha256 for a in data.attachments}))
        missing = [
            f"{a.item} ({a.sha256[:12]}…)" for a in data.attachments if a.sha256 not in held_files
        ]
        if missing:
            items = ", ".join(missing)
            return Refusal(
                "missing_attachments", REASONS["missing_attachments"].format(items=items)
            )
        done = frozenset(held.progress)
        steps, first = resume(held.code, now, held.group, json.loads(held.declarations), done)
        held.plan, held.next_step_at = json.dumps(steps), first
        held.status, held.reason = "accepted", None
        return Change(
            detail=data.model_dump(mode="json"),
            attachments=[(a.item, a.sha256) for a in data.attachments],
        )
    if isinstance(data, Reprint) and data.content_version > held.content_version:
        text = REASONS["no_version"].format(
            version=data.content_version, current=held.content_version
        )
        return Refusal("invalid", text)
    if event.kind == "cancel":
        held.plan, held.next_step_at = "[]", None  # the agencies stop
        held.reason = event.data.reason
    if event.kind == "new_appointment":
        held.due = event.data.due.isoformat()
    if event.kind in MOVES:
        held.status = MOVES[event.kind]
        if event.kind != "cancel":
            held.reason = None
    return Change(detail=data.model_dump(mode="json"))


def _correct(held: Held, data: Correction) -> Refusal | Change:
    """A new content version, if it hashes right, is valid, and touches nothing decided."""
    new = data.declarations
    digest = content_hash(new)
    if digest != data.content_hash:
        return Refusal("hash_mismatch", REASONS["hash_mismatch"].format(code=held.code))
    if digest == held.content_hash:
        return Refusal("invalid", REASONS["unchanged"])
    from desk_app.dossier import Dossier

    try:
        checked = Dossier.model_validate(new)
    except ValidationError as exc:
        messages = field_errors(exc, Dossier)
        detail = messages[0].message if messages else "sai cấu trúc"
        return Refusal("invalid", REASONS["invalid_content"].format(detail=detail))
    if checked.kind != held.group:
        return Refusal("invalid", REASONS["other_group"].format(code=held.code))
    group = groups.get(held.group)
    old = json.loads(held.declarations)
    locked = group.locked_by(_inner(old), _inner(new), frozenset(held.progress))
    if locked:
        part, procedure = locked[0]
        text = REASONS["locked"].format(part=_part_label(group, part), procedure=procedure.label)
        return Refusal("locked", text)
    replaced = (held.content_hash, held.declarations)
    held.content_version += 1
    held.content_hash = digest
    held.declarations = canonical_json(new)
    return Change(
        detail={"reason": data.reason, "content_version": held.content_version},
        declarations=new,
        replaced=replaced,
    )


def _inner(envelope: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = envelope.get("declarations")
    return inner if isinstance(inner, Mapping) else envelope


def _part_label(group: groups.GroupDefinition, part: str) -> str:
    """How the group's model names a part of the declarations (its key when it has no title)."""
    found = group.model.model_fields.get(part)
    return found.title if found is not None and found.title else part
