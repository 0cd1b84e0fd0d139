"""The deciding agencies, simulated: each dossier moves through its group's procedures over time.

When a dossier is accepted its whole future is drawn at once from (seed, code), so a run is
reproducible: most dossiers get each procedure of their group done in order (the group's data,
:mod:`desk_app.groups`), each with a reference of the shape its group's data gives the procedure
(``reference_format``: a register number for a birth or a death, a card number for a child's
health insurance, a decision number for a funeral allowance, none from the police), then ready
for pick-up; at
``supplement_rate`` one agency asks for a supplement (and, if none arrives within
``supplement_wait``, the dossier is refused as the decree says); at ``refuse_rate`` one agency
refuses. Steps are ``step_seconds`` apart on average (±50 %). :func:`advance` performs every
step that is due, writing each as a numbered update of the dossier and an entry of the feed.

Every step goes through the rules a real agency's request over the API goes through
(:mod:`central.agency_steps`, performed by the agency whose role decides it): the simulation
is one client of them, and cannot do what the API would refuse.

References and reasons are synthetic: the number formats only look plausible.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from central.agency_steps import Refused, Step, acting_role, decide, update_body
from central.store import CentralStore, Due, Performed
from desk_app import groups

SUPPLEMENT_REASONS = ("Hồ sơ còn thiếu giấy tờ theo quy định; đề nghị công dân bổ sung.",)
REFUSE_REASONS = ("Hồ sơ không đủ điều kiện giải quyết theo quy định.",)
"""What an agency says when the group's data has no reasons of its own (``[simulation]``)."""
SUPPLEMENT_EXPIRED = (
    "Quá 7 ngày làm việc mà hồ sơ chưa được bổ sung theo yêu cầu; từ chối giải quyết."
)


def reasons_of(group: str, which: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """The group's own supplement or refusal reasons (its data's ``[simulation]``)."""
    found = groups.find(group)
    listed = found.data.get("simulation", {}).get(which) if found is not None else None
    return tuple(str(r) for r in listed) if listed else default


def procedures_of(
    group: str, declarations: Mapping[str, Any] | None = None
) -> tuple[tuple[str, str], ...]:
    """(procedure, deciding agency's role) of ``group``, in order; none for an unknown group.

    With the dossier's ``declarations`` (as submitted, in their envelope or not): only the
    procedures they ask for, each with the role the group decides from them (a benefit decided
    by the agency of its branch)."""
    found = groups.find(group)
    if found is None:
        return ()
    if declarations is None:
        return tuple((p.id, p.agency_role) for p in found.procedures)
    inner = declarations.get("declarations")
    return found.plan(inner if isinstance(inner, Mapping) else declarations)


def reference_formats_of(
    group: str, declarations: Mapping[str, Any] | None = None
) -> dict[str, str | None]:
    """procedure → the shape of the reference its agency issues (None: no reference), as the
    group's data says for a dossier with ``declarations`` (the procedure's own without)."""
    found = groups.find(group)
    if found is None:
        return {}
    if declarations is None:
        return {p.id: p.reference_format for p in found.procedures}
    return {
        p: found.reference_format(p, declarations) for p, _ in procedures_of(group, declarations)
    }


@dataclass(frozen=True)
class Simulation:
    """How the simulated agencies behave (the flags of `desk central`)."""

    seed: int = 2026
    step_seconds: float = 30.0
    supplement_rate: float = 0.05
    refuse_rate: float = 0.02
    supplement_wait: float | None = None
    """Seconds a supplement request waits before the refusal; default 5 steps."""

    def plan(
        self,
        code: str,
        now: datetime,
        group: str = groups.LEGACY_KIND,
        declarations: Mapping[str, Any] | None = None,
    ) -> tuple[list[dict[str, object]], float | None]:
        """The steps a dossier of ``group`` will go through and when the first is due (epoch
        seconds): the procedures its ``declarations`` ask for (all the group's without)."""
        rng = random.Random(f"{self.seed}:{code}")
        procedures = procedures_of(group, declarations)
        formats = reference_formats_of(group, declarations)
        steps: list[dict[str, object]] = []
        draw = rng.random()
        if draw < self.refuse_rate:
            done = rng.randrange(len(procedures))
            steps += [_progress(p, formats.get(p), rng, now.year) for p, _ in procedures[:done]]
            steps.append(
                {
                    "event": "refuse",
                    "reason": rng.choice(reasons_of(group, "refuse_reasons", REFUSE_REASONS)),
                }
            )
        elif draw < self.refuse_rate + self.supplement_rate:
            done = rng.randrange(len(procedures))
            steps += [_progress(p, formats.get(p), rng, now.year) for p, _ in procedures[:done]]
            steps.append(
                {
                    "event": "request_supplement",
                    "reason": rng.choice(
                        reasons_of(group, "supplement_reasons", SUPPLEMENT_REASONS)
                    ),
                }
            )
            wait = (
                self.supplement_wait if self.supplement_wait is not None else 5 * self.step_seconds
            )
            steps.append(
                {"event": "refuse", "reason": SUPPLEMENT_EXPIRED, "after": wait, "deadline": True}
            )
        else:
            steps += [_progress(p, formats.get(p), rng, now.year) for p, _ in procedures]
            steps.append({"event": "ready"})
        for step in steps:
            step.setdefault("after", self.step_seconds * rng.uniform(0.5, 1.5))
        return steps, now.timestamp() + float(steps[0]["after"])  # type: ignore[arg-type]

    def resume(
        self,
        code: str,
        now: datetime,
        group: str,
        declarations: Mapping[str, Any],
        done: frozenset[str],
    ) -> tuple[list[dict[str, object]], float | None]:
        """The steps left once the supplement an agency asked for arrived (a desk's
        ``supplement_received`` event, :mod:`central.events`): the procedures not done yet,
        then ready. The deadline that would have refused the dossier is no longer planned."""
        rng = random.Random(f"{self.seed}:{code}:resume:{len(done)}")
        formats = reference_formats_of(group, declarations)
        steps = [
            _progress(p, formats.get(p), rng, now.year)
            for p, _ in procedures_of(group, declarations)
            if p not in done
        ]
        steps.append({"event": "ready"})
        for step in steps:
            step.setdefault("after", self.step_seconds * rng.uniform(0.5, 1.5))
        return steps, now.timestamp() + float(steps[0]["after"])  # type: ignore[arg-type]


def _progress(
    procedure: str, shape: str | None, rng: random.Random, year: int
) -> dict[str, object]:
    """``procedure`` done, with a reference of ``shape`` (a group's ``reference_format``)."""
    return {"event": "progress", "procedure": procedure, "reference": reference(shape, rng, year)}


def reference(shape: str | None, rng: random.Random, year: int) -> str | None:
    """A synthetic reference of ``shape``: ``{number}`` 1–9999 (a register's or a decision's
    number), ``{serial}`` ten digits (a card's), ``{year}`` the year it is issued (a civil-status
    register is the book of the year). One draw per number, in the order the shape names them,
    so a seed gives the same references whatever the shape around them."""
    if shape is None:
        return None
    values: dict[str, object] = {"year": year}
    for _, name, _, _ in string.Formatter().parse(shape):
        if name == "number" and name not in values:
            values[name] = rng.randrange(1, 10_000)
        elif name == "serial" and name not in values:
            values[name] = f"{rng.randrange(10**10):010d}"
    return shape.format(**values)


def advance(store: CentralStore, now: datetime, limit: int = 2000) -> int:
    """Perform every step due by ``now`` (``limit`` dossiers at most); return updates written.

    Several central processes may run their agencies on one database: each claims the due
    dossiers it performs (:meth:`central.store.CentralStore.advance`), so no step is done twice.
    """
    return store.advance(now.timestamp(), limit, lambda due: _perform(due, now))


def _perform(due: Due, now: datetime) -> Performed:
    """Every step of ``due`` whose time has come, as updates of the dossier.

    Each step goes through the agencies' rules (:func:`central.agency_steps.decide`) as the
    agency that performs it, exactly as it would through the agency API: a step that no
    longer applies — a desk cancelled the dossier, a real agency already decided it — ends the
    simulation of that dossier, and central's deadline for a supplement request lapses once
    the request was answered.
    """
    moment = now.timestamp()
    plan = json.loads(due.plan)
    dossier = due.dossier
    at: float | None = due.next_step_at
    updates: list[tuple[int, str]] = []
    while plan and at is not None and at <= moment:
        raw = plan.pop(0)
        step = Step(
            event=str(raw["event"]),
            procedure=raw.get("procedure"),
            reference=raw.get("reference"),
            reason=raw.get("reason"),
            deadline=bool(raw.get("deadline", False)),
        )
        try:
            dossier = decide(dossier, acting_role(dossier, step), step)
        except Refused:
            if not step.deadline:
                plan, at = [], None  # the simulated agencies stop here, as an agency would
                break
        else:
            when = datetime.fromtimestamp(at, tz=now.tzinfo)
            updates.append((dossier.version, update_body(dossier, step, when)))
        at = at + float(plan[0]["after"]) if plan else None
    return Performed(
        status=dossier.status,
        progress=json.dumps(dossier.progress),
        reason=dossier.reason,
        version=dossier.version,
        plan=json.dumps(plan),
        next_step_at=at,
        updates=updates,
    )
