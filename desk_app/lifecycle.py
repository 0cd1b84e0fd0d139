"""The dossier lifecycle as an explicit state machine.

One table says which event may move a dossier from which status to which; everything that
changes a status goes through :func:`transition`, so an illegal move (handing over a dossier
that is not ready, cancelling one already handed over) is refused with a Vietnamese message
before anything is written. Per-procedure progress (each procedure of the group done, by the
group's own list of procedures) is recorded beside the status; "ready" needs every procedure the
dossier asked for done (all of the group's, or the combination the citizen chose).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desk_app import groups
from desk_app.errors import IllegalTransition


class Status(StrEnum):
    """Where a dossier stands, as the counter sees it."""

    DRAFT = "draft"
    RECEIVED = "received"
    SENT = "sent"
    REJECTED = "rejected"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    READY = "ready"
    HANDED_OVER = "handed_over"
    REFUSED = "refused"
    PAPERS_RETURNED = "papers_returned"
    CANCELLED = "cancelled"


class Event(StrEnum):
    """What can happen to a dossier."""

    RECEIVE = "receive"
    SEND = "send"
    REJECT = "reject"
    RESUBMIT = "resubmit"
    ACCEPT = "accept"
    PROGRESS = "progress"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT_RECEIVED = "supplement_received"
    READY = "ready"
    HAND_OVER = "hand_over"
    REFUSE = "refuse"
    RETURN_PAPERS = "return_papers"
    CANCEL = "cancel"


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "Bản nháp",
    Status.RECEIVED: "Đã tiếp nhận",
    Status.SENT: "Đã gửi lên hệ thống",
    Status.REJECTED: "Hệ thống trả lại (cần sửa)",
    Status.ACCEPTED: "Hệ thống đã nhận",
    Status.IN_PROGRESS: "Đang giải quyết",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    Status.READY: "Có kết quả, chờ trả",
    Status.HANDED_OVER: "Đã trả kết quả",
    Status.REFUSED: "Từ chối giải quyết",
    Status.PAPERS_RETURNED: "Đã trả lại hồ sơ cho công dân",
    Status.CANCELLED: "Đã hủy theo yêu cầu",
}

EVENT_LABELS: dict[Event, str] = {
    Event.RECEIVE: "tiếp nhận",
    Event.SEND: "gửi lên hệ thống",
    Event.REJECT: "ghi nhận hệ thống trả lại",
    Event.RESUBMIT: "gửi lại sau khi sửa",
    Event.ACCEPT: "ghi nhận hệ thống đã nhận",
    Event.PROGRESS: "ghi nhận tiến độ thủ tục",
    Event.REQUEST_SUPPLEMENT: "ghi nhận yêu cầu bổ sung",
    Event.SUPPLEMENT_RECEIVED: "nhận giấy tờ bổ sung",
    Event.READY: "ghi nhận có kết quả",
    Event.HAND_OVER: "trả kết quả",
    Event.REFUSE: "ghi nhận từ chối",
    Event.RETURN_PAPERS: "trả lại",
    Event.CANCEL: "hủy",
}

_WORKING = (Status.SENT, Status.ACCEPTED, Status.IN_PROGRESS)

TRANSITIONS: dict[Event, tuple[frozenset[Status], Status]] = {
    Event.RECEIVE: (frozenset({Status.DRAFT}), Status.RECEIVED),
    Event.SEND: (frozenset({Status.RECEIVED}), Status.SENT),
    Event.REJECT: (frozenset({Status.SENT}), Status.REJECTED),
    Event.RESUBMIT: (frozenset({Status.REJECTED}), Status.RECEIVED),
    Event.ACCEPT: (frozenset({Status.SENT}), Status.ACCEPTED),
    Event.PROGRESS: (frozenset({Status.ACCEPTED, Status.IN_PROGRESS}), Status.IN_PROGRESS),
    Event.REQUEST_SUPPLEMENT: (frozenset(_WORKING), Status.SUPPLEMENT_REQUESTED),
    Event.SUPPLEMENT_RECEIVED: (frozenset({Status.SUPPLEMENT_REQUESTED}), Status.SENT),
    Event.READY: (frozenset({Status.IN_PROGRESS}), Status.READY),
    Event.HAND_OVER: (frozenset({Status.READY}), Status.HANDED_OVER),
    Event.REFUSE: (frozenset({*_WORKING, Status.SUPPLEMENT_REQUESTED}), Status.REFUSED),
    Event.RETURN_PAPERS: (frozenset({Status.REFUSED}), Status.PAPERS_RETURNED),
    Event.CANCEL: (
        frozenset({Status.RECEIVED, Status.REJECTED, *_WORKING, Status.SUPPLEMENT_REQUESTED}),
        Status.CANCELLED,
    ),
}
"""event → (statuses it may happen in, status it leads to)."""

FINAL = frozenset({Status.HANDED_OVER, Status.PAPERS_RETURNED, Status.CANCELLED})
"""Statuses with no way out: the citizen has the results or the papers back, or withdrew."""

AT_COUNTER = frozenset({Status.READY, Status.REFUSED})
"""Statuses whose outcome waits at the counter for the citizen: results to hand over, or the
papers of a refused dossier to hand back with the refusal's reason. Central has decided (no
answer of its moves them on); handing over (HAND_OVER) or handing back (RETURN_PAPERS) does,
and takes the dossier off the counter's lists."""


class _Procedures(Mapping[str, tuple[str, ...]]):
    """group kind → its procedure ids, read from the registered groups at each use (so a group
    registered later is known as well)."""

    def __getitem__(self, group: str) -> tuple[str, ...]:
        return groups.get(group).procedure_ids

    def __iter__(self) -> Iterator[str]:
        return iter([g.kind for g in groups.registered()])

    def __len__(self) -> int:
        return len(groups.registered())


class _ProcedureLabels(Mapping[str, str]):
    """procedure id → its short label, over every registered group."""

    def _all(self) -> dict[str, str]:
        return {p.id: p.short_label for g in groups.registered() for p in g.procedures}

    def __getitem__(self, procedure: str) -> str:
        return self._all()[procedure]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


PROCEDURES: Mapping[str, tuple[str, ...]] = _Procedures()
"""The procedures of each group, in the order they are usually decided (the group's data)."""

PROCEDURE_LABELS: Mapping[str, str] = _ProcedureLabels()
"""Each procedure's short label, as the group's data names it."""


def requested_of(group: str, declarations: Mapping[str, Any]) -> frozenset[str] | None:
    """The procedures a stored dossier of ``group`` asked for (its declarations' JSON); None
    for a group no longer registered (:func:`transition` then refuses with its own message)."""
    found = groups.find(group)
    return None if found is None else found.requested(declarations)


@dataclass(frozen=True)
class Outcome:
    """The result of a legal transition: the new status and the progress after it."""

    status: Status
    done: frozenset[str]


def transition(
    status: Status,
    event: Event,
    *,
    group: str = groups.LEGACY_KIND,
    done: Collection[str] = (),
    procedure: str | None = None,
    requested: Collection[str] | None = None,
) -> Outcome:
    """Apply ``event`` to a dossier in ``status`` whose procedures ``done`` are finished.

    ``requested``: the procedures the dossier itself asked for (its group's
    :meth:`~desk_app.groups.GroupDefinition.requested`). With them, a procedure it did not ask
    for cannot progress and it is ready only when exactly those are done: a dossier that asked
    for three procedures is not ready when another allowed combination of two is done. Without
    them (a caller that has not read the declarations), any set the group allows will do.

    Raises :class:`IllegalTransition` (and so changes nothing) when the event is not allowed.
    """
    allowed, target = TRANSITIONS[event]
    if status not in allowed:
        raise IllegalTransition(
            f"Không thể {EVENT_LABELS[event]} hồ sơ đang ở trạng thái “{STATUS_LABELS[status]}”."
        )
    try:
        procedures = PROCEDURES[group]
    except KeyError:
        raise IllegalTransition(f"Nhóm thủ tục “{group}” không được hỗ trợ.") from None
    finished = frozenset(done)
    asked = frozenset(requested) if requested is not None else None
    if event is Event.PROGRESS:
        if procedure not in procedures:
            raise IllegalTransition(f"Thủ tục “{procedure}” không thuộc nhóm hồ sơ này.")
        if asked is not None and procedure not in asked:
            raise IllegalTransition(f"Hồ sơ không đề nghị thủ tục “{PROCEDURE_LABELS[procedure]}”.")
        if procedure in finished:
            raise IllegalTransition(
                f"Thủ tục “{PROCEDURE_LABELS[procedure]}” đã được ghi nhận hoàn thành."
            )
        finished = finished | {procedure}
    elif procedure is not None:
        raise IllegalTransition(f"Sự kiện {event} không gắn với một thủ tục.")
    # Ready once the procedures the dossier asked for are all done; without them, once those of
    # a set the group allows are (every procedure of the group, or one of its combinations).
    sets = (asked,) if asked is not None else groups.get(group).procedure_sets
    if event is Event.READY and finished not in sets:
        wanted = min((s for s in sets if s >= finished), key=len, default=frozenset(procedures))
        missing = ", ".join(PROCEDURE_LABELS[p] for p in procedures if p in wanted - finished)
        raise IllegalTransition(f"Chưa thể trả kết quả: còn thủ tục chưa xong ({missing}).")
    return Outcome(target, finished)
