"""Running central: private files, a clean Ctrl+C, tokens revoked and listed, bounded options.

And the desk's side of a token: one with a character an HTTP header cannot carry is refused
with a Vietnamese message naming its variable, never a crash.
"""

from __future__ import annotations

import hashlib
import os
import select
import signal
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from central.app import create_app
from central.server import start_in_thread
from central.store import CentralStore
from desk_app.demo import make_demo
from desk_app.settings import Settings
from desk_app.sync import VerificationStatus, sync_once, verify_requester
from tests.scans import pdf
from tests.sync.conftest import TOKEN_ENV, Central, both_backends, for_central

REPO = Path(__file__).resolve().parents[2]


def desk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **(env or {})},
        timeout=60,
        cwd=REPO,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_centrals_database_files_and_log_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual umask: without care, everything is world-readable
    try:
        store = CentralStore(tmp_path / "central" / "central.sqlite3")
        token = store.issue_token("000.00.01.H26", 1, "2026-11-24T09:00:00+07:00")
        log = tmp_path / "central" / "logs" / "central.log"
        server = start_in_thread(create_app(store), log_file=log)
        scan = pdf("giấy chứng sinh")
        sha = hashlib.sha256(scan).hexdigest()
        try:
            with httpx.Client(base_url=server.url, timeout=10) as http:
                answer = http.put(
                    f"/v1/attachments/{sha}",
                    content=scan,
                    headers={"Authorization": f"Bearer {token}"},
                )
                assert answer.status_code == 201
        finally:
            server.stop()
            store.close()
    finally:
        os.umask(old)
    folder = tmp_path / "central"
    [held] = list(folder.rglob(sha))
    files = [folder / "central.sqlite3", log, held]
    files += [p for p in folder.glob("central.sqlite3-*") if p.is_file()]
    assert {p: mode(p) for p in files} == dict.fromkeys(files, 0o600)
    folders = [folder, log.parent, store.files.root, held.parent]
    assert {p: mode(p) for p in folders} == dict.fromkeys(folders, 0o700)


def test_an_existing_database_is_made_private_when_central_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "central.sqlite3"
    CentralStore(path).close()
    for p in (path, *tmp_path.glob("central.sqlite3-*")):
        p.chmod(0o644)
    CentralStore(path).close()
    assert mode(path) == 0o600


def test_desk_central_stops_on_ctrl_c_without_a_traceback(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "desk_app.cli", "central"),
            *("--db", str(tmp_path / "c.sqlite3"), "--port", "0", "--population", "100"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 30)
        assert ready, "desk central did not announce its address"
        url = server.stdout.readline().decode().split(" tại ")[1].split()[0]
        assert httpx.get(f"{url}/v1/health", timeout=10).status_code == 200
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)
    assert "Traceback" not in err.decode() and "KeyboardInterrupt" not in err.decode()
    assert "Đã dừng hệ thống trung tâm mẫu." in out.decode()
    assert server.returncode == 0


@both_backends
def test_a_revoked_token_is_refused_and_the_list_never_shows_a_token(
    central: Central, central_target: str
) -> None:
    db = central_target
    first = desk("central", "--db", db, "--issue-token", "000.00.01.H26/2").stdout.strip()
    second = desk("central", "--db", db, "--issue-token", "000.00.01.H26/3").stdout.strip()
    with httpx.Client(base_url=central.url, timeout=10) as http:
        ok = http.get("/v1/updates", headers={"Authorization": f"Bearer {first}"})
        assert ok.status_code == 200
        by_desk = desk("central", "--db", db, "--revoke-token", "000.00.01.H26/2")
        assert by_desk.returncode == 0 and "Đã thu hồi 1 token" in by_desk.stdout
        refused = http.get("/v1/updates", headers={"Authorization": f"Bearer {first}"})
        assert refused.status_code == 401
        listed = desk("central", "--db", db, "--list-tokens")
        rows = {line.split("\t")[1]: line for line in listed.stdout.splitlines()[1:]}
        assert "đã thu hồi" in rows["000.00.01.H26/2"]
        assert "còn hiệu lực" in rows["000.00.01.H26/3"]
        number = rows["000.00.01.H26/3"].split("\t")[0]
        by_id = desk("central", "--db", db, "--revoke-token", number)
        assert by_id.returncode == 0
        assert (
            http.get("/v1/updates", headers={"Authorization": f"Bearer {second}"}).status_code
            == 401
        )
    for token in (first, second, central.token):
        assert token not in listed.stdout
    again = desk("central", "--db", db, "--revoke-token", "000.00.01.H26/2")
    nonsense = desk("central", "--db", db, "--revoke-token", "bàn-2")
    assert again.returncode == 1 and "không có token còn hiệu lực" in again.stderr
    assert nonsense.returncode == 2 and "MÃ_CƠ_QUAN/SỐ_BÀN" in nonsense.stderr
    for result in (again, nonsense):
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--port", "99999999999999999999"),
        ("--port", "-1"),
        ("--population", "-5"),
        ("--step-seconds", "nan"),
        ("--refuse-rate", "inf"),
        ("--sample-people", "0"),
    ],
)
def test_out_of_range_options_are_refused_in_vietnamese(option: str, value: str) -> None:
    result = desk("central", option, value, "--db", "/nonexistent/never-created.sqlite3")
    assert result.returncode == 2
    assert "phải là số" in result.stderr and "Traceback" not in result.stderr
    assert not Path("/nonexistent").exists()


# --- the desk's token ---------------------------------------------------------------------

BAD_TOKENS = ["tökén-abc", "token với dấu", "abc\u200bdef", "ab cd", "tok\nen"]


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_a_token_an_http_header_cannot_carry_gets_a_message_not_a_crash(
    central: Central, settings: Settings, token: str
) -> None:
    from desk_app.store import Store

    settings = for_central(settings, central.url)
    store = Store.open(settings.paths.database)
    try:
        report = sync_once(store, settings, env={TOKEN_ENV: token})
    finally:
        store.close()
    assert not report.ok and report.error is not None
    assert f"Token của bàn trong biến môi trường {TOKEN_ENV} có ký tự không hợp lệ" in (
        report.error
    )
    answer = verify_requester(
        settings.central, "001190000001", "Nguyễn Thị Hoà", date_of_birth(), env={TOKEN_ENV: token}
    )
    assert answer.status is VerificationStatus.OFFLINE
    assert "có ký tự không hợp lệ" in answer.message


def date_of_birth():  # type: ignore[no-untyped-def]
    from datetime import date

    return date(1990, 5, 17)


def test_desk_sync_with_a_non_ascii_token_says_so(tmp_path: Path, central: Central) -> None:
    config = make_demo(tmp_path / "demo")
    result = desk(
        "--config",
        str(config),
        "sync",
        env={"DESK_CENTRAL__URL": central.url, TOKEN_ENV: "tökén-của-bàn"},
    )
    assert result.returncode == 1
    assert "có ký tự không hợp lệ" in result.stdout
    assert "Traceback" not in result.stderr and "tökén" not in result.stdout + result.stderr
