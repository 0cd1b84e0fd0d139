"""Asking central about dossiers of this office that this desk does not hold.

A citizen may come to any counter of the office (their officer away, that PC broken). The
lookup screen and ``desk lookup`` first answer from the desk's own store; when a scanned code is
not here, or for a name or ID number, they also ask central (``GET /v1/dossiers/{code}?full=1``,
``GET /v1/dossiers?personal_id=|name=``) through the same :class:`CentralClient` as a sync round
(token, TLS, retries, Vietnamese errors). A citizen is waiting, so the retries are few and short;
offline is an answer, not an error: the local result stands and the officer is told why central
could not be asked. Central's own words are data and stay plain text.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.store.foreign import desk_of_code
from desk_app.sync.client import CentralClient, SyncError, read_token
from desk_app.sync.retry import RetryPolicy
from desk_app.sync.wire import ProtocolViolation

LOOKUP_POLICY = RetryPolicy(attempts=2, base=0.3, cap=1.0, max_retry_after=2.0)
"""One quick attempt and one retry: the citizen is at the counter."""
SEARCH_LIMIT = 20
"""Central's matches shown at most (a name that matches more needs more words)."""

TEXT = {
    "offline": "Chưa hỏi được hệ thống trung tâm ({why}); kết quả chỉ gồm hồ sơ trên bàn này.",
    "bad_answer": "phản hồi không đúng giao thức",
}


@dataclass(frozen=True)
class RemoteHit:
    """A dossier of the office that central holds, as its search lists it."""

    code: str
    procedure_group: str
    received_at: datetime
    status: Status
    subject_name: str
    requester_name: str

    @property
    def desk(self) -> int | None:
        """The counter that received it (its code says so)."""
        return desk_of_code(self.code)


@dataclass(frozen=True)
class RemoteAnswer:
    """Central's matches, or why central could not be asked (``offline`` set, no hits)."""

    hits: list[RemoteHit] = field(default_factory=list)
    offline: str | None = None


def open_client(
    settings: Settings,
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
    policy: RetryPolicy = LOOKUP_POLICY,
) -> CentralClient:
    """A client for a lookup (raises :class:`SyncError` for a missing token or a bad URL)."""
    return CentralClient(
        settings.central, read_token(settings.central, env), policy=policy, stop=stop
    )


def fetch_record(client: CentralClient, code: str) -> Mapping[str, Any] | None:
    """Central's whole record of ``code`` (``?full=1``), or None when central has none here.

    Another office's dossier answers exactly like a code that does not exist (404).
    """
    response = client.request("GET", f"/v1/dossiers/{code}", params={"full": 1})
    if response.status_code == 404:
        return None
    try:
        body = response.json()
    except ValueError:
        raise ProtocolViolation(TEXT["bad_answer"]) from None
    if not isinstance(body, dict) or str(body.get("code", "")).upper() != code.upper():
        raise ProtocolViolation(TEXT["bad_answer"])
    return body


def search(
    client: CentralClient,
    *,
    personal_id: str | None = None,
    name: str | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[RemoteHit]:
    """Central's dossiers of this office holding ``personal_id``, or whose names match ``name``."""
    params: dict[str, str | int] = (
        {"personal_id": personal_id} if personal_id else {"name": name or "", "limit": limit}
    )
    response = client.request("GET", "/v1/dossiers", params=params)
    try:
        found = response.json()["dossiers"]
        return [_hit(d) for d in found][:limit]
    except (ValueError, KeyError, TypeError):
        raise ProtocolViolation(TEXT["bad_answer"]) from None


def _hit(raw: Mapping[str, Any]) -> RemoteHit:
    at = datetime.fromisoformat(str(raw["received_at"]))
    if at.tzinfo is None:
        raise ValueError("naive time")
    return RemoteHit(
        code=str(raw["code"]).upper(),
        procedure_group=str(raw["procedure_group"]),
        received_at=at,
        status=Status(raw["status"]),
        subject_name=str(raw.get("subject_name") or ""),
        requester_name=str(raw.get("requester_name") or ""),
    )


def offline_text(exc: SyncError) -> str:
    """The sentence the officer reads when central could not be asked."""
    return TEXT["offline"].format(why=exc.message.rstrip("."))
