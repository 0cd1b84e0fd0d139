"""Corrections at the counter: a new content version of a saved dossier, never an overwrite.

A typo found after printing, or a dossier central sent back, is corrected by the officer with a
reason. Civil-registration systems keep a record as the sequence of what was done to it, so a
correction is an action of its own: every version stays readable (``dossier_versions``), the
audit log says who changed which hash into which and why, and central learns of it as a
``correction`` event (docs/sync-protocol.md). The declarations are checked exactly as at the
counter on the day the dossier was received (the same rules, the same reference data), so a
correction cannot save what reception would have refused.

What a deciding agency has already decided rests on parts of the declarations (the group's
procedures ``owns`` them): once a birth is registered its child, mother and father are changed
only by the procedure the law provides ("cải chính hộ tịch"), never at the counter. The officer
is told which field, which procedure and where to go, and nothing is stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from desk_app import groups
from desk_app.dossier import Dossier, DossierRejected
from desk_app.errors import DeskError
from desk_app.lifecycle import FINAL, STATUS_LABELS, Event, Status
from desk_app.reception import check
from desk_app.settings import Settings
from desk_app.store import DossierRow, Store, dossier_events
from desk_app.store.records import canonical_json, content_hash
from desk_app.store.store import write_declarations
from desk_app.store.sync_held import TEXT as HELD_TEXT
from desk_app.store.sync_held import received_hashes
from forms.errors import FieldMessage, Loc, describe
from forms.text import TextRejected, clean_line, fold

ACTION = "correct"
"""The audit action of a correction (its detail: old and new hash, version, reason)."""

REASON_MAX = 500
"""The longest reason a correction takes (the protocol's limit)."""

TEXT = {
    "reason_label": "Lý do sửa hồ sơ",
    "dossier_label": "Sửa hồ sơ",
    "reason_missing": "chưa ghi lý do; hãy ghi ngắn gọn vì sao sửa (ví dụ: “ghi nhầm ngày sinh”).",
    "reason_long": "dài {length} ký tự, quá {limit} ký tự; hãy ghi ngắn gọn hơn.",
    "final": (
        "hồ sơ đang ở trạng thái “{status}”: không sửa được nữa. Nếu giấy tờ đã cấp có sai "
        "sót, hãy hướng dẫn công dân làm thủ tục điều chỉnh tại cơ quan đã giải quyết."
    ),
    "sending": (
        "hồ sơ đang được gửi lên hệ thống trung tâm; hãy chờ lần đồng bộ này xong (vài phút) "
        "rồi mở lại hồ sơ để sửa."
    ),
    "unchanged": "nội dung giống hệt phiên bản {version} đang lưu: không có gì để lưu.",
    "group": "không đổi được nhóm thủ tục của hồ sơ đã tiếp nhận; hãy hủy và tiếp nhận hồ sơ mới.",
    "attachments": (
        "giấy tờ đã nộp không sửa bằng “Sửa hồ sơ”; giấy tờ nộp thêm ghi nhận bằng "
        "“Nhận bổ sung” (phím B) khi hệ thống yêu cầu bổ sung."
    ),
    "locked": (
        "thủ tục “{procedure}” đã có kết quả dựa trên phần “{part}” nên không sửa tại quầy được; "
        "hãy hướng dẫn công dân làm thủ tục {route}."
    ),
    "route": "điều chỉnh tại cơ quan đã giải quyết thủ tục đó",
    "moved": "hồ sơ vừa được thay đổi ở nơi khác; hãy mở lại hồ sơ rồi sửa lại.",
}
"""Every sentence a correction can say, each following the label of what it is about."""


class CorrectionRefused(DossierRejected, DeskError):
    """A correction that cannot be saved; ``errors`` name each field (or the dossier)."""


def _refuse(hint: str, loc: Loc = (), label: str = TEXT["dossier_label"]) -> CorrectionRefused:
    return CorrectionRefused([FieldMessage(loc, label, (), hint)])


def clean_reason(reason: str) -> str:
    """The reason as stored (NFC, one line, 1–500 characters) or :class:`CorrectionRefused`."""
    try:
        text = clean_line(reason)
    except TextRejected as exc:
        raise _refuse(exc.message, ("reason",), TEXT["reason_label"]) from None
    if not text:
        raise _refuse(TEXT["reason_missing"], ("reason",), TEXT["reason_label"])
    if len(text) > REASON_MAX:
        hint = TEXT["reason_long"].format(length=len(text), limit=REASON_MAX)
        raise _refuse(hint, ("reason",), TEXT["reason_label"])
    return text


def refusal(row: DossierRow) -> str | None:
    """Why ``row`` cannot be corrected at all now (its status), or None: screens ask first."""
    if row.status in FINAL or row.status in (Status.REFUSED, Status.DRAFT):
        return TEXT["final"].format(status=STATUS_LABELS[row.status])
    return None


def _envelope(declarations: Mapping[str, Any], row: DossierRow) -> dict[str, Any]:
    """The dossier as reception checks it: the envelope, whether given whole or only inside."""
    if isinstance(declarations.get("declarations"), Mapping):
        return {k: v for k, v in declarations.items() if k != "ui"}
    version = row.declarations.get("schema_version", 1)
    return {"schema_version": version, "declarations": dict(declarations)}


def _leaves(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _leaves(inner, (*loc, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _leaves(inner, (*loc, index))
    else:
        yield loc, value


def _changed(old: Any, new: Any, loc: Loc) -> list[Loc]:
    """The leaf locations whose value differs between ``old`` and ``new`` under ``loc``."""
    before, after = dict(_leaves(old, loc)), dict(_leaves(new, loc))
    return [k for k in {**before, **after} if before.get(k) != after.get(k)] or [loc]


def _route(group: groups.GroupDefinition, procedure: str) -> str:
    """The procedure the law provides to change what ``procedure`` decided (its data's
    ``corrected_by``), or a general pointer when the data names none."""
    for raw in group.data.get("procedure", ()):
        if raw.get("id") == procedure and raw.get("corrected_by"):
            return str(raw["corrected_by"])
    return TEXT["route"]


def locked_errors(
    group: groups.GroupDefinition,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    done: frozenset[str],
) -> list[FieldMessage]:
    """One message per field a decided procedure rests on that the correction would change."""
    errors = []
    for part, procedure in group.locked_by(old, new, done):
        part_label, _ = describe(group.model, (part,))
        hint = TEXT["locked"].format(
            procedure=procedure.label, part=part_label, route=_route(group, procedure.id)
        )
        for loc in _changed(old.get(part), new.get(part), (part,)):
            label, sections = describe(group.model, loc)  # the group's own names
            errors.append(FieldMessage(("declarations", *loc), label, sections, hint))
    return errors


def _inner(envelope: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = envelope.get("declarations")
    return inner if isinstance(inner, Mapping) else envelope


def checked(
    store: Store, row: DossierRow, declarations: Mapping[str, Any]
) -> tuple[Dossier, dict[str, Any]]:
    """The corrected dossier after every rule (reception's, then the correction's own), with
    its JSON as it will be stored; :class:`DossierRejected` / :class:`CorrectionRefused`."""
    why = refusal(row)
    if why is not None:
        raise _refuse(why)
    dossier, _ = check(_envelope(declarations, row), row.received_at, store.missing_files)
    new = dossier.model_dump(mode="json")
    if dossier.kind != row.procedure_group:
        raise _refuse(TEXT["group"])
    old_inner, new_inner = _inner(row.declarations), _inner(new)
    if content_hash(new) == row.content_hash:
        raise _refuse(TEXT["unchanged"].format(version=row.content_version))
    if old_inner.get("attachments") != new_inner.get("attachments"):
        label, sections = describe(Dossier, ("declarations", "attachments"))
        raise CorrectionRefused(
            [FieldMessage(("declarations", "attachments"), label, sections, TEXT["attachments"])]
        )
    locked = locked_errors(dossier.group, old_inner, new_inner, row.done)
    if locked:
        raise CorrectionRefused(locked)
    return dossier, new


def correct(
    store: Store,
    code: str,
    declarations: Mapping[str, Any],
    reason: str,
    *,
    officer: str,
    at: datetime,
    audit: Sequence[tuple[str, Mapping[str, Any]]] = (),
) -> DossierRow:
    """Save corrected ``declarations`` of dossier ``code`` as its next content version.

    One transaction: the version replaced and the new one kept in ``dossier_versions``, the
    dossier's content, names and search entry replaced, the ``correct`` audit entry, and what
    tells central: a ``correction`` event when central holds the dossier; the waiting outbox
    entry following the new content when it was not sent yet; for a dossier central sent back
    (rejected), RESUBMIT and a new outbox entry — corrected and sent again. ``audit``: further
    events about the dossier written after the ``correct`` entry ((action, detail): a
    supervisor's confirmation of a possible duplicate, a duplicate check done here only).

    Raises :class:`DossierRejected` (a field fails reception's rules) or
    :class:`CorrectionRefused` (no reason, nothing changed, a final status, a decided part);
    either way nothing is stored.
    """
    text = clean_reason(reason)
    row = store.require(code)
    dossier, new = checked(store, row, declarations)
    digest = content_hash(new)
    stamp = at.isoformat()
    with store.transaction() as db:
        now_row = store.require(code)
        if (now_row.content_hash, now_row.status) != (row.content_hash, row.status):
            raise _refuse(TEXT["moved"])
        _require_intact(store, now_row)
        sending = store.conn.execute(
            "SELECT 1 FROM outbox WHERE dossier_id = ? AND kind = 'submit' "
            "AND batch_key IS NOT NULL",
            [row.id],
        ).fetchone()
        if sending:
            raise _refuse(TEXT["sending"])
        version = row.content_version + 1
        db.execute(
            "INSERT OR IGNORE INTO dossier_versions (dossier_id, content_version, content_hash, "
            "declarations, at, officer, reason) VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [
                row.id,
                row.content_version,
                row.content_hash,
                canonical_json(row.declarations),
                row.received_at.isoformat(),
                row.officer,
            ],
        )
        db.execute(
            "INSERT INTO dossier_versions (dossier_id, content_version, content_hash, "
            "declarations, at, officer, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row.id, version, digest, canonical_json(new), stamp, officer, text],
        )
        write_declarations(db.conn, row.id, new)
        db.execute(
            "UPDATE dossiers SET content_hash = ?, content_version = ?, "
            "subject_name = ?, requester_name = ?, updated_at = ? WHERE id = ?",
            [
                digest,
                version,
                dossier.subject_name,
                dossier.requester_name,
                stamp,
                row.id,
            ],
        )
        db.execute(
            "UPDATE dossier_search SET names = ?, ids = ? WHERE rowid = ?",
            [
                " ".join(fold(n) for n in dossier.search_names()),
                " ".join(dossier.id_numbers()),
                row.id,
            ],
        )
        detail = {"old_hash": row.content_hash, "hash": digest, "version": version}
        store.record_within(
            db,
            ACTION,
            officer=officer,
            at=at,
            dossier_code=row.code,
            detail={**detail, "reason": text},
        )
        for action, extra in audit:
            store.record_within(
                db, action, officer=officer, at=at, dossier_code=row.code, detail=extra
            )
        if row.status is Status.REJECTED and row.central_id is None:
            store.apply_event_within(
                db, row.code, Event.RESUBMIT, officer=officer, at=at, reason=None, detail=detail
            )
            db.execute(
                "INSERT INTO outbox (dossier_id, kind, content_hash, created_at) "
                "VALUES (?, 'submit', ?, ?)",
                [row.id, digest, stamp],
            )
        elif row.central_id is None and row.status is Status.RECEIVED:
            db.execute(
                "UPDATE outbox SET content_hash = ? WHERE dossier_id = ? AND kind = 'submit'",
                [digest, row.id],
            )
        dossier_events.record(
            db,
            row.code,
            "correction",
            {"declarations": new, "content_hash": digest, "reason": text},
            officer=officer,
            at=at,
        )
    return store.require(code)


def receipt_changed(before: DossierRow, after: DossierRow, settings: Settings) -> bool:
    """Whether the receipt of ``after`` says something the one of ``before`` did not (a name,
    an address, a phone, the papers): then the view offers to print it again, marked with
    the version. False when no receipt can be printed at this desk."""
    from desk_app.receipt import ReceiptError, receipt_content

    try:
        old, new = receipt_content(before, settings), receipt_content(after, settings)
    except (ReceiptError, DossierRejected):
        return False
    return replace(old, version_note="") != replace(new, version_note="")


def _require_intact(store: Store, row: DossierRow) -> None:
    """Refuse to correct a dossier whose stored content no longer matches its hash of record.

    Otherwise a correction would give content edited outside the program a new hash of record
    and the sync's integrity check would let it through.
    """
    found = store.conn.execute(
        "SELECT declarations FROM dossier_content WHERE dossier_id = ?", [row.id]
    ).fetchone()
    raw = found[0] if found is not None else ""  # deleted from the file: nothing matches
    recorded = received_hashes(store, [row.code]).get(row.code)
    if recorded is None:
        return  # received elsewhere (fetched from central): no reception of record here
    actual = hashlib.sha256(str(raw).encode()).hexdigest()
    if actual != row.content_hash:
        try:
            actual = content_hash(json.loads(raw))
        except (ValueError, TypeError, RecursionError):
            actual = ""
    if not actual == row.content_hash == recorded:
        raise _refuse(HELD_TEXT["tampered"])
