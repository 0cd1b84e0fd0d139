"""Counter actions: each goes through the lifecycle, checks what was entered, and is audited."""

from __future__ import annotations

import hashlib

import pytest

from desk_app.demo import DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.errors import IllegalTransition
from desk_app.lifecycle import Event, Status
from desk_app.lookup import (
    ActionRefused,
    HandOver,
    SupplementItem,
    WorkList,
    cancel,
    hand_over,
    receive_supplement,
    refusal,
    work_list,
)
from desk_app.officers import NotAllowed
from tests.conftest import signed_in
from tests.lookup.conftest import CENTRAL, answered, make_ready, receive

RECEIVER = HandOver("Nguyễn Thị Lan", "001194012345", originals={"birth_certificate"})


def last_event(desk: Desk, code: str) -> tuple[str, dict]:
    event = desk.store.audit_events(code)[-1]
    return event.action, event.detail


def test_hand_over_is_audited_with_receiver_and_originals(counter: Desk) -> None:
    saved = make_ready(counter, receive(counter).code)
    assert [h.code for h in work_list(counter, WorkList.READY)] == [saved.code]
    row = hand_over(counter, saved.code, RECEIVER)
    assert row.status is Status.HANDED_OVER
    action, detail = last_event(counter, saved.code)
    assert action == Event.HAND_OVER
    assert detail["receiver"] == "Nguyễn Thị Lan"
    assert detail["receiver_id"] == "001194012345"
    assert detail["originals_handed_in"][0].startswith("Giấy chứng sinh")
    assert detail["handed_at"] == counter.clock().isoformat()
    assert work_list(counter, WorkList.READY) == []


def test_hand_over_needs_every_original_the_checklist_names(counter: Desk) -> None:
    # A grandmother asks: the authorisation letter and her ID must be shown at pick-up.
    saved = make_ready(counter, receive(counter, "both-relatives-grandmother-requests").code)
    with pytest.raises(ActionRefused) as refused:
        hand_over(counter, saved.code, RECEIVER)
    assert refused.value.field == "originals"
    assert "Văn bản ủy quyền" in refused.value.message
    assert counter.store.require(saved.code).status is Status.READY
    everything = {"authorisation_letter", "birth_certificate", "identity_document"}
    hand_over(counter, saved.code, HandOver("Phạm Thị Hoa", "001160001234", originals=everything))
    assert last_event(counter, saved.code)[1]["originals"] == sorted(everything)


@pytest.mark.parametrize(
    ("receiver", "field"),
    [
        (HandOver(" ", "001194012345", {"birth_certificate"}), "receiver_name"),
        (HandOver("Lan", "", {"birth_certificate"}), "receiver_id"),
        (HandOver("Lan", "12345", {"birth_certificate"}), "receiver_id"),
        (HandOver("Lan", "001194012345"), "originals"),
    ],
)
def test_hand_over_refuses_incomplete_entries_by_field(
    counter: Desk, receiver: HandOver, field: str
) -> None:
    saved = make_ready(counter, receive(counter).code)
    with pytest.raises(ActionRefused) as refused:
        hand_over(counter, saved.code, receiver)
    assert refused.value.field == field
    assert counter.store.require(saved.code).status is Status.READY


def test_handing_over_a_dossier_that_is_not_ready_is_refused_by_the_lifecycle(
    counter: Desk,
) -> None:
    saved = receive(counter)
    message = refusal(saved, Event.HAND_OVER)
    assert message == "Không thể trả kết quả hồ sơ đang ở trạng thái “Đã tiếp nhận”."
    with pytest.raises(IllegalTransition, match="Không thể trả kết quả"):
        hand_over(counter, saved.code, RECEIVER)
    assert [e.action for e in counter.store.audit_events(saved.code)] == [Event.RECEIVE]


def test_supplement_goes_back_to_sent_with_its_files(counter: Desk) -> None:
    saved = receive(counter)
    answered(counter, saved.code, Event.ACCEPT)
    counter.store.apply_event(
        saved.code,
        Event.REQUEST_SUPPLEMENT,
        officer=CENTRAL,
        at=counter.clock(),
        reason="Bổ sung bản sao giấy tờ chứng minh nơi cư trú",
    )
    sha = hashlib.sha256(b"scan").hexdigest()
    with counter.store.transaction() as db:
        db["attachments"].insert(
            {"sha256": sha, "size": 4, "media_type": "application/pdf", "stored_at": "x"}
        )
    with pytest.raises(ActionRefused) as empty:
        receive_supplement(counter, saved.code, [SupplementItem("residence_proof")])
    assert empty.value.field == "items"
    with pytest.raises(ActionRefused, match="chưa có trong kho"):
        receive_supplement(
            counter, saved.code, [SupplementItem("residence_proof", files=["f" * 64])]
        )

    row = receive_supplement(
        counter,
        saved.code,
        [SupplementItem("residence_proof", copies=1, files=[sha], original_sighted=True)],
        note="Công dân nộp trực tiếp",
    )
    assert row.status is Status.SENT
    action, detail = last_event(counter, saved.code)
    assert action == Event.SUPPLEMENT_RECEIVED
    assert detail["attachments"][0]["item"] == "residence_proof"
    assert detail["note"] == "Công dân nộp trực tiếp"
    linked = counter.store.conn.execute(
        "SELECT item, sha256 FROM dossier_attachments WHERE dossier_id = ?", (row.id,)
    ).fetchall()
    assert linked == [("residence_proof", sha)]


def test_supplement_for_a_dossier_not_waiting_for_one_is_refused(counter: Desk) -> None:
    saved = receive(counter)
    with pytest.raises(IllegalTransition, match="nhận giấy tờ bổ sung"):
        receive_supplement(counter, saved.code, [SupplementItem("ct01", copies=1)])


def test_an_officer_cannot_cancel(counter: Desk) -> None:
    saved = receive(counter)
    before = counter.store.audit_events(saved.code)
    with pytest.raises(NotAllowed, match="Chỉ lãnh đạo bộ phận được hủy hồ sơ"):
        cancel(counter, saved.code, "Gia đình chuyển nơi cư trú, nộp lại sau")
    assert counter.store.require(saved.code).status is Status.RECEIVED
    assert counter.store.audit_events(saved.code) == before


def test_cancel_needs_a_reason_and_records_it(counter: Desk) -> None:
    signed_in(counter, DEMO_SUPERVISOR[0])  # cancelling is a supervisor's task
    saved = receive(counter)
    with pytest.raises(ActionRefused) as refused:
        cancel(counter, saved.code, "  ")
    assert refused.value.field == "reason"
    row = cancel(counter, saved.code, "Gia đình chuyển nơi cư trú, nộp lại sau")
    assert row.status is Status.CANCELLED
    assert row.status_reason == "Gia đình chuyển nơi cư trú, nộp lại sau"
    assert last_event(counter, saved.code)[0] == Event.CANCEL
    assert counter.store.audit_events(saved.code)[-1].officer == DEMO_SUPERVISOR[2]
    with pytest.raises(IllegalTransition, match="hủy"):
        cancel(counter, saved.code, "lần nữa")
