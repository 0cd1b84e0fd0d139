"""The outbox side of sync: forming batches, applying central's answers, and the sync state.

A batch is formed in one transaction that stamps its outbox rows with a fresh idempotency key;
until central's answer is applied those rows keep the key, so whatever interrupts a round (a
lost response, a killed process) the same dossiers are resent under the same key and central
replays its first answer. The answer is applied in one transaction: lifecycle events (audited),
the central id, and the removal of the outbox rows commit together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import sqlite_utils

from desk_app.lifecycle import Event, Status
from desk_app.store.store import Store

CENTRAL_ACTOR = "Hệ thống trung tâm"
"""Who the audit log names for what central decided (the officer did not do it)."""

Outcome = Literal["accepted", "duplicate", "rejected"]


@dataclass(frozen=True)
class OutgoingDossier:
    """One outbox entry with what central needs to store the dossier."""

    outbox_id: int
    dossier_id: int
    code: str
    content_hash: str
    procedure_group: str
    received_at: str
    declarations_json: str
    attachments: tuple[tuple[str, str], ...]
    """(item, sha256) pairs, in a stable order."""


@dataclass(frozen=True)
class Batch:
    """Dossiers sent together under one idempotency key."""

    key: str
    dossiers: tuple[OutgoingDossier, ...]


@dataclass(frozen=True)
class Answer:
    """Central's answer for one dossier of a batch."""

    code: str
    outcome: Outcome
    central_id: str | None = None
    reason: str | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class AnswerTally:
    """What applying one batch's answers did."""

    accepted: int = 0
    rejected: int = 0
    already_applied: int = 0
    rejected_codes: tuple[tuple[str, str], ...] = ()
    """(code, reason) of each dossier flagged for the officer."""


def next_batch(store: Store, size: int) -> Batch | None:
    """The batch to send now: an unfinished one first, else up to ``size`` new rows; or None.

    One transaction, so two rounds (the App's worker and a scheduled `desk sync`) never stamp
    the same row with two keys.
    """
    with store.transaction():
        return _stamp_next(store, size)


def _stamp_next(store: Store, size: int) -> Batch | None:
    """:func:`next_batch` inside the caller's transaction."""
    conn = store.conn
    row = conn.execute(
        "SELECT batch_key FROM outbox WHERE kind = 'submit' AND batch_key IS NOT NULL "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    if row is not None:
        key = row[0]
    else:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM outbox WHERE kind = 'submit' AND batch_key IS NULL "
                "ORDER BY id LIMIT ?",
                (size,),
            )
        ]
        if not ids:
            return None
        key = uuid.uuid4().hex
        conn.executemany("UPDATE outbox SET batch_key = ? WHERE id = ?", [(key, i) for i in ids])
    rows = conn.execute(
        "SELECT o.id, d.id, d.code, d.content_hash, d.procedure_group, d.received_at, "
        "d.declarations FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
        "WHERE o.batch_key = ? ORDER BY o.id",
        (key,),
    ).fetchall()
    files: dict[int, list[tuple[str, str]]] = {}
    for dossier_id, item, sha in conn.execute(
        "SELECT dossier_id, item, sha256 FROM dossier_attachments WHERE dossier_id IN "
        "(SELECT dossier_id FROM outbox WHERE batch_key = ?) ORDER BY dossier_id, item, sha256",
        (key,),
    ):
        files.setdefault(dossier_id, []).append((item, sha))
    return Batch(
        key=key,
        dossiers=tuple(
            OutgoingDossier(
                outbox_id=r[0],
                dossier_id=r[1],
                code=r[2],
                content_hash=r[3],
                procedure_group=r[4],
                received_at=r[5],
                declarations_json=r[6],
                attachments=tuple(files.get(r[1], ())),
            )
            for r in rows
        ),
    )


def record_failure(store: Store, batch: Batch, error: str) -> None:
    """Count a failed attempt on the batch's rows, so what is stuck, and why, can be seen."""
    with store.transaction():
        store.conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
            [(error, d.outbox_id) for d in batch.dossiers],
        )


def apply_answers(
    store: Store,
    batch: Batch,
    answers: Mapping[str, Answer],
    at: datetime,
    *,
    then_stamp: int = 0,
) -> tuple[AnswerTally, Batch | None]:
    """Apply central's answers to ``batch`` in one transaction; rows already done are skipped.

    accepted / duplicate → SEND then ACCEPT (the dossier is in central's hands);
    rejected → SEND then REJECT with central's reason (flagged for the officer).
    Every dossier of the batch must have an answer (the caller checks), else nothing changes.
    With ``then_stamp`` > 0 the next batch (of that size) is formed in the same transaction
    and returned: one durable commit per batch instead of two, on a slow disk the difference
    between a round of seconds and one of tens of seconds.
    """
    accepted = rejected = already = 0
    flagged: list[tuple[str, str]] = []
    with store.transaction() as db:
        conn = store.conn
        for dossier in batch.dossiers:
            if not conn.execute(
                "SELECT 1 FROM outbox WHERE id = ?", (dossier.outbox_id,)
            ).fetchone():
                already += 1  # another round (or a run before a crash) applied it
                continue
            answer = answers[dossier.code]
            detail: dict[str, object] = {"batch": batch.key, "outcome": answer.outcome}
            if answer.outcome == "rejected":
                reason = answer.reason or REJECTED_WITHOUT_REASON
                detail["reason_code"] = answer.reason_code
                _send_and(store, db, dossier.code, Event.REJECT, at, reason=reason, detail=detail)
                rejected += 1
                flagged.append((dossier.code, reason))
            else:
                detail["central_id"] = answer.central_id
                conn.execute(
                    "UPDATE dossiers SET central_id = ? WHERE id = ?",
                    (answer.central_id, dossier.dossier_id),
                )
                conn.execute(
                    "INSERT OR IGNORE INTO central_versions (dossier_id, version) VALUES (?, 0)",
                    (dossier.dossier_id,),
                )
                _send_and(store, db, dossier.code, Event.ACCEPT, at, reason=None, detail=detail)
                accepted += 1
            conn.execute("DELETE FROM outbox WHERE id = ?", (dossier.outbox_id,))
        following = _stamp_next(store, then_stamp) if then_stamp > 0 else None
    return AnswerTally(accepted, rejected, already, tuple(flagged)), following


REJECTED_WITHOUT_REASON = (
    "Hệ thống trung tâm trả lại hồ sơ mà không nêu lý do; hãy liên hệ bộ phận kỹ thuật."
)


def _send_and(
    store: Store,
    db: sqlite_utils.Database,
    code: str,
    event: Event,
    at: datetime,
    *,
    reason: str | None,
    detail: Mapping[str, object],
) -> None:
    """SEND then ``event``; a dossier the officer has already moved on is only noted.

    A dossier cancelled at the counter while its batch was in flight cannot be "sent" any
    more: central's answer goes to the audit log instead of forcing the status back.
    """
    status = store.require(code).status
    if status is not Status.RECEIVED:
        store._audit(  # same transaction as the rest of the answer
            db, at, CENTRAL_ACTOR, "sync.answer_not_applied", code, {**detail, "status": status}
        )
        return
    store.apply_event_within(db, code, Event.SEND, officer=CENTRAL_ACTOR, at=at, detail=detail)
    store.apply_event_within(
        db, code, event, officer=CENTRAL_ACTOR, at=at, reason=reason, detail=detail
    )
