"""Every sentence about sync an officer reads: the footer line and the `desk sync` summary.

Kept together so the footer and the command line say the same thing the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.clock import VN_TZ
from desk_app.lifecycle import STATUS_LABELS, Status

if TYPE_CHECKING:
    from desk_app.store.sync_state import SyncState
    from desk_app.sync.round import SyncReport

ONLINE = "● Trực tuyến"
OFFLINE = "○ Mất kết nối"
UNKNOWN = "○ Chưa đồng bộ"
RUNNING = "⟳ Đang đồng bộ…"


def when(moment: datetime | None, today: datetime | None = None) -> str:
    """HH:MM for today, HH:MM dd/mm/yyyy otherwise, in Vietnam time; "chưa có" for None."""
    if moment is None:
        return "chưa có"
    local = moment.astimezone(VN_TZ)
    if today is not None and local.date() == today.astimezone(VN_TZ).date():
        return f"{local:%H:%M}"
    return f"{local:%H:%M %d/%m/%Y}"


def footer_line(state: SyncState, *, running: bool, now: datetime) -> str:
    """The one line the footer shows on every screen."""
    if running:
        head = RUNNING
    elif state.online is None:
        head = UNKNOWN
    else:
        head = ONLINE if state.online else OFFLINE
    parts = [
        head,
        f"Chờ gửi: {state.waiting}",
        f"Đồng bộ thành công lần cuối: {when(state.last_success_at, now)}",
    ]
    if state.held:
        parts.append(f"Tạm giữ: {state.held}")
    if state.rejected:
        parts.append(f"Bị trả lại: {state.rejected}")
    return " · ".join(parts)


def summary(report: SyncReport, url: str) -> str:
    """What `desk sync` prints: the outcome, the counts, and each dossier needing the officer."""
    lines = []
    if report.ok:
        lines.append(
            f"Đồng bộ với hệ thống trung tâm {url}: thành công lúc {when(report.finished_at)}."
        )
    else:
        lines.append(f"Đồng bộ với hệ thống trung tâm {url}: chưa xong — {report.error}")
    lines.append(
        f"  Đã gửi: {report.accepted + len(report.rejected)} hồ sơ "
        f"(được nhận {report.accepted}, bị trả lại {len(report.rejected)})"
    )
    lines.append(f"  Thao tác đã gửi: {report.events}")
    lines.append(f"  Cập nhật trạng thái đã nhận: {report.updates}")
    lines.append(f"  Còn chờ gửi: {report.waiting}")
    if report.held:
        lines.append(f"  Tạm giữ, chưa gửi: {len(report.held)} hồ sơ — cần cán bộ xử lý:")
        lines.extend(f"    {code}: {reason}" for code, reason in report.held)
    if report.rejected:
        lines.append("  Hồ sơ bị trả lại, cần cán bộ xử lý:")
        lines.extend(f"    {code}: {reason}" for code, reason in report.rejected)
    if report.refused_events:
        lines.append("  Thao tác không được hệ thống trung tâm ghi nhận:")
        lines.extend(f"    {line}" for line in refused_lines(report))
    if report.attention:
        lines.append("  Hồ sơ cần báo cho công dân:")
        for code, status, reason in report.attention:
            label = STATUS_LABELS[Status(status)]
            lines.append(f"    {code}: {label}" + (f" — {reason}" if reason else ""))
    return "\n".join(lines)


EVENT_LABELS = {
    "supplement_received": "Nhận giấy tờ bổ sung",
    "correction": "Sửa hồ sơ",
    "cancel": "Hủy hồ sơ",
    "hand_over": "Trả kết quả",
    "return_papers": "Trả lại hồ sơ cho công dân",
    "reprint": "In lại giấy tiếp nhận",
    "new_appointment": "Hẹn lại ngày trả kết quả",
}
"""The counter's actions (protocol v2 events) as the officer names them."""
REFUSED_BY = " (đã được thực hiện bởi {who})"
REFUSED_NOTICE = "Hệ thống trung tâm không ghi nhận {count} thao tác:\n{lines}"


def refused_lines(report: SyncReport) -> list[str]:
    """One line per action central refused: the dossier, the action, why, and who got there."""
    lines = []
    for refused in report.refused_events:
        label = EVENT_LABELS.get(refused.kind, refused.kind)
        by = REFUSED_BY.format(who=refused.by) if refused.by else ""
        lines.append(f"{refused.code}: {label} — {refused.reason}{by}")
    return lines


def refused_notice(report: SyncReport) -> str:
    """The App's notification of the actions central refused (plain text: shown unmarked)."""
    lines = refused_lines(report)
    return REFUSED_NOTICE.format(count=len(lines), lines="\n".join(lines))
