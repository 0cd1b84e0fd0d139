"""POST /v1/events against a real central: each kind applied where it may be, refused where not."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central_events.helpers import (
    OTHER_OFFICER,
    advance,
    desk_token,
    event,
    full,
    office_feed,
    post_events,
    send,
    start,
    submit,
)
from tests.sync.conftest import Central

BOTH_BACKENDS = True


@pytest.fixture
def ready_central(tmp_path: Path, central_target: str) -> Iterator[Central]:
    running = start(tmp_path, central_target, outcome="ready")
    yield running
    running.stop()


def test_hand_over_of_a_ready_dossier_is_applied_and_every_desk_of_the_office_sees_who(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    ready_central.finish_everything()
    before = full(ready_central, ready_central.token, code).json()
    assert before["state"]["status"] == "ready"
    desk2 = desk_token(ready_central, 2)
    taken = {"receiver": "Nguyễn Thị Thu Hằng", "receiver_id": None, "originals_taken": ["ct01"]}
    [result] = send(ready_central, desk2, event(code, "hand_over", taken, OTHER_OFFICER))
    assert (result["outcome"], result["version"]) == ("applied", before["version"] + 1)
    after = full(ready_central, ready_central.token, code).json()
    assert after["state"]["status"] == "handed_over"
    last = office_feed(ready_central, ready_central.token)[-1]
    assert (last["event"], last["state"]["status"]) == ("hand_over", "handed_over")
    assert last["by"] == {"office": "000.00.01.H26", "desk": 2, "officer": OTHER_OFFICER}
    assert last["detail"]["originals_taken"] == ["ct01"]


def test_an_event_the_status_does_not_allow_is_refused_naming_who_moved_the_dossier(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    refused = send(
        ready_central,
        ready_central.token,
        event(code, "hand_over", {"receiver": "A"}),
        event(code, "return_papers", {"receiver": "A"}),
        event(code, "supplement_received", {"attachments": [], "note": None}),
    )
    assert [r["outcome"] for r in refused] == ["refused"] * 3
    assert {r["reason_code"] for r in refused} == {"state"}
    assert all("Đã tiếp nhận" in r["reason"] and r["by"] is None for r in refused)
    desk2 = desk_token(ready_central, 2)
    [cancelled] = send(
        ready_central, desk2, event(code, "cancel", {"reason": "Công dân rút"}, OTHER_OFFICER)
    )
    assert cancelled["outcome"] == "applied"
    late = send(
        ready_central,
        ready_central.token,
        event(code, "new_appointment", {"due": "2027-01-05", "reason": "Chậm"}),
        event(code, "cancel", {"reason": "lần nữa"}),
        event(code, "reprint", {"content_version": 1}),
    )
    assert [r["outcome"] for r in late] == ["refused", "refused", "applied"]
    for r in late[:2]:
        assert r["by"]["desk"] == 2 and r["by"]["officer"] == OTHER_OFFICER
        assert r["by"]["kind"] == "cancel"
        assert "đã được hủy" in r["reason"] and "quầy 2" in r["reason"]
        assert r["version"] == cancelled["version"]
    # The agencies stopped: months later the dossier is still cancelled.
    advance(ready_central, 10**8)
    assert full(ready_central, ready_central.token, code).json()["state"]["status"] == "cancelled"


def test_new_appointment_sets_the_due_date_and_reprint_names_an_existing_version(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    results = send(
        ready_central,
        ready_central.token,
        event(code, "new_appointment", {"due": "2027-01-05", "reason": "Liên thông chậm"}),
        event(code, "reprint", {"content_version": 2}),
    )
    assert [r["outcome"] for r in results] == ["applied", "refused"]
    assert results[1]["reason_code"] == "invalid"
    assert full(ready_central, ready_central.token, code).json()["state"]["due"] == "2027-01-05"


def test_papers_of_a_refused_dossier_are_handed_back(tmp_path: Path, central_target: str) -> None:
    central = start(tmp_path, central_target, outcome="refused")
    try:
        code = submit(central)
        central.finish_everything()
        [result] = send(central, central.token, event(code, "return_papers", {"receiver": "A"}))
        assert result["outcome"] == "applied"
        record = full(central, central.token, code).json()
        assert record["state"]["status"] == "papers_returned"
    finally:
        central.stop()


def test_a_supplement_received_lets_the_agencies_finish_instead_of_the_deadline(
    tmp_path: Path, central_target: str
) -> None:
    central = start(tmp_path, central_target, outcome="supplement")
    try:
        code = submit(central)
        advance(central, 10_000)  # past the request, long before its deadline
        assert full(central, central.token, code).json()["state"]["status"] == (
            "supplement_requested"
        )
        scan = b"%PDF-1.4 giay to bo sung"
        sha = hashlib.sha256(scan).hexdigest()
        missing = {"attachments": [{"item": "ct01", "sha256": sha}], "note": None}
        [refused] = send(central, central.token, event(code, "supplement_received", missing))
        assert refused["reason_code"] == "missing_attachments" and "ct01" in refused["reason"]
        with central.http(central.token) as http:
            assert http.put(f"/v1/attachments/{sha}", content=scan).status_code == 201
        [applied] = send(central, central.token, event(code, "supplement_received", missing))
        assert applied["outcome"] == "applied"
        record = full(central, central.token, code).json()
        assert record["state"]["status"] == "accepted"
        assert {"item": "ct01", "sha256": sha} in record["attachments"]
        central.finish_everything()
        assert full(central, central.token, code).json()["state"]["status"] == "ready"
    finally:
        central.stop()


def test_a_replayed_key_repeats_its_answer_and_a_known_event_id_is_a_duplicate(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    cancel = event(code, "cancel", {"reason": "Công dân rút"})
    hand = event(code, "hand_over", {"receiver": "A"})
    with ready_central.http(ready_central.token) as http:
        first = post_events(http, [cancel], key="events-key-1")
        again = post_events(http, [cancel], key="events-key-1")
        reused = post_events(http, [hand], key="events-key-1")
        later = post_events(http, [cancel, hand], key="events-key-2")
        later_again = post_events(http, [hand], key="events-key-3")
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert reused.status_code == 422 and reused.json()["error"] == "key_reused"
    duplicate, refused = later.json()["results"]
    version = first.json()["results"][0]["version"]
    assert (duplicate["outcome"], duplicate["version"]) == ("duplicate", version)
    assert refused["outcome"] == "refused"
    assert later_again.json()["results"][0] == refused  # a refusal is answered the same again
    feed = [u for u in office_feed(ready_central, ready_central.token) if u["code"] == code]
    assert [u["event"] for u in feed] == ["submit", "cancel"]  # accepted, then cancelled once
    [(count,)] = ready_central.rows("SELECT count(*) FROM events")
    assert count == 2


def test_a_body_without_its_digest_or_damaged_on_the_way_changes_nothing(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    body = json.dumps({"events": [event(code, "cancel", {"reason": "rút"})]}).encode()
    before = ready_central.store.picture()
    with ready_central.http(ready_central.token) as http:
        missing = post_events(http, body, digest=False)
        damaged = http.post(
            "/v1/events",
            content=body.replace(b"r", b"R", 1),
            headers={
                "Idempotency-Key": uuid.uuid4().hex,
                "Content-Digest": "sha-256=:" + "A" * 43 + "=:",
            },
        )
    assert (missing.status_code, missing.json()["error"]) == (400, "digest_missing")
    assert (damaged.status_code, damaged.json()["error"]) == (400, "digest_mismatch")
    assert ready_central.store.picture() == before


def test_data_with_a_key_the_kind_does_not_have_is_refused_naming_where(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    wrong = event(code, "cancel", {"reason": "rút", "refund": True})
    with ready_central.http(ready_central.token) as http:
        answer = post_events(http, [wrong])
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_request"
    assert "events.0.cancel.data.refund" in answer.json()["message"]
    assert "trường không có trong giao thức" in answer.json()["message"]


def test_an_unknown_code_and_another_offices_dossier_are_refused_alike(
    ready_central: Central,
) -> None:
    code = submit(ready_central)
    missing = code[:-4] + "1999"
    [theirs] = send(
        ready_central, ready_central.other_token, event(code, "cancel", {"reason": "x"})
    )
    [nothing] = send(
        ready_central, ready_central.other_token, event(missing, "cancel", {"reason": "x"})
    )
    assert theirs["reason_code"] == nothing["reason_code"] == "unknown_dossier"
    assert theirs["version"] == nothing["version"] == 0
    assert full(ready_central, ready_central.token, code).json()["state"]["status"] == "accepted"
