"""Dossiers of both groups saved through the desk and moved to where each form applies.

The forms are read back from the PDF as a person reads paper (the receipt tests' readers), so
these fixtures only prepare stored dossiers: a birth and a death dossier saved as reception
saves them (like the receipt tests' ``save``), then moved through the lifecycle by the store's own
events, as sync applies central's answers (a supplement asked with its reason, a refusal).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from desk_app.desk import Desk
from desk_app.dossier import Dossier
from desk_app.lifecycle import Event
from desk_app.reception import new_dossier
from desk_app.store import DossierRow
from tests.conftest import FIXED_NOW
from tests.death.corpus import good as death_good
from tests.forms.corpus import good as birth_good
from tests.receipt.conftest import CORPUS_ENTRY, with_settings

DEATH_ENTRY = "si-funeral-pensioner-bank"
"""The death corpus dossier: death, removal of residence and funeral allowance, with e-mail."""
OFFICE_PHONE = "024 3835 1234"
SUPPLEMENT_REASON = (
    "Tờ khai thay đổi thông tin cư trú (CT01) chưa có ý kiến đồng ý của chủ hộ; đề nghị công "
    "dân bổ sung."
)
REFUSAL_REASON = "Người yêu cầu không thuộc diện được đứng ra khai tử; đề nghị liên hệ UBND xã."
DELAY_REASON = "Cơ quan bảo hiểm xã hội phải xác minh thêm quá trình đóng bảo hiểm."
NEW_DATE = date(2026, 12, 17)
"""A Thursday after the appointments the receipts gave (birth: Mon 30 Nov 2026, three working
days; death with funeral allowance: Thu 10 Dec, eleven)."""
APPOINTMENTS = {"birth": "30 tháng 11 năm 2026", "death": "10 tháng 12 năm 2026"}
CENTRAL = "Hệ thống trung tâm"


def good(group: str) -> dict[str, Any]:
    """The corpus dossier of ``group`` ("birth" or "death"), safe to modify."""
    return birth_good(CORPUS_ENTRY) if group == "birth" else death_good(DEATH_ENTRY)


def move(desk: Desk, code: str, *steps: tuple[Event, str | None]) -> DossierRow:
    """Apply central's answers (event, reason) to the stored dossier, as sync does."""
    for event, reason in steps:
        desk.store.apply_event(code, event, officer=CENTRAL, at=FIXED_NOW, reason=reason)
    return desk.store.require(code)


SENT = ((Event.SEND, None),)
SUPPLEMENT = (*SENT, (Event.REQUEST_SUPPLEMENT, SUPPLEMENT_REASON))
REFUSED = (*SENT, (Event.REFUSE, REFUSAL_REASON))
STEPS = {"02": SUPPLEMENT, "03": REFUSED, "04": SENT}
"""Where each form applies: a supplement asked for, a refusal, a dossier still being decided."""
ARGUMENTS: dict[str, dict[str, Any]] = {
    "02": {},
    "03": {},
    "04": {"reason": DELAY_REASON, "new_date": NEW_DATE},
}


@pytest.fixture
def phoned(desk: Desk) -> Desk:
    """The desk with the office's phone in its settings (every field of form 02 filled)."""
    desk.settings = with_settings(desk.settings, office={"phone": OFFICE_PHONE})
    return desk


@pytest.fixture
def stored(phoned: Desk) -> Callable[..., DossierRow]:
    """``stored(group, form[, data][, reason])``: a dossier of ``group`` (its corpus entry, or
    ``data``) saved and moved to where ``form`` applies (with central's ``reason``)."""

    def make(
        group: str, form: str, data: dict[str, Any] | None = None, reason: str | None = None
    ) -> DossierRow:
        dossier = Dossier.model_validate(data if data is not None else good(group))
        row = phoned.receive(new_dossier(dossier, FIXED_NOW, phoned.settings), at=FIXED_NOW)
        steps = STEPS[form]
        if reason is not None:  # central's own words for the last answer
            steps = (*steps[:-1], (steps[-1][0], reason))
        return move(phoned, row.code, *steps)

    return make
