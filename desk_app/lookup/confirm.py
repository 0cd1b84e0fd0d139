"""Confirming a counter action with central at once, while the citizen is still there.

Two counters may hand over the same dossier at the same moment (the citizen's relative at one,
the citizen at the other). Central orders the two and refuses the second; the officer whose
hand-over was refused must learn it before the citizen leaves with papers that were already
given to someone else. So after a hand-over the desk runs a sync round straight away (the same
round as the App's: batches, events, the office feed) and reads central's answer to that very
action: taken, refused (who did it first, and when), or not reachable (it will be confirmed at
the next round). Blocks on the network: screens call it from a thread worker.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping

from desk_app.desk import Desk
from desk_app.lookup.history import OfficeEvent, refusal_text
from desk_app.sync.retry import RetryPolicy

CONFIRM_POLICY = RetryPolicy(attempts=2, base=0.3, cap=1.0, max_retry_after=2.0)
"""A citizen is waiting: one retry, then the answer is "later"."""

TEXT = {
    "confirmed": "Hệ thống trung tâm đã ghi nhận việc trả kết quả hồ sơ {code}.",
    "refused": (
        "Hệ thống trung tâm KHÔNG ghi nhận việc trả kết quả ở quầy này: {why}. "
        "Hãy kiểm tra lại với công dân trước khi giao giấy tờ."
    ),
    "later": (
        "Chưa xác nhận được với hệ thống trung tâm ({why}); việc trả kết quả sẽ được xác nhận "
        "với hệ thống ở lần đồng bộ tới."
    ),
    "running": (
        "Đang có lượt đồng bộ; việc trả kết quả sẽ được xác nhận với hệ thống trung tâm khi "
        "lượt đồng bộ kết thúc."
    ),
}


def _last_own_event(desk: Desk, code: str, kind: str) -> tuple[str, OfficeEvent] | None:
    rows = desk.store.rows(
        "SELECT e.id, e.kind, e.at, e.officer, e.data, e.central_outcome, e.central_reason, "
        "e.central_by FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id "
        "WHERE d.code = ? AND e.kind = ? AND e.origin_desk IS NULL ORDER BY e.seq DESC LIMIT 1",
        (code, kind),
    )
    if not rows:
        return None
    from datetime import datetime

    event_id, kind, at, officer, data, outcome, reason, by = rows[0]
    return event_id, OfficeEvent(
        kind,
        datetime.fromisoformat(at),
        officer,
        json.loads(data),
        None,
        outcome,
        reason,
        json.loads(by) if by else None,
    )


def confirm_hand_over(
    desk: Desk,
    code: str,
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
    policy: RetryPolicy = CONFIRM_POLICY,
) -> str:
    """Ship the hand-over of ``code`` now and say what central made of it (one sentence)."""
    from desk_app.sync import sync_once

    report = sync_once(
        desk.store, desk.settings, clock=desk.clock, env=env, stop=stop, policy=policy
    )
    found = _last_own_event(desk, code, "hand_over")
    if found is None:
        return TEXT["later"].format(why=(report.error or "").rstrip("."))
    _, event = found
    if event.outcome in ("applied", "duplicate"):
        return TEXT["confirmed"].format(code=code)
    if event.outcome == "refused":
        return TEXT["refused"].format(why=refusal_text(event))
    return TEXT["later"].format(why=(report.error or "chưa gửi được").rstrip("."))
