"""The three agencies, simulated: each dossier moves through its procedures over time.

When a dossier is accepted its whole future is drawn at once from (seed, code), so a run is
reproducible: most dossiers get birth registered (with a birth-registration number), residence
registered, insurance card issued (with a card number), then ready for pick-up; at
``supplement_rate`` one agency asks for a supplement (and, if none arrives within
``supplement_wait``, the dossier is refused as the decree says); at ``refuse_rate`` one agency
refuses. Steps are ``step_seconds`` apart on average (±50 %). :func:`advance` performs every
step that is due, writing each as a numbered update of the dossier and an entry of the feed.

References and reasons are synthetic: the number formats only look plausible.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime

from central.protocol import DossierState, Update
from central.store import CentralStore, Due, Performed

SUPPLEMENT_REASONS = (
    "Tờ khai thay đổi thông tin cư trú (CT01) chưa có ý kiến đồng ý của chủ hộ; "
    "đề nghị công dân bổ sung.",
    "Bản chụp giấy chứng sinh không đọc được số giấy; đề nghị nộp bản chụp rõ nét.",
    "Nơi đăng ký khám chữa bệnh ban đầu không nhận thẻ của trẻ em; đề nghị chọn cơ sở khác.",
)
REFUSE_REASONS = (
    "Trẻ đã được đăng ký khai sinh tại cơ quan khác; không đăng ký khai sinh lần hai.",
    "Chỗ ở đề nghị đăng ký thường trú không đủ điều kiện theo Luật Cư trú; "
    "đề nghị công dân liên hệ Công an cấp xã.",
)
SUPPLEMENT_EXPIRED = (
    "Quá 7 ngày làm việc mà hồ sơ chưa được bổ sung theo yêu cầu; từ chối giải quyết."
)
PROCEDURES = ("birth", "residence", "insurance")


@dataclass(frozen=True)
class Simulation:
    """How the simulated agencies behave (the flags of `desk central`)."""

    seed: int = 2026
    step_seconds: float = 30.0
    supplement_rate: float = 0.05
    refuse_rate: float = 0.02
    supplement_wait: float | None = None
    """Seconds a supplement request waits before the refusal; default 5 steps."""

    def plan(self, code: str, now: datetime) -> tuple[list[dict[str, object]], float | None]:
        """The steps a dossier will go through and when the first is due (epoch seconds)."""
        rng = random.Random(f"{self.seed}:{code}")
        steps: list[dict[str, object]] = []
        draw = rng.random()
        if draw < self.refuse_rate:
            done = rng.randrange(len(PROCEDURES))
            steps += [_progress(p, rng) for p in PROCEDURES[:done]]
            steps.append({"event": "refuse", "reason": rng.choice(REFUSE_REASONS)})
        elif draw < self.refuse_rate + self.supplement_rate:
            done = rng.randrange(len(PROCEDURES))
            steps += [_progress(p, rng) for p in PROCEDURES[:done]]
            steps.append({"event": "request_supplement", "reason": rng.choice(SUPPLEMENT_REASONS)})
            wait = (
                self.supplement_wait if self.supplement_wait is not None else 5 * self.step_seconds
            )
            steps.append({"event": "refuse", "reason": SUPPLEMENT_EXPIRED, "after": wait})
        else:
            steps += [_progress(p, rng) for p in PROCEDURES]
            steps.append({"event": "ready"})
        for step in steps:
            step.setdefault("after", self.step_seconds * rng.uniform(0.5, 1.5))
        return steps, now.timestamp() + float(steps[0]["after"])  # type: ignore[arg-type]


def _progress(procedure: str, rng: random.Random) -> dict[str, object]:
    if procedure == "birth":
        reference: str | None = f"{rng.randrange(1, 10_000)}/{rng.randrange(2025, 2027)}"
    elif procedure == "insurance":
        reference = f"TE101{rng.randrange(10**10):010d}"
    else:
        reference = None
    return {"event": "progress", "procedure": procedure, "reference": reference}


def advance(store: CentralStore, now: datetime, limit: int = 2000) -> int:
    """Perform every step due by ``now`` (``limit`` dossiers at most); return updates written.

    Several central processes may run their agencies on one database: each claims the due
    dossiers it performs (:meth:`central.store.CentralStore.advance`), so no step is done twice.
    """
    return store.advance(now.timestamp(), limit, lambda due: _perform(due, now))


def _perform(due: Due, now: datetime) -> Performed:
    """Every step of ``due`` whose time has come, as updates of the dossier."""
    moment = now.timestamp()
    progress = json.loads(due.progress)
    plan = json.loads(due.plan)
    status, version, reason = due.status, due.version, None
    at: float | None = due.next_step_at
    updates: list[tuple[int, str]] = []
    while plan and at is not None and at <= moment:
        step = plan.pop(0)
        event = str(step["event"])
        version += 1
        reason = step.get("reason")
        if event == "progress":
            progress[step["procedure"]] = step["reference"]
            status = "in_progress"
        else:
            status = {
                "ready": "ready",
                "refuse": "refused",
                "request_supplement": "supplement_requested",
            }[event]
        body = Update(
            seq=1,  # the feed row's own sequence number replaces it when read
            code=due.code,
            version=version,
            event=event,  # type: ignore[arg-type]
            procedure=step.get("procedure"),
            at=datetime.fromtimestamp(at, tz=now.tzinfo),
            state=DossierState(status=status, progress=progress, reason=reason),  # type: ignore[arg-type]
        ).model_dump_json(exclude={"seq"})
        updates.append((version, body))
        at = at + float(plan[0]["after"]) if plan else None
    return Performed(
        status=status,
        progress=json.dumps(progress),
        reason=reason,
        version=version,
        plan=json.dumps(plan),
        next_step_at=at,
        updates=updates,
    )
