"""The reference central server, spoken to over HTTP as any desk would: the protocol's promises."""

from __future__ import annotations

import hashlib
import statistics
import time
import uuid

import pytest

from central.population import people, spelling_key
from central.protocol import content_hash
from tests.sync.conftest import OFFICE, OTHER_OFFICE, Central, post_batch

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""
DECLARATIONS = {"child": {"full_name": "TRẦN THỊ BÉ"}, "requester": {"full_name": "NGUYỄN VĂN AN"}}


def dossier(code: str, declarations: dict[str, object] = DECLARATIONS, **extra: object) -> dict:
    return {
        "code": code,
        "content_hash": content_hash(declarations),
        "received_at": "2026-11-24T09:30:00+07:00",
        "declarations": declarations,
        **extra,
    }


def submit(central: Central, token: str, *dossiers: dict, key: str | None = None) -> dict:
    with central.http(token) as http:
        response = post_batch(http, {"dossiers": list(dossiers)}, key=key or uuid.uuid4().hex)
    assert response.status_code == 200, response.text
    return response.json()


CODE = f"{OFFICE}-261124-1001"
OTHER_CODE = f"{OTHER_OFFICE}-261124-1001"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/batches"),
        ("GET", "/v1/updates"),
        ("GET", f"/v1/dossiers/{CODE}"),
        ("POST", "/v1/verify"),
        ("PUT", f"/v1/attachments/{'a' * 64}"),
        ("HEAD", f"/v1/attachments/{'a' * 64}"),
    ],
)
@pytest.mark.parametrize("token", [None, "not-a-desk-token"])
def test_missing_or_wrong_token_is_refused_everywhere(
    central: Central, method: str, path: str, token: str | None
) -> None:
    with central.http(token) as http:
        response = http.request(method, path, json={"dossiers": [dossier(CODE)]})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert central.dossiers() == {}


def test_a_dossier_is_stored_once_and_a_repeat_counts_as_accepted(central: Central) -> None:
    first = submit(central, central.token, dossier(CODE))["results"][0]
    assert first["outcome"] == "accepted" and first["central_id"]
    # Sent again in another batch (a desk restored from backup, a second desk's round): same id.
    again = submit(central, central.token, dossier(CODE))["results"][0]
    assert (again["outcome"], again["central_id"]) == ("duplicate", first["central_id"])
    assert list(central.dossiers()) == [CODE]


def test_same_code_with_other_content_is_rejected_and_the_first_kept(central: Central) -> None:
    submit(central, central.token, dossier(CODE))
    changed = {**DECLARATIONS, "child": {"full_name": "TRẦN THỊ BÉ NA"}}
    result = submit(central, central.token, dossier(CODE, changed))["results"][0]
    assert result["outcome"] == "rejected" and result["reason_code"] == "conflict"
    assert "đã được gửi lên với nội dung khác" in result["reason"]
    assert central.dossiers()[CODE][0] == content_hash(DECLARATIONS)


def test_content_not_matching_its_hash_is_rejected(central: Central) -> None:
    tampered = dossier(CODE) | {"content_hash": "0" * 64}
    result = submit(central, central.token, tampered)["results"][0]
    assert (result["outcome"], result["reason_code"]) == ("rejected", "hash_mismatch")
    assert central.dossiers() == {}


def test_one_batch_answers_each_dossier_in_order(central: Central) -> None:
    codes = [f"{OFFICE}-261124-{n}" for n in (1001, 1002, 1003)]
    answer = submit(central, central.token, *(dossier(c) for c in codes), dossier(codes[0]))
    assert [(r["code"], r["outcome"]) for r in answer["results"]] == [
        (codes[0], "accepted"),
        (codes[1], "accepted"),
        (codes[2], "accepted"),
        (codes[0], "duplicate"),
    ]


def test_a_key_delivered_twice_replays_the_first_answer(central: Central) -> None:
    key = uuid.uuid4().hex
    first = submit(central, central.token, dossier(CODE), key=key)
    with central.http(central.token) as http:
        again = post_batch(http, {"dossiers": [dossier(CODE)]}, key=key)
        reused = post_batch(http, {"dossiers": [dossier(f"{OFFICE}-261124-1002")]}, key=key)
        keyless = post_batch(http, {"dossiers": [dossier(CODE)]}, key=None)
    assert again.json() == first and again.headers["idempotent-replayed"] == "true"
    assert first["results"][0]["outcome"] == "accepted"  # not turned into "duplicate"
    assert (reused.status_code, reused.json()["error"]) == (422, "key_reused")
    assert keyless.status_code == 400
    assert list(central.dossiers()) == [CODE]


def test_a_desk_cannot_overwrite_or_read_another_offices_dossier(central: Central) -> None:
    mine = submit(central, central.token, dossier(CODE))["results"][0]
    # The other office tries to submit a dossier under this office's code, with other content.
    changed = {**DECLARATIONS, "child": {"full_name": "LÊ VĂN KHÁC"}}
    attempt = submit(central, central.other_token, dossier(CODE, changed))["results"][0]
    assert (attempt["outcome"], attempt["reason_code"]) == ("rejected", "other_office")
    assert "không được gửi hay ghi đè hồ sơ của đơn vị khác" in attempt["reason"]
    assert central.dossiers()[CODE][0] == content_hash(DECLARATIONS)
    with central.http(central.other_token) as other, central.http(central.token) as own:
        theirs = other.get(f"/v1/dossiers/{CODE}")
        missing = other.get(f"/v1/dossiers/{OTHER_CODE}")
        assert own.get(f"/v1/dossiers/{CODE}").json()["central_id"] == mine["central_id"]
    # Another office's dossier is indistinguishable from one that does not exist.
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    assert mine["central_id"] not in theirs.text


def test_the_update_feed_is_per_desk_paged_and_after_a_cursor(central: Central) -> None:
    submit(central, central.token, dossier(CODE), dossier(f"{OFFICE}-261124-1002"))
    submit(central, central.other_token, dossier(OTHER_CODE))
    written = central.finish_everything()
    with central.http(central.token) as http:
        pages, after = [], 0
        for _ in range(20):
            page = http.get("/v1/updates", params={"after": after, "limit": 3}).json()
            pages.append(page)
            after = page["cursor"]
            if not page["more"]:
                break
        mine = [u for p in pages for u in p["updates"]]
        rest = http.get("/v1/updates", params={"after": after}).json()
    with central.http(central.other_token) as http:
        theirs = http.get("/v1/updates").json()["updates"]
    assert {u["code"] for u in mine} == {CODE, f"{OFFICE}-261124-1002"}
    assert {u["code"] for u in theirs} == {OTHER_CODE}
    assert len(mine) + len(theirs) == written
    assert all(len(p["updates"]) <= 3 for p in pages) and not pages[-1]["more"]
    assert [u["seq"] for u in mine] == sorted(u["seq"] for u in mine)
    assert rest == {"updates": [], "cursor": after, "more": False}
    for code in (CODE, f"{OFFICE}-261124-1002"):
        versions = [u["version"] for u in mine if u["code"] == code]
        assert versions == list(range(1, len(versions) + 1))


def test_attachments_are_stored_by_hash_once_per_office(central: Central) -> None:
    scan = b"%PDF-1.7 giay chung sinh"
    sha = hashlib.sha256(scan).hexdigest()
    path = f"/v1/attachments/{sha}"
    with central.http(central.token) as http, central.http(central.other_token) as other:
        assert http.head(path).status_code == 404
        damaged = http.put(path, content=b"something else")  # e.g. damaged on the way
        assert (damaged.status_code, damaged.json()["error"]) == (400, "digest_mismatch")
        first, again = http.put(path, content=scan), http.put(path, content=scan)
        assert (first.status_code, first.json()["created"]) == (201, True)
        assert (again.status_code, again.json()["created"]) == (200, False)
        assert http.head(path).status_code == 200
        # The other office has not uploaded it: for them it is not there.
        assert other.head(path).status_code == 404
    ref = {"item": "birth_certificate", "sha256": sha}
    lacking = {"item": "ct01", "sha256": "b" * 64}
    ok, missing = submit(
        central,
        central.token,
        dossier(CODE, attachments=[ref]),
        dossier(f"{OFFICE}-261124-1002", attachments=[ref, lacking]),
    )["results"]
    assert ok["outcome"] == "accepted"
    assert (missing["outcome"], missing["reason_code"]) == ("rejected", "missing_attachments")
    assert "ct01" in missing["reason"] and "quét lại" in missing["reason"]
    assert len(list(central.store.files.root.rglob(sha))) == 1


def test_verification_against_the_synthetic_register(central: Central) -> None:
    person = list(people(11, 5))[4]
    asked = {
        "personal_id": person.personal_id,
        "full_name": person.full_name.title(),
        "date_of_birth": person.date_of_birth.isoformat(),
    }
    with central.http(central.token) as http:
        verified = http.post("/v1/verify", json=asked).json()
        wrong_day = http.post(
            "/v1/verify", json=asked | {"date_of_birth": f"{person.date_of_birth.year - 1}-01-01"}
        ).json()
        malformed = http.post("/v1/verify", json=asked | {"personal_id": "12"})
    assert verified == {"result": "verified"}
    assert wrong_day == {"result": "not_matching"}
    assert malformed.status_code == 422


def test_names_match_across_tone_mark_conventions_but_are_never_folded() -> None:
    assert spelling_key("Nguyễn Thị Hoà") == spelling_key("NGUYỄN THỊ HÒA")
    assert spelling_key("Lê Thuỷ") == spelling_key("lê  thủy")
    assert spelling_key("Văn Lang") != spelling_key("Văn Lăng")
    assert spelling_key("Hòa") != spelling_key("Hoa")


def test_the_register_is_the_same_for_the_same_seed() -> None:
    assert list(people(5, 50)) == list(people(5, 50))
    assert list(people(5, 50)) != list(people(6, 50))
    ids = [p.personal_id for p in people(5, 2000)]
    assert len(set(ids)) == 2000
    for p in people(5, 200):
        digit = (p.date_of_birth.year - 1900) // 100 * 2 + (p.sex == "female")
        assert p.personal_id[3:6] == f"{digit}{p.date_of_birth.year % 100:02d}"


def test_answers_are_not_held_back_by_the_network_stack(central: Central) -> None:
    # Without TCP_NODELAY on the server's sockets every answer waits ~40 ms for a delayed
    # ACK, which alone caps a desk at ~25 batches a second.
    with central.http(central.token) as http:
        http.get("/v1/health")
        timings = []
        for _ in range(15):
            started = time.perf_counter()
            http.get("/v1/updates")
            timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.02
