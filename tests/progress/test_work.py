"""The progress long work reports, and what an interruption at a boundary leaves behind.

Backup, restore, a sync round of 300 dossiers in batches of 50 and a report each report counts
that only go up and end at their total; a KeyboardInterrupt raised from the callback midway
(what Ctrl+C becomes) leaves a consistent state: no half-written backup, report or database,
and a sync whose next round sends the rest with nothing doubled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.backup import backup, restore, stage
from desk_app.desk import Desk
from desk_app.progress import PHASES
from desk_app.reports.api import make_summary
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.audit_chain import verify
from desk_app.sync import RetryPolicy, sync_once
from tests.audit.helpers import filled_store
from tests.conftest import FIXED_NOW
from tests.progress.conftest import Recorder, monotonic_to_the_end
from tests.sync.conftest import TOKEN_ENV, Central, for_central, outbox_size, receive

FAST = RetryPolicy(attempts=2, base=0.01, cap=0.02)


def dossiers_in(path: Path) -> int:
    store = Store.open(path)
    try:
        assert verify(store.conn).ok
        return int(store.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])
    finally:
        store.close()


def leftovers(folder: Path) -> list[str]:
    """Temporary files a stopped backup, restore or report could have left."""
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith((".part", ".restore")) or
        ".restore-source" in p.name
    )  # fmt: skip


@pytest.fixture
def live(tmp_path: Path) -> Path:
    path = tmp_path / "live" / "desk.sqlite3"
    path.parent.mkdir()
    filled_store(path, dossiers=300, supervisor=True).close()
    return path


def test_backup_reports_pages_up_to_the_total_then_the_check(live: Path, tmp_path: Path) -> None:
    seen = Recorder()
    checked = backup(live, tmp_path / "copy.sqlite3", progress=seen, step_pages=16)
    copying = seen.of(PHASES["backup_copy"])
    assert copying[0] == (0, None)  # before the first step the size is not known yet
    assert len(copying) > 4 and monotonic_to_the_end(copying[1:])
    assert seen.of(PHASES["backup_check"]) == [(0, 1), (1, 1)]
    assert checked.dossiers == 300 == dossiers_in(tmp_path / "copy.sqlite3")


def test_a_backup_stopped_midway_writes_nothing_and_keeps_an_earlier_one(
    live: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "copy.sqlite3"
    with pytest.raises(KeyboardInterrupt):
        backup(live, target, progress=Recorder(stop_at=3), step_pages=16)
    assert not target.exists() and leftovers(target.parent) == []
    backup(live, target)  # an earlier, complete backup at the same place
    before = target.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        backup(live, target, progress=Recorder(stop_at=3), step_pages=16)
    assert target.read_bytes() == before and dossiers_in(target) == 300
    assert leftovers(target.parent) == [] and dossiers_in(live) == 300


def test_restore_reports_pages_and_a_stopped_one_leaves_the_database_as_it_was(
    live: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    backup(live, copy)
    other = tmp_path / "other" / "desk.sqlite3"
    other.parent.mkdir()
    filled_store(other, dossiers=2, supervisor=True).close()
    with pytest.raises(KeyboardInterrupt):
        stage(other, copy, progress=Recorder(stop_at=4))
    assert dossiers_in(other) == 2 and leftovers(other.parent) == []

    seen = Recorder()
    staged = stage(other, copy, progress=seen)
    staged.put_in_place(force=True)
    reading = seen.of(PHASES["restore_copy"])
    assert monotonic_to_the_end(reading[1:])
    assert seen.of(PHASES["restore_check"])[-1] == (1, 1)
    assert dossiers_in(other) == 300 and leftovers(other.parent) == []
    assert restore(other, copy).dossiers == 300  # without progress: as before


def test_a_sync_of_300_dossiers_reports_batches_up_to_300(
    settings: Settings, desk_store: Store, central: Central
) -> None:
    pointed = for_central(settings, central.url, batch_size=50)
    receive(desk_store, 300)
    seen = Recorder()
    report = sync_once(
        desk_store, pointed, env={TOKEN_ENV: central.token}, policy=FAST, progress=seen
    )
    assert report.ok and report.accepted == 300
    sending = seen.of(PHASES["sync_send"])
    assert sending[0] == (0, 300) and monotonic_to_the_end(sending)
    assert sending[-1] == (300, 300) and len(sending) >= 6  # one report per batch
    assert seen.of(PHASES["sync_pull"])  # the catch-up from central is reported too


def test_a_sync_stopped_midway_keeps_what_was_sent_and_doubles_nothing(
    settings: Settings, desk_store: Store, central: Central
) -> None:
    pointed = for_central(settings, central.url, batch_size=50)
    codes = set(receive(desk_store, 300))
    token = {TOKEN_ENV: central.token}
    with pytest.raises(KeyboardInterrupt):  # at the 3rd report: two batches applied
        sync_once(desk_store, pointed, env=token, policy=FAST, progress=Recorder(stop_at=3))
    on_central = set(central.dossiers())
    waiting = {
        code
        for (code,) in desk_store.conn.execute(
            "SELECT d.code FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"
        )
    }
    assert 0 < len(on_central) < 300 and 0 < len(waiting) < 300
    assert on_central | waiting == codes  # each dossier accepted by central or still waiting
    assert len(codes - waiting) >= 100  # the batches applied left the outbox

    again = sync_once(desk_store, pointed, env=token, policy=FAST)
    assert again.ok and outbox_size(desk_store) == 0
    assert set(central.dossiers()) == codes
    assert central.rows("SELECT count(*) FROM dossiers") == [(300,)]  # nothing doubled


def test_a_report_goes_through_its_stages_and_a_stopped_one_writes_no_file(
    supervisor_desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "bao-cao.xlsx"
    with pytest.raises(KeyboardInterrupt):
        make_summary(supervisor_desk, FIXED_NOW.year, FIXED_NOW.month, out,
                     progress=Recorder(stop_at=3))  # fmt: skip
    assert not out.exists() and leftovers(tmp_path) == []
    seen = Recorder()
    make_summary(supervisor_desk, FIXED_NOW.year, FIXED_NOW.month, out, progress=seen)
    assert [d for _, d, _ in seen.calls] == [0, 1, 2, 3]
    assert {t for _, _, t in seen.calls} == {3}
    assert [p for p, _, _ in seen.calls][:3] == [
        PHASES["report_read"], PHASES["report_render"], PHASES["report_write"]
    ]  # fmt: skip
    assert out.exists()
