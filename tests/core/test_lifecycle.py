"""The lifecycle: legal paths move and are audited; illegal ones change nothing."""

from __future__ import annotations

import pytest

from desk_app.errors import IllegalTransition
from desk_app.lifecycle import TRANSITIONS, Event, Status, transition
from desk_app.store import Store
from tests.conftest import FIXED_NOW, sample_dossier


@pytest.fixture
def code(store: Store) -> str:
    return store.save_dossier(
        sample_dossier(),
        agency_code="000.00.01.H26",
        desk_number=1,
        officer="A",
        received_at=FIXED_NOW,
    ).code


def step(store: Store, code: str, event: Event, **kw: str) -> Status:
    return store.apply_event(code, event, officer="A", at=FIXED_NOW, **kw).status


def test_full_path_to_handed_over_is_audited(store: Store, code: str) -> None:
    assert step(store, code, Event.SEND) is Status.SENT
    assert step(store, code, Event.ACCEPT) is Status.ACCEPTED
    step(store, code, Event.PROGRESS, procedure="birth", reference="123/2026")
    step(store, code, Event.PROGRESS, procedure="residence")
    step(store, code, Event.PROGRESS, procedure="insurance", reference="TE1010100000001")
    assert step(store, code, Event.READY) is Status.READY
    assert step(store, code, Event.HAND_OVER) is Status.HANDED_OVER
    actions = [e.action for e in store.audit_events(code)]
    assert actions == [
        "receive",
        "send",
        "accept",
        "progress",
        "progress",
        "progress",
        "ready",
        "hand_over",
    ]
    assert store.audit_events(code)[3].detail["reference"] == "123/2026"


@pytest.mark.parametrize("event", [Event.HAND_OVER, Event.READY, Event.ACCEPT, Event.RECEIVE])
def test_illegal_transition_is_refused_and_changes_nothing(
    store: Store, code: str, event: Event
) -> None:
    before = store.require(code)
    audit_before = store.audit_events()
    with pytest.raises(IllegalTransition, match="Đã tiếp nhận"):
        store.apply_event(code, event, officer="A", at=FIXED_NOW)
    assert store.require(code) == before
    assert store.audit_events() == audit_before


def test_ready_needs_every_procedure(store: Store, code: str) -> None:
    step(store, code, Event.SEND)
    step(store, code, Event.ACCEPT)
    step(store, code, Event.PROGRESS, procedure="birth")
    with pytest.raises(IllegalTransition, match="Đăng ký thường trú, Cấp thẻ BHYT"):
        step(store, code, Event.READY)
    with pytest.raises(IllegalTransition, match="đã được ghi nhận"):
        step(store, code, Event.PROGRESS, procedure="birth")


def test_cancelled_dossier_cannot_be_handed_over_or_cancelled_again(
    store: Store, code: str
) -> None:
    assert step(store, code, Event.CANCEL, reason="Công dân rút hồ sơ") is Status.CANCELLED
    assert store.require(code).status_reason == "Công dân rút hồ sơ"
    for event in (Event.HAND_OVER, Event.CANCEL, Event.SEND):
        with pytest.raises(IllegalTransition, match="Đã hủy"):
            step(store, code, event)


def test_supplement_goes_back_to_sent(store: Store, code: str) -> None:
    step(store, code, Event.SEND)
    assert (
        step(store, code, Event.REQUEST_SUPPLEMENT, reason="Thiếu CT01")
        is Status.SUPPLEMENT_REQUESTED
    )
    assert step(store, code, Event.SUPPLEMENT_RECEIVED) is Status.SENT


def test_final_statuses_have_no_way_out() -> None:
    final = {Status.HANDED_OVER, Status.PAPERS_RETURNED, Status.CANCELLED}
    for event, (sources, _) in TRANSITIONS.items():
        assert not (sources & final), event
    with pytest.raises(IllegalTransition):
        transition(Status.REFUSED, Event.RESUBMIT)
