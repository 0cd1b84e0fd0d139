"""Hostile requests to central: each refused with the right status and a Vietnamese reason, and
central's store left exactly as it was.

The cases are data (corpus/central.json): bad and foreign tokens (non-ASCII too), bad
idempotency keys and digests, bodies that are not JSON or not the protocol, NaN and Infinity
anywhere in declarations, codes of another office or desk block, future and mismatched dates,
huge and negative parameters, oversized bodies with and without a length, bad hashes. One
central serves them all; before each case a picture of its SQLite file is taken and compared
after. A case answered 200 with the dossier rejected may leave exactly one trace: the stored
answer to its own Idempotency-Key (so that a retry gets the same answer), nothing else.

Case fields: ``method``, ``path`` (with ``{sha}`` etc.), ``query``; ``token`` (``desk1``,
``desk2``, ``other_office``, ``revoked``, ``none``, or ``raw`` with ``authorization``, a header
sent as UTF-8 bytes); ``key`` (``auto``, ``none`` or the key); ``digest`` (``auto``, ``none``,
``other`` or the header); a body as ``dossier`` (overrides of a good one-dossier batch),
``raw_declarations`` (declarations as raw JSON text), ``body`` (JSON), ``raw_body`` (text),
``big_body`` (bytes of "x", ``chunked`` to send it without a length) or ``repeat`` (a JSON
body with one dossier repeated); ``expect`` holds the status, the error or reason code and
texts the message must contain.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from central.app import now_vn
from central.guards import RateLimit, body_digest
from central.pg_throwaway import drop_database
from central.protocol import content_hash
from tests.hostile.desks import assert_vietnamese
from tests.hostile.support import case_id, load_corpus
from tests.pg import BACKENDS, fresh_database, require
from tests.scans import pdf
from tests.sync.conftest import OFFICE, OTHER_OFFICE, Central, post_batch, start_central

CASES = load_corpus("central")
DECLARATIONS = {"child": {"full_name": "TRẦN THỊ BÉ"}, "requester": {"full_name": "NGUYỄN AN"}}
REUSED_KEY = "corpus-reused-key-1"


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_server: str | None,
) -> Iterator[dict[str, Any]]:
    """One central holding a dossier and a file, and the tokens the cases speak with.

    Once on SQLite and once on PostgreSQL: every case runs against both stores.
    """
    tmp = tmp_path_factory.mktemp("central-corpus")
    target, dropped = None, None
    if request.param == "postgresql":
        server = require(postgres_server)
        target, name = fresh_database(server)
        dropped = (server, name)
    central = start_central(tmp, target=target, verify_limit=RateLimit(burst=100_000, every=0.001))
    at = now_vn().isoformat()
    desk2 = central.store.issue_token(OFFICE, 2, at)
    revoked = central.store.issue_token(OFFICE, 3, at)
    central.store.revoke(desk=(OFFICE, 3))
    scan = pdf("giấy chứng sinh")
    sha = hashlib.sha256(scan).hexdigest()
    with central.http(central.token) as http:
        assert http.put(f"/v1/attachments/{sha}", content=scan).status_code == 201
        held = post_batch(
            http, {"dossiers": [one_dossier({}, ctx={})]}, key=REUSED_KEY
        ).raise_for_status()
        assert held.json()["results"][0]["outcome"] == "accepted"
    yield {
        "central": central,
        "tokens": {
            "desk1": central.token,
            "desk2": desk2,
            "other_office": central.other_token,
            "revoked": revoked,
        },
        "sha": sha,
    }
    central.stop()
    if dropped is not None:
        drop_database(*dropped)


def context(world: dict[str, Any]) -> dict[str, str]:
    """What ``{name}`` stands for in a case's strings."""
    today = now_vn()
    tomorrow = today + timedelta(days=1)
    return {
        "office": OFFICE,
        "other_office": OTHER_OFFICE,
        "today": f"{today:%y%m%d}",
        "today_iso": today.isoformat(),
        "tomorrow": f"{tomorrow:%y%m%d}",
        "tomorrow_iso": tomorrow.isoformat(),
        "sha": world["sha"],
        "reused_key": REUSED_KEY,
        "long": "x" * 5000,
    }


def fill(value: Any, ctx: dict[str, str]) -> Any:
    """``value`` with every ``{name}`` in its strings replaced (lists and objects walked)."""
    if isinstance(value, str):
        for name, text in ctx.items():
            value = value.replace("{" + name + "}", text)
        return value
    if isinstance(value, list):
        return [fill(v, ctx) for v in value]
    if isinstance(value, dict):
        return {fill(k, ctx): fill(v, ctx) for k, v in value.items()}
    return value


def one_dossier(overrides: dict[str, Any], ctx: dict[str, str]) -> dict[str, Any]:
    """A good dossier of desk 1 for 24/11/2026, with the case's overrides."""
    base: dict[str, Any] = {
        "code": f"{OFFICE}-261124-1002",
        "received_at": "2026-11-24T09:30:00+07:00",
        "declarations": DECLARATIONS,
    }
    base |= fill(overrides, ctx)
    base.setdefault("content_hash", content_hash(base["declarations"]))
    return base


def body_of(case: dict[str, Any], ctx: dict[str, str]) -> bytes | Iterator[bytes] | None:
    if "big_body" in case:
        data = b"x" * case["big_body"]
        if case.get("chunked"):
            half = len(data) // 2
            return iter([data[:half], data[half:]])
        return data
    if "raw_body" in case:
        return fill(case["raw_body"], ctx).encode("utf-8", "surrogateescape")
    if "raw_hex" in case:
        return bytes.fromhex(case["raw_hex"])
    if "body" in case:
        return json.dumps(fill(case["body"], ctx), ensure_ascii=False).encode()
    if "raw_declarations" in case:
        head = json.dumps(one_dossier({"content_hash": "a" * 64}, ctx), ensure_ascii=False)
        head = head.replace(json.dumps(DECLARATIONS, ensure_ascii=False), "@")
        text = head.replace('"@"', "@").replace("@", fill(case["raw_declarations"], ctx))
        return ('{"dossiers":[' + text + "]}").encode()
    if "repeat" in case:
        one = one_dossier(case.get("dossier", {}), ctx)
        return json.dumps({"dossiers": [one] * case["repeat"]}).encode()
    if "dossier" in case:
        one = one_dossier(case["dossier"], ctx)
        return json.dumps({"dossiers": [one]}, ensure_ascii=False).encode()
    return None


def headers_of(
    case: dict[str, Any], world: dict[str, Any], body: Any, ctx: dict[str, str]
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    token = case.get("token", "desk1")
    if token == "raw":
        headers["Authorization"] = fill(case["authorization"], ctx).encode("utf-8")
    elif token != "none":
        headers["Authorization"] = f"Bearer {world['tokens'][token]}"
    if case["path"] == "/v1/batches" and case.get("method", "POST") == "POST":
        key = case.get("key", "auto")
        if key == "auto":
            headers["Idempotency-Key"] = f"corpus-{uuid.uuid4().hex}"
        elif key != "none":
            headers["Idempotency-Key"] = fill(key, ctx).encode("utf-8")
        digest = case.get("digest", "auto")
        if digest == "auto" and isinstance(body, bytes):
            headers["Content-Digest"] = body_digest(body)
        elif digest == "other":
            headers["Content-Digest"] = body_digest(b"something else")
        elif digest not in ("auto", "none"):
            headers["Content-Digest"] = digest.encode("utf-8")
    return headers | {k: fill(v, ctx) for k, v in case.get("headers", {}).items()}


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_central_refuses_in_vietnamese_and_changes_nothing(
    case: dict[str, Any], world: dict[str, Any]
) -> None:
    central: Central = world["central"]
    ctx = context(world)
    body = body_of(case, ctx)
    headers = headers_of(case, world, body, ctx)
    path = fill(case["path"], ctx) + ("?" + fill(case["query"], ctx) if "query" in case else "")
    before = central.store.picture()
    with httpx.Client(base_url=central.url, timeout=30) as http:
        response = http.request(case.get("method", "POST"), path, content=body, headers=headers)
    after = central.store.picture()
    expect = case["expect"]
    assert response.status_code == expect["status"], response.text[:500]
    if case.get("method") == "HEAD":
        assert after == before
        return
    answer = response.json()
    if expect["status"] == 200:
        [result] = answer["results"][:1]
        assert result["outcome"] == "rejected"
        assert result["reason_code"] == expect["reason_code"]
        message = result["reason"]
        # The only trace: this key's stored answer, so that a retry gets the same one.
        earlier = before.pop("batches")
        gained = [r for r in after.pop("batches") if r not in earlier]
        assert len(gained) == 1 and gained[0][1] == headers["Idempotency-Key"]
    else:
        assert answer["error"] == expect["error"]
        message = answer["message"]
        if expect["status"] == 429:
            assert int(response.headers["retry-after"]) >= 1
        if expect["status"] == 401:
            assert response.headers["www-authenticate"] == "Bearer"
    assert after == before, "central's store changed"
    for text in expect.get("message", []):
        assert fill(text, ctx) in message, message
    assert_vietnamese(message, ignore=(ctx["office"], ctx["other_office"]))
    assert any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", message)), message
    assert len(message) < 600


def test_the_corpus_covers_every_class_of_central_refusal() -> None:
    kinds = {json.dumps(c["expect"].get("error") or c["expect"].get("reason_code")) for c in CASES}
    for wanted in (
        "unauthorized",
        "key_missing",
        "key_reused",
        "digest_missing",
        "digest_mismatch",
        "invalid_request",
        "too_large",
        "other_office",
        "other_desk",
        "future_date",
        "date_mismatch",
        "bad_code",
        "hash_mismatch",
    ):
        assert json.dumps(wanted) in kinds, wanted
    assert len(CASES) >= 60
