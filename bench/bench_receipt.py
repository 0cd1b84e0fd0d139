"""Receipt figures: one receipt rendered warm, and the first receipt of a fresh process.

The receipt is the sample dossier's (two copies, A4: the usual print job). "Warm" is what the
officer waits for after saving at a desk that has already printed today; "first" is the whole
process from its start (interpreter, imports, fonts, reference data) to the PDF's bytes, which
is what `desk receipt CODE` from a reprint script costs, and the most a first print after
opening the desk can add.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench.figures import Figure, median_ms

WARM_RUNS = 50
FRESH_RUNS = 5


def _render_sample() -> bytes:
    from desk_app.receipt.api import render_receipt
    from desk_app.receipt.sample import sample_row, sample_settings

    return render_receipt(sample_row(), sample_settings()).pdf


def warm() -> Figure:
    """Median time to render one receipt in a process that has rendered one before."""
    from desk_app.receipt.api import render_receipt
    from desk_app.receipt.sample import sample_row, sample_settings

    row, settings = sample_row(), sample_settings()
    value = median_ms(lambda: render_receipt(row, settings), repeat=WARM_RUNS)
    return Figure("receipt rendered, warm (median)", value, "ms", 30, note="2 copies, A4")


def _fresh_seconds() -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_receipt", "--probe"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ready = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("READY"))
    return ready - start


def first() -> Figure:
    """Median, over fresh processes, from process start to the first receipt's PDF bytes."""
    _fresh_seconds()  # warm the OS file cache
    value = statistics.median(_fresh_seconds() for _ in range(FRESH_RUNS)) * 1000
    return Figure("first receipt of a fresh process", value, "ms", 400, note="from process start")


def run() -> list[Figure]:
    """Both receipt figures."""
    return [warm(), first()]


if __name__ == "__main__":
    if sys.argv[1:] == ["--probe"]:
        pdf = _render_sample()
        assert pdf.startswith(b"%PDF")
        print(f"READY {time.time()!r}", flush=True)
    else:
        for figure in run():
            print(figure)
