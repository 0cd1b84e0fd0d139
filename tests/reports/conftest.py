"""A month of an office's dossiers, generated in bulk, and readers for the reports' files.

:func:`generate` writes dossiers straight into the tables (as bench/sample.py does: a thousand
fsynced saves would take a minute and only the tables' contents matter to a report), with every
outcome the summary counts: resolved before and after the appointment (a ``ready`` event in the
audit trail, chained like any other), resolved late but within a form-04 new date, pending in
and past their time, refused, cancelled, both procedure groups (the death group asking for some
of its procedures), three officers, and dossiers another desk of the office received.
"""

from __future__ import annotations

import io
import json
import random
from datetime import date, datetime, time, timedelta
from typing import Any

import openpyxl
import pytest

from desk_app.clock import VN_TZ
from desk_app.desk import Desk
from desk_app.store import Store
from desk_app.store.audit_chain import Entry, append_many
from tests.conftest import FIXED_NOW
from tests.sync.conftest import central  # noqa: F401 - the real central, for close-day

AGENCY = "000.00.01.H26"
OFFICERS = ("Nguyễn Thị Minh Thư", "Phạm Quốc Hưng", "Đặng Ánh Tuyết")
NAMES = ("Nguyễn Văn Ấn", "Trần Thị Ổi", "Lê Đức Huỳnh", "Phạm Ngọc Ý", "Vũ Thị Ưng")
DEATH_CHOICES = (
    ["death", "residence_removal"],
    ["death", "residence_removal", "funeral_allowance"],
)
STATUSES = (
    ("handed_over", 30),
    ("ready", 15),
    ("in_progress", 20),
    ("sent", 10),
    ("received", 8),
    ("refused", 4),
    ("papers_returned", 3),
    ("cancelled", 5),
    ("supplement_requested", 5),
)
RESOLVED = ("handed_over", "ready")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=VN_TZ)
"""When the reports are made: November's dossiers are partly overdue by then."""


def _declarations(rng: random.Random, group: str, requester: str) -> dict[str, Any]:
    person = {
        "full_name": requester,
        "phone": "09" + "".join(rng.choice("0123456789") for _ in range(8)),
        "residence": {"address": {"province_code": "01", "commune_code": "00187",
                                  "detail": "Số 12 ngõ 34 phố Láng"}},
    }  # fmt: skip
    agencies = {"birth_agency": {"code": "000.00.17.H26", "name": "Ủy ban nhân dân phường Láng"}}
    inner: dict[str, Any] = {"requester": person, "agencies": agencies}
    if group == "death_interlink":
        inner["requested"] = rng.choice(DEATH_CHOICES)
        agencies["death_agency"] = agencies.pop("birth_agency")
    return {"schema_version": 1, "declarations": inner}


def generate(
    store: Store, count: int, *, seed: int = 18, month: tuple[int, int] = (2026, 11)
) -> None:
    """Insert ``count`` dossiers received over ``month`` (working hours), with their events."""
    rng = random.Random(seed)
    year, mon = month
    rows: list[tuple[Any, ...]] = []
    audit: list[Entry] = []
    outbox: list[tuple[Any, ...]] = []
    per_day: dict[tuple[date, int], int] = {}
    statuses, weights = zip(*STATUSES, strict=True)
    for i in range(count):
        day = date(year, mon, 1 + i % 28)
        received = datetime.combine(day, time(8), tzinfo=VN_TZ) + timedelta(
            minutes=rng.randrange(480)
        )
        origin = 2 if i % 17 == 0 else None
        desk = origin or 1
        seq = per_day[(day, desk)] = per_day.get((day, desk), 0) + 1
        code = f"{AGENCY}-{day:%y%m%d}-{desk * 1000 + seq:04d}"
        group = "death_interlink" if i % 5 == 0 else "birth_interlink"
        status = rng.choices(statuses, weights)[0]
        appointment = received + timedelta(days=rng.choice((3, 5, 7)))
        due_on = (appointment + timedelta(days=4)).date() if i % 13 == 0 else None
        requester = rng.choice(NAMES)
        updated = received + timedelta(days=rng.randrange(1, 10))
        rows.append((i + 1, code, "ABCDEF", group, status, received.isoformat(), day.isoformat(),
                     appointment.isoformat(), updated.isoformat(), rng.choice(OFFICERS), desk,
                     requester, "Bé", json.dumps(_declarations(rng, group, requester),
                                                 ensure_ascii=False), "h", origin,
                     due_on.isoformat() if due_on else None))  # fmt: skip
        audit.append((received, "A", "receive", code, {}))
        if status != "received":
            audit.append((received + timedelta(minutes=5), "A", "send", code, {}))
        if status in RESOLVED and i % 7:  # one in seven resolved ones: no event (updated_at)
            ready = received + timedelta(days=rng.choice((1, 2, 4, 6, 8, 10)), hours=1)
            audit.append((ready, "A", "ready", code, {}))
        if status == "received":
            outbox.append((i + 1, "submit", "h", received.isoformat()))
    audit.sort(key=lambda e: e[0])
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT INTO dossiers (id, code, lookup_code, procedure_group, status, received_at, "
            "received_on, appointment_at, updated_at, officer, desk_number, requester_name, "
            "subject_name, content_hash, origin_desk, due_on) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*r[:13], *r[14:]) for r in rows],
        )
        db.conn.executemany(
            "INSERT INTO dossier_content (dossier_id, declarations) VALUES (?,?)",
            [(r[0], r[13]) for r in rows],
        )
        db.conn.executemany(
            "INSERT INTO outbox (dossier_id, kind, content_hash, created_at) VALUES (?,?,?,?)",
            outbox,
        )
        append_many(db.conn, audit)


@pytest.fixture
def office(supervisor_desk: Desk) -> Desk:
    """The demo desk with a supervisor signed in, a thousand November dossiers, on 3 December."""
    generate(supervisor_desk.store, 1000)
    supervisor_desk.clock = lambda: NOW
    return supervisor_desk


def sheet_rows(data: bytes) -> list[tuple[Any, ...]]:
    """Every row of the workbook's first sheet, as values."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


__all__ = ["FIXED_NOW", "NOW", "generate", "sheet_rows"]
