"""Dossier codes: shape, desk blocks, real concurrent processes, and a crash mid-save."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desk_app.errors import StoreError
from desk_app.store import Store
from desk_app.store.codes import LOOKUP_ALPHABET
from tests.conftest import FIXED_NOW, sample_dossier

AGENCY = "000.00.01.H26"
REPO = Path(__file__).resolve().parents[2]

# A child process that saves dossiers into the store at argv[1]. Kept as source so the
# test exercises real processes with their own connections, as two desk programs would.
WORKER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from desk_app.store import Store
    from tests.conftest import FIXED_NOW, sample_dossier

    path, count, desk, go = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    crash_on = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    store = Store.open(path)
    while go and not Path(go).exists():
        time.sleep(0.001)
    for n in range(1, count + 1):
        if n == crash_on:
            # Die inside the saving transaction, after the code was allocated.
            Store._audit = staticmethod(lambda *a, **k: os._exit(9))
        store.save_dossier(sample_dossier(), agency_code="000.00.01.H26", desk_number=desk,
                           officer="A", received_at=FIXED_NOW)
    """
)


def run_workers(path: Path, *specs: tuple[int, int], crash_on: int = 0) -> list[int]:
    Store.open(path).close()  # migrate once, so the race is about codes, not schema
    go = path.with_suffix(".go")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(n), str(d), str(go), str(crash_on)],
            cwd=REPO,
        )
        for n, d in specs
    ]
    go.touch()
    return [p.wait(timeout=120) for p in procs]


def codes(path: Path) -> list[str]:
    store = Store.open(path)
    try:
        return [c for (c,) in store.conn.execute("SELECT code FROM dossiers ORDER BY code")]
    finally:
        store.close()


def test_code_shape_and_desk_block(store: Store) -> None:
    saved = store.save_dossier(
        sample_dossier(), agency_code=AGENCY, desk_number=7, officer="A", received_at=FIXED_NOW
    )
    assert saved.code == "000.00.01.H26-261124-7001"
    assert set(saved.lookup_code) <= set(LOOKUP_ALPHABET)


def test_two_processes_saving_at_once_never_collide(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    assert run_workers(path, (60, 1), (60, 1)) == [0, 0]
    got = codes(path)
    assert got == [f"{AGENCY}-261124-{n:04d}" for n in range(1001, 1121)]


def test_two_desks_of_one_office_use_disjoint_blocks(tmp_path: Path) -> None:
    # Separate databases (separate machines): no coordination, still no shared code.
    first, second = tmp_path / "desk1.sqlite3", tmp_path / "desk2.sqlite3"
    run_workers(first, (5, 1))
    run_workers(second, (5, 2))
    assert not set(codes(first)) & set(codes(second))
    assert codes(second)[0].endswith("-2001")


def test_crash_between_allocation_and_commit_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    assert run_workers(path, (3, 1), crash_on=3) == [9]
    assert codes(path) == [f"{AGENCY}-261124-1001", f"{AGENCY}-261124-1002"]
    store = Store.open(path)
    try:
        for table, expected in [("outbox", 2), ("audit", 2), ("dossier_search", 2)]:
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (expected,)
        after = store.save_dossier(
            sample_dossier(), agency_code=AGENCY, desk_number=1, officer="A", received_at=FIXED_NOW
        )
        # The next code follows the last committed one: no gap filled, no duplicate.
        assert after.code == f"{AGENCY}-261124-1003"
        assert len(set(codes(path))) == 3
    finally:
        store.close()


def test_a_desk_that_used_its_whole_block_is_told_so(store: Store) -> None:
    store.conn.execute(
        "INSERT INTO code_sequences VALUES (?, ?, 1, 999)", (AGENCY, FIXED_NOW.date().isoformat())
    )
    with pytest.raises(StoreError, match="đã cấp hết 999 mã"):
        store.save_dossier(
            sample_dossier(), agency_code=AGENCY, desk_number=1, officer="A", received_at=FIXED_NOW
        )
    assert store.conn.execute("SELECT count(*) FROM dossiers").fetchone() == (0,)
