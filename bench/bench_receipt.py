"""Receipt figures: one receipt rendered warm, and the first receipt of a fresh process.

The receipt is the sample dossier's (two copies, A4: the usual print job). "Warm" is what the
officer waits for after saving at a desk that has already printed today; "first" is the whole
process from its start (interpreter, imports, fonts, reference data) to the PDF's bytes, which
is what `desk receipt CODE` from a reprint script costs, and the most a first print after
opening the desk can add.

The floor of both is a bare reportlab page holding what the receipt cannot do without: the
same three faces embedded with the same subset (every character the receipt draws in each
face) and a QR code of the same payload, drawn by reportlab's own QR widget. For "first", the
floor is a fresh process that imports reportlab and renders that page. This module must stay
light to import: the floor probe runs it as ``python -m bench.bench_receipt --floor SPEC``.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, paired_ms, paired_runs

WARM_RUNS = 50
FRESH_RUNS = 7
LINE = 90
"""Characters per line of the floor page's text."""


def _render_sample() -> bytes:
    from desk_app.receipt.api import render_receipt
    from desk_app.receipt.sample import sample_row, sample_settings

    return render_receipt(sample_row(), sample_settings()).pdf


def floor_spec() -> dict[str, Any]:
    """What the floor page draws: per face its font file and the characters the receipt uses.

    Taken from the sample receipt's own layout, so the subset embedded is the same.
    """
    from desk_app.receipt.content import receipt_content
    from desk_app.receipt.fonts import FILES, faces, font_path
    from desk_app.receipt.layout import Text
    from desk_app.receipt.pdf import lay_out
    from desk_app.receipt.sample import sample_row, sample_settings

    settings = sample_settings()
    content = receipt_content(sample_row(), settings)
    pages, _ = lay_out(content, settings.printing.paper)
    names = faces()
    face_of = {getattr(names, face): face for face in FILES}
    used: dict[str, set[str]] = {face: set() for face in FILES}
    for page in pages:
        for op in page:
            if isinstance(op, Text):
                used[face_of[op.font]] |= set(op.text)
    return {
        "fonts": {face: str(font_path(face)) for face in FILES},
        "texts": {face: "".join(sorted(chars)) for face, chars in used.items()},
        "qr": content.qr_payload,
    }


def bare_page(spec: dict[str, Any]) -> bytes:
    """The floor: one A4 page, the three faces subset to the same characters, and the QR."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    registered = set(pdfmetrics.getRegisteredFontNames())
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    y = A4[1] - 60
    for face, path in spec["fonts"].items():
        name = f"Floor-{face}"
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, path))
        canvas.setFont(name, 10)
        text = spec["texts"][face]
        for start in range(0, len(text), LINE):
            canvas.drawString(50, y, text[start : start + LINE])
            y -= 14
    widget = QrCodeWidget(spec["qr"])
    drawing = Drawing(90, 90)
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 50, 50)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def warm() -> Figure:
    """Median time to render one receipt in a process that has rendered one before."""
    from desk_app.receipt.api import render_receipt
    from desk_app.receipt.sample import sample_row, sample_settings

    row, settings = sample_row(), sample_settings()
    spec = floor_spec()
    pairs = paired_ms(
        lambda: render_receipt(row, settings), lambda: bare_page(spec), repeat=WARM_RUNS
    )
    return Figure(
        "receipt rendered, warm (median)",
        pairs.value,
        "ms",
        pair_ratio=pairs.ratio,
        floor=pairs.floor,
        floor_name="bare reportlab page, same font subset and QR",
        ratio_budget=2.5,
        note="2 copies, A4",
    )


def _fresh_seconds(*args: str) -> float:
    import subprocess

    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_receipt", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ready = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("READY"))
    return ready - start


def first() -> Figure:
    """Median, over fresh processes, from process start to the first receipt's PDF bytes."""
    with tempfile.TemporaryDirectory(prefix="desk-bench-receipt-") as tmp:
        spec = Path(tmp) / "floor.json"
        spec.write_text(json.dumps(floor_spec(), ensure_ascii=False), encoding="utf-8")
        _fresh_seconds("--probe")  # warm the OS file cache for both
        _fresh_seconds("--floor", str(spec))
        pairs = paired_runs(
            lambda: _fresh_seconds("--probe"),
            lambda: _fresh_seconds("--floor", str(spec)),
            repeat=FRESH_RUNS,
        )
    return Figure(
        "first receipt of a fresh process",
        pairs.value * 1000,
        "ms",
        pair_ratio=pairs.ratio,
        floor=pairs.floor * 1000,
        floor_name="fresh process: import reportlab, render the bare page",
        ratio_budget=3,
        note="from process start",
    )


def run() -> list[Figure]:
    """Both receipt figures."""
    return [warm(), first()]


if __name__ == "__main__":
    if sys.argv[1:] == ["--probe"]:
        pdf = _render_sample()
    elif sys.argv[1:2] == ["--floor"]:
        pdf = bare_page(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    else:
        for figure in run():
            print(figure)
        sys.exit(0)
    assert pdf.startswith(b"%PDF")
    print(f"READY {time.time()!r}", flush=True)
