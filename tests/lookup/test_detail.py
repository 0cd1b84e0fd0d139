"""The dossier as the view shows it: labelled declarations, attachments, procedures, history."""

from __future__ import annotations

from datetime import timedelta

from desk_app.desk import Desk
from desk_app.lookup import HandOver, hand_over, open_dossier
from desk_app.store.queries import Urgency
from tests.lookup.conftest import (
    BIRTH_CERTIFICATE_NUMBER,
    CARD_NUMBER,
    Clock,
    make_ready,
    receive,
)


def test_timeline_of_the_three_procedures_with_their_numbers(counter: Desk) -> None:
    saved = make_ready(counter, receive(counter).code)
    hand_over(
        counter, saved.code, HandOver("Nguyễn Thị Lan", "001194012345", {"birth_certificate"})
    )
    detail = open_dossier(counter, saved.code)
    titles = [e.title for e in detail.timeline]
    assert titles == [
        "Tiếp nhận tại quầy",
        "Đã gửi lên hệ thống",
        "Hệ thống đã nhận hồ sơ",
        "Đã đăng ký khai sinh",
        "Đã đăng ký thường trú",
        "Đã cấp thẻ BHYT",
        "Có kết quả, chờ trả",
        "Đã trả kết quả",
    ]
    lines = {e.title: e.detail for e in detail.timeline}
    assert BIRTH_CERTIFICATE_NUMBER in lines["Đã đăng ký khai sinh"]
    assert CARD_NUMBER in lines["Đã cấp thẻ BHYT"]
    assert "Nguyễn Thị Lan" in lines["Đã trả kết quả"]
    assert [(p.label, p.reference) for p in detail.procedures] == [
        ("Đăng ký khai sinh", BIRTH_CERTIFICATE_NUMBER),
        ("Đăng ký thường trú", None),
        ("Cấp thẻ BHYT", CARD_NUMBER),
    ]


def test_declarations_are_labelled_in_vietnamese(counter: Desk) -> None:
    detail = open_dossier(counter, receive(counter).code)
    titles = [s.title for s in detail.sections]
    assert titles[:3] == ["Cơ quan thực hiện", "Người yêu cầu", "Người được khai sinh"]
    child = dict(next(s for s in detail.sections if s.title == "Người được khai sinh").lines)
    assert "Trần Minh An" in child.values()
    assert "15/11/2026" in child.values()  # dates as the counter writes them
    assert "Nam" in child.values()  # option ids shown by their labels
    items = [a.item for a in detail.attachments]
    assert items == ["birth_certificate", "ct01"]
    assert [o.id for o in detail.originals] == ["birth_certificate"]


def test_overdue_shows_once_the_appointment_day_has_passed(counter: Desk, clock: Clock) -> None:
    saved = receive(counter)
    assert open_dossier(counter, saved.code).urgency is None
    assert saved.appointment_at is not None
    clock.at = saved.appointment_at
    assert open_dossier(counter, saved.code).urgency is Urgency.DUE_TODAY
    clock.at = saved.appointment_at + timedelta(days=1)
    assert open_dossier(counter, saved.code).urgency is Urgency.OVERDUE
