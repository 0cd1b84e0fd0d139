"""The office's part of a dossier's history: other counters' actions and central's refusals.

A dossier of the office may be acted on at any counter. This desk's own actions are in its
audit log (:func:`desk_app.lookup.detail.timeline`); what other counters did, and the steps of
a dossier taken from central, are ``dossier_events`` rows with the counter that acted
(``origin_desk``; 0 for central or an agency). This module turns those rows into timeline
lines ("Quầy 2 – Trần Thị Bình", "Đã trả kết quả") and, for an action of this desk that central
refused because another counter got there first, a line saying so with who and when, so the
officer can tell the citizen exactly what happened. Merged with the audit lines by time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app import groups
from desk_app.clock import VN_TZ
from desk_app.lookup.detail import EVENT_TITLES, TimelineEntry, vn_date
from desk_app.store import Store
from desk_app.store.foreign import AGENCY_DESK
from desk_app.store.sync_outbox import CENTRAL_ACTOR

TEXT = {
    "desk_officer": "Quầy {desk} – {officer}",
    "desk": "Quầy {desk}",
    "refused_title": "Không được hệ thống ghi nhận",
    "refused_by": "hồ sơ đã được {what} lúc {when} tại quầy {desk} ({officer})",
    "refused_plain": "{reason}",
    "correction": "Sửa nội dung hồ sơ (phiên bản {version})",
    "reprint": "In lại giấy tiếp nhận và hẹn trả kết quả",
    "new_appointment": "Hẹn lại ngày trả kết quả: {due}",
    "submit": "Tiếp nhận tại quầy",
}
DONE_AS: Mapping[str, str] = {
    "hand_over": "trả kết quả",
    "return_papers": "trả lại hồ sơ cho công dân",
    "cancel": "hủy theo yêu cầu của công dân",
    "supplement_received": "nhận giấy tờ bổ sung",
    "correction": "sửa nội dung",
    "new_appointment": "hẹn lại ngày trả",
    "reprint": "in lại giấy hẹn",
    "ready": "trả kết quả về quầy",
    "refuse": "từ chối giải quyết",
    "request_supplement": "yêu cầu bổ sung",
}
"""What "hồ sơ đã được …" says of the action that moved the dossier where it stands."""


@dataclass(frozen=True, slots=True)
class OfficeEvent:
    """One ``dossier_events`` row as the view needs it."""

    kind: str
    at: datetime
    officer: str
    data: dict[str, Any]
    origin_desk: int | None
    outcome: str | None
    reason: str | None
    by: dict[str, Any] | None


def read(store: Store, dossier_id: int) -> list[OfficeEvent]:
    """The dossier's event rows, in their order."""
    rows = store.rows(
        "SELECT kind, at, officer, data, origin_desk, central_outcome, central_reason, "
        "central_by FROM dossier_events WHERE dossier_id = ? ORDER BY seq",
        [dossier_id],
    )
    return [
        OfficeEvent(
            kind,
            datetime.fromisoformat(at),
            officer,
            json.loads(data),
            origin,
            outcome,
            reason,
            json.loads(by) if by else None,
        )
        for kind, at, officer, data, origin, outcome, reason, by in rows
    ]


def refusal_text(event: OfficeEvent) -> str:
    """Why central did not take this desk's action, naming who did what when (if it said)."""
    by = event.by or {}
    when = by.get("at")
    if by.get("desk") and by.get("officer") and when:
        try:
            at = datetime.fromisoformat(str(when)).astimezone(VN_TZ)
        except ValueError:
            at = None
        if at is not None:
            kind = str(by.get("kind") or "")
            return TEXT["refused_by"].format(
                what=DONE_AS.get(kind, kind or "xử lý"),
                when=vn_date(at),
                desk=by["desk"],
                officer=by["officer"],
            )
    return TEXT["refused_plain"].format(reason=(event.reason or "").rstrip("."))


def _title(event: OfficeEvent, group: str) -> tuple[str, str]:
    d = event.data
    detail = d.get("detail") if isinstance(d.get("detail"), Mapping) else d
    parts: list[str] = []
    if event.kind == "progress" and d.get("procedure"):
        found = groups.find(group)
        try:
            info = found.procedure(str(d["procedure"])) if found is not None else None
        except KeyError:
            info = None
        title = info.progress_title if info else str(d["procedure"])
        ref = d.get("reference") or (detail or {}).get("reference")
        if ref:
            parts.append(f"{info.reference_label if info else 'số'} {ref}")
    elif event.kind == "submit":
        title = TEXT["submit"]
    elif event.kind == "correction":
        title = TEXT["correction"].format(version=(detail or {}).get("content_version", "?"))
    elif event.kind == "new_appointment":
        title = TEXT["new_appointment"].format(due=(detail or {}).get("due", "?"))
    elif event.kind == "reprint":
        title = TEXT["reprint"]
    else:
        title = EVENT_TITLES.get(event.kind, event.kind)
    if isinstance(detail, Mapping):
        if detail.get("receiver"):
            parts.append(f"người nhận {detail['receiver']}")
        if detail.get("reason"):
            parts.append(f"lý do: {detail['reason']}")
        if detail.get("note"):
            parts.append(f"ghi chú: {detail['note']}")
    if d.get("reason") and d is not detail:
        parts.append(f"lý do: {d['reason']}")
    return title, "; ".join(parts)


def entries(events: Sequence[OfficeEvent], group: str) -> list[TimelineEntry]:
    """Timeline lines for other counters' actions, central's steps, and this desk's refusals."""
    out: list[TimelineEntry] = []
    for event in events:
        if event.origin_desk is None:  # this desk's action: its audit line is the history
            if event.outcome == "refused":
                out.append(
                    TimelineEntry(
                        event.at,
                        TEXT["refused_title"],
                        refusal_text(event),
                        CENTRAL_ACTOR,
                        refused=True,
                    )
                )
            continue
        title, detail = _title(event, group)
        if event.origin_desk == AGENCY_DESK:
            who = CENTRAL_ACTOR
        elif event.officer:
            who = TEXT["desk_officer"].format(desk=event.origin_desk, officer=event.officer)
        else:  # central was not told who (a submission carries no officer)
            who = TEXT["desk"].format(desk=event.origin_desk)
        out.append(TimelineEntry(event.at, title, detail, who))
    return out


def merged(
    local: Sequence[TimelineEntry], office: Sequence[TimelineEntry]
) -> tuple[TimelineEntry, ...]:
    """Both histories, oldest first: the audit log in its order, the office's lines each
    placed before the first local line that is later (same moment: after it).

    Another counter's action that the office feed also audited here (under the same
    "Quầy N – officer", at the same moment, in the same words) is shown once.
    """
    seen = {(e.at, e.title, e.officer) for e in local}
    extra = [e for e in office if e.refused or (e.at, e.title, e.officer) not in seen]
    out: list[TimelineEntry] = []
    for entry in local:  # the audit log's own order stands; the others go in by their time
        while extra and extra[0].at < entry.at:
            out.append(extra.pop(0))
        out.append(entry)
    return (*out, *extra)
