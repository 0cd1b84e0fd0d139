"""Dossiers set aside from sync: why, for whom, and how they go back into the outbox.

One bad dossier must never stop the others. A dossier is *held* (its outbox entry stays, marked
``held_*``, and is skipped by every round) when:

- ``refused`` — central refused it as a whole request when sent on its own (the batch it was
  in was refused, so its dossiers were resent one by one and this one was refused alone);
- ``file_changed`` — one of its scans no longer has the SHA-256 recorded when it was scanned
  (the file was changed or damaged on this machine): central would refuse the upload;
- ``tampered`` — its declarations, or the hashes kept of them, no longer match the hash the
  audit trail recorded when it was received: someone edited the database file. Such a
  dossier is never sent; the supervisor is told (the hold is an audit event);
- ``limit`` — it breaks a limit central enforces (forms.limits), e.g. more scans than central
  takes: received before the counter enforced the limit.

A dossier cancelled before it was ever sent is not held but dropped from the outbox (audited):
there is nothing left to send. Every change here is audited in the transaction that makes it,
and the Vietnamese reason says what to do. Releasing a hold (:func:`release`) puts the entry
back; the next round checks it again from scratch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from desk_app.errors import DeskError
from desk_app.lifecycle import Status
from desk_app.store.records import content_hash
from desk_app.store.store import Store
from desk_app.store.tables import Database
from forms.limits import MAX_FILES_PER_DOSSIER

HeldKind = Literal["refused", "file_changed", "tampered", "limit"]

HELD = "sync.held"
RELEASED = "sync.released"
DROPPED = "sync.dropped"
"""Audit actions: set aside, put back by an officer, dropped (cancelled before it was sent)."""

SYNC_ACTOR = "Đồng bộ của bàn"
"""Who the audit log names for what the desk's own sync decided (no officer did it)."""

TEXT = {
    "refused": (
        "Hệ thống trung tâm từ chối nhận hồ sơ này ({why}). Hồ sơ được tạm giữ, chưa gửi, để "
        "các hồ sơ khác vẫn được gửi. Hãy báo bộ phận kỹ thuật; khi đã khắc phục, mở hồ sơ và "
        "chọn “Gửi lại” (phím G)."
    ),
    "file_changed": (
        "Tệp quét của giấy tờ “{item}” đã bị thay đổi hoặc hỏng trên máy này (không còn khớp "
        "mã SHA-256 lúc quét); hồ sơ chưa được gửi. Hãy chép lại tệp gốc vào kho tệp đính kèm "
        "(từ bản sao lưu), rồi mở hồ sơ và chọn “Gửi lại” (phím G); nếu không còn tệp gốc, "
        "báo bộ phận kỹ thuật."
    ),
    "tampered": (
        "Nội dung hồ sơ không còn khớp mã kiểm tra ghi trong nhật ký lúc tiếp nhận: tệp dữ "
        "liệu có thể đã bị sửa ngoài chương trình. Hồ sơ không được gửi. Lãnh đạo bộ phận cần "
        "đối chiếu hồ sơ giấy và nhật ký kiểm toán, rồi báo bộ phận kỹ thuật."
    ),
    "limit": (
        "Hồ sơ có {count} tệp quét, quá {limit} tệp mỗi hồ sơ mà hệ thống trung tâm nhận; hồ "
        "sơ chưa được gửi. Lãnh đạo bộ phận hãy hủy hồ sơ này và tiếp nhận lại với ít tệp hơn "
        "(gộp các trang vào một tệp PDF)."
    ),
    "cancelled": "Hồ sơ đã hủy trước khi được gửi lên hệ thống trung tâm: không gửi nữa.",
    "not_held": "Hồ sơ {code} không bị tạm giữ: không có gì để gửi lại.",
    "released": "Cho gửi lại sau khi khắc phục (trước đó: {reason})",
    "stuck": "Không tạm giữ được hồ sơ lỗi trong hộp thư đi; hãy báo bộ phận kỹ thuật.",
}


class NotHeld(DeskError):
    """The dossier is not set aside: there is nothing to release."""


@dataclass(frozen=True)
class HeldDossier:
    """A dossier set aside from sync, with the reason the officer reads."""

    code: str
    kind: HeldKind
    reason: str
    at: datetime


@dataclass(frozen=True)
class Defect:
    """Why a dossier about to be sent must be held instead."""

    kind: HeldKind
    reason: str
    detail: dict[str, Any]


_LOOK_UP = object()
"""``received`` not given: :func:`check_outgoing` reads it from the audit trail itself."""


def received_hashes(store: Store, codes: Collection[str]) -> dict[str, str | None]:
    """The hash of record of each dossier: the one its reception's audit event wrote, or the
    new hash of its latest correction (``correct``, :mod:`desk_app.corrections`).

    One statement for a whole batch; a code without a reception event is absent.
    """
    found: dict[str, str | None] = {}
    for code, action, digest in store.conn.execute(
        "SELECT dossier_code, action, json_extract(detail, '$.hash') FROM audit "
        "WHERE action IN ('receive', 'correct') "
        "AND dossier_code IN (SELECT value FROM json_each(?)) ORDER BY id",
        (json.dumps(sorted(codes), ensure_ascii=False),),
    ):
        if action == "correct" and code in found:
            found[code] = digest  # a correction after the reception: its content is of record
        else:
            found.setdefault(code, digest)  # the first reception event is the one of record
    return found


def check_outgoing(
    store: Store,
    code: str,
    declarations_json: bytes,
    dossier_hash: str,
    outbox_hash: str,
    files: int,
    *,
    received: object = _LOOK_UP,
) -> Defect | None:
    """What stops this dossier from being sent, or None (inside the caller's transaction).

    The hash of record is the one the audit trail wrote when the dossier was received or last
    corrected (the chain is anchored outside the desk); the declarations as stored, the dossier's
    ``content_hash`` and the outbox entry's must all agree with it. ``received`` is that
    hash when the caller has read it already (:func:`received_hashes`; None: no such event).
    """
    if files > MAX_FILES_PER_DOSSIER:
        reason = TEXT["limit"].format(count=files, limit=MAX_FILES_PER_DOSSIER)
        return Defect("limit", reason, {"files": files, "limit": MAX_FILES_PER_DOSSIER})
    if received is _LOOK_UP:
        received = received_hashes(store, [code]).get(code)
    # The stored text is the canonical JSON that was hashed at reception: when its bytes still
    # hash to the hash of record, decoding and re-encoding it would give the same answer.
    raw = hashlib.sha256(declarations_json).hexdigest()
    if received is not None and raw == dossier_hash == outbox_hash == received:
        return None
    try:
        actual: str | None = content_hash(json.loads(declarations_json))
    except (ValueError, TypeError, RecursionError):
        actual = None
    if received is not None and actual == dossier_hash == outbox_hash == received:
        return None
    return Defect(
        "tampered",
        TEXT["tampered"],
        {"received": received, "dossier": dossier_hash, "outbox": outbox_hash, "actual": actual},
    )


def hold_within(
    store: Store,
    db: Database,
    outbox_id: int,
    code: str,
    defect: Defect,
    at: datetime,
    *,
    batch_key: str | None,
) -> bool:
    """Set the entry aside (if it is still the one meant) and audit it; whether it was."""
    changed = store.conn.execute(
        "UPDATE outbox SET held_at = ?, held_kind = ?, held_reason = ?, batch_key = NULL, "
        "attempts = attempts + 1, last_error = ? WHERE id = ? AND batch_key IS ? "
        "AND held_at IS NULL",
        (at.isoformat(), defect.kind, defect.reason, defect.reason, outbox_id, batch_key),
    ).rowcount
    if changed:
        detail = {"kind": defect.kind, "reason": defect.reason, "batch": batch_key}
        store._audit(db, at, SYNC_ACTOR, HELD, code, {**detail, **defect.detail})
    return bool(changed)


def drop_cancelled_within(
    store: Store,
    db: Database,
    at: datetime,
    *,
    among: Collection[int] | None = None,
) -> list[str]:
    """Remove the entries of dossiers cancelled before they were sent (audited); their codes.

    Only entries not in a batch: one in a batch may already be on central (its answer lost),
    so that batch is sent as it is and the answer only noted (see ``_send_and``). With
    ``among``, only those outbox entries are looked at (the ones about to form a batch): a
    look over the whole outbox costs milliseconds when a desk was offline for days, too much
    before every batch.
    """
    sql = (
        "SELECT o.id, d.code FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
        "WHERE o.kind = 'submit' AND o.batch_key IS NULL AND d.status = ?"
    )
    params: tuple[str, ...] = (Status.CANCELLED.value,)
    if among is not None:
        sql += " AND o.id IN (SELECT value FROM json_each(?))"
        params += (json.dumps(sorted(among)),)
    rows = store.conn.execute(sql + " ORDER BY o.id", params).fetchall()
    for outbox_id, code in rows:
        store.conn.execute("DELETE FROM outbox WHERE id = ?", (outbox_id,))
        store._audit(db, at, SYNC_ACTOR, DROPPED, code, {"reason": TEXT["cancelled"]})
    return [code for _, code in rows]


def held(store: Store) -> list[HeldDossier]:
    """Every dossier set aside, oldest first."""
    return [_held(r) for r in store.rows(_SELECT + " ORDER BY o.held_at, o.id")]


def held_of(store: Store, code: str) -> HeldDossier | None:
    """The dossier ``code`` if it is set aside, else None."""
    rows = store.rows(_SELECT + " AND d.code = ?", (code,))
    return _held(rows[0]) if rows else None


def release(store: Store, code: str, *, officer: str, at: datetime) -> HeldDossier:
    """Put a held dossier back into the outbox (audited); :class:`NotHeld` if it is not held.

    The next round checks it again from scratch: a dossier still tampered with, or whose
    scan is still damaged, is simply held again, with a new audit event.
    """
    with store.transaction() as db:
        rows = store.conn.execute(_SELECT + " AND d.code = ?", (code,)).fetchall()
        if not rows:
            raise NotHeld(TEXT["not_held"].format(code=code))
        was = _held(rows[0])
        store.conn.execute(
            "UPDATE outbox SET held_at = NULL, held_kind = NULL, held_reason = NULL, "
            "batch_key = NULL WHERE held_at IS NOT NULL AND dossier_id = "
            "(SELECT id FROM dossiers WHERE code = ?)",
            (was.code,),
        )
        detail = {"kind": was.kind, "reason": TEXT["released"].format(reason=was.reason)}
        store._audit(db, at, officer, RELEASED, was.code, detail)
    return was


_SELECT = (
    "SELECT d.code, o.held_kind, o.held_reason, o.held_at FROM outbox o "
    "JOIN dossiers d ON d.id = o.dossier_id WHERE o.held_at IS NOT NULL"
)


def _held(row: tuple[Any, ...]) -> HeldDossier:
    return HeldDossier(row[0], row[1], row[2], datetime.fromisoformat(row[3]))
