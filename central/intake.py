"""Receiving batches: idempotent per key, per dossier exactly once, offices kept apart.

A batch is processed in one transaction that also stores its answer under (desk, key): a
delivery of the same key replays that answer, whatever happened to the first response on the
way back. Independently of keys, a dossier is stored once per code: the same code with the same
content hash again is a *duplicate* (counts as accepted, same central id); the same code with
different content is *rejected*, never overwritten. A desk may claim only what is its own: a
code of its office (the receiving agency code that starts it), of its desk's block of the
day's numbers (desk n: n001–n999), dated the day the dossier was received (Vietnam time),
and not a day that has not come yet. Otherwise one desk could take another's code and block
that desk's real dossier as a "conflict" for good.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from central.protocol import (
    DESK_BLOCK,
    DOSSIER_CODE,
    DossierIn,
    DossierResult,
    DossierState,
    DossierView,
    SubmitRequest,
    SubmitResponse,
    Update,
    UpdatesResponse,
    canonical_json,
    content_hash,
)
from central.store import CentralStore, DeskIdentity

GROUPS = frozenset({"birth_interlink"})
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

Planner = Callable[[str, datetime], tuple[list[dict[str, object]], float | None]]
"""Given a dossier code and the time it arrived: its simulated steps and when the first is due."""


class KeyReused(Exception):
    """An Idempotency-Key already used by this desk for a different request body."""


def submit(
    store: CentralStore,
    desk: DeskIdentity,
    key: str,
    body_sha256: str,
    request: SubmitRequest,
    now: datetime,
    planner: Planner,
) -> tuple[SubmitResponse, bool]:
    """Process a batch (or replay the answer to its key); return the answer and whether replayed."""
    with store.transaction() as db:
        conn = store.conn
        stored = conn.execute(
            "SELECT request_sha256, response FROM batches WHERE desk_id = ? AND key = ?",
            (desk.id, key),
        ).fetchone()
        if stored is not None:
            if stored[0] != body_sha256:
                raise KeyReused(key)
            return SubmitResponse.model_validate_json(stored[1]), True
        # A code twice in one batch meets its own first copy: duplicate or conflict, as ever.
        results = [_one(store, desk, d, now, planner) for d in request.dossiers]
        response = SubmitResponse(batch=key, results=results)
        db["batches"].insert(
            {
                "desk_id": desk.id,
                "key": key,
                "request_sha256": body_sha256,
                "response": response.model_dump_json(),
                "created_at": now.isoformat(),
            }
        )
    return response, False


def _one(
    store: CentralStore,
    desk: DeskIdentity,
    dossier: DossierIn,
    now: datetime,
    planner: Planner,
) -> DossierResult:
    code = dossier.code

    def rejected(reason_code: str, **context: str) -> DossierResult:
        return DossierResult(
            code=code,
            outcome="rejected",
            reason_code=reason_code,  # type: ignore[arg-type]
            reason=REASONS[reason_code].format(code=code, **context),
        )

    match = DOSSIER_CODE.fullmatch(code)
    code_day = _code_day(match[2]) if match else None
    if match is None or code_day is None:
        return rejected("bad_code")
    if match[1] != desk.office:
        return rejected("other_office", office=match[1])
    low, high = desk.desk_number * DESK_BLOCK + 1, (desk.desk_number + 1) * DESK_BLOCK - 1
    if not low <= int(match[3]) <= high:
        return rejected(
            "other_desk", low=f"{low:04d}", high=f"{high:04d}", desk=str(desk.desk_number)
        )
    received_day = dossier.received_at.astimezone(VN_TZ).date()
    if received_day != code_day:
        return rejected(
            "date_mismatch",
            code_day=f"{code_day:%d/%m/%Y}",
            received_day=f"{received_day:%d/%m/%Y}",
        )
    today = now.astimezone(VN_TZ).date()
    if received_day > today:
        return rejected(
            "future_date", received_day=f"{received_day:%d/%m/%Y}", today=f"{today:%d/%m/%Y}"
        )
    if content_hash(dossier.declarations) != dossier.content_hash:
        return rejected("hash_mismatch")
    existing = store.conn.execute(
        "SELECT central_id, content_hash FROM dossiers WHERE code = ?", (code,)
    ).fetchone()
    if existing is not None:
        if existing[1] == dossier.content_hash:
            return DossierResult(code=code, outcome="duplicate", central_id=existing[0])
        return rejected("conflict")
    if dossier.procedure_group not in GROUPS:
        return rejected("unknown_group", group=dossier.procedure_group)
    missing = [
        f"{a.item} ({a.sha256[:12]}…)"
        for a in dossier.attachments
        if store.conn.execute(
            "SELECT 1 FROM attachment_offices WHERE sha256 = ? AND office = ?",
            (a.sha256, desk.office),
        ).fetchone()
        is None
    ]
    if missing:
        return rejected("missing_attachments", items=", ".join(missing))
    central_id = str(uuid.uuid4())
    steps, first_due = planner(code, now)
    dossier_id = (
        store.db["dossiers"]
        .insert(
            {
                "central_id": central_id,
                "code": code,
                "office": desk.office,
                "desk_number": desk.desk_number,
                "content_hash": dossier.content_hash,
                "procedure_group": dossier.procedure_group,
                "received_at": dossier.received_at.isoformat(),
                "submitted_at": now.isoformat(),
                "declarations": canonical_json(dossier.declarations),
                "status": "accepted",
                "plan": canonical_json(steps),
                "next_step_at": first_due,
            }
        )
        .last_pk
    )
    if dossier.attachments:
        store.db["dossier_attachments"].insert_all(
            {"dossier_id": dossier_id, "item": a.item, "sha256": a.sha256}
            for a in dossier.attachments
        )
    return DossierResult(code=code, outcome="accepted", central_id=central_id)


def _code_day(yymmdd: str) -> date | None:
    """The day a code's YYMMDD names (20YY), or None if there is no such day."""
    try:
        return date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        return None


def updates_after(
    store: CentralStore, desk: DeskIdentity, after: int, limit: int
) -> UpdatesResponse:
    """The desk's page of the feed after ``after``: only dossiers this desk submitted."""
    with store.lock:
        rows = store.conn.execute(
            "SELECT seq, body FROM updates WHERE office = ? AND desk_number = ? AND seq > ? "
            "ORDER BY seq LIMIT ?",
            (desk.office, desk.desk_number, after, limit + 1),
        ).fetchall()
    page = rows[:limit]
    updates = [Update.model_validate({**json.loads(body), "seq": seq}) for seq, body in page]
    return UpdatesResponse(
        updates=updates, cursor=page[-1][0] if page else after, more=len(rows) > limit
    )


def dossier_view(store: CentralStore, desk: DeskIdentity, code: str) -> DossierView | None:
    """Central's record of ``code`` if it belongs to the caller's office, else None."""
    with store.lock:
        row = store.conn.execute(
            "SELECT code, central_id, content_hash, version, status, progress, reason, "
            "submitted_at FROM dossiers WHERE code = ? AND office = ?",
            (code, desk.office),
        ).fetchone()
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
