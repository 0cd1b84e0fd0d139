"""What the operations team of a province relies on, on both stores.

The desks' heartbeats listed with `desk central --list-desks`; idempotency records that
expire without letting a late retry store a dossier twice; migrations that take up a database
from before they were numbered and refuse one from a newer central; documents behind an
interface another store can implement; queries on behalf of a desk that cannot leave out
whose rows they want; a database that cannot be reached said in Vietnamese.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from central.app import create_app, now_vn
from central.schema import MIGRATIONS, SchemaTooNew
from central.scope import Unscoped
from central.server import start_in_thread
from central.store import CentralStore, DeskIdentity
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import sync_once
from tests.scans import pdf
from tests.sync.conftest import OFFICE, TOKEN_ENV, Central, for_central, post_batch, receive

BOTH_BACKENDS = True
REPO = Path(__file__).resolve().parents[2]


def central_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "central", *args],
        capture_output=True,
        text=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO)},
        cwd=REPO,
        timeout=60,
    )


def test_each_round_ends_with_a_heartbeat_the_operations_list_shows(
    central: Central, central_target: str, settings: Settings
) -> None:
    settings = for_central(settings, central.url, batch_size=2)
    store = Store.open(settings.paths.database)
    try:
        receive(store, 3)
        assert central_cli("--db", central_target, "--list-desks").stdout.count("chưa liên lạc")
        report = sync_once(store, settings, env={TOKEN_ENV: central.token})
        assert report.ok
    finally:
        store.close()
    listed = central_cli("--db", central_target, "--list-desks")
    assert listed.returncode == 0, listed.stderr
    rows = {line.split("\t")[0]: line.split("\t") for line in listed.stdout.splitlines()[1:]}
    assert listed.stdout.splitlines()[0].startswith("đơn vị/bàn\ttoken còn hiệu lực")
    mine = rows[f"{OFFICE}/1"]
    assert mine[1] == "1" and mine[2].startswith(f"{now_vn():%Y-%m-%d}")
    assert mine[3:] == ["0", "0"]  # nothing left waiting, nothing set aside
    assert rows["000.00.09.H26/1"][2] == "chưa liên lạc"  # the other office never synced
    for token in (central.token, central.other_token):
        assert token not in listed.stdout


def test_a_heartbeat_with_bad_counts_is_422_and_changes_nothing(central: Central) -> None:
    before = central.store.picture()
    with central.http(central.token) as http:
        for body in ({"waiting": -1, "held": 0}, {"waiting": 1}, {"waiting": "x", "held": 0}):
            answer = http.post("/v1/heartbeat", json=body)
            assert answer.status_code == 422
            assert answer.json()["message"].startswith("Yêu cầu không đúng định dạng")
    assert central.store.picture() == before


def test_expired_idempotency_records_never_let_a_retry_store_twice(central: Central) -> None:
    declarations = {"child": {"full_name": "BÉ HẾT HẠN"}}
    from central.protocol import content_hash

    body = {
        "dossiers": [
            {
                "code": f"{OFFICE}-{now_vn():%y%m%d}-1001",
                "content_hash": content_hash(declarations),
                "received_at": now_vn().isoformat(),
                "declarations": declarations,
            }
        ]
    }
    with central.http(central.token) as http:
        first = post_batch(http, body, key="old-key-0001").json()["results"][0]
        assert first["outcome"] == "accepted"
        # Not yet expired: nothing forgotten.
        assert central.store.expire_batches((now_vn() - timedelta(days=1)).timestamp()) == 0
        assert central.store.expire_batches((now_vn() + timedelta(seconds=1)).timestamp()) == 1
        assert central.rows("SELECT count(*) FROM batches") == [(0,)]
        again = post_batch(http, body, key="old-key-0001")
        assert again.headers.get("idempotent-replayed") is None  # the key was forgotten …
        result = again.json()["results"][0]
        assert (result["outcome"], result["central_id"]) == ("duplicate", first["central_id"])
    assert central.rows("SELECT count(*) FROM dossiers") == [(1,)]  # … the dossier is not


def test_central_sweeps_expired_records_on_its_own(tmp_path: Path, central_target: str) -> None:
    store = CentralStore(central_target, files=tmp_path / "files")
    token = store.issue_token(OFFICE, 1, now_vn().isoformat())
    # Keys are kept for a moment only: the sweep at start-up finds the first batch expired.
    app = create_app(store, key_retention=0.001)
    server = start_in_thread(app)
    try:
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
        ) as http:
            body = {
                "dossiers": [
                    {
                        "code": "x",
                        "content_hash": "0" * 64,
                        "received_at": now_vn().isoformat(),
                        "declarations": {},
                    }
                ]
            }
            assert post_batch(http, body, key="swept-key-1").status_code == 200
    finally:
        server.stop()
    server = start_in_thread(create_app(store, key_retention=0.001))
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:  # answers once started …
            assert http.get("/v1/health").status_code == 200  # … and it sweeps as it starts
        with store.db.read() as tx:
            assert tx.all("SELECT count(*) FROM batches") == [(0,)]
    finally:
        server.stop()
        store.close()


class MemoryFiles:
    """Documents in a dict: what an object-storage back end looks like to central."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def put(self, sha256: str, body: bytes) -> None:
        self.blobs.setdefault(sha256, body)

    def has(self, sha256: str) -> bool:
        return sha256 in self.blobs

    def get(self, sha256: str) -> bytes:
        return self.blobs[sha256]


def test_documents_go_to_whatever_file_store_central_is_given(
    tmp_path: Path, central_target: str
) -> None:
    files = MemoryFiles()
    store = CentralStore(central_target, files=files)
    token = store.issue_token(OFFICE, 1, now_vn().isoformat())
    server = start_in_thread(create_app(store))
    scan = pdf("giấy chứng sinh")
    sha = hashlib.sha256(scan).hexdigest()
    try:
        with httpx.Client(
            base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
        ) as http:
            assert http.put(f"/v1/attachments/{sha}", content=scan).status_code == 201
            assert http.head(f"/v1/attachments/{sha}").status_code == 200
    finally:
        server.stop()
        store.close()
    assert files.get(sha) == scan and not any(tmp_path.rglob(sha))


def test_a_query_for_a_desk_must_say_whose_rows_it_wants(
    tmp_path: Path, central_target: str
) -> None:
    store = CentralStore(central_target, files=tmp_path / "files")
    desk = DeskIdentity(1, OFFICE, 1)
    try:
        with store.for_desk(desk).read() as tx:
            with pytest.raises(Unscoped):
                tx.all("SELECT code FROM dossiers")  # every office's dossiers: refused
            with pytest.raises(Unscoped):  # the office comes from the token, never a request
                tx.all("SELECT code FROM dossiers WHERE office = :office", {"office": "x"})
            assert tx.all("SELECT code FROM dossiers WHERE office = :office") == []
    finally:
        store.close()


@pytest.mark.parametrize("central_backend", ["sqlite"], indirect=True)
def test_a_database_from_before_numbered_migrations_is_taken_up(
    tmp_path: Path, central_target: str
) -> None:
    """A SQLite file central wrote before its migrations were numbered keeps its data."""
    path = Path(central_target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as old:
        for statement in MIGRATIONS["sqlite"][0]:
            old.execute(statement)
        old.execute(
            "INSERT INTO desks (office, desk_number, token_sha256, created_at) "
            "VALUES ('000.00.01.H26', 1, 'ab', 't')"
        )
        old.execute(
            "INSERT INTO dossiers (central_id, code, office, desk_number, content_hash, "
            "procedure_group, received_at, submitted_at, declarations, status) VALUES "
            "('c', 'k', '000.00.01.H26', 1, 'h', 'g', 't', 't', '{}', 'in_progress')"
        )
        old.execute(
            "INSERT INTO updates (dossier_id, office, desk_number, body) "
            "VALUES (1, '000.00.01.H26', 1, '{\"version\": 1}')"
        )
    store = CentralStore(path)
    try:
        with store.db.read() as tx:
            assert tx.all("SELECT max(version) FROM schema_version") == [
                (len(MIGRATIONS["sqlite"]),)
            ]
            assert tx.all("SELECT seq, version FROM updates") == [(1, 1)]
            assert tx.all("SELECT last FROM feed") == [(1,)]  # the next number is 2
        assert [t.office for t in store.tokens()] == [OFFICE]
    finally:
        store.close()


def test_a_database_a_newer_central_migrated_is_refused(
    tmp_path: Path, central_target: str
) -> None:
    store = CentralStore(central_target, files=tmp_path / "files")
    with store.db.write() as tx:
        tx.run("INSERT INTO schema_version (version, applied_at) VALUES (99, 't')")
    store.close()
    with pytest.raises(SchemaTooNew):
        CentralStore(central_target, files=tmp_path / "files")
    result = central_cli("--db", central_target, "--files", str(tmp_path / "f"), "--list-tokens")
    assert result.returncode == 1 and "lược đồ số 99" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_postgres_is_one_vietnamese_line_without_the_password() -> None:
    result = central_cli("--db", "postgresql://ops:bí-mật@127.0.0.1:9/central", "--list-tokens")
    assert result.returncode == 1
    assert "không kết nối được cơ sở dữ liệu postgresql://ops:***@127.0.0.1:9/central" in (
        result.stderr
    )
    assert "bí-mật" not in result.stderr + result.stdout and "Traceback" not in result.stderr


LOADED_AT_START = """
import gc
import sys
from pathlib import Path
import httpx
from central.app import create_app
from central.server import start_in_thread
from central.store import CentralStore
from desk_app import groups

store = CentralStore(sys.argv[1], files=Path(sys.argv[2]))
server = start_in_thread(create_app(store, background=False))
httpx.get(f"{server.url}/v1/health", timeout=30).raise_for_status()
print(sorted(sys.modules).count("desk_app.groups.death_interlink"), groups._loaded)
print(gc.get_freeze_count() > 10_000)
"""


def test_central_imports_the_procedure_groups_before_its_first_request(tmp_path: Path) -> None:
    """A fresh central's first batch does not wait for the groups' modules (a tenth of a
    second): start-up imports them, as it fills the population register; and what start-up
    loaded is put out of the cyclic collector's sight (``gc.freeze``)."""
    result = subprocess.run(
        [sys.executable, "-c", LOADED_AT_START, str(tmp_path / "c.sqlite3"), str(tmp_path / "f")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True", "True"]
