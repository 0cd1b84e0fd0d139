"""The register book (form 06) of a busy office's period: 10,000 dossiers, as PDF and as XLSX.

What is timed is what `desk report register` waits for: the store read (dossiers and their
dated events) and the file's bytes; the issue asks for the PDF within 5 s. The store is filled
in bulk (as :func:`bench.sample.fill` does) with dossiers whose text varies as a real office's
does — every requester's name, street number and phone their own, both procedure groups, every
status, the dated events of the audit trail — so no cell is cheap because the one before it
was the same.

The floors, measured in the same run and interleaved with the figures (:mod:`bench.figures`):

- PDF: the least a program could do to print the same book — read the same dossiers' rows in
  one bare SQLite query, then write the book's text (one line a dossier, its cells joined) in
  the same embedded face and size on as many pages, with reportlab's plain text object: no
  wrapping, no grid, no header.
- XLSX: the same bare query, then the book's cells written by openpyxl in write-only mode, as
  plain values: no styles, no page setup.
"""

from __future__ import annotations

import io
import json
import math
import random
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from bench.figures import Figure, paired_ms
from bench.sample import name
from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.reports.register import RegisterBook, register_book
from desk_app.reports.render import register_pdf
from desk_app.reports.xlsx import register_xlsx
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.audit_chain import Entry, append_many

COUNT = 10_000
PDF_RUNS = 5
XLSX_RUNS = 5
AGENCY = "000.00.01.H26"
START, END = date(2026, 10, 1), date(2026, 11, 30)
MADE = datetime(2026, 12, 3, 10, 0, tzinfo=VN_TZ)
STREETS = ("phố Láng", "đường Nguyễn Trãi", "phố Chùa Bộc", "ngõ Thịnh Hào", "phố Tây Sơn",
           "đường Trường Chinh", "phố Thái Hà", "ngõ Văn Chương", "phố Hoàng Cầu")  # fmt: skip
WARDS = (
    "Ủy ban nhân dân phường Láng",
    "Ủy ban nhân dân phường Ô Chợ Dừa",
    "Ủy ban nhân dân phường Văn Miếu - Quốc Tử Giám",
)
COMMUNES = ("00187", "00190", "00196")
STATUSES = (
    ("handed_over", 40),
    ("ready", 12),
    ("in_progress", 18),
    ("sent", 10),
    ("received", 5),
    ("refused", 3),
    ("papers_returned", 2),
    ("cancelled", 4),
    ("supplement_requested", 6),
)
DEATH_CHOICES = (
    ["death", "residence_removal"],
    ["death", "residence_removal", "funeral_allowance"],
)
BARE_QUERY = (
    "SELECT d.code, d.procedure_group, d.status, d.received_at, d.appointment_at, "
    "d.requester_name, c.declarations, d.origin_desk FROM dossiers d "
    "JOIN dossier_content c ON c.dossier_id = d.id "
    "WHERE d.received_on BETWEEN ? AND ? ORDER BY d.code"
)
"""The floors' read: the same dossiers' rows, without the audit trail's dates."""


def _declarations(rng: random.Random, group: str, requester: str) -> dict[str, Any]:
    street = f"Số {rng.randrange(1, 300)} ngách {rng.randrange(1, 90)}/{rng.randrange(1, 40)} "
    address = {"province_code": "01", "commune_code": rng.choice(COMMUNES),
               "detail": street + rng.choice(STREETS)}  # fmt: skip
    person = {"full_name": requester, "residence": {"address": address},
              "phone": f"09{rng.randrange(10**8):08d}"}  # fmt: skip
    agency = {"code": "000.00.17.H26", "name": rng.choice(WARDS)}
    inner: dict[str, Any] = {"requester": person}
    if group == "death_interlink":
        inner["requested"] = rng.choice(DEATH_CHOICES)
        inner["agencies"] = {"death_agency": agency}
    else:
        inner["agencies"] = {"birth_agency": agency}
    return {"schema_version": 1, "declarations": inner}


def fill_period(store: Store, count: int = COUNT, seed: int = 18) -> None:
    """``count`` dossiers received from :data:`START` to :data:`END`, with their dated events,
    written in bulk (a desk's own save path would fsync each one)."""
    rng = random.Random(seed)
    days = (END - START).days + 1
    statuses, weights = zip(*STATUSES, strict=True)
    rows: list[tuple[Any, ...]] = []
    audit: list[Entry] = []
    per_day: dict[tuple[date, int], int] = {}
    for i in range(count):
        day = START + timedelta(days=i * days // count)
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
        requester = name(rng)
        body = json.dumps(_declarations(rng, group, requester), ensure_ascii=False)
        updated = received + timedelta(days=rng.randrange(1, 10))
        rows.append((i + 1, code, "ABCDEF", group, status, received.isoformat(), day.isoformat(),
                     appointment.isoformat(), updated.isoformat(), "Nguyễn Thị Minh Thư", desk,
                     requester, name(rng), body, "h", origin))  # fmt: skip
        audit.append((received, "A", "receive", code, {}))
        if status != "received":
            audit.append((received + timedelta(minutes=5), "A", "send", code, {}))
        if status in ("handed_over", "ready"):
            ready = received + timedelta(days=rng.choice((1, 2, 4, 6, 8)), hours=1)
            audit.append((ready, "A", "ready", code, {}))
            if status == "handed_over":
                audit.append((ready + timedelta(days=1), "A", "hand_over", code, {}))
    audit.sort(key=lambda e: e[0])
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT INTO dossiers (id, code, lookup_code, procedure_group, status, received_at, "
            "received_on, appointment_at, updated_at, officer, desk_number, requester_name, "
            "subject_name, content_hash, origin_desk) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*r[:13], *r[14:]) for r in rows],
        )
        db.conn.executemany(
            "INSERT INTO dossier_content (dossier_id, declarations) VALUES (?,?)",
            [(r[0], r[13]) for r in rows],
        )
        append_many(db.conn, audit)


def _pdf(store: Store, settings: Settings) -> bytes:
    return register_pdf(register_book(store, START, END), settings, MADE).pdf


def _xlsx(store: Store) -> bytes:
    return register_xlsx(register_book(store, START, END))


def _bare_read(store: Store) -> int:
    return len(store.rows(BARE_QUERY, (START.isoformat(), END.isoformat())))


def bare_pdf(store: Store, lines: list[str], pages: int) -> bytes:
    """The PDF floor: the bare read, then ``lines`` on ``pages`` landscape pages, plain."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from desk_app.receipt.fonts import font_path

    _bare_read(store)
    font = "Floor-register"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(font_path("regular"))))
    buffer = io.BytesIO()
    size = landscape(A4)
    canvas = Canvas(buffer, pagesize=size, invariant=1, pageCompression=1)
    per_page = math.ceil(len(lines) / pages)
    for start in range(0, len(lines), per_page):
        text = canvas.beginText(40, size[1] - 40)
        text.setFont(font, 7)
        text.textLines(lines[start : start + per_page])
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def bare_xlsx(store: Store, cells: list[list[str]]) -> bytes:
    """The XLSX floor: the bare read, then ``cells`` as plain values in a write-only book."""
    from openpyxl import Workbook

    _bare_read(store)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("floor")
    for row in cells:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lines(book: RegisterBook) -> list[list[str]]:
    return [[v for v in row.cells() if v] for row in book.rows]


def pdf_figure(store: Store, settings: Settings) -> Figure:
    """The register book's PDF, store to bytes, against the bare document of its text."""
    book = register_book(store, START, END)
    pages = register_pdf(book, settings, MADE).pages
    lines = [" ".join(cells) for cells in _lines(book)]
    pairs = paired_ms(
        lambda: _pdf(store, settings),
        lambda: bare_pdf(store, lines, pages),
        repeat=PDF_RUNS,
        warmup=1,
    )
    return Figure(
        f"register book PDF, {len(book.rows):,} dossiers (store to bytes)",
        pairs.value,
        "ms",
        pair_ratio=pairs.ratio,
        floor=pairs.floor,
        floor_name="bare query + the book's text, plain lines, same face, same pages",
        ratio_budget=3.5,
        note=f"{pages:,} pages; aim ≤ 5 s",
    )


def xlsx_figure(store: Store) -> Figure:
    """The register book's spreadsheet, store to bytes, against a bare write-only workbook."""
    book = register_book(store, START, END)
    cells = [row.cells() for row in book.rows]
    pairs = paired_ms(
        lambda: _xlsx(store), lambda: bare_xlsx(store, cells), repeat=XLSX_RUNS, warmup=1
    )
    return Figure(
        f"register book XLSX, {len(book.rows):,} dossiers (store to bytes)",
        pairs.value,
        "ms",
        pair_ratio=pairs.ratio,
        floor=pairs.floor,
        floor_name="bare query + the same cells, plain values, openpyxl write-only",
        ratio_budget=2.5,
    )


def run() -> list[Figure]:
    """The register book's two figures, over one generated store."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-reports-") as tmp:
        settings = load_config(make_demo(Path(tmp) / "desk"), env={}).settings
        store = Store.open(Path(tmp) / "reports.sqlite3")
        try:
            fill_period(store)
            return [pdf_figure(store, settings), xlsx_figure(store)]
        finally:
            store.close()


if __name__ == "__main__":
    for figure in run():
        print(figure)
