"""A v2 desk spoken as HTTP: dossiers submitted, agencies moved on, events posted.

Every request goes to a real central server on loopback (tests/sync/conftest.py); the
agencies are the simulated ones, made deterministic by their rates (all ready, all asked for
a supplement, all refused) and moved on by calling :func:`central.agencies.advance`.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from central import agencies
from central.agencies import Simulation
from central.app import now_vn
from central.guards import body_digest
from central.protocol import content_hash
from desk_app.groups.birth_interlink_sample import DECLARATIONS
from tests.sync.conftest import OFFICE, Central, post_batch, start_central

STEP = 1000.0
"""Seconds between simulated steps: far enough apart to stop between two of them."""
OFFICER = "Nguyễn Văn An"
OTHER_OFFICER = "Trần Thị Bình"


def start(tmp_path: Path, target: str, *, outcome: str = "ready") -> Central:
    """Central whose agencies all end the same way: ``ready``, ``supplement`` or ``refused``."""
    rates = {
        "ready": {"supplement_rate": 0.0, "refuse_rate": 0.0},
        "supplement": {"supplement_rate": 1.0, "refuse_rate": 0.0},
        "refused": {"supplement_rate": 0.0, "refuse_rate": 1.0},
    }[outcome]
    simulation = Simulation(seed=5, step_seconds=STEP, supplement_wait=1e7, **rates)
    return start_central(tmp_path, target=target, simulation=simulation)


def desk_token(central: Central, number: int, office: str = OFFICE) -> str:
    """A token for another desk (desk 1 of each office comes with the server)."""
    return central.store.issue_token(office, number, now_vn().isoformat())


def envelope(**changes: Any) -> dict[str, Any]:
    """The sample birth dossier's declarations as a desk stores them, with parts replaced."""
    inner = copy.deepcopy(DECLARATIONS)
    for path, value in changes.items():
        target = inner
        *parents, last = path.split("__")
        for part in parents:
            target = target[part]
        target[last] = value
    return {"schema_version": 1, "declarations": inner}


def submit(central: Central, number: int = 1, declarations: dict | None = None) -> str:
    """Submit one dossier as desk 1 (numbered ``1000 + number`` today); its code."""
    now = now_vn()
    code = f"{OFFICE}-{now:%y%m%d}-{1000 + number:04d}"
    body = declarations or envelope()
    dossier = {
        "code": code,
        "content_hash": content_hash(body),
        "procedure_group": "birth_interlink",
        "received_at": now.isoformat(),
        "declarations": body,
    }
    with central.http(central.token) as http:
        answer = post_batch(http, {"dossiers": [dossier]}, key=uuid.uuid4().hex)
    assert answer.json()["results"][0]["outcome"] == "accepted", answer.text
    return code


def advance(central: Central, seconds: float) -> None:
    """Let the agencies perform what is due ``seconds`` from now."""
    agencies.advance(central.store, now_vn() + timedelta(seconds=seconds), limit=10_000)


def event(code: str, kind: str, data: dict[str, Any], officer: str = OFFICER) -> dict[str, Any]:
    """One event as a desk records it."""
    return {
        "id": uuid.uuid4().hex,
        "code": code,
        "kind": kind,
        "at": now_vn().isoformat(),
        "officer": officer,
        "data": data,
    }


def correction(code: str, declarations: dict[str, Any], reason: str = "Sai chính tả") -> dict:
    data = {"declarations": declarations, "content_hash": content_hash(declarations)}
    return event(code, "correction", {**data, "reason": reason})


def post_events(
    http: httpx.Client,
    events: list[dict[str, Any]] | bytes,
    *,
    key: str | None = None,
    digest: bool = True,
) -> httpx.Response:
    """POST /v1/events as a desk does: JSON, an Idempotency-Key, the Content-Digest."""
    content = (
        events
        if isinstance(events, bytes)
        else json.dumps({"events": events}, ensure_ascii=False).encode()
    )
    headers = {"Content-Type": "application/json", "Idempotency-Key": key or uuid.uuid4().hex}
    if digest:
        headers["Content-Digest"] = body_digest(content)
    return http.post("/v1/events", content=content, headers=headers)


def send(central: Central, token: str, *events: dict[str, Any]) -> list[dict[str, Any]]:
    """Post ``events`` and return their results (the answer must be 200)."""
    with central.http(token) as http:
        answer = post_events(http, list(events))
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def full(central: Central, token: str, code: str) -> httpx.Response:
    with central.http(token) as http:
        return http.get(f"/v1/dossiers/{code}", params={"full": "1"})


def office_feed(central: Central, token: str, after: int = 0) -> list[dict[str, Any]]:
    with central.http(token) as http:
        answer = http.get("/v1/updates", params={"after": after, "scope": "office"})
    assert answer.status_code == 200, answer.text
    return answer.json()["updates"]


def v1_feed(central: Central, token: str) -> list[dict[str, Any]]:
    with central.http(token) as http:
        answer = http.get("/v1/updates", params={"after": 0})
    assert answer.status_code == 200, answer.text
    return answer.json()["updates"]


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)
