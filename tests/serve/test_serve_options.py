"""Where `desk serve` agrees to listen: loopback by default, the network only with TLS and a flag.

Over the network the page carries passwords and citizens' data; a refusal names the option
and what to do, in Vietnamese, exits 2, and listens on nothing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desk_app.cli import main
from desk_app.demo import make_demo
from desk_app.serve import TEXT, is_loopback
from tests.serve.browser import Served, free_port, serve_demo


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return make_demo(tmp_path / "demo")


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (PEM), made with openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("no openssl to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def serve(config: Path, *options: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--config", str(config), "serve", *options])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_a_network_address_without_the_flag_is_refused_and_nothing_listens(config: Path) -> None:
    port = free_port()
    done = subprocess.run(
        [
            *(sys.executable, "-m", "desk_app.cli", "--config", str(config), "serve"),
            *("--host", "0.0.0.0", "--port", str(port)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--host 0.0.0.0" in done.stderr and "--allow-network" in done.stderr
    assert "Traceback" not in done.stderr and "usage" not in done.stderr
    assert done.stdout == ""
    with socket.socket() as probe:  # the port is still free: nothing was bound
        probe.bind(("0.0.0.0", port))


def test_the_flag_alone_is_not_enough_without_tls(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = serve(config, "--host", "0.0.0.0", "--allow-network", capsys=capsys)
    assert status == 2
    assert TEXT["need_tls"] in said


def test_tls_alone_is_not_enough_without_the_flag(
    config: Path, certificate: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    cert, key = certificate
    status, said = serve(
        config, "--host", "0.0.0.0", "--certfile", str(cert), "--keyfile", str(key), capsys=capsys
    )
    assert status == 2
    assert TEXT["need_flag"].format(host="0.0.0.0") in said


def test_desk_toml_cannot_open_the_network_either(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with config.open("a", encoding="utf-8") as toml:
        toml.write('\n[serve]\nhost = "0.0.0.0"\n')
    status, said = serve(config, capsys=capsys)
    assert status == 2
    assert "--host 0.0.0.0" in said


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--certfile", "cert.pem"), "đang thiếu --keyfile"),
        (("--certfile", "/no/such.pem", "--keyfile", "/no/such.pem"), "không tồn tại"),
    ],
)
def test_bad_tls_settings_are_named(
    config: Path, options: tuple[str, ...], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = serve(config, *options, capsys=capsys)
    assert status == 2
    assert expected in said and "Traceback" not in said


def test_a_key_that_does_not_match_is_refused(
    config: Path, certificate: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    cert, _ = certificate
    status, said = serve(config, "--certfile", str(cert), "--keyfile", str(config), capsys=capsys)
    assert status == 2
    assert TEXT["not_pem"] in said


def test_loopback_names_and_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--help"])
    assert exited.value.code == 0
    said = capsys.readouterr().out
    assert "cách dùng: desk serve" in said and "--allow-network" in said
    assert "usage" not in said and "show this help" not in said


# --- a running server --------------------------------------------------------------------


@pytest.fixture
def tls_served(tmp_path: Path, certificate: tuple[Path, Path]) -> Iterator[Served]:
    cert, key = certificate
    yield from serve_demo(tmp_path / "tls", "--certfile", str(cert), "--keyfile", str(key))


def test_with_tls_the_page_is_https_and_vietnamese(tls_served: Served) -> None:
    assert tls_served.url.startswith("https://127.0.0.1:")
    page = httpx.get(tls_served.url, verify=False, timeout=10)
    assert page.status_code == 200
    assert '<html lang="vi">' in page.text and "Phiên làm việc đã kết thúc" in page.text
    assert "googleapis" not in page.text, "the page loads nothing from the internet"
    with pytest.raises(httpx.TransportError):  # plain http is not served beside it
        httpx.get(tls_served.url.replace("https", "http"), timeout=10)


def test_a_page_from_another_site_cannot_open_a_session(served: Served) -> None:
    """Any web page open in the counter's browser could otherwise drive a desk session."""
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(served.url)
    assert address.hostname is not None
    for origin, expected in (("http://evil.example", 403), (served.url, 101)):
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        conn.request(
            "GET",
            "/ws",
            headers={
                "Origin": origin,
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            },
        )
        assert conn.getresponse().status == expected, origin
        conn.close()
