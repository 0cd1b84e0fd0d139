"""Dossiers of another counter of this office, kept here as central holds them (adopted).

Central is the office's shared memory: a citizen whose dossier was received at counter 1 can be
served at counter 2 when counter 1 is away or broken. Counter 2 fetches central's whole record
(``GET /v1/dossiers/{code}?full=1``) and :func:`adopt` keeps it locally, so the dossier opens,
lists and acts like any other, and later updates from the office feed apply to it.

What is adopted and why:

- the dossier row, its code as is, with ``origin_desk`` = the counter that received it, the
  status and finished procedures central reports (central's statuses are the desk lifecycle's
  own names), the current declarations and content version, and the search entry
  ``save_dossier`` would write, so it is found by name and ID number like a dossier of this desk;
- every content version, and central's timeline as ``dossier_events`` rows: each row carries the
  counter that acted (``origin_desk``; ``0`` for central or a deciding agency, which acts at no
  counter), so the view can say "Quầy 2 – Trần Thị Bình – trả kết quả";
- the last central version applied (``central_versions``), so a feed update it already contains
  is skipped like any other one delivered late;
- one audit entry ``fetch`` ("lấy từ hệ thống trung tâm") each time something new was taken.

The secret lookup code printed on the citizen's receipt is never sent to central, so it cannot
be adopted: the column holds ``""`` (:data:`NO_LOOKUP_CODE`), and the receipt refuses to print
for such a dossier (:mod:`desk_app.receipt.content`) rather than print a QR code with a wrong
secret. The scans stay at central; the declarations list them, and the view says where they are.

Adopting again refreshes, never doubles: timeline rows have ids derived from the dossier's code
and central's version (:func:`central_event_id`), versions are keyed by number, and a status is
only taken from central when this desk has nothing of its own still waiting to be sent about the
dossier (its own action would otherwise be undone before central has even heard of it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from desk_app.clock import local_date, now
from desk_app.errors import DeskError
from desk_app.lifecycle import Status
from desk_app.store.codes import BLOCK
from desk_app.store.records import DossierRow, canonical_json, content_hash
from desk_app.store.store import Store, write_declarations
from desk_app.store.sync_outbox import CENTRAL_ACTOR
from desk_app.store.tables import Database
from forms.text import fold, nfc

FETCH_ACTION = "fetch"
"""The audit action of a dossier taken from central (its title: :data:`TEXT` ``fetched``)."""
NO_LOOKUP_CODE = ""
"""The lookup code of an adopted dossier: central never holds the citizen's secret."""
AGENCY_DESK = 0
"""``origin_desk`` of a timeline step taken by central or a deciding agency (no counter)."""
DESK_BLOCK = 1000
"""A code's daily number n001–n999 belongs to desk n (see :mod:`desk_app.store.codes`)."""

TEXT = {
    "fetched": "lấy từ hệ thống trung tâm",
    "unknown_officer": "cán bộ quầy {desk}",
    "bad_record": (
        "Hồ sơ nhận từ hệ thống trung tâm không đúng giao thức ({detail}); chưa lưu gì. "
        "Hãy báo bộ phận kỹ thuật nếu lỗi lặp lại."
    ),
}


class RecordRefused(DeskError):
    """Central's record of a dossier cannot be kept (malformed): nothing was written."""


def desk_of_code(code: str) -> int | None:
    """The counter that received ``code``, read from its daily number (None if unreadable)."""
    tail = code.rsplit("-", 1)[-1]
    if not (tail.isascii() and tail.isdigit()):
        return None
    desk = int(tail) // DESK_BLOCK
    return desk if 1 <= desk <= 9 else None


def central_event_id(code: str, version: int) -> str:
    """The id of the ``dossier_events`` row for central's step ``version`` of ``code``.

    Central's timeline and feed name a step by the dossier and its version, not by the id the
    acting desk gave it; the id is derived from those two exactly as the office feed derives
    it (:func:`desk_app.store.sync_office.event_id_of`), so every copy of the same step is one
    row, however often and by whichever path (adoption, feed) it arrives.
    """
    from desk_app.store.sync_office import event_id_of

    return event_id_of(code, version)


def _bad(detail: str) -> RecordRefused:
    return RecordRefused(TEXT["bad_record"].format(detail=detail))


def _when(value: Any, what: str) -> datetime:
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        raise _bad(f"{what} không phải thời điểm") from None
    if at.tzinfo is None:
        raise _bad(f"{what} thiếu múi giờ")
    return at


def _names(declarations: Mapping[str, Any]) -> tuple[str, str, list[str], list[str]]:
    """(requester, subject, names to index, ID numbers to index), as reception extracts them.

    A record this desk's models cannot read (a newer group version) is still kept: its names
    are then not indexed, and the view shows its declarations as stored.
    """
    from pydantic import ValidationError

    from desk_app.dossier import Dossier

    try:
        dossier = Dossier.model_validate(declarations)
    except (ValidationError, ValueError, TypeError):
        return "", "", [], []
    return (
        dossier.requester_name,
        dossier.subject_name,
        dossier.search_names(),
        dossier.id_numbers(),
    )


_CODE = re.compile(r"(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d\d)(\d\d)(\d\d)-(\d{4})", re.ASCII)


def _take_number(db: Database, code: str) -> None:
    """The code's number counts as issued: a desk that takes its own dossiers back from central
    (restored from an older backup, or installed again) must never hand out one of them again."""
    found = _CODE.fullmatch(code)
    if found is None:  # not a code this desk's sequence could ever give
        return
    agency, yy, mm, dd, number = found.groups()
    issued = (agency, f"20{yy}-{mm}-{dd}", int(number) // BLOCK, int(number) % BLOCK)
    db.execute(
        "INSERT INTO code_sequences (agency_code, day, desk, last) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (agency_code, day, desk) DO UPDATE SET last = max(last, excluded.last)",
        list(issued),
    )


def adopt(
    store: Store,
    record: Mapping[str, Any],
    *,
    appointment_at: datetime | None = None,
    fetched_at: datetime | None = None,
) -> DossierRow:
    """Insert (or refresh) central's ``?full=1`` record of a dossier of this office.

    One transaction: the row, its search entry, its versions, its timeline, its finished
    procedures, central's version and the ``fetch`` audit entry commit together or not at all.
    ``appointment_at``: the due time the receipt promised, counted by the caller from the
    office calendar (central does not keep it); ``fetched_at``: when (the desk's clock; now by
    default), for the audit entry. Raises :class:`RecordRefused` for a record
    that breaks the protocol, before anything is written.
    """
    try:
        code = str(record["code"]).strip().upper()
        central_id = str(record["central_id"])
        version = int(record["version"])
        state: Mapping[str, Any] = record["state"]
        status = Status(state["status"])
        progress: dict[str, str | None] = {
            str(k): None if v is None else str(v) for k, v in dict(state["progress"]).items()
        }
        declarations = dict(record["declarations"])
        group = str(record["procedure_group"])
        received_at = _when(record["received_at"], "received_at")
        desk_number = int(record.get("desk_number") or desk_of_code(code) or 0)
        content_version = int(record.get("content_version") or state.get("content_version") or 1)
        timeline = list(record.get("timeline") or [])
        versions = list(record.get("versions") or [])
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, RecordRefused):
            raise
        raise _bad(f"{type(exc).__name__}: {exc}") from None
    if status in (Status.DRAFT, Status.RECEIVED, Status.SENT, Status.REJECTED):
        raise _bad(f"trạng thái {status.value}")
    due = state.get("due")
    reason = state.get("reason")
    digest = str(record.get("content_hash") or content_hash(declarations))
    requester, subject, names, ids = _names(declarations)
    steps = [_step(code, raw) for raw in timeline]
    at = _when(record.get("submitted_at") or received_at.isoformat(), "submitted_at")
    if steps:
        at = max(at, max(s[1] for s in steps))
    with store.transaction() as db:
        row = db.execute(
            "SELECT d.id, d.origin_desk, coalesce(v.version, 0) FROM dossiers d "
            "LEFT JOIN central_versions v ON v.dossier_id = d.id WHERE d.code = ?",
            [code],
        ).fetchone()
        if row is not None and version <= row[2]:
            return _require(store, code)  # nothing newer than what this desk has applied
        receiver = _receiver(steps, versions, desk_number)
        fields = {
            "procedure_group": group,
            "content_hash": digest,
            "content_version": content_version,
            "central_id": central_id,
            "requester_name": nfc(requester),
            "subject_name": nfc(subject),
            "due_on": date.fromisoformat(str(due)).isoformat() if due else None,
        }
        if row is None:
            dossier_id = (
                db.table("dossiers")
                .insert(
                    {
                        **fields,
                        "code": code,
                        "lookup_code": NO_LOOKUP_CODE,
                        "status": status.value,
                        "status_reason": reason,
                        "received_at": received_at.isoformat(),
                        "received_on": local_date(received_at).isoformat(),
                        "appointment_at": appointment_at.isoformat() if appointment_at else None,
                        "updated_at": at.isoformat(),
                        "officer": nfc(receiver),
                        "desk_number": desk_number,
                        "origin_desk": desk_number,
                    }
                )
                .last_pk
            )
            assert dossier_id is not None  # sqlite always gives the new row's id
            pending = False
            _take_number(db, code)
        else:
            dossier_id = row[0]
            (pending,) = db.execute(
                "SELECT count(*) > 0 FROM outbox WHERE dossier_id = ?", [dossier_id]
            ).fetchone()
            if not pending:
                fields |= {
                    "status": status.value,
                    "status_reason": reason,
                    "updated_at": at.isoformat(),
                }
            db.table("dossiers").update(dossier_id, fields)
            db.execute("DELETE FROM dossier_search WHERE rowid = ?", [dossier_id])
        write_declarations(db.conn, dossier_id, declarations)
        db.table("dossier_search").insert(
            {"rowid": dossier_id, "names": " ".join(fold(n) for n in names), "ids": " ".join(ids)}
        )
        if not pending:
            _progress(db, dossier_id, progress, steps, at)
        _versions(db, dossier_id, versions, declarations, digest, content_version, at, receiver)
        _timeline(db, dossier_id, steps)
        db.execute(
            "INSERT INTO central_versions (dossier_id, version) VALUES (?, ?) "
            "ON CONFLICT (dossier_id) DO UPDATE SET version = excluded.version",
            [dossier_id, version],
        )
        store.record_within(
            db,
            FETCH_ACTION,
            officer=CENTRAL_ACTOR,
            at=fetched_at or now(),
            dossier_code=code,
            detail={"version": version, "status": status.value, "origin_desk": desk_number},
        )
    return _require(store, code)


Step = tuple[int, datetime, str, int, str, dict[str, Any]]
"""(central version, at, kind, acting desk or AGENCY_DESK, officer, data) of one timeline step."""


def _step(code: str, raw: Any) -> Step:
    if not isinstance(raw, Mapping):
        raise _bad("bước trong lịch sử không phải đối tượng")
    try:
        version = int(raw["version"])
        kind = str(raw["event"])
    except (KeyError, TypeError, ValueError):
        raise _bad("bước trong lịch sử thiếu version/event") from None
    at = _when(raw.get("at"), "timeline.at")
    by = raw.get("by") if isinstance(raw.get("by"), Mapping) else None
    desk = AGENCY_DESK
    officer = CENTRAL_ACTOR
    if by is not None:  # a counter's step; central may not know its officer (a submission)
        desk = int(by.get("desk") or desk_of_code(code) or AGENCY_DESK)
        officer = nfc(str(by.get("officer") or ""))
    data = {
        key: raw[key]
        for key in ("procedure", "reason", "detail", "reference")
        if raw.get(key) is not None
    }
    data["central_version"] = version
    return version, at, kind, desk, officer, data


def _receiver(steps: list[Step], versions: list[Any], desk: int) -> str:
    """The officer who received the dossier: the submission's, else the first version's, else
    (central was not told: a batch carries no officer) "cán bộ quầy N"."""
    for _, _, kind, _, officer, _ in steps:
        if kind == "submit" and officer:
            return officer
    for v in versions:
        by = v.get("by") if isinstance(v, Mapping) else None
        if isinstance(by, Mapping) and by.get("officer"):
            return str(by["officer"])
    return TEXT["unknown_officer"].format(desk=desk)


def _progress(
    db: Database,
    dossier_id: int,
    progress: Mapping[str, str | None],
    steps: list[Step],
    at: datetime,
) -> None:
    """Finished procedures as central reports them, each dated by its own timeline step."""
    done_at = {
        s[5].get("procedure"): s[1] for s in steps if s[2] == "progress" and s[5].get("procedure")
    }
    db.execute(
        "DELETE FROM procedure_progress WHERE dossier_id = ? AND procedure NOT IN "
        "(SELECT value FROM json_each(?))",
        [dossier_id, json.dumps(sorted(progress))],
    )
    for procedure, reference in progress.items():
        db.execute(
            "INSERT INTO procedure_progress (dossier_id, procedure, at, reference) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (dossier_id, procedure) DO UPDATE SET "
            "reference = excluded.reference",
            [dossier_id, procedure, done_at.get(procedure, at).isoformat(), reference],
        )


def _versions(
    db: Database,
    dossier_id: int,
    versions: list[Any],
    current: Mapping[str, Any],
    digest: str,
    content_version: int,
    at: datetime,
    receiver: str,
) -> None:
    """Every content version central keeps, the current one included (never overwritten)."""
    rows = []
    for v in versions:
        if not isinstance(v, Mapping):
            raise _bad("phiên bản nội dung không phải đối tượng")
        by: Mapping[str, Any] = v["by"] if isinstance(v.get("by"), Mapping) else {}
        try:
            rows.append(
                (
                    int(v["content_version"]),
                    str(v["content_hash"]),
                    canonical_json(dict(v["declarations"])),
                    _when(v.get("at"), "versions.at").isoformat(),
                    nfc(str(by.get("officer") or receiver)),
                    v.get("reason"),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise _bad("phiên bản nội dung thiếu trường") from None
    if not any(r[0] == content_version for r in rows):
        rows.append(
            (content_version, digest, canonical_json(dict(current)), at.isoformat(), receiver, None)
        )
    db.conn.executemany(
        "INSERT OR IGNORE INTO dossier_versions (dossier_id, content_version, content_hash, "
        "declarations, at, officer, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(dossier_id, *r) for r in rows],
    )


def _timeline(db: Database, dossier_id: int, steps: list[Step]) -> None:
    """Central's steps as ``dossier_events`` rows, except those this desk already holds.

    A step this desk took itself (same kind, same moment, recorded here with no
    ``origin_desk``) is already a row of its own, with central's answer on it.
    """
    own = {
        (kind, datetime.fromisoformat(at))
        for kind, at in db.execute(
            "SELECT kind, at FROM dossier_events WHERE dossier_id = ? AND origin_desk IS NULL",
            [dossier_id],
        ).fetchall()
    }
    code = db.execute("SELECT code FROM dossiers WHERE id = ?", [dossier_id]).fetchone()[0]
    for version, at, kind, desk, officer, data in steps:
        if (kind, at) in own:
            continue
        event_id = central_event_id(code, version)
        if db.execute("SELECT 1 FROM dossier_events WHERE id = ?", [event_id]).fetchone():
            continue
        (seq,) = db.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM dossier_events WHERE dossier_id = ?",
            [dossier_id],
        ).fetchone()
        db.execute(
            "INSERT INTO dossier_events (id, dossier_id, seq, kind, at, officer, data, "
            "origin_desk, central_outcome, central_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)",
            [
                event_id,
                dossier_id,
                seq,
                kind,
                at.isoformat(),
                officer,
                canonical_json(data),
                desk,
                version,
            ],
        )


def _require(store: Store, code: str) -> DossierRow:
    return store.require(code)
