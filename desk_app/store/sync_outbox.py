"""The outbox side of sync: forming batches, applying central's answers, setting dossiers aside.

A batch is formed in one transaction that stamps its outbox rows with a fresh idempotency key;
until central's answer is applied those rows keep the key, so whatever interrupts a round (a
lost response, a killed process) the same dossiers are resent under the same key and central
replays its first answer. The answer is applied in one transaction: lifecycle events (audited),
the central id, and the removal of the outbox rows commit together or not at all.

Two rounds may run at once on one database (the App's worker and a scheduled `desk sync`), so
an answer is applied only to the very rows it was for — same id, same batch key, same dossier
— and ids are never reused (migration 7): a late answer can never remove the entry of a
dossier received meanwhile. A dossier that must not or cannot be sent is set aside (see
:mod:`.sync_held`) and the batch goes on without it: one bad dossier never blocks the others.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from desk_app.clock import now
from desk_app.errors import StoreError
from desk_app.lifecycle import Event, Status
from desk_app.store.bulk import Journal, json_list
from desk_app.store.event_outbox import queue_unsent_within
from desk_app.store.store import Store
from desk_app.store.sync_held import (
    DROPPED,
    SYNC_ACTOR,
    TEXT,
    Defect,
    check_outgoing,
    drop_cancelled_within,
    hold_within,
    received_hashes,
)

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
    declarations_json: bytes
    """The declarations as stored: canonical JSON, UTF-8 (read as bytes, sent as they are)."""
    attachments: tuple[tuple[str, str], ...]
    """(item, sha256) pairs, in a stable order."""
    recorded_hash: str = ""
    """The content hash the outbox entry recorded when the dossier was received."""
    lookup_code: str = ""
    """The receipt's secret lookup code ("" for an adopted dossier): only a verifier of it is
    sent (:func:`desk_app.sync.wire.lookup_digest`), for central's public status page."""
    appointment_at: str | None = None
    """When the receipt says the result is due (ISO time), for the same page."""


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


def next_batch(
    store: Store,
    size: int,
    at: datetime | None = None,
    *,
    sweep: bool = True,
    skip: Collection[str] = (),
) -> Batch | None:
    """The batch to send now: an unfinished one first, else up to ``size`` new rows; or None.

    One transaction, so two rounds (the App's worker and a scheduled `desk sync`) never stamp
    the same row with two keys. Entries of dossiers cancelled before being sent are dropped,
    and a dossier that must not be sent (:func:`.sync_held.check_outgoing`) is set aside at
    ``at``, both audited. ``skip``: keys of batches the caller already has in hand (a round
    forms the next batch while the one before is on its way), not to be resumed again.
    """
    with store.transaction():
        return _stamp_next(store, size, at or now(), sweep=sweep, skip=skip)


def _stamp_next(
    store: Store, size: int, at: datetime, *, sweep: bool = False, skip: Collection[str] = ()
) -> Batch | None:
    """:func:`next_batch` inside the caller's transaction.

    ``sweep``: drop every cancelled entry first (once a round, so the counts the officer sees
    are right even if the round stops early); the entries of each new batch are looked at
    again as it is formed, so a dossier cancelled during the round is never sent.
    """
    if sweep:
        drop_cancelled_within(store, store.db, at)
    while True:
        batch = _stamp_or_resume(store, size, at, skip)
        if batch is None:
            return None
        received = received_hashes(store, [d.code for d in batch.dossiers])
        defects = {
            d.outbox_id: defect
            for d in batch.dossiers
            if (
                defect := check_outgoing(
                    store,
                    d.code,
                    d.declarations_json,
                    d.content_hash,
                    d.recorded_hash,
                    len(d.attachments),
                    received=received.get(d.code),
                )
            )
            is not None
        }
        if not defects:
            return batch
        if not _hold_and_rekey(store, batch, defects, at):  # then form it again without them
            raise StoreError(TEXT["stuck"])  # cannot happen: held entries carry no key


def _stamp_or_resume(
    store: Store, size: int, at: datetime, skip: Collection[str] = ()
) -> Batch | None:
    """The first batch in flight (but those in ``skip``), else a new one of up to ``size``
    entries not set aside.

    The entries of a new batch whose dossier was cancelled meanwhile are dropped (audited)
    and the batch is formed again without them. The batches in flight are found through
    the batch-key index: scanning the outbox in id order for them read every waiting entry,
    at each batch.
    """
    conn = store.conn
    row = conn.execute(
        "SELECT batch_key FROM outbox INDEXED BY outbox_batch WHERE batch_key IS NOT NULL "
        "AND kind = 'submit' AND held_at IS NULL "
        "AND batch_key NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1",
        (json_list(skip),),
    ).fetchone()
    if row is not None:
        key = row[0]
    else:
        while True:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM outbox WHERE kind = 'submit' AND batch_key IS NULL "
                    "AND held_at IS NULL ORDER BY id LIMIT ?",
                    (size,),
                )
            ]
            if not ids:
                return None
            if not drop_cancelled_within(store, store.db, at, among=ids):
                break
        key = uuid.uuid4().hex
        conn.executemany("UPDATE outbox SET batch_key = ? WHERE id = ?", [(key, i) for i in ids])
    return _load(store, key)


def _load(store: Store, key: str) -> Batch:
    """The batch stamped ``key``, read from the outbox and the dossiers."""
    conn = store.conn
    rows = conn.execute(
        "SELECT o.id, d.id, d.code, d.content_hash, d.procedure_group, d.received_at, "
        "coalesce(CAST(c.declarations AS BLOB), X''), o.content_hash, d.lookup_code, "
        "d.appointment_at FROM outbox o JOIN dossiers d ON d.id = o.dossier_id "
        # LEFT: a dossier whose declarations were deleted from the file is held as tampered
        # (nothing hashes to its hash of record), not left stamped and never sent.
        "LEFT JOIN dossier_content c ON c.dossier_id = d.id WHERE o.batch_key = ? ORDER BY o.id",
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
                recorded_hash=r[7],
                lookup_code=r[8],
                appointment_at=r[9],
            )
            for r in rows
        ),
    )


def _hold_and_rekey(
    store: Store, batch: Batch, defects: Mapping[int, Defect], at: datetime
) -> list[str]:
    """Set the ``defects`` aside; the rest of the batch goes on under a fresh key; held codes.

    The batch's body changes without them, and its old key may already be stored on central
    with the fuller body, so the rest must not reuse it. (If central did take the fuller batch,
    the dossiers sent again under the new key are answered ``duplicate``: nothing doubles.)
    """
    held = [
        d.code
        for d in batch.dossiers
        if d.outbox_id in defects
        and hold_within(
            store, store.db, d.outbox_id, d.code, defects[d.outbox_id], at, batch_key=batch.key
        )
    ]
    store.conn.execute(
        "UPDATE outbox SET batch_key = ? WHERE batch_key = ?", (uuid.uuid4().hex, batch.key)
    )
    return held


def hold_dossiers(
    store: Store,
    batch: Batch,
    defects: Mapping[str, Defect],
    at: datetime,
    *,
    then_stamp: int = 0,
) -> tuple[list[str], Batch | None]:
    """Set aside the dossiers of ``batch`` named in ``defects`` (by code) in one transaction.

    Returns the codes actually held (another round may have got there first) and, with
    ``then_stamp``, the next batch formed in the same transaction.
    """
    with store.transaction():
        by_row = {d.outbox_id: defects[d.code] for d in batch.dossiers if d.code in defects}
        held = _hold_and_rekey(store, batch, by_row, at)
        following = _stamp_next(store, then_stamp, at) if then_stamp > 0 else None
    return held, following


def set_aside(
    store: Store, batch: Batch, why: str, at: datetime, *, then_stamp: int = 0
) -> tuple[list[str], Batch | None]:
    """Central refused ``batch`` as a whole request (``why``): isolate the dossier at fault.

    A batch of several dossiers is split: each of its entries gets a batch of its own (in
    the same order), so the next requests find out which one central refuses. A batch of one
    is that dossier: it is held with central's reason. Entries of dossiers cancelled in the
    meantime are dropped instead (central refused the batch, so it holds none of them).
    Returns the codes held and, with ``then_stamp``, the next batch (one transaction).
    """
    held: list[str] = []
    with store.transaction() as db:
        conn = store.conn
        rows = [
            d
            for d in batch.dossiers
            if conn.execute(
                "SELECT 1 FROM outbox WHERE id = ? AND batch_key = ? AND dossier_id = ?",
                (d.outbox_id, batch.key, d.dossier_id),
            ).fetchone()
        ]
        cancelled = {
            d.outbox_id
            for d in rows
            if conn.execute(
                "SELECT 1 FROM dossiers WHERE id = ? AND status = ?",
                (d.dossier_id, Status.CANCELLED.value),
            ).fetchone()
        }
        for d in rows:
            if d.outbox_id in cancelled:
                conn.execute("DELETE FROM outbox WHERE id = ?", (d.outbox_id,))
                store._audit(db, at, SYNC_ACTOR, DROPPED, d.code, {"reason": TEXT["cancelled"]})
            elif len(rows) > 1:
                conn.execute(
                    "UPDATE outbox SET batch_key = ?, attempts = attempts + 1, last_error = ? "
                    "WHERE id = ? AND batch_key = ?",
                    (uuid.uuid4().hex, why, d.outbox_id, batch.key),
                )
            else:
                defect = Defect("refused", TEXT["refused"].format(why=why), {"central": why})
                if hold_within(store, db, d.outbox_id, d.code, defect, at, batch_key=batch.key):
                    held.append(d.code)
        following = _stamp_next(store, then_stamp, at) if then_stamp > 0 else None
    return held, following


def record_failure(store: Store, batch: Batch, error: str) -> None:
    """Count a failed attempt on the batch's rows, so what is stuck, and why, can be seen."""
    with store.transaction():
        store.conn.executemany(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ? "
            "WHERE id = ? AND batch_key = ?",
            [(error, d.outbox_id, batch.key) for d in batch.dossiers],
        )


def apply_answers(
    store: Store,
    batch: Batch,
    answers: Mapping[str, Answer],
    at: datetime,
    *,
    then_stamp: int = 0,
    skip: Collection[str] = (),
) -> tuple[AnswerTally, Batch | None]:
    """Apply central's answers to ``batch`` in one transaction; rows already done are skipped.

    accepted / duplicate → SEND then ACCEPT (the dossier is in central's hands);
    rejected → SEND then REJECT with central's reason (flagged for the officer).
    Every dossier of the batch must have an answer (the caller checks), else nothing changes.
    An answer applies only to the entry it was for (same id, batch key and dossier): another
    round may have applied it already, and the counter may have received new dossiers since.
    With ``then_stamp`` > 0 the next batch (of that size) is formed in the same transaction
    and returned (not one of the batches whose keys are in ``skip``: the one already on its way
    while these answers are applied): one durable commit per batch instead of two, on a slow
    disk the difference between a round of seconds and one of tens of seconds. Set-based:
    the rows still meant are found with one read, each dossier is read once, and the events,
    audit entries, central ids and outbox deletions are written with one statement each
    (:mod:`.bulk`).
    """
    accepted = rejected = already = 0
    flagged: list[tuple[str, str]] = []
    with store.transaction() as db:
        conn = store.conn
        still = _still_in_batch(store, batch)
        journal = Journal(store, db)
        journal.load(d.code for d in batch.dossiers if d.outbox_id in still)
        central_ids: list[tuple[str | None, int]] = []
        done: list[tuple[int]] = []
        late: list[int] = []
        for dossier in batch.dossiers:
            if dossier.outbox_id not in still:
                already += 1  # another round (or a run before a crash) applied it
                continue
            answer = answers[dossier.code]
            detail: dict[str, object] = {"batch": batch.key, "outcome": answer.outcome}
            if answer.outcome == "rejected":
                reason = answer.reason or REJECTED_WITHOUT_REASON
                detail["reason_code"] = answer.reason_code
                _send_and(journal, dossier.code, Event.REJECT, at, reason=reason, detail=detail)
                rejected += 1
                flagged.append((dossier.code, reason))
            else:
                detail["central_id"] = answer.central_id
                central_ids.append((answer.central_id, dossier.dossier_id))
                if journal.require(dossier.code).status is Status.CANCELLED:
                    late.append(dossier.dossier_id)  # cancelled while on its way
                journal.identify(dossier.code, answer.central_id)
                _send_and(journal, dossier.code, Event.ACCEPT, at, reason=None, detail=detail)
                accepted += 1
            done.append((dossier.outbox_id,))
        journal.flush()  # statuses with central's ids, events, audit entries
        conn.executemany(
            "INSERT OR IGNORE INTO central_versions (dossier_id, version) VALUES (?, 0)",
            [(dossier_id,) for _, dossier_id in central_ids],
        )
        conn.executemany("DELETE FROM outbox WHERE id = ?", done)
        # Central took a dossier the counter cancelled meanwhile: it must hear of the cancel.
        queue_unsent_within(store, late, at)
        following = _stamp_next(store, then_stamp, at, skip=skip) if then_stamp > 0 else None
    return AnswerTally(accepted, rejected, already, tuple(flagged)), following


def _still_in_batch(store: Store, batch: Batch) -> set[int]:
    """The outbox ids of ``batch`` whose row is still the one sent: same id, key and dossier.

    One read for the whole batch; a row another round applied (deleted) or that now belongs
    to another dossier or batch is left out, so its answer is never applied twice or to the
    wrong dossier.
    """
    rows = set(
        store.conn.execute(
            "SELECT id, dossier_id FROM outbox WHERE batch_key = ?", (batch.key,)
        ).fetchall()
    )
    return {d.outbox_id for d in batch.dossiers if (d.outbox_id, d.dossier_id) in rows}


REJECTED_WITHOUT_REASON = (
    "Hệ thống trung tâm trả lại hồ sơ mà không nêu lý do; hãy liên hệ bộ phận kỹ thuật."
)


def _send_and(
    journal: Journal,
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
    status = journal.require(code).status
    if status is not Status.RECEIVED:
        journal.note(  # same transaction as the rest of the answer
            at, CENTRAL_ACTOR, "sync.answer_not_applied", code, {**detail, "status": status}
        )
        return
    journal.apply(code, Event.SEND, officer=CENTRAL_ACTOR, at=at, detail=detail)
    journal.apply(code, event, officer=CENTRAL_ACTOR, at=at, reason=reason, detail=detail)
