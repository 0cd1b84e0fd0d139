"""Central believes only what a desk may claim, and answers bad requests in Vietnamese, never 500.

A desk's token lets it submit codes of its own desk block, dated the day they were received and
not after today; declarations hold finite numbers; parameters are within range; a body too
large is refused the same way however it is sent; and verifications are paced per desk.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from central.app import now_vn
from central.guards import MAX_CURSOR, RateLimit, body_digest
from central.population import people
from central.protocol import content_hash
from tests.sync.conftest import OFFICE, POPULATION_SEED, Central, post_batch

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""
DECLARATIONS = {"child": {"full_name": "TRẦN THỊ BÉ"}}
DAY = "2026-11-24T09:30:00+07:00"


def dossier(code: str, received_at: str = DAY, declarations: object = DECLARATIONS) -> dict:
    return {
        "code": code,
        "content_hash": content_hash(declarations),
        "received_at": received_at,
        "declarations": declarations,
    }


def outcome(central: Central, token: str, one: dict) -> dict:
    with central.http(token) as http:
        response = post_batch(http, {"dossiers": [one]}, key=uuid.uuid4().hex)
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    return result


def test_a_desk_cannot_take_another_desks_code_and_block_its_dossier(central: Central) -> None:
    desk2 = central.store.issue_token(OFFICE, 2, now_vn().isoformat())
    code = f"{OFFICE}-261124-1001"  # desk 1's first number of the day
    taken = outcome(central, desk2, dossier(code, declarations={"child": {"full_name": "KHÁC"}}))
    assert (taken["outcome"], taken["reason_code"]) == ("rejected", "other_desk")
    assert "không thuộc dãy số 2001–2999 của bàn 2" in taken["reason"]
    assert central.dossiers() == {}
    # Desk 1's real dossier is not blocked as a "conflict".
    assert outcome(central, central.token, dossier(code))["outcome"] == "accepted"
    assert outcome(central, desk2, dossier(f"{OFFICE}-261124-2001"))["outcome"] == "accepted"


@pytest.mark.parametrize("number", ["0001", "1000", "2001", "9999", "0000"])
def test_numbers_outside_the_desk_block_are_refused(central: Central, number: str) -> None:
    result = outcome(central, central.token, dossier(f"{OFFICE}-261124-{number}"))
    assert (result["outcome"], result["reason_code"]) == ("rejected", "other_desk")
    assert central.dossiers() == {}


def test_a_future_date_or_a_code_dated_another_day_is_refused(central: Central) -> None:
    tomorrow = now_vn() + timedelta(days=1)
    future = outcome(
        central,
        central.token,
        dossier(f"{OFFICE}-{tomorrow:%y%m%d}-1001", received_at=tomorrow.isoformat()),
    )
    assert (future["outcome"], future["reason_code"]) == ("rejected", "future_date")
    assert "sau ngày hôm nay" in future["reason"]
    # The code says 24/11, the dossier says it was received on 25/11 (Vietnam time).
    other_day = outcome(
        central, central.token, dossier(f"{OFFICE}-261124-1001", "2026-11-24T17:30:00Z")
    )
    assert (other_day["outcome"], other_day["reason_code"]) == ("rejected", "date_mismatch")
    assert "(24/11/2026) khác ngày tiếp nhận (25/11/2026)" in other_day["reason"]
    impossible = outcome(central, central.token, dossier(f"{OFFICE}-261399-1001"))
    assert impossible["reason_code"] == "bad_code"
    assert central.dossiers() == {}


@pytest.mark.parametrize(
    "raw",
    [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e999", b"9007199254740992", b"1" * 40],
)
def test_declarations_hold_only_finite_numbers_a_reader_keeps(central: Central, raw: bytes) -> None:
    body = (
        b'{"dossiers":[{"code":"'
        + f"{OFFICE}-261124-1001".encode()
        + b'","content_hash":"'
        + b"a" * 64
        + b'","received_at":"'
        + DAY.encode()
        + b'","declarations":{"child":{"weight":[1,'
        + raw
        + b"]}}}]}"
    )
    before = central.store.picture()
    with central.http(central.token) as http:
        response = post_batch(http, body, key=uuid.uuid4().hex)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert "dossiers.0.declarations.child.weight.1" in response.json()["message"]
    assert central.store.picture() == before


@pytest.mark.parametrize(
    "query",
    [
        "after=18446744073709551616",
        f"after={MAX_CURSOR + 1}",
        "after=-1",
        "after=1e3",
        "after=%EF%BC%91",  # a full-width digit one
        "after=",
        "limit=0",
        "limit=1001",
        "limit=99999999999999999999999",
    ],
)
def test_out_of_range_parameters_are_422_never_500(central: Central, query: str) -> None:
    with central.http(central.token) as http:
        response = http.get(f"/v1/updates?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request" and "phải là số nguyên từ" in body["message"]


def test_the_largest_cursor_is_still_an_answer(central: Central) -> None:
    with central.http(central.token) as http:
        response = http.get(f"/v1/updates?after={MAX_CURSOR}")
    assert response.json() == {"updates": [], "cursor": MAX_CURSOR, "more": False}


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Central's limits, small enough for a test to pass them."""
    monkeypatch.setattr("central.app.MAX_BODY_BYTES", 2_000)
    monkeypatch.setattr("central.app.MAX_ATTACHMENT_BYTES", 2_000)
    yield


@pytest.mark.parametrize("path", ["/v1/batches", "/v1/attachments/" + "a" * 64, "/v1/verify"])
def test_too_large_gets_the_same_vietnamese_answer_with_or_without_a_length(
    central: Central, small_limits: None, path: str
) -> None:
    body = b"x" * 40_000
    method = "PUT" if "attachments" in path else "POST"
    before = central.store.picture()
    with central.http(central.token) as http:
        headers = {"Idempotency-Key": uuid.uuid4().hex}
        sized = http.request(method, path, content=body, headers=headers)
        chunked = http.request(
            method, path, content=iter([body[:20_000], body[20_000:]]), headers=headers
        )
    assert sized.status_code == chunked.status_code == 413
    assert sized.json()["error"] == "too_large"
    assert sized.json() == chunked.json()
    assert "quá lớn" in sized.json()["message"]
    assert central.store.picture() == before


def test_a_body_damaged_on_the_way_is_a_retryable_error_and_nothing_is_stored(
    central: Central,
) -> None:
    body = json.dumps({"dossiers": [dossier(f"{OFFICE}-261124-1001")]}).encode()
    key = uuid.uuid4().hex
    damaged = body.replace(b"TR", b"TX")
    with central.http(central.token) as http:
        good_digest = post_batch(http, body, key=key, digest=False)  # no digest at all
        sent = {"Content-Digest": body_digest(body)}
        response = post_batch(http, damaged, key=key, digest=False, headers=sent)
        again = post_batch(http, body, key=key)  # the desk resends: same key, first answer
    assert (good_digest.status_code, good_digest.json()["error"]) == (400, "digest_missing")
    assert (response.status_code, response.json()["error"]) == (400, "digest_mismatch")
    assert "hãy gửi lại" in response.json()["message"]
    assert again.status_code == 200 and again.json()["results"][0]["outcome"] == "accepted"


def test_twenty_rapid_verifications_from_one_desk_get_429_with_retry_after(
    central: Central,
) -> None:
    person = next(iter(people(POPULATION_SEED, 1)))
    asked = {
        "personal_id": person.personal_id,
        "full_name": person.full_name,
        "date_of_birth": person.date_of_birth.isoformat(),
    }
    with central.http(central.token) as http:
        answers = [http.post("/v1/verify", json=asked) for _ in range(20)]
    with central.http(central.other_token) as other:
        elsewhere = other.post("/v1/verify", json=asked)
    statuses = [a.status_code for a in answers]
    assert statuses[0] == 200 and statuses[-1] == 429, statuses
    limited = answers[-1]
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"] == "rate_limited"
    assert "quá nhiều yêu cầu xác thực" in limited.json()["message"]
    assert elsewhere.status_code == 200  # another desk is paced on its own


def test_the_pace_refills_with_time() -> None:
    now = [0.0]
    pace = RateLimit(burst=2, every=5.0, clock=lambda: now[0])
    assert [pace.take("d") for _ in range(2)] == [None, None]
    assert pace.take("d") == pytest.approx(5.0)
    now[0] = 5.0
    assert pace.take("d") is None and pace.take("other") is None


def test_validation_messages_are_vietnamese(central: Central) -> None:
    with central.http(central.token) as http:
        wrong = post_batch(
            http, {"dossiers": [{"code": 1, "extra": True}]}, key=uuid.uuid4().hex
        ).json()
        naive = post_batch(
            http,
            {"dossiers": [dossier(f"{OFFICE}-261124-1001", "2026-11-24T09:30:00")]},
            key=uuid.uuid4().hex,
        ).json()
        bad = http.post("/v1/verify", content=b"{not json").json()
    assert wrong["error"] == "invalid_request"
    assert naive["message"].endswith("received_at: thời điểm thiếu múi giờ")
    assert bad["message"].endswith("(gốc): không phải JSON hợp lệ")
    for text in (wrong["message"], naive["message"], bad["message"]):
        assert "should" not in text and "Input" not in text and "Field" not in text


def test_a_bad_request_never_echoes_an_unprintable_key(central: Central) -> None:
    with central.http(central.token) as http:
        response = post_batch(
            http, {"dossiers": [{"\x1b[31m" + "k" * 500: 1}]}, key=uuid.uuid4().hex
        )
    message = response.json()["message"]
    assert response.status_code == 422 and "\x1b" not in message and len(message) < 300


def test_requests_over_a_plain_client_get_json_errors(central: Central) -> None:
    with httpx.Client(base_url=central.url) as http:
        assert http.get("/v1/nothing-here").json()["error"] == "http"


def test_an_unforeseen_failure_is_a_vietnamese_json_500_the_desk_retries(
    central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("central.intake.submit", broken)
    with central.http(central.token) as http:
        response = post_batch(
            http, {"dossiers": [dossier(f"{OFFICE}-261124-1001")]}, key=uuid.uuid4().hex
        )
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal",
        "message": "Hệ thống trung tâm gặp lỗi khi xử lý yêu cầu; chưa lưu gì, hãy thử lại sau.",
    }
    assert "disk full" not in response.text
