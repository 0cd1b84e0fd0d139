"""Receiving batches: idempotent per key, per dossier exactly once, offices kept apart.

A batch is processed in one transaction that also stores its answer under (desk, key): a
delivery of the same key replays that answer, whatever happened to the first response on the
way back, and whichever central process it reaches (the key is claimed by inserting its row,
so the database, not a process, decides who processes it). Each dossier is serialised to
canonical JSON once (hashed and stored as that same text) and a batch's new dossiers go in with
one statement. Independently of keys, a dossier is stored once per code: the same code with the same
content hash again is a *duplicate* (counts as accepted, same central id); the same code with
different content is *rejected*, never overwritten. A desk may claim only what is its own: a
code of its office (the receiving agency code that starts it), of its desk's block of the
day's numbers (desk n: n001–n999), dated the day the dossier was received (Vietnam time),
and not a day that has not come yet. Otherwise one desk could take another's code and block
that desk's real dossier as a "conflict" for good.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from central import office
from central.db import among, values
from central.intake_text import ACCEPTED, answer, central_id, dossier_rows, submit_entries
from central.protocol import (
    DESK_BLOCK,
    DOSSIER_CODE,
    DossierIn,
    DossierResult,
    DossierState,
    DossierView,
    SubmitRequest,
    UpdatesResponse,
    canonical_json,
    canonical_matching,
)
from central.scope import ScopedTx
from central.store import CentralStore, DeskIdentity
from desk_app import groups

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

REASONS = {
    "bad_code": (
        "Mã hồ sơ “{code}” sai dạng <mã cơ quan>-<YYMMDD>-<NNNN>; hãy báo bộ phận kỹ thuật."
    ),
    "other_office": (
        "Mã hồ sơ “{code}” thuộc cơ quan tiếp nhận {office}, không phải của bàn này; "
        "không được gửi hay ghi đè hồ sơ của đơn vị khác."
    ),
    "other_desk": (
        "Mã hồ sơ “{code}” không thuộc dãy số {low}–{high} của bàn {desk} đang gửi; "
        "kiểm tra số bàn trong desk.toml và token của bàn với bộ phận kỹ thuật."
    ),
    "date_mismatch": (
        "Ngày trong mã hồ sơ “{code}” ({code_day}) khác ngày tiếp nhận ({received_day}); "
        "hãy báo bộ phận kỹ thuật."
    ),
    "future_date": (
        "Hồ sơ “{code}” ghi ngày tiếp nhận {received_day}, sau ngày hôm nay ({today}); "
        "kiểm tra đồng hồ của máy tại quầy rồi báo bộ phận kỹ thuật."
    ),
    "hash_mismatch": (
        "Nội dung hồ sơ “{code}” không khớp mã kiểm tra bàn đã tính khi tiếp nhận; hệ thống "
        "không nhận bản này. Hãy báo bộ phận kỹ thuật."
    ),
    "conflict": (
        "Mã hồ sơ “{code}” đã được gửi lên với nội dung khác; hệ thống giữ bản đã nhận. "
        "Hãy đối chiếu hồ sơ giấy và báo bộ phận kỹ thuật."
    ),
    "unknown_group": "Nhóm thủ tục “{group}” không được hệ thống trung tâm hỗ trợ.",
    "missing_attachments": (
        "Hệ thống chưa nhận được tệp đính kèm: {items}. Hãy quét lại giấy tờ này rồi gửi lại hồ sơ."
    ),
}

Planner = Callable[
    [str, datetime, str, dict[str, Any]], tuple[list[dict[str, object]], float | None]
]
"""(code, now, procedure group, declarations) → the dossier's simulated steps and when the
first is due."""
"""Given a dossier code and the time it arrived: its simulated steps and when the first is due."""


class KeyReused(Exception):
    """An Idempotency-Key already used by this desk for a different request body."""


@dataclass(frozen=True)
class _Candidate:
    """A dossier that passed every check made without the database, serialised once."""

    dossier: DossierIn
    declarations: str
    """The canonical JSON of its declarations: hashed, and stored, as it is."""


def submit(
    store: CentralStore,
    desk: DeskIdentity,
    key: str,
    body_sha256: str,
    request: SubmitRequest,
    now: datetime,
    planner: Planner,
    canonical: Sequence[str] | None = None,
) -> tuple[str, bool]:
    """Process a batch (or replay the answer to its key); return the answer — the JSON of a
    :class:`SubmitResponse`, as stored under the key and sent as it is — and whether replayed.

    The key is claimed first, by inserting its row: a second delivery of the same key — to
    this process or another one — waits on the database's unique index until the first
    commits, then finds its answer (or, if the first rolled back, claims the key itself).
    ``canonical``: each dossier's declarations in canonical form, already found to hash to its
    content hash (:func:`central.batch_parse.read_batch`); None: intake checks them.
    """
    texts: Sequence[str | None] = canonical or [None] * len(request.dossiers)
    checked = [_check(desk, d, now, t) for d, t in zip(request.dossiers, texts, strict=True)]
    scope = store.for_desk(desk)
    with scope.write() as tx:
        claimed = tx.one(
            "INSERT INTO batches (desk_id, key, request_sha256, response, created_at, "
            "created_epoch) VALUES (:desk_id, :key, :sha, '', :at, :epoch) "
            "ON CONFLICT (desk_id, key) DO NOTHING RETURNING key",
            {"key": key, "sha": body_sha256, "at": now.isoformat(), "epoch": now.timestamp()},
        )
        if claimed is None:
            stored = tx.one(
                "SELECT request_sha256, response FROM batches "
                "WHERE desk_id = :desk_id AND key = :key",
                {"key": key},
            )
            assert stored is not None
            if stored[0] != body_sha256:
                raise KeyReused(key)
            return str(stored[1]), True
        response = answer(key, _store(tx, checked, now, planner))
        tx.run(
            "UPDATE batches SET response = :response WHERE desk_id = :desk_id AND key = :key",
            {"response": response, "key": key},
        )
    return response, False


def _rejected(code: str, reason_code: str, **context: str) -> DossierResult:
    return DossierResult(
        code=code,
        outcome="rejected",
        reason_code=reason_code,  # type: ignore[arg-type]
        reason=REASONS[reason_code].format(code=code, **context),
    )


def _check(
    desk: DeskIdentity, dossier: DossierIn, now: datetime, text: str | None = None
) -> DossierResult | _Candidate:
    """What can be said of a dossier without the database: a refusal, or a candidate.

    ``text``: the canonical JSON of its declarations when the batch's reader already found it
    to hash to the content hash (:mod:`central.batch_parse`)."""
    code = dossier.code
    match = DOSSIER_CODE.fullmatch(code)
    code_day = _code_day(match[2]) if match else None
    if match is None or code_day is None:
        return _rejected(code, "bad_code")
    if match[1] != desk.office:
        return _rejected(code, "other_office", office=match[1])
    low, high = desk.desk_number * DESK_BLOCK + 1, (desk.desk_number + 1) * DESK_BLOCK - 1
    if not low <= int(match[3]) <= high:
        return _rejected(
            code, "other_desk", low=f"{low:04d}", high=f"{high:04d}", desk=str(desk.desk_number)
        )
    received_day = dossier.received_at.astimezone(VN_TZ).date()
    if received_day != code_day:
        return _rejected(
            code,
            "date_mismatch",
            code_day=f"{code_day:%d/%m/%Y}",
            received_day=f"{received_day:%d/%m/%Y}",
        )
    today = now.astimezone(VN_TZ).date()
    if received_day > today:
        return _rejected(
            code,
            "future_date",
            received_day=f"{received_day:%d/%m/%Y}",
            today=f"{today:%d/%m/%Y}",
        )
    if text is None:
        text = canonical_matching(dossier.declarations, dossier.content_hash)
    if text is None:
        return _rejected(code, "hash_mismatch")
    return _Candidate(dossier, text)


def _store(
    tx: ScopedTx,
    checked: list[DossierResult | _Candidate],
    now: datetime,
    planner: Planner,
) -> list[str]:
    """Decide every candidate against what central holds, and insert the new ones at once;
    the answer for each dossier, in request order, as the JSON of its :class:`DossierResult`.

    In request order, as if one by one: a code central holds is a duplicate (same content)
    or a conflict; a code met earlier in this batch is judged against that earlier copy;
    then the procedure group and the documents. The new dossiers go in with one statement;
    one that another process inserted meanwhile (the unique code index waited for it) is
    judged against that process's copy.
    """
    candidates = [c for c in checked if isinstance(c, _Candidate)]
    codes = sorted({c.dossier.code for c in candidates})
    held = _held(tx, codes)
    shas = sorted({a.sha256 for c in candidates for a in c.dossier.attachments})
    listed, params = among("sha", shas)
    owned = {
        r[0]
        for r in tx.all(
            f"SELECT sha256 FROM attachment_offices WHERE office = :office AND sha256 IN {listed}",
            params,
        )
    }
    results: list[DossierResult | _Candidate | str] = []
    first: dict[str, _Candidate] = {}
    for item in checked:
        if isinstance(item, DossierResult):
            results.append(item)
            continue
        code = item.dossier.code
        if code in held:
            results.append(_verdict(code, item.dossier.content_hash, held[code]))
            continue
        if code in first:
            results.append(item)  # judged against the first copy once it is stored
            continue
        if groups.find(item.dossier.procedure_group) is None:
            results.append(_rejected(code, "unknown_group", group=item.dossier.procedure_group))
            continue
        missing = [
            f"{a.item} ({a.sha256[:12]}…)"
            for a in item.dossier.attachments
            if a.sha256 not in owned
        ]
        if missing:
            results.append(_rejected(code, "missing_attachments", items=", ".join(missing)))
            continue
        first[code] = item
        results.append(item)
    stored = _insert(tx, sorted(first.values(), key=lambda c: c.dossier.code), now, planner)
    raced = sorted(set(first) - set(stored))
    held |= _held(tx, raced) if raced else {}
    answers: list[str] = []
    for said in results:
        if isinstance(said, str):
            answers.append(said)
            continue
        if isinstance(said, DossierResult):
            answers.append(said.model_dump_json())
            continue
        code = said.dossier.code
        if first.get(code) is said and code in stored:
            answers.append(ACCEPTED.format(code=code, central_id=stored[code]))
        else:
            theirs = held.get(code) or (stored[code], first[code].dossier.content_hash)
            answers.append(_verdict(code, said.dossier.content_hash, theirs))
    return answers


def _held(tx: ScopedTx, codes: list[str]) -> dict[str, tuple[str, str]]:
    """code → (central id, content hash) of the codes central already holds for this office."""
    if not codes:
        return {}
    listed, params = among("code", codes)
    rows = tx.all(
        "SELECT code, central_id, content_hash FROM dossiers "
        f"WHERE office = :office AND code IN {listed}",
        params,
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def _verdict(code: str, content_hash: str, held: tuple[str, str]) -> str:
    """The answer (JSON) for a code central holds: a duplicate, or a conflict."""
    central_id, held_hash = held
    if held_hash == content_hash:
        result = DossierResult(code=code, outcome="duplicate", central_id=central_id)
    else:
        result = _rejected(code, "conflict")
    return result.model_dump_json()


def _insert(tx: ScopedTx, new: list[_Candidate], now: datetime, planner: Planner) -> dict[str, str]:
    """Insert ``new`` (sorted by code) in one statement; code → central id of those inserted.

    Sorted, so two processes inserting overlapping batches take the code index in the same
    order and never deadlock.
    """
    if not new:
        return {}
    flat: list[object] = []
    ids: dict[str, str] = {}
    for c in new:
        d = c.dossier
        steps, first_due = planner(d.code, now, d.procedure_group, d.declarations)
        ids[d.code] = central_id()
        flat += (  # in the order of intake_text.ROW_NAMES
            ids[d.code],
            d.code,
            d.content_hash,
            d.procedure_group,
            d.received_at.isoformat(),
            c.declarations,
            canonical_json(steps) if steps else "[]",
            first_due,
            # For the citizen's status page (central.public_page): never part of the content.
            d.lookup_digest,
            d.appointment_at.isoformat() if d.appointment_at else None,
        )
    rows, names = dossier_rows(len(new))
    inserted = tx.all(
        "INSERT INTO dossiers (central_id, code, office, desk_number, content_hash, "
        "procedure_group, received_at, submitted_at, declarations, status, plan, next_step_at, "
        "lookup_digest, appointment_at) "
        f"VALUES {rows} ON CONFLICT (code) DO NOTHING RETURNING id, code",
        dict(zip(names, flat, strict=True)) | {"at": now.isoformat()},
    )
    dossier_ids = {code: dossier_id for dossier_id, code in inserted}
    links = sorted(
        {
            (dossier_ids[c.dossier.code], a.item, a.sha256)
            for c in new
            if c.dossier.code in dossier_ids
            for a in c.dossier.attachments
        }
    )
    if links:
        listed, link_params = values(
            [{"d": d, "i": item, "s": sha} for d, item, sha in links], ("d", "i", "s")
        )
        tx.run(
            "INSERT INTO dossier_attachments (dossier_id, item, sha256) "
            f"SELECT d.id, v.column2, v.column3 FROM (VALUES {listed}) AS v "
            "JOIN dossiers d ON d.id = v.column1 WHERE d.office = :office",
            link_params,
        )
    # Found by ID number or name from any desk of the office (central.office): only noted
    # here, the terms are written off the acknowledgement's path (central.search_terms).
    office.index(
        tx,
        [
            (dossier_ids[c.dossier.code], c.dossier.declarations)
            for c in new
            if c.dossier.code in dossier_ids
        ],
        replace=False,
    )
    # Every counter of the office learns of it (and a desk restored or installed new takes
    # its own dossiers back) from the office feed, before any agency touches it.
    submitted = submit_entries(tx.desk, now)
    tx.append_feed(
        [
            submitted(dossier_ids[c.dossier.code], c.dossier)
            for c in new
            if c.dossier.code in dossier_ids
        ]
    )
    return {code: ids[code] for code in dossier_ids}


def _code_day(yymmdd: str) -> date | None:
    """The day a code's YYMMDD names (20YY), or None if there is no such day."""
    try:
        return date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        return None


def updates_after(
    store: CentralStore, desk: DeskIdentity, after: int, limit: int
) -> UpdatesResponse:
    """The desk's page of the v1 feed after ``after``: the agencies' steps on the dossiers
    this desk submitted (:func:`central.office.updates_after`; v2 desks read the office's).

    Every page is a prefix of what will ever be there (:mod:`central.feed`), so the cursor
    it gives never passes an update still to come.
    """
    return office.updates_after(store, desk, after, limit, office_wide=False)


def dossier_view(store: CentralStore, desk: DeskIdentity, code: str) -> DossierView | None:
    """Central's record of ``code`` if it belongs to the caller's office, else None."""
    with store.for_desk(desk).read() as tx:
        row = tx.one(
            "SELECT code, central_id, content_hash, version, status, progress, reason, "
            "submitted_at FROM dossiers WHERE code = :code AND office = :office",
            {"code": code},
        )
    if row is None:
        return None
    return DossierView(
        code=row[0],
        central_id=row[1],
        content_hash=row[2],
        version=row[3],
        state=DossierState.model_validate(
            {"status": row[4], "progress": json.loads(row[5]), "reason": row[6]}
        ),
        submitted_at=row[7],
    )
