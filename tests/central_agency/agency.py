"""What the agency tests share: dossiers submitted as a desk does, agencies calling central."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

from central.app import now_vn
from central.protocol import content_hash
from tests.sync.conftest import OFFICE, Central, post_batch

BIRTH = {"child": {"full_name": "Trần Thị Bé"}, "requester": {"full_name": "Nguyễn Văn An"}}
"""A birth-interlink dossier's declarations: birth (people's committee), residence (police),
insurance (social insurance), decided in that order."""


def submit(central: Central, count: int = 1, *, start: int = 1) -> list[str]:
    """Submit ``count`` birth dossiers as desk 1 of OFFICE; their codes (all accepted)."""
    now = now_vn()
    codes = [f"{OFFICE}-{now:%y%m%d}-{1000 + start + i:04d}" for i in range(count)]
    body = {
        "dossiers": [
            {
                "code": code,
                "content_hash": content_hash(BIRTH),
                "received_at": now.isoformat(),
                "declarations": BIRTH,
            }
            for code in codes
        ]
    }
    with central.http(central.token) as http:
        answer = post_batch(http, body, key=uuid.uuid4().hex)
    answer.raise_for_status()
    assert {r["outcome"] for r in answer.json()["results"]} == {"accepted"}
    return codes


def issue(central: Central, role: str, office: str | None = OFFICE) -> str:
    """A new agency token for ``role`` (of ``office``; None: every office)."""
    return central.store.issue_agency_token(role, office, now_vn().isoformat())


def step(
    central: Central,
    token: str | None,
    code: str,
    action: str,
    body: dict[str, Any] | None = None,
    *,
    key: str | None = None,
) -> httpx.Response:
    """POST one agency step, as an agency's system does."""
    headers = {"Content-Type": "application/json", "Idempotency-Key": key or uuid.uuid4().hex}
    with central.http(token) as http:
        return http.post(
            f"/v1/agency/dossiers/{code}/{action}",
            content=json.dumps(body or {}, ensure_ascii=False).encode(),
            headers=headers,
        )


def waiting(central: Central, token: str, **params: object) -> dict[str, Any]:
    """GET the agency's list."""
    with central.http(token) as http:
        answer = http.get("/v1/agency/dossiers", params=params)
    answer.raise_for_status()
    listed: dict[str, Any] = answer.json()
    return listed


def dossier_rows(central: Central) -> dict[str, list[tuple[object, ...]]]:
    """What an agency's step changes: the dossiers, the feed and its counter."""
    return {
        "dossiers": central.rows(
            "SELECT code, status, progress, reason, version, plan, next_step_at FROM dossiers "
            "ORDER BY code"
        ),
        "updates": central.rows("SELECT seq, dossier_id, version, body FROM updates ORDER BY seq"),
        "feed": central.rows("SELECT last FROM feed"),
    }
