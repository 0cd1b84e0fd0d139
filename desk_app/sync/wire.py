"""The JSON of the sync protocol, desk side: building requests, checking answers strictly.

The desk parses central's answers on its own, as any client of docs/sync-protocol.md would,
and trusts nothing it has not checked: an answer that misses a dossier of the batch, names a
status the lifecycle does not know, or carries a naive time is a protocol error, and the
batch stays in the outbox under its key rather than being half-applied.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import httpx
from pydantic_core import from_json

from desk_app.lifecycle import PROCEDURES, Status
from desk_app.store.event_outbox import EventAnswer, EventBatch
from desk_app.store.sync_outbox import Answer, Batch, OutgoingDossier
from desk_app.store.sync_updates import StatusUpdate
from desk_app.sync.client import SyncError

CENTRAL_STATUSES = frozenset(
    {
        Status.ACCEPTED,
        Status.IN_PROGRESS,
        Status.SUPPLEMENT_REQUESTED,
        Status.READY,
        Status.REFUSED,
        Status.HANDED_OVER,  # protocol v2: the counters' own actions reach the feed
        Status.PAPERS_RETURNED,
        Status.CANCELLED,
    }
)
EVENT_OUTCOMES = frozenset({"applied", "duplicate", "refused"})
OUTCOMES = frozenset({"accepted", "duplicate", "rejected"})
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""The encoder of a request's parts, made once rather than for each dossier of a batch."""
LOOKUP_DIGEST_PREFIX = "desk-lookup-v1\n"
"""Domain separation of :func:`lookup_digest` (docs/sync-protocol.md, ``lookup_digest``)."""


def json_body(response: httpx.Response) -> Any:
    """Central's answer as JSON, or :class:`ProtocolViolation` if it is not JSON.

    Read by :func:`pydantic_core.from_json`, twice as quick as the standard library on the
    office feed's pages of a thousand entries; what it refuses (a lone surrogate, a body not
    in UTF-8) is read by the standard library as before, so the values are the same either
    way and only what neither reads is a violation.
    """
    try:
        return from_json(response.content)
    except ValueError:
        pass
    try:
        return response.json()
    except ValueError:
        raise ProtocolViolation("phản hồi không phải JSON") from None


class ProtocolViolation(SyncError):
    """Central answered something the protocol does not allow."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"Phản hồi của hệ thống trung tâm không đúng giao thức ({detail}); "
            "hồ sơ vẫn được giữ để gửi lại. Hãy báo bộ phận kỹ thuật nếu lỗi lặp lại."
        )


def submit_body(batch: Batch) -> bytes:
    """The POST /v1/batches body, with each dossier's stored canonical JSON spliced in as is.

    The declarations are not parsed and re-serialised, nor even decoded: the bytes central
    hashes are the very bytes the desk hashed when it saved the dossier, as SQLite keeps them.
    """
    parts = [b'{"dossiers":[']
    for d in batch.dossiers:
        head = _COMPACT.encode(
            {
                "code": d.code,
                "content_hash": d.content_hash,
                "procedure_group": d.procedure_group,
                "received_at": d.received_at,
                "attachments": [{"item": i, "sha256": s} for i, s in d.attachments],
                **_public_fields(d),
            }
        )
        # Pieces joined once at the end: each dossier's bytes are copied into the body once.
        parts += (f'{head[:-1]},"declarations":'.encode(), d.declarations_json, b"},")
    if len(parts) > 1:
        parts[-1] = b"}"  # the last dossier: no comma after it
    parts.append(b"]}")
    return b"".join(parts)


def lookup_digest(code: str, lookup_code: str) -> str:
    """What central keeps of a receipt's secret lookup code: a verifier, never the code.

    Lower-case hex SHA-256 of ``desk-lookup-v1`` LF code LF LOOKUP-CODE (upper case), so
    central's public status page can check what a citizen types while neither its database
    nor any of its answers holds a code that opens the page. The prefix keeps the digest from
    meaning anything in another context; the dossier code binds it to one dossier.
    """
    text = f"{LOOKUP_DIGEST_PREFIX}{code}\n{lookup_code.strip().upper()}"
    return hashlib.sha256(text.encode()).hexdigest()


def _public_fields(d: OutgoingDossier) -> dict[str, str]:
    """The optional fields of the public status page: left out when the desk has nothing
    certain to say (an adopted dossier has no lookup code; a time without its offset is not
    sent, as central would refuse the whole batch over it)."""
    fields: dict[str, str] = {}
    if d.lookup_code:
        fields["lookup_digest"] = lookup_digest(d.code, d.lookup_code)
    if d.appointment_at:
        try:
            due = datetime.fromisoformat(d.appointment_at)
        except ValueError:
            return fields
        if due.tzinfo is not None and 2000 <= due.year <= 2099:
            fields["appointment_at"] = due.isoformat()
    return fields


def body_digest(body: bytes) -> str:
    """The ``Content-Digest`` header of a request body (RFC 9530, sha-256).

    Central checks it before it looks at anything else: a body damaged on the way is then a
    transport fault the desk simply retries, not a dossier "not matching its hash".
    """
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"


def parse_answers(batch: Batch, body: Any) -> dict[str, Answer]:
    """Central's per-dossier answers, checked to cover exactly the batch."""
    if not isinstance(body, dict) or body.get("batch") != batch.key:
        raise ProtocolViolation("lô trả lời không khớp khóa đã gửi")
    results = body.get("results")
    if not isinstance(results, list):
        raise ProtocolViolation("thiếu danh sách kết quả")
    answers: dict[str, Answer] = {}
    for item in results:
        if not isinstance(item, dict) or item.get("outcome") not in OUTCOMES:
            raise ProtocolViolation("kết quả không hợp lệ")
        code, outcome = item.get("code"), item["outcome"]
        central_id = item.get("central_id")
        if outcome != "rejected" and not (isinstance(central_id, str) and central_id):
            raise ProtocolViolation(f"hồ sơ {code} được nhận mà không có mã trung tâm")
        reason = item.get("reason")
        answers[str(code)] = Answer(
            code=str(code),
            outcome=outcome,
            central_id=central_id if outcome != "rejected" else None,
            reason=reason if isinstance(reason, str) else None,
            reason_code=item.get("reason_code"),
        )
    missing = {d.code for d in batch.dossiers} - answers.keys()
    if missing:
        raise ProtocolViolation(f"thiếu kết quả cho {len(missing)} hồ sơ")
    return answers


def parse_updates(body: Any, after: int) -> tuple[list[StatusUpdate], int, bool]:
    """(updates, next cursor, more) from a GET /v1/updates answer."""
    entries, cursor, more = page_of(body, after)
    return [parse_update(u) for u in entries], cursor, more


def page_of(body: Any, after: int) -> tuple[list[dict[str, Any]], int, bool]:
    """(entries, next cursor, more) from a GET /v1/updates answer, each entry checked only as
    far as telling it apart needs: ``seq`` within the page's bounds, ``code``, ``version``,
    ``event``. :func:`parse_update` checks the rest of an entry the desk goes on to apply;
    one it already holds (its own submission or action, read back) is not worth the work."""
    if not isinstance(body, dict) or not isinstance(body.get("updates"), list):
        raise ProtocolViolation("thiếu danh sách cập nhật")
    cursor, more = body.get("cursor"), body.get("more")
    if not isinstance(cursor, int) or cursor < after or not isinstance(more, bool):
        raise ProtocolViolation("con trỏ cập nhật không hợp lệ")
    entries: list[dict[str, Any]] = body["updates"]
    for raw in entries:
        if not isinstance(raw, dict) or not all(
            type(raw.get(k)) is t for k, t in _ENTRY_KEYS
        ):  # bool is no seq or version
            raise ProtocolViolation("cập nhật sai dạng: thiếu seq, code, version hoặc event")
        if raw["seq"] <= after or raw["seq"] > cursor:
            raise ProtocolViolation("cập nhật nằm ngoài khoảng con trỏ")
    return entries, cursor, more


_ENTRY_KEYS = (("seq", int), ("code", str), ("version", int), ("event", str))


def parse_update(raw: Any) -> StatusUpdate:
    """One entry of the feed, checked whole (an entry :func:`page_of` let through)."""
    return _update(raw)


def _update(raw: Any) -> StatusUpdate:
    try:
        state: Mapping[str, Any] = raw["state"]
        status = Status(state["status"])
        progress = dict(state["progress"])
        at = datetime.fromisoformat(raw["at"])
        by, detail = raw.get("by"), raw.get("detail")
        due = state.get("due")
        update = StatusUpdate(
            seq=int(raw["seq"]),
            code=str(raw["code"]),
            version=int(raw["version"]),
            event=str(raw["event"]),
            at=at,
            status=status,
            progress={str(k): (None if v is None else str(v)) for k, v in progress.items()},
            reason=state.get("reason"),
            by=None if by is None else _by(by),
            detail=None if detail is None else dict(detail),
            due=None if due is None else date.fromisoformat(str(due)).isoformat(),
            content_version=int(state.get("content_version") or 1),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ProtocolViolation(f"cập nhật sai dạng: {type(exc).__name__}") from None
    if (
        at.tzinfo is None
        or status not in CENTRAL_STATUSES
        or update.version < 0
        or not set(progress) <= {p for group in PROCEDURES.values() for p in group}
    ):
        raise ProtocolViolation(f"cập nhật của hồ sơ {update.code} không hợp lệ")
    return update


def _by(raw: Any) -> dict[str, Any]:
    """Who acted (protocol v2 ``by``): office, desk number and officer, checked."""
    desk = raw["desk"]
    if not isinstance(desk, int) or isinstance(desk, bool):
        raise TypeError("desk")
    officer = raw.get("officer")
    return {
        "office": str(raw.get("office") or ""),
        "desk": desk,
        "officer": "" if officer is None else str(officer),
    }


def events_body(batch: EventBatch) -> bytes:
    """The POST /v1/events body: each event's stored canonical data spliced in as it is."""
    parts = []
    for e in batch.events:
        head = _COMPACT.encode(
            {"id": e.event_id, "code": e.code, "kind": e.kind, "at": e.at, "officer": e.officer}
        )
        parts.append(f'{head[:-1]},"data":{e.data_json}}}')
    return ('{"events":[' + ",".join(parts) + "]}").encode()


def parse_event_answers(batch: EventBatch, body: Any) -> dict[str, EventAnswer]:
    """Central's per-event answers, checked to cover exactly the batch (by event id)."""
    if not isinstance(body, dict) or body.get("batch") != batch.key:
        raise ProtocolViolation("lô trả lời không khớp khóa đã gửi")
    results = body.get("results")
    if not isinstance(results, list):
        raise ProtocolViolation("thiếu danh sách kết quả")
    answers: dict[str, EventAnswer] = {}
    for item in results:
        if not isinstance(item, dict) or item.get("outcome") not in EVENT_OUTCOMES:
            raise ProtocolViolation("kết quả không hợp lệ")
        version, reason, by = item.get("version"), item.get("reason"), item.get("by")
        answers[str(item.get("id"))] = EventAnswer(
            id=str(item.get("id")),
            code=str(item.get("code")),
            outcome=item["outcome"],
            version=version if isinstance(version, int) else None,
            reason_code=item.get("reason_code")
            if isinstance(item.get("reason_code"), str)
            else None,
            reason=reason if isinstance(reason, str) else None,
            by=by if isinstance(by, dict) else None,
        )
    missing = {e.event_id for e in batch.events} - answers.keys()
    if missing:
        raise ProtocolViolation(f"thiếu kết quả cho {len(missing)} thao tác")
    return answers


def parse_view(body: Any) -> tuple[str, int, Status, dict[str, str | None], str | None]:
    """(code, version, status, progress, reason) from a GET /v1/dossiers/{code} answer."""
    try:
        state: Mapping[str, Any] = body["state"]
        status = Status(state["status"])
        progress = {
            str(k): (None if v is None else str(v)) for k, v in dict(state["progress"]).items()
        }
        code, version = str(body["code"]), int(body["version"])
        reason = state.get("reason")
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolViolation(f"hồ sơ sai dạng: {type(exc).__name__}") from None
    if status not in CENTRAL_STATUSES or version < 0:
        raise ProtocolViolation(f"trạng thái hồ sơ {code} không hợp lệ")
    return code, version, status, progress, reason if isinstance(reason, str) else None
