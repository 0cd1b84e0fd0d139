"""Search terms are written off the acknowledgement's path, and a search still finds everything.

Central accepts a dossier and only notes that its terms are due (``terms_pending``); a search
writes what is due first, the idle server writes it in the background, and several stores on
one database never index one dossier twice nor miss one. Real servers on loopback, SQLite and
PostgreSQL (tests/sync/conftest.py).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central import search_terms
from central.app import now_vn
from central.idle import Activity, Idle
from central.protocol import content_hash
from central.store import CentralStore
from tests.central_events.helpers import correction, envelope, send, start
from tests.sync.conftest import OFFICE, OTHER_OFFICE, Central, post_batch, start_central

BOTH_BACKENDS = True
MOTHER_ID = "001194012345"
"""The sample dossier's mother's ID number (desk_app.groups.birth_interlink_sample)."""


@pytest.fixture
def central(tmp_path: Path, central_target: str) -> Iterator[Central]:
    """Central with its background work off: only searches write pending terms."""
    running = start(tmp_path, central_target)
    yield running
    running.stop()


def _submit(
    central: Central, token: str, office: str, dossiers: list[tuple[int, dict[str, Any]]]
) -> list[str]:
    """Submit (number, declarations) as desk 1 of ``office`` in one batch; their codes."""
    now = now_vn()
    batch: list[dict[str, Any]] = []
    for number, body in dossiers:
        batch.append(
            {
                "code": f"{office}-{now:%y%m%d}-{number:04d}",
                "content_hash": content_hash(body),
                "procedure_group": "birth_interlink",
                "received_at": now.isoformat(),
                "declarations": body,
            }
        )
    with central.http(token) as http:
        answer = post_batch(http, {"dossiers": batch}, key=uuid.uuid4().hex)
    assert answer.status_code == 200, answer.text
    assert {r["outcome"] for r in answer.json()["results"]} == {"accepted"}, answer.text
    return [d["code"] for d in batch]


def _search(central: Central, token: str, **query: str) -> list[str]:
    with central.http(token) as http:
        answer = http.get("/v1/dossiers", params=query)
    assert answer.status_code == 200, answer.text
    return [hit["code"] for hit in answer.json()["dossiers"]]


def _pending(central: Central) -> int:
    with central.store.db.read() as tx:
        row = tx.one("SELECT count(*) FROM terms_pending")
    return int(row[0]) if row else 0


def _terms_of(central: Central, code: str) -> set[str]:
    with central.store.db.read() as tx:
        rows = tx.all(
            "SELECT t.term FROM dossier_terms t JOIN dossiers d ON d.id = t.dossier_id "
            "WHERE d.code = :code",
            {"code": code},
        )
    return {r[0] for r in rows}


def _until(condition: Any, seconds: float = 15.0) -> bool:
    """Whether ``condition()`` became true within ``seconds`` (looked at every 20 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


def test_a_dossier_accepted_is_found_by_name_and_id_by_the_very_next_search(
    central: Central,
) -> None:
    [code] = _submit(central, central.token, OFFICE, [(1001, envelope())])
    assert _pending(central) == 1  # acknowledged without its terms
    assert _terms_of(central, code) == set()
    assert _search(central, central.token, personal_id=MOTHER_ID) == [code]
    assert _search(central, central.token, name="tran minh khue") == [code]
    assert _pending(central) == 0


def test_a_search_indexes_every_office_but_answers_only_for_its_own(central: Central) -> None:
    [ours] = _submit(central, central.token, OFFICE, [(1001, envelope())])
    [theirs] = _submit(central, central.other_token, OTHER_OFFICE, [(1001, envelope())])
    assert _pending(central) == 2
    assert _search(central, central.other_token, name="Trần Minh Khuê") == [theirs]
    assert _pending(central) == 0  # the other office's search wrote ours too
    assert f"i:{MOTHER_ID}" in _terms_of(central, ours)
    assert _search(central, central.token, personal_id=MOTHER_ID) == [ours]


def test_a_correction_is_found_by_its_new_name_and_no_longer_by_the_old(
    central: Central,
) -> None:
    [code] = _submit(central, central.token, OFFICE, [(1001, envelope())])
    assert _search(central, central.token, name="Khuê") == [code]  # old terms written
    new = envelope(child__full_name="Trần Minh Khôi")
    [result] = send(central, central.token, correction(code, new))
    assert result["outcome"] == "applied", result
    assert central.rows("SELECT corrected FROM terms_pending") == [(1,)]
    assert _search(central, central.token, name="Trần Minh Khôi") == [code]
    assert _search(central, central.token, name="Khuê") == []
    assert _search(central, central.token, personal_id=MOTHER_ID) == [code]


def test_the_idle_server_writes_pending_terms_without_a_search(
    tmp_path: Path, central_target: str
) -> None:
    running = start_central(tmp_path, target=central_target, background=True)
    try:
        codes = _submit(running, running.token, OFFICE, [(1001 + i, envelope()) for i in range(30)])
        assert _until(lambda: _pending(running) == 0)
        assert all("n:khue" in _terms_of(running, code) for code in codes)
    finally:
        running.stop()


def test_a_central_restarted_with_pending_rows_writes_their_terms(
    tmp_path: Path, central_target: str
) -> None:
    first = start_central(tmp_path, target=central_target)  # background off: stays pending
    [code] = _submit(first, first.token, OFFICE, [(1001, envelope())])
    assert _pending(first) == 1
    first.stop()
    again = start_central(tmp_path, target=central_target, background=True)
    try:
        assert _until(lambda: _pending(again) == 0)
        assert {"n:khue", f"i:{MOTHER_ID}"} <= _terms_of(again, code)
    finally:
        again.stop()


def test_two_stores_indexing_at_once_index_each_dossier_once(
    central: Central, central_target: str, tmp_path: Path
) -> None:
    numbers = range(1001, 1401)
    codes = _submit(central, central.token, OFFICE, [(n, envelope()) for n in numbers])
    expected = search_terms.terms(envelope())
    assert _pending(central) == len(codes)
    stores = [
        CentralStore(central_target, files=tmp_path / "central" / "central-files") for _ in range(2)
    ]
    ready = threading.Barrier(2)
    counts: list[int] = []
    failures: list[BaseException] = []

    def index(store: CentralStore, wait: bool) -> None:
        try:
            ready.wait()
            counts.append(search_terms.index_pending(store.db, 7, wait=wait))
        except BaseException as exc:
            failures.append(exc)

    workers = [
        threading.Thread(target=index, args=(store, wait))
        for store, wait in zip(stores, (False, True), strict=True)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    for store in stores:
        store.close()
    assert failures == []
    assert sum(counts) == len(codes)  # none claimed by both, none left out
    assert _pending(central) == 0
    with central.store.db.read() as tx:
        rows = tx.all("SELECT dossier_id, count(*) FROM dossier_terms GROUP BY dossier_id")
    assert len(rows) == len(codes)
    assert {count for _, count in rows} == {len(expected)}
    assert _search(central, central.token, personal_id=MOTHER_ID)[:1] == [codes[-1]]


class _Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_indexer_waits_for_a_second_without_requests(central: Central) -> None:
    _submit(central, central.token, OFFICE, [(1001 + i, envelope()) for i in range(30)])
    clock = _Clock()
    activity = Activity(clock)
    idle = Idle(central.store.db, activity, clock=clock)
    activity.begin()  # a desk's request in flight: never idle, however long it takes
    for _ in range(5):
        clock.now += 0.2
        assert idle.tick() == 0
    activity.end()
    clock.now += 0.6  # answered 0.6 s ago: the desk's next request is likely on its way
    assert idle.tick() == 0
    assert _pending(central) == 30
    clock.now += 0.4
    assert idle.tick() == 30
    assert _pending(central) == 0


def test_terms_that_waited_too_long_are_written_however_busy_the_server(
    central: Central,
) -> None:
    _submit(central, central.token, OFFICE, [(1001 + i, envelope()) for i in range(30)])
    clock = _Clock()
    activity = Activity(clock)
    activity.begin()
    idle = Idle(central.store.db, activity, clock=clock, patience=30.0)
    assert idle.tick() == 0  # first seen waiting now
    clock.now += 29.9
    assert idle.tick() == 0
    clock.now += 0.1
    assert idle.tick() == 30
    assert _pending(central) == 0


class _Interrupted(Activity):
    """Idle when the indexer decides to begin; a request arrives during its first chunk."""

    def __init__(self) -> None:
        super().__init__()
        self.looks = 0

    def quiet_for(self) -> float:
        self.looks += 1
        return 5.0 if self.looks == 1 else 0.0


def test_the_indexer_stops_between_chunks_when_a_request_comes(central: Central) -> None:
    _submit(central, central.token, OFFICE, [(1001 + i, envelope()) for i in range(30)])
    idle = Idle(central.store.db, _Interrupted(), chunk=7)
    assert idle.tick() == 0  # the first look: was anything accepted since? not known yet
    assert idle.tick() == 7
    assert _pending(central) == 23


def test_a_server_busy_with_requests_writes_terms_only_once_they_stop(
    tmp_path: Path, central_target: str
) -> None:
    running = start_central(tmp_path, target=central_target, background=True)
    try:
        _submit(running, running.token, OFFICE, [(1001 + i, envelope()) for i in range(30)])
        with running.http(running.token) as http:
            busy_until = time.monotonic() + 2.5  # well past a tick of the old 0.2 s "quiet"
            while time.monotonic() < busy_until:
                assert http.get("/v1/health").status_code == 200
                time.sleep(0.05)
        assert _pending(running) == 30
        assert _until(lambda: _pending(running) == 0)
    finally:
        running.stop()
