"""A realistic complete dossier for benchmarks, and fast bulk generation of a big store."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, time, timedelta

from desk_app.clock import VN_TZ
from desk_app.store import NewDossier
from desk_app.store.records import canonical_json
from forms.text import fold

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Quốc", "Gia", "Bảo", "Thanh", "Hữu", "Khánh"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Giang",
    "Hà",
    "Hạnh",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Ngân",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Uyên",
    "Việt",
    "Yến",
    "Đạt",
]


def name(rng: random.Random) -> str:
    """A plausible Vietnamese full name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def complete_dossier(rng: random.Random) -> NewDossier:
    """A dossier with every declaration filled, about the size a real one has."""
    child, mother, father = name(rng), name(rng), name(rng)
    address = {"province_code": "01", "commune_code": "00187", "detail": "Số 12 ngõ 34 phố Láng"}
    person = {"ethnicity": "01", "nationality": "VN", "residence": address}
    declarations = {
        "schema_version": 1,
        "agencies": {
            "birth": "000.00.02.H26",
            "residence": "000.00.03.H26",
            "insurance": "000.00.04.H26",
            "birth_case": "both_parents",
            "foreign_element": "none",
            "residence_case": "join_parents_owner",
        },
        "requester": {
            "full_name": mother,
            "personal_id": "001190000001",
            "relation": "mother",
            "phone": "0912345678",
            "email": "me@example.vn",
            **person,
        },
        "child": {
            "full_name": child,
            "date_of_birth": "2026-11-01",
            "sex": "female",
            "place_of_birth": "Bệnh viện Phụ sản Hà Nội",
            "home_town": "Hà Nội",
            "birth_certificate_number": "123/GCS",
            **person,
        },
        "mother": {
            "full_name": mother,
            "date_of_birth": "1990-05-17",
            "personal_id": "001190000001",
            **person,
        },
        "father": {
            "full_name": father,
            "date_of_birth": "1988-02-03",
            "personal_id": "001088000002",
            **person,
        },
        "residence": {
            "household_head": father,
            "relation_to_head": "con",
            "head_personal_id": "001088000002",
            "address": address,
            "consent": "vneid",
        },
        "insurance": {"health_facility": "01-001", "card_holder_name": "mother"},
        "attachments": [
            {"item": "birth_certificate", "sha256": rng.randbytes(32).hex(), "sighted": True}
        ],
        "delivery": {
            "birth": "at_agency",
            "residence": "with_birth_result",
            "insurance": "electronic",
        },
    }
    return NewDossier(
        declarations=declarations,
        requester_name=mother,
        subject_name=child,
        search_names=[child, mother, father],
        id_numbers=["001190000001", "001088000002"],
        appointment_at=datetime(2026, 11, 27, 16, 30, tzinfo=VN_TZ),
    )


PER_DAY = 900
"""Dossiers per day in the generated store (a busy office, within one desk's block)."""

LAST_DAY = date(2026, 11, 24)
"""The day the generated store ends on: its newest dossiers were received that day."""

APPOINTMENT_DAYS = 3
"""Calendar days from reception to the appointment in the generated store (weekends ignored)."""

# Status mixes by age in days: old dossiers are mostly closed, recent ones spread over the
# lifecycle, today's are still at the counter or on their way to central.
_MIXES: tuple[tuple[int, tuple[tuple[str, int], ...]], ...] = (
    (0, (("received", 70), ("sent", 25), ("rejected", 5))),
    (
        3,
        (
            ("sent", 10),
            ("accepted", 20),
            ("in_progress", 40),
            ("supplement_requested", 5),
            ("ready", 20),
            ("rejected", 5),
        ),
    ),
    (
        10,
        (
            ("handed_over", 60),
            ("ready", 25),
            ("in_progress", 5),
            ("supplement_requested", 5),
            ("refused", 3),
            ("cancelled", 2),
        ),
    ),
    (10**6, (("handed_over", 96), ("cancelled", 2), ("refused", 1), ("ready", 1))),
)


def _status(rng: random.Random, age_days: int) -> str:
    mix = next(m for limit, m in _MIXES if age_days <= limit)
    statuses, weights = zip(*mix, strict=True)
    return rng.choices(statuses, weights)[0]


def personal_id(rng: random.Random, born: int, female: bool) -> str:
    """A 12-digit personal ID number of the right shape (province, century-sex, year, serial)."""
    province = rng.choice((1, 31, 48, 79))
    century_sex = (0 if born < 2000 else 2) + female
    return f"{province:03d}{century_sex}{born % 100:02d}{rng.randrange(10**6):06d}"


def fill(
    conn: sqlite3.Connection,
    count: int,
    agency: str,
    seed: int = 7,
    *,
    last_day: date = LAST_DAY,
) -> list[str]:
    """Insert ``count`` dossiers (search rows, outbox entries) in bulk; return their codes.

    Bypasses the per-dossier save path on purpose: a million individual fsynced
    transactions would take an hour, and only the resulting table shapes matter here. The
    dossiers end on ``last_day`` (:data:`PER_DAY` a day), with statuses that depend on their
    age, appointments :data:`APPOINTMENT_DAYS` after reception, three names (child,
    requester, father) and two personal ID numbers each; those still "received" wait in the
    outbox, as at a real desk.
    """
    rng = random.Random(seed)
    days = -(-count // PER_DAY)
    pad = days * PER_DAY - count  # the first day is the partial one; the last is full
    start = datetime.combine(last_day - timedelta(days=days - 1), time(8), tzinfo=VN_TZ)
    codes: list[str] = []
    body = canonical_json(complete_dossier(rng).declarations)
    conn.execute("BEGIN")
    for chunk in range(0, count, 10_000):
        rows, search, outbox = [], [], []
        for i in range(chunk, min(chunk + 10_000, count)):
            day, seq = divmod(i + pad, PER_DAY)
            when = start + timedelta(days=day, seconds=30 * seq)
            code = f"{agency}-{when:%y%m%d}-{1001 + seq:04d}"
            child, requester, father = name(rng), name(rng), name(rng)
            status = _status(rng, days - 1 - day)
            due = datetime.combine(
                when.date() + timedelta(days=APPOINTMENT_DAYS), time(8), tzinfo=VN_TZ
            )
            rows.append(
                (
                    i + 1,
                    code,
                    "ABCDEF",
                    "birth_interlink",
                    status,
                    when.isoformat(),
                    when.date().isoformat(),
                    due.isoformat(),
                    when.isoformat(),
                    "A",
                    1,
                    requester,
                    child,
                    body,
                    "h",
                )
            )
            ids = (
                personal_id(rng, rng.randrange(1980, 2004), True),
                personal_id(rng, rng.randrange(1975, 2002), False),
            )
            search.append(
                (i + 1, " ".join(fold(n) for n in (child, requester, father)), " ".join(ids))
            )
            if status == "received":
                outbox.append((i + 1, "submit", "h", when.isoformat()))
            codes.append(code)
        conn.executemany(
            "INSERT OR IGNORE INTO dossiers (id, code, lookup_code, procedure_group, status, "
            "received_at, received_on, appointment_at, updated_at, officer, desk_number, "
            "requester_name, subject_name, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*r[:13], *r[14:]) for r in rows],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO dossier_content (dossier_id, declarations) VALUES (?,?)",
            [(r[0], r[13]) for r in rows],
        )
        conn.executemany("INSERT INTO dossier_search (rowid, names, ids) VALUES (?,?,?)", search)
        conn.executemany(
            "INSERT INTO outbox (dossier_id, kind, content_hash, created_at) VALUES (?,?,?,?)",
            outbox,
        )
    conn.execute("COMMIT")
    return codes
