"""`desk sync`, `desk central` and `desk demo`'s own central, as a person runs them."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from central.population import people
from desk_app.cli import main
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.store import Store
from desk_app.sync import sync_once
from tests.sync.conftest import TOKEN_ENV, Central, outbox_size, receive

REPO = Path(__file__).resolve().parents[2]


def desk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desk_app.cli", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **env},
        timeout=60,
        cwd=REPO,
    )


def test_desk_sync_prints_a_vietnamese_summary_and_its_exit_status(
    tmp_path: Path, central: Central
) -> None:
    config = make_demo(tmp_path / "demo")
    store = Store.open(tmp_path / "demo" / "desk.sqlite3")
    codes = receive(store, 3)
    store.close()
    env = {"DESK_CENTRAL__URL": central.url, TOKEN_ENV: central.token}

    done = desk("--config", str(config), "sync", env=env)
    refused = desk("--config", str(config), "sync", env={**env, TOKEN_ENV: "sai-token-1234"})

    assert done.returncode == 0, done.stderr
    assert f"Đồng bộ với hệ thống trung tâm {central.url}: thành công lúc" in done.stdout
    assert "Đã gửi: 3 hồ sơ (được nhận 3, bị trả lại 0)" in done.stdout
    assert "Còn chờ gửi: 0" in done.stdout
    assert set(central.dossiers()) == set(codes)
    assert refused.returncode == 1
    assert "không chấp nhận token của bàn (401)" in refused.stdout
    for result in (done, refused):
        assert central.token not in result.stdout + result.stderr
        assert "sai-token-1234" not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_desk_central_serves_issues_tokens_and_lists_the_register(tmp_path: Path) -> None:
    db = str(tmp_path / "central.sqlite3")
    issued = desk("central", "--db", db, "--issue-token", "000.00.01.H26/2", env={})
    bad = desk("central", "--db", db, "--issue-token", "H26-2", env={})
    listed = desk("central", "--sample-people", "2", "--seed", "7", env={})
    assert issued.returncode == 0 and len(issued.stdout.strip()) >= 40
    assert bad.returncode == 2 and "MÃ_CƠ_QUAN/SỐ_BÀN" in bad.stderr
    first = next(iter(people(7, 1)))
    assert listed.stdout.splitlines()[0].split("\t")[:2] == [first.personal_id, first.full_name]

    server = subprocess.Popen(
        [sys.executable, "-m", "desk_app.cli", "central", "--db", db, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    try:
        assert server.stdout is not None
        ready, _, _ = select.select([server.stdout], [], [], 30)
        assert ready, "desk central did not announce its address"
        line = server.stdout.readline().decode()
        url = line.split(" tại ")[1].split()[0]
        token = issued.stdout.strip()
        with httpx.Client(base_url=url, timeout=10) as http:
            assert http.get("/v1/health").json() == {"status": "ok"}
            assert http.get("/v1/updates").status_code == 401
            authorised = http.get("/v1/updates", headers={"Authorization": f"Bearer {token}"})
            assert authorised.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_desk_demo_syncs_with_its_own_central_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    monkeypatch.delenv("DESK_CENTRAL__URL", raising=False)
    seen: dict[str, object] = {}

    def officer_works(config: Path, *, sign_in_hint: str = "") -> int:
        # While the demo runs: the desk's settings point at the demo's central, and a dossier
        # received at the counter syncs with no setup at all.
        settings = load_config(config).settings
        store = Store.open(settings.paths.database)
        receive(store, 2)
        seen["report"] = sync_once(store, settings)
        seen["outbox"] = outbox_size(store)
        seen["url"] = settings.central.url
        store.close()
        return 0

    monkeypatch.setattr("desk_app.cli.run_ui", officer_works)
    assert main(["demo", "--dir", str(tmp_path / "demo")]) == 0
    report = seen["report"]
    assert report.ok and report.accepted == 2, report.error  # type: ignore[attr-defined]
    assert seen["outbox"] == 0
    assert str(seen["url"]).startswith("http://127.0.0.1:")
    assert (tmp_path / "demo" / "central" / "central.sqlite3").is_file()
    # The demo's token and address do not outlive it.
    assert TOKEN_ENV not in os.environ and "DESK_CENTRAL__URL" not in os.environ
