"""Corrections at central: a new content version, the old one kept; what is decided stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.protocol import content_hash
from tests.central_events.helpers import (
    STEP,
    advance,
    correction,
    envelope,
    event,
    full,
    office_feed,
    send,
    start,
    submit,
)
from tests.sync.conftest import Central

BOTH_BACKENDS = True


@pytest.fixture
def central(tmp_path: Path, central_target: str) -> Iterator[Central]:
    running = start(tmp_path, central_target, outcome="ready")
    yield running
    running.stop()


def test_a_correction_is_a_new_version_and_the_old_one_stays_readable(central: Central) -> None:
    code = submit(central)
    original = envelope()
    fixed = envelope(child__full_name="Trần Minh Khuê Anh")
    [result] = send(central, central.token, correction(code, fixed, "Sai tên trẻ"))
    assert result["outcome"] == "applied"
    record = full(central, central.token, code).json()
    assert record["content_version"] == 2 and record["state"]["content_version"] == 2
    assert record["content_hash"] == content_hash(fixed)
    assert record["declarations"] == fixed
    first, second = record["versions"]
    assert (first["content_version"], first["declarations"]) == (1, original)
    assert (second["content_version"], second["reason"]) == (2, "Sai tên trẻ")
    last = office_feed(central, central.token)[-1]
    assert last["event"] == "correction"
    assert last["detail"] == {"reason": "Sai tên trẻ", "content_version": 2}
    with central.http(central.token) as http:
        found = http.get("/v1/dossiers", params={"name": "khue anh"}).json()["dossiers"]
    assert [d["code"] for d in found] == [code]


def test_a_correction_of_what_a_decided_procedure_rests_on_is_refused(central: Central) -> None:
    code = submit(central)
    advance(central, 1.6 * STEP)  # the birth is registered; the others are not yet decided
    assert "birth" in full(central, central.token, code).json()["state"]["progress"]
    renamed = envelope(child__full_name="Trần Minh Khuê Anh")
    [locked] = send(central, central.token, correction(code, renamed))
    assert locked["reason_code"] == "locked"
    assert "Đăng ký khai sinh" in locked["reason"] or "khai sinh" in locked["reason"].lower()
    assert full(central, central.token, code).json()["content_version"] == 1
    delivery_changed = envelope(requester__full_name="Nguyễn Thị Thu Hà")
    [allowed] = send(central, central.token, correction(code, delivery_changed))
    assert allowed["outcome"] == "applied"


def test_a_correction_with_a_wrong_hash_or_invalid_content_is_refused(central: Central) -> None:
    code = submit(central)
    wrong = correction(code, envelope(child__full_name="Khác"))
    wrong["data"]["content_hash"] = "0" * 64
    invalid = correction(code, envelope(child__date_of_birth="không phải ngày"))
    refused = send(central, central.token, wrong, invalid)
    assert [r["reason_code"] for r in refused] == ["hash_mismatch", "invalid"]
    assert "không hợp lệ" in refused[1]["reason"]
    assert full(central, central.token, code).json()["content_version"] == 1


def test_a_final_dossier_is_not_corrected(central: Central) -> None:
    code = submit(central)
    send(central, central.token, event(code, "cancel", {"reason": "rút"}))
    [refused] = send(central, central.token, correction(code, envelope(child__full_name="X Y")))
    assert refused["reason_code"] == "state" and refused["by"]["kind"] == "cancel"
