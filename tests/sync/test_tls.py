"""TLS verification is on unless desk.toml turns it off: an untrusted certificate stops sync."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest

from central.app import create_app
from central.server import start_in_thread
from central.store import CentralStore
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import RetryPolicy, sync_once
from desk_app.sync.client import CentralClient, tls_context
from tests.sync.conftest import OFFICE, TOKEN_ENV, for_central, outbox_size, receive

QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_an_untrusted_certificate_stops_sync_unless_verification_is_off(
    tmp_path: Path, settings: Settings
) -> None:
    store = CentralStore(tmp_path / "central.sqlite3")
    token = store.issue_token(OFFICE, 1, "2026-11-24T09:00:00+07:00")
    server = start_in_thread(create_app(store), tls=self_signed(tmp_path))
    desk = Store.open(settings.paths.database)
    try:
        assert server.url.startswith("https://127.0.0.1:")
        receive(desk, 2)
        env = {TOKEN_ENV: token}
        assert for_central(settings, server.url).central.verify_tls  # the default
        refused = sync_once(desk, for_central(settings, server.url), env=env, policy=QUICK)
        assert "chứng chỉ TLS của hệ thống trung tâm không được tin cậy" in (refused.error or "")
        assert outbox_size(desk) == 2
        lab = for_central(settings, server.url, verify_tls=False)  # a test bench only
        assert sync_once(desk, lab, env=env, policy=QUICK).accepted == 2
    finally:
        desk.close()
        server.stop()
        store.close()


def test_the_certificate_authorities_are_loaded_once_a_process(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The App's worker makes a client every round: each loaded the authorities (50 ms)."""
    made: list[bool] = []
    real = httpx.create_ssl_context

    def counted(verify: bool = True) -> ssl.SSLContext:
        made.append(verify)
        return real(verify=verify)

    monkeypatch.setattr(httpx, "create_ssl_context", counted)
    tls_context.cache_clear()
    central = for_central(settings, "https://127.0.0.1:9").central
    for _ in range(3):
        CentralClient(central, "token").close()
    assert made == [True]
    tls_context.cache_clear()  # the next test loads them with the real function
