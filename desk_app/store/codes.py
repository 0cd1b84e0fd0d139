"""Dossier codes and secret lookup codes.

A dossier code is ``<receiving agency code>-<YYMMDD>-<NNNN>`` (Circular 01/2018/TT-VPCP
art. 19). The desks of one office each keep their own database and never talk to each
other, yet must never issue the same code. So each desk owns a disjoint block of the daily
sequence: desk *n* (1–9) issues ``n001``…``n999``. The code therefore also tells which desk
received the dossier, and 999 dossiers per desk per day is far above what one counter sees.

Allocation happens inside the transaction that saves the dossier: if the process dies
before the commit, neither the dossier nor the sequence step exists, so the number was
never shown to anyone and no committed code can ever be handed out twice. The counter only
moves forward; it is never derived from the dossiers present, so nothing can fill a gap.
"""

from __future__ import annotations

import secrets
import sqlite3
from datetime import date

from desk_app.errors import StoreError

BLOCK = 1000
"""Each desk's block of the 4-digit daily sequence."""

LOOKUP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: the lookup code is read off paper and typed by a citizen."""
LOOKUP_LENGTH = 6


def allocate_code(conn: sqlite3.Connection, agency_code: str, day: date, desk: int) -> str:
    """Take the next code of ``desk`` for ``day``; the caller must hold a write transaction."""
    if not conn.in_transaction:
        raise RuntimeError("allocate_code must run inside the saving transaction")
    if not 1 <= desk <= 9:
        raise StoreError(f"Số bàn {desk} không hợp lệ: chỉ dùng bàn 1–9.")
    key = (agency_code, day.isoformat(), desk)
    row = conn.execute(
        "SELECT last FROM code_sequences WHERE agency_code = ? AND day = ? AND desk = ?", key
    ).fetchone()
    number = (row[0] if row else 0) + 1
    if number >= BLOCK:
        raise StoreError(
            f"Bàn số {desk} đã cấp hết {BLOCK - 1} mã hồ sơ của ngày {day:%d/%m/%Y}; "
            "hãy tiếp nhận ở bàn khác."
        )
    conn.execute(
        "INSERT INTO code_sequences (agency_code, day, desk, last) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (agency_code, day, desk) DO UPDATE SET last = excluded.last",
        (*key, number),
    )
    return f"{agency_code}-{day:%y%m%d}-{desk * BLOCK + number:04d}"


def new_lookup_code() -> str:
    """A short secret the citizen needs, beside the dossier code, to look it up publicly."""
    return "".join(secrets.choice(LOOKUP_ALPHABET) for _ in range(LOOKUP_LENGTH))
