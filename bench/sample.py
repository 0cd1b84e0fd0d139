"""A realistic complete dossier for benchmarks, and fast bulk generation of a big store."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

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
        "attachments": [{"item": "birth_certificate", "sha256": "0" * 64, "sighted": True}],
        "delivery": {
            "birth": "at_agency",
            "residence": "with_birth_result",
            "insurance": "electronic",
        },
    }
    return NewDossier(
        declarations=declarations,
        requester_name=mother,
        child_name=child,
        search_names=[child, mother, father],
        id_numbers=["001190000001", "001088000002"],
        appointment_at=datetime(2026, 11, 27, 16, 30, tzinfo=VN_TZ),
    )


PER_DAY = 900
"""Dossiers per day in the generated store (a busy office, within one desk's block)."""


def fill(conn: sqlite3.Connection, count: int, agency: str, seed: int = 7) -> list[str]:
    """Insert ``count`` dossiers (and their search rows) in bulk; return their codes.

    Bypasses the per-dossier save path on purpose: a million individual fsynced
    transactions would take an hour, and only the resulting table shapes matter here.
    """
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 8, tzinfo=VN_TZ)
    codes: list[str] = []
    body = canonical_json(complete_dossier(rng).declarations)
    conn.execute("BEGIN")
    for chunk in range(0, count, 10_000):
        rows, search = [], []
        for i in range(chunk, min(chunk + 10_000, count)):
            day, seq = divmod(i, PER_DAY)
            when = start + timedelta(days=day, seconds=30 * seq)
            code = f"{agency}-{when:%y%m%d}-{1001 + seq:04d}"
            child, requester = name(rng), name(rng)
            rows.append(
                (
                    i + 1,
                    code,
                    "ABCDEF",
                    "birth_interlink",
                    "received",
                    when.isoformat(),
                    when.date().isoformat(),
                    when.isoformat(),
                    "A",
                    1,
                    requester,
                    child,
                    body,
                    "h",
                )
            )
            search.append((i + 1, f"{fold(child)} {fold(requester)}", f"0011900{i:05d}"))
            codes.append(code)
        conn.executemany(
            "INSERT OR IGNORE INTO dossiers (id, code, lookup_code, procedure_group, status, "
            "received_at, received_on, updated_at, officer, desk_number, requester_name, "
            "child_name, declarations, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.executemany("INSERT INTO dossier_search (rowid, names, ids) VALUES (?,?,?)", search)
    conn.execute("COMMIT")
    return codes
