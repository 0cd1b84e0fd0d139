"""The same person among the office's dossiers at central: other counters' too.

Central's office-wide search (``GET /v1/dossiers``, :func:`desk_app.sync.remote.search`)
answers one term: a 12-digit personal ID, or the words of a name. That is not the question
"same child, same birth day, same mother", so central is asked with the strongest key it can
answer (a personal ID when one is a key, else a name), and the few dossiers it lists are fetched
whole (``?full=1``) and compared on the desk, key by key, exactly like the local ones. No new
central parameter is needed.

A citizen is waiting: one attempt per request, a short timeout, a cap on the records fetched and
on the time spent. Central down, slow or refusing is never a reason to stop the officer: the
answer then carries the sentence saying the check was local only, and its cause in a few words
(for the saved page's quiet line, :attr:`Answer.cause`).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desk_app.duplicates.keys import folded_words, identity, value_at
from desk_app.duplicates.local import ENDED_UNDECLARED
from desk_app.groups.definition import GroupDefinition
from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.sync.client import RateLimited, RequestRefused, SyncError
from desk_app.sync.remote import RemoteHit, fetch_record, open_client, search
from desk_app.sync.retry import RetryPolicy
from desk_app.sync.wire import ProtocolViolation

CHECK_POLICY = RetryPolicy(attempts=1, base=0.0, cap=0.0, max_retry_after=0.0)
"""One attempt per request: a retry would keep the citizen waiting for an answer we can skip."""
TIMEOUT = 3.0
"""Seconds each request may take at most (desk.toml's ``[central] timeout`` if shorter)."""
BUDGET = 6.0
"""Seconds the whole question to central may take; past it the check says it was cut short."""
FETCHED = 8
"""Whole records fetched at most: a mother's other children, a name's namesakes."""
PERSONAL_ID = re.compile(r"[0-9]{12}")
"""What central's search accepts as ``personal_id``."""

TEXT = {
    "offline": ("Chưa hỏi được hệ thống trung tâm ({why}); chỉ kiểm tra được hồ sơ trên bàn này."),
    "slow": "hệ thống trung tâm trả lời chậm",
    "unasked": "hồ sơ không có số định danh hay họ tên để hỏi",
    "bad_answer": "phản hồi không đúng giao thức",
    "cause_offline": "mất kết nối",
    "cause_limited": "hệ thống tạm ngừng nhận yêu cầu của bàn",
    "cause_refused": "hệ thống từ chối câu hỏi",
    "cause_slow": "trả lời chậm",
    "cause_unasked": "hồ sơ không có số định danh hay họ tên để hỏi",
    "cause_bad_answer": "phản hồi không đúng giao thức",
}


@dataclass(frozen=True)
class Record:
    """A dossier of the office as central holds it, about the same person."""

    code: str
    desk: int | None
    received_at: datetime
    status: Status
    subject_name: str
    declarations: Mapping[str, Any]


@dataclass(frozen=True)
class Answer:
    """Central's dossiers about the same person, or why central could not be asked."""

    records: tuple[Record, ...] = ()
    offline: str | None = None
    cause: str | None = None
    """Why central was not asked, in a few words ("mất kết nối"); None when it answered."""


def _cut(found: list[Record], why: str, cause: str) -> Answer:
    """What central gave before it could not be asked (further), and why."""
    return Answer(tuple(found), TEXT["offline"].format(why=why), cause)


def _cause(exc: SyncError) -> str:
    """A failure of central in a few words, as the saved page names it."""
    if isinstance(exc, RateLimited):
        return TEXT["cause_limited"]
    if isinstance(exc, RequestRefused):
        return TEXT["cause_refused"]
    if isinstance(exc, ProtocolViolation):
        return TEXT["cause_bad_answer"]
    return TEXT["cause_offline"]  # unreachable, no token or refused (as the footer says it)


def question(group: GroupDefinition, declarations: Mapping[str, Any]) -> dict[str, str] | None:
    """What central is asked: ``personal_id`` when a key is one, else a ``name``; None: neither."""
    for key in group.duplicate_keys:
        value = value_at(declarations, key.path)
        if key.find == "id" and value is not None and PERSONAL_ID.fullmatch(value):
            return {"personal_id": value}
    names = [k.path for k in group.duplicate_keys if k.find == "name"]
    for path in (*names, *group.duplicate_names):
        words = folded_words(value_at(declarations, path) or "")
        if words:
            return {"name": " ".join(words)}
    return None


def _worth_fetching(hit: RemoteHit, group: GroupDefinition, subject: str | None) -> bool:
    """A hit that may be the same person: same group, still declaring, same subject's name
    (folded) when a key is the subject's name; the whole record decides."""
    if hit.procedure_group != group.kind or hit.status in ENDED_UNDECLARED:
        return False
    return subject is None or folded_words(hit.subject_name) == folded_words(subject)


def _subject_key(group: GroupDefinition, declarations: Mapping[str, Any]) -> str | None:
    """The subject's name when it is a folded key of the group (it pre-filters the hits)."""
    for key in group.duplicate_keys:
        if key.match == "folded" and key.path == (*group.subject_path, "full_name"):
            return value_at(declarations, key.path)
    return None


def _settings(settings: Settings) -> Settings:
    central = settings.central
    quick = central.model_copy(update={"timeout": min(central.timeout, TIMEOUT)})
    return settings.model_copy(update={"central": quick})


def _record(raw: Mapping[str, Any], hit: RemoteHit) -> Record:
    """A full record (``?full=1``: its status under ``state``) with its search hit's name."""
    at = datetime.fromisoformat(str(raw["received_at"]))
    desk = raw.get("desk_number")
    state = raw.get("state")
    status = state.get("status") if isinstance(state, Mapping) else None
    return Record(
        code=str(raw["code"]).upper(),
        desk=desk if isinstance(desk, int) else None,
        received_at=at,
        status=Status(status) if status else hit.status,
        subject_name=hit.subject_name,
        declarations=raw["declarations"],
    )


def ask(
    settings: Settings,
    group: GroupDefinition,
    declarations: Mapping[str, Any],
    *,
    held: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
) -> Answer:
    """Central's dossiers about the same person, leaving out the codes in ``held`` (this
    desk's own store answered for those). Never raises for the network."""
    wanted = identity(group, declarations)
    if wanted is None:
        return Answer()
    asked = question(group, declarations)
    if asked is None:
        return _cut([], TEXT["unasked"], TEXT["cause_unasked"])
    skip = {c.upper() for c in held}
    subject = _subject_key(group, declarations)
    ends = time.monotonic() + BUDGET
    found: list[Record] = []
    try:
        with open_client(_settings(settings), env=env, stop=stop, policy=CHECK_POLICY) as client:
            hits = search(client, personal_id=asked.get("personal_id"), name=asked.get("name"))
            chosen = [h for h in hits if h.code not in skip and _worth_fetching(h, group, subject)]
            for hit in chosen[:FETCHED]:
                if time.monotonic() > ends:
                    return _cut(found, TEXT["slow"], TEXT["cause_slow"])
                raw = fetch_record(client, hit.code)
                if raw is None:
                    continue
                record = _record(raw, hit)
                if record.status in ENDED_UNDECLARED:  # ended since central listed it
                    continue
                if identity(group, record.declarations) == wanted:
                    found.append(record)
    except SyncError as exc:
        return _cut(found, exc.message.rstrip("."), _cause(exc))
    except (KeyError, TypeError, ValueError):
        return _cut(found, TEXT["bad_answer"], TEXT["cause_bad_answer"])
    return Answer(tuple(found))
