"""The home screen's counts are index range counts, whatever the database holds.

With a million dossiers a count that tests a condition on every open dossier costs the home
screen 14 ms at every refresh (bench/bench_lookup.py); SQLite's planner chose one for "due
today" by itself. The plans are read from the statement the desk really runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desk_app.store import Store
from desk_app.store import queries as q


def test_every_work_list_count_searches_its_own_index(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.sqlite3")
    try:
        ran: list[str] = []
        store.conn.set_trace_callback(ran.append)
        q.work_counts(store, date(2026, 12, 1))
        store.conn.set_trace_callback(None)
        (statement,) = [s for s in ran if "count(*)" in s]
        plan = [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement)]
    finally:
        store.close()
    searches = [line for line in plan if "dossiers" in line or "outbox" in line]
    assert not [line for line in searches if "dossiers" in line and line.startswith("SCAN")]
    # Due today: the status and the day itself bound the search, no day tested row by row.
    assert any("dossiers_due (status=? AND <expr>=?)" in line for line in searches), plan
    assert any("dossiers_due (status=? AND <expr><?)" in line for line in searches), plan
    assert any("dossiers_received_on (received_on=?)" in line for line in searches), plan
