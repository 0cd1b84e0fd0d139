"""A form that does not apply, or an argument that cannot be accepted, is one Vietnamese message
naming the field, and nothing is written: no audit event, no PDF.

And form 02 follows what the counter actually holds: papers missing from a stored dossier are
listed with what to bring, and once they arrive as a supplement there is nothing left to ask.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from desk_app.desk import Desk
from desk_app.documents import ACTIONS, FormRefused, make_form
from desk_app.errors import NotFound
from desk_app.lifecycle import Event
from desk_app.lookup import SupplementItem, receive_supplement
from desk_app.store import DossierRow
from tests.documents.conftest import (
    DELAY_REASON,
    NEW_DATE,
    REFUSAL_REASON,
    SUPPLEMENT_REASON,
    good,
    move,
)
from tests.receipt.conftest import flat, pdf_text

CASES: list[tuple[str, str, dict[str, Any], str, tuple[str, ...]]] = [
    # (stored for form, form asked, arguments, field, words of the message)
    ("04", "03", {}, "status", ("Trạng thái hồ sơ", "“Đã gửi lên hệ thống”", "mẫu 03")),
    ("04", "02", {}, "status", ("Trạng thái hồ sơ", "yêu cầu bổ sung", "mẫu 02")),
    ("03", "04", ARGS := {"reason": DELAY_REASON, "new_date": NEW_DATE}, "status", ("mẫu 04",)),
    ("04", "04", {"new_date": NEW_DATE}, "reason", ("Lý do (--reason)", "chậm trả kết quả")),
    ("04", "04", {"reason": "   "}, "reason", ("Lý do (--reason)",)),
    ("04", "04", {"reason": DELAY_REASON}, "new_date", ("Ngày hẹn mới (--new-date)", "mẫu 04")),
    (
        "04",
        "04",
        {**ARGS, "new_date": date(2026, 12, 10)},  # the original appointment itself
        "new_date",
        ("--new-date", "10/12/2026 không sau ngày hẹn trả kết quả ban đầu (10/12/2026)"),
    ),
    (
        "04",
        "04",
        {**ARGS, "new_date": date(2026, 12, 19)},
        "new_date",
        ("--new-date", "19/12/2026 (thứ Bảy) không phải ngày làm việc", "ví dụ 2026-12-21"),
    ),
    (
        "04",
        "04",
        {**ARGS, "new_date": date(2027, 1, 1)},
        "new_date",
        ("--new-date", "không phải ngày làm việc (Tết Dương lịch)", "ví dụ 2027-01-04"),
    ),
    ("02", "02", {"new_date": NEW_DATE}, "new_date", ("--new-date", "chỉ dùng với mẫu 04")),
    (
        "03",
        "03",
        {"reason": "Lý do khác với lý do đã ghi nhận"},
        "reason",
        ("--reason", f"«{REFUSAL_REASON}»", "bỏ --reason"),
    ),
    ("02", "02", {"reason": "Thiếu\x1b[31m giấy"}, "reason", ("Lý do (--reason)",)),
    ("04", "04", {**ARGS, "reason": "x" * 1001}, "reason", ("1001 ký tự", "nhiều nhất 1000")),
]


def nothing_written(desk: Desk, row: DossierRow) -> None:
    """No form was recorded or kept for ``row``."""
    actions = {e.action for e in desk.store.audit_events(row.code)}
    assert not actions & set(ACTIONS.values())
    assert not list(desk.settings.paths.receipts.glob(f"{row.code}-mau*"))


@pytest.mark.parametrize(("state", "form", "args", "field", "words"), CASES)
def test_bad_input_is_one_vietnamese_message_naming_the_field_and_writes_nothing(
    phoned: Desk,
    stored: Callable[..., DossierRow],
    state: str,
    form: str,
    args: dict[str, Any],
    field: str,
    words: tuple[str, ...],
) -> None:
    row = stored("death", state)
    with pytest.raises(FormRefused) as refused:
        make_form(phoned, form, row.code, send=True, **args)  # type: ignore[arg-type]
    assert refused.value.field == field
    for word in words:
        assert word in refused.value.message, (word, refused.value.message)
    assert row.code in refused.value.message or field != "status"
    nothing_written(phoned, row)
    assert phoned.store.require(row.code) == row  # the dossier is as it was


def test_an_unknown_code_is_the_stores_message(phoned: Desk) -> None:
    with pytest.raises(NotFound) as missing:
        make_form(phoned, "03", "000.00.01.H26-261124-9999")
    assert missing.value.message == "Không có hồ sơ mã 000.00.01.H26-261124-9999."
    assert not list(phoned.settings.paths.receipts.glob("*mau*"))


def test_papers_missing_from_a_stored_dossier_are_listed_until_they_arrive(
    phoned: Desk, stored: Callable[..., DossierRow]
) -> None:
    data = good("birth")
    items = data["declarations"]["attachments"]["items"]
    # Imported from an older system without its birth certificate (reception refuses that).
    items[:] = [i for i in items if i["item"] != "birth_certificate"]
    row = move(phoned, stored("birth", "04", data).code)
    words = flat(pdf_text(make_form(phoned, "02", row.code).issued.pdf))
    assert "1 Giấy chứng sinh (nếu không có: văn bản của người làm chứng" in words
    assert "giấy cam đoan về việc sinh) nộp 01" in words  # the original is handed in
    assert "Lý do: Hồ sơ chưa có đủ thành phần giấy tờ theo quy định." in words
    # Central asks too: both the missing paper and its words are on the form.
    move(phoned, row.code, (Event.REQUEST_SUPPLEMENT, SUPPLEMENT_REASON))
    words = flat(pdf_text(make_form(phoned, "02", row.code).issued.pdf))
    assert "Giấy chứng sinh" in words
    assert f"2 Theo yêu cầu của cơ quan giải quyết: {SUPPLEMENT_REASON}" in words
    # The certificate arrives as a supplement: the dossier goes back to central, nothing to ask.
    receive_supplement(phoned, row.code, [SupplementItem("birth_certificate", copies=1)])
    with pytest.raises(FormRefused) as refused:
        make_form(phoned, "02", row.code)
    assert refused.value.field == "status" and "“Đã gửi lên hệ thống”" in refused.value.message


def test_each_issue_is_audited_with_what_the_paper_said(
    phoned: Desk, stored: Callable[..., DossierRow]
) -> None:
    from desk_app.audit_register import action_name, detail_lines
    from desk_app.lookup import open_dossier

    row = stored("birth", "04")
    make_form(phoned, "04", row.code, reason=DELAY_REASON, new_date=NEW_DATE)
    [event] = [e for e in phoned.store.audit_events(row.code) if e.action == ACTIONS["04"]]
    assert event.officer == "Nguyễn Thị Minh Thư"
    lines = list(detail_lines(event.detail))
    assert f"Lý do: {DELAY_REASON}" in lines
    assert "Ngày hẹn trả kết quả mới: 2026-12-17" in lines
    assert action_name(event.action) == "In phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)"
    timeline = open_dossier(phoned, row.code, record_view=False).timeline
    assert timeline[-1].title == action_name(event.action)
    assert DELAY_REASON in timeline[-1].detail
