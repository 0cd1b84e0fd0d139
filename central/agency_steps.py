"""What a deciding agency may do to a dossier, decided in one place for every caller.

An agency (a commune People's Committee, the police, social insurance, home affairs) acts on
a dossier only through four steps: record a procedure as done with its reference number,
ask for a supplement, refuse, mark the result ready. Two callers perform them: the agency API
(:mod:`central.agency_api`, an authenticated party over HTTP) and the simulated agencies
(:mod:`central.agencies`). Both go through :func:`decide`, so what the API refuses the
simulation cannot do either, and the rules live here once:

- an agency acts only on procedures whose deciding role (the group's data, or the death
  group's benefit branch) is its own;
- ``progress``: the dossier is accepted or in progress, the procedure is one the dossier asks
  for and not done yet, with a reference when its agency issues one;
- ``request_supplement``: accepted or in progress, and the agency still has a procedure of
  the dossier to decide;
- ``refuse``: accepted, in progress or waiting for a supplement, by an agency with a procedure
  still to decide — or, with no agency, central's own deadline for an unanswered supplement
  request, which applies only while the request is still unanswered;
- ``ready``: every procedure the dossier asks for is done, marked by the agency of the last one
  (the one that finishes the interlink hands the result back to the counter).

Anything else is :class:`Refused`, with a Vietnamese reason an agency's operator reads.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from central.protocol import DossierState, Update
from desk_app import groups

STEP_EVENTS = ("progress", "request_supplement", "refuse", "ready")
"""The feed's names of the four steps."""

WAITING = ("accepted", "in_progress", "supplement_requested")
"""Statuses in which a dossier still waits for an agency."""

STATUS_TEXT = {
    "accepted": "đã tiếp nhận, chờ giải quyết",
    "in_progress": "đang giải quyết",
    "supplement_requested": "đang chờ công dân bổ sung giấy tờ",
    "ready": "đã có kết quả",
    "refused": "đã bị từ chối giải quyết",
    "handed_over": "đã trả kết quả cho công dân",
    "papers_returned": "đã trả lại hồ sơ cho công dân",
    "cancelled": "đã hủy theo yêu cầu của công dân",
}
"""How a refusal names the status a dossier is in."""

STEP_TEXT = {
    "progress": "ghi nhận kết quả thủ tục",
    "request_supplement": "yêu cầu bổ sung",
    "refuse": "từ chối giải quyết",
    "ready": "báo có kết quả",
}

REFUSALS = {
    "agency_state": "Hồ sơ {code} {status}; không thể {step}.",
    "agency_role": (
        "Thủ tục “{procedure}” của hồ sơ {code} do cơ quan có vai trò {owner} giải quyết, "
        "không phải {role}."
    ),
    "agency_procedure": "Hồ sơ {code} không yêu cầu thủ tục “{procedure}”.",
    "agency_done": "Thủ tục “{procedure}” của hồ sơ {code} đã được ghi nhận kết quả{reference}.",
    "agency_reference": (
        "Thủ tục “{procedure}” cần số hiệu kết quả ({label}); hãy ghi số đó (--reference)."
    ),
    "agency_nothing_left": (
        "Cơ quan có vai trò {role} không còn thủ tục nào của hồ sơ {code} cần giải quyết."
    ),
    "agency_pending": "Hồ sơ {code} còn thủ tục chưa có kết quả: {procedures}.",
    "agency_not_last": (
        "Kết quả của hồ sơ {code} do cơ quan có vai trò {owner} báo (cơ quan giải quyết thủ "
        "tục cuối cùng), không phải {role}."
    ),
}
"""error code → the Vietnamese reason of a refused step (HTTP 409)."""


class Refused(Exception):
    """A step that does not apply to the dossier as central holds it (nothing is written)."""

    def __init__(self, error: str, **context: object) -> None:
        super().__init__(error)
        self.error = error
        self.message = REFUSALS[error].format(**context)


@dataclass(frozen=True)
class Step:
    """One step an agency (or central's deadline) performs."""

    event: str
    """``progress``, ``request_supplement``, ``refuse`` or ``ready``."""
    procedure: str | None = None
    reference: str | None = None
    reason: str | None = None
    deadline: bool = False
    """Central's own refusal of a supplement request left unanswered past its deadline."""


@dataclass(frozen=True)
class Held:
    """A dossier as central holds it (its row locked by the caller's transaction)."""

    id: int
    code: str
    office: str
    desk_number: int
    group: str
    declarations: Mapping[str, Any]
    status: str
    progress: dict[str, str | None]
    reason: str | None
    version: int
    extra: Mapping[str, Any]
    """What else the dossier's state reports (content version and hash, new due date)."""

    @property
    def plan(self) -> tuple[tuple[str, str], ...]:
        """(procedure, deciding role) of each procedure the dossier asks for, in order."""
        found = groups.find(self.group)
        if found is None:
            return ()
        inner = self.declarations.get("declarations")
        return found.plan(inner if isinstance(inner, Mapping) else self.declarations)

    def roles(self) -> set[str]:
        """Every role deciding a procedure of the dossier."""
        return {role for _, role in self.plan}

    def pending(self, role: str | None = None) -> list[str]:
        """Procedures not done yet (of ``role`` only, when given), in order."""
        return [p for p, r in self.plan if p not in self.progress and role in (None, r)]

    def marks_ready(self) -> str | None:
        """The role that reports the result: the deciding agency of the last procedure."""
        plan = self.plan
        return plan[-1][1] if plan else None

    def state(self) -> DossierState:
        """The state the feed and the API report."""
        fields = DossierState.model_fields
        extra = {k: v for k, v in self.extra.items() if k in fields and v is not None}
        return DossierState.model_validate(
            {"status": self.status, "progress": self.progress, "reason": self.reason, **extra}
        )


HELD_COLUMNS = (
    "id, code, office, desk_number, procedure_group, declarations, status, progress, reason, "
    "version, content_version, content_hash, due"
)
"""The columns :func:`held` reads, in its order."""


def held(row: tuple[Any, ...]) -> Held:
    """A :class:`Held` from a row of :data:`HELD_COLUMNS`."""
    (id_, code, office, desk, group, decl, status, progress, reason, version, cv, ch, due) = row
    return Held(
        id=int(id_),
        code=code,
        office=office,
        desk_number=int(desk),
        group=group,
        declarations=json.loads(decl),
        status=status,
        progress=json.loads(progress),
        reason=reason,
        version=int(version),
        extra={"content_version": cv, "content_hash": ch, "due": due},
    )


def acting_role(dossier: Held, step: Step) -> str | None:
    """Which agency performs ``step`` of the simulation's plan: the procedure's own for
    progress, the agency of the first procedure still to decide for a supplement request or a
    refusal, the last procedure's for ready; None for central's deadline."""
    if step.deadline:
        return None
    if step.event == "progress":
        return dict(dossier.plan).get(step.procedure or "")
    if step.event == "ready":
        return dossier.marks_ready()
    owners = dict(dossier.plan)
    pending = dossier.pending()
    return owners[pending[0]] if pending else dossier.marks_ready()


def decide(dossier: Held, role: str | None, step: Step) -> Held:
    """``dossier`` after ``role`` performs ``step`` (version + 1); :class:`Refused` otherwise."""
    code = dossier.code
    found = groups.find(dossier.group)
    labels = {p.id: p.label for p in found.procedures} if found is not None else {}

    def state_refusal() -> Refused:
        return Refused(
            "agency_state",
            code=code,
            status=STATUS_TEXT.get(dossier.status, dossier.status),
            step=STEP_TEXT[step.event],
        )

    status, progress, reason = dossier.status, dict(dossier.progress), step.reason
    if step.event == "progress":
        if dossier.status not in ("accepted", "in_progress"):
            raise state_refusal()
        procedure = step.procedure or ""
        owners = dict(dossier.plan)
        label = labels.get(procedure, procedure)
        if procedure not in owners:
            raise Refused("agency_procedure", code=code, procedure=label)
        if owners[procedure] != role:
            raise Refused(
                "agency_role", code=code, procedure=label, owner=owners[procedure], role=role
            )
        if procedure in progress:
            done = progress[procedure]
            raise Refused(
                "agency_done",
                code=code,
                procedure=label,
                reference=f" (số {done})" if done else "",
            )
        shape = found.reference_format(procedure, dossier.declarations) if found else None
        if shape is not None and not step.reference:
            info = found.procedure(procedure) if found else None
            raise Refused(
                "agency_reference",
                procedure=label,
                label=info.reference_label if info else procedure,
            )
        progress[procedure] = step.reference
        status, reason = "in_progress", None
    elif step.event == "request_supplement":
        if dossier.status not in ("accepted", "in_progress"):
            raise state_refusal()
        _still_deciding(dossier, role, None, labels)
        status = "supplement_requested"
    elif step.event == "refuse":
        if step.deadline:
            if dossier.status != "supplement_requested":
                raise state_refusal()
        else:
            if dossier.status not in WAITING:
                raise state_refusal()
            _still_deciding(dossier, role, step.procedure, labels)
        status = "refused"
    elif step.event == "ready":
        if dossier.status not in ("accepted", "in_progress"):
            raise state_refusal()
        left = dossier.pending()
        if left:
            names = ", ".join(f"“{labels.get(p, p)}”" for p in left)
            raise Refused("agency_pending", code=code, procedures=names)
        owner = dossier.marks_ready()
        if owner != role:
            raise Refused("agency_not_last", code=code, owner=owner, role=role)
        status, reason = "ready", None
    else:  # pragma: no cover - the wire models admit only the four
        raise ValueError(step.event)
    return replace(
        dossier, status=status, progress=progress, reason=reason, version=dossier.version + 1
    )


def _still_deciding(
    dossier: Held, role: str | None, procedure: str | None, labels: Mapping[str, str]
) -> None:
    """Refuse unless ``role`` still has a procedure of the dossier to decide (``procedure``, if
    named: that one, its own and not done)."""
    code = dossier.code
    if procedure is not None:
        owners = dict(dossier.plan)
        label = labels.get(procedure, procedure)
        if procedure not in owners:
            raise Refused("agency_procedure", code=code, procedure=label)
        if owners[procedure] != role:
            raise Refused(
                "agency_role", code=code, procedure=label, owner=owners[procedure], role=role
            )
        if procedure in dossier.progress:
            done = dossier.progress[procedure]
            raise Refused(
                "agency_done", code=code, procedure=label, reference=f" (số {done})" if done else ""
            )
        return
    if role is None or not dossier.pending(role):
        raise Refused("agency_nothing_left", code=code, role=role)


def update_body(after: Held, step: Step, at: datetime) -> str:
    """The feed entry of a performed step, as JSON without its ``seq`` (central.feed)."""
    return Update(
        seq=1,  # the feed row's own number replaces it when read
        code=after.code,
        version=after.version,
        event=step.event,  # type: ignore[arg-type]
        procedure=step.procedure if step.event in ("progress", "refuse") else None,
        at=at,
        state=after.state(),
    ).model_dump_json(exclude={"seq"})
