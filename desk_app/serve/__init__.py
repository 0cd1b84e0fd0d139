"""`desk serve`: the same desk in a browser, for a counter PC that only has a browser or a kiosk.

textual-serve runs one `desk` process per browser session (per websocket) with the same
desk.toml and database as the terminal, so signing in, the idle lock, F12 and the audit trail
are exactly the terminal's: the browser only carries keys in and the screen out.

What this module decides is where it may listen. Over the network the page carries officers'
passwords and citizens' data, so only loopback is served by default; another address needs
both an explicit ``--allow-network`` and a TLS certificate and key (textual-serve runs on
aiohttp, which serves TLS itself: the browser then talks ``https``/``wss``). The server itself
is the presentation layer's (:mod:`screens.web_server`): aiohttp and textual-serve load only when
it starts, so `desk serve --help` and a refusal stay fast.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import ssl
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import DeskError, os_reason
from desk_app.settings import Serve

TEXT = {
    "not_loopback": (
        "--host {host}: địa chỉ này không phải máy này (loopback), trang sẽ truyền mật khẩu "
        "và dữ liệu công dân qua mạng. Chỉ phục vụ ra mạng khi có cả --allow-network và "
        "chứng chỉ TLS (--certfile và --keyfile, hoặc certfile/keyfile trong mục [serve] "
        "của desk.toml); nếu không, bỏ --host để dùng 127.0.0.1."
    ),
    "need_flag": (
        "--host {host}: địa chỉ này không phải máy này (loopback). Phục vụ ra mạng cần ghi "
        "rõ --allow-network (đã có chứng chỉ TLS)."
    ),
    "need_tls": (
        "--allow-network: cần chứng chỉ TLS để phục vụ ra mạng: --certfile và --keyfile "
        "(hoặc certfile/keyfile trong mục [serve] của desk.toml)."
    ),
    "half_tls": "--certfile và --keyfile phải đi cùng nhau: đang thiếu {missing}.",
    "bad_tls": (
        "--certfile/--keyfile: không nạp được chứng chỉ TLS ({reason}). Cần tệp PEM: "
        "chứng chỉ và khóa riêng khớp nhau, khóa không đặt mật khẩu."
    ),
    "not_pem": "không phải chứng chỉ và khóa PEM khớp nhau",
    "unknown_host": "--host {host}: không tìm được địa chỉ này trên máy ({reason}).",
    "title": "Bàn tiếp nhận một cửa",
    "serving": "Bàn tiếp nhận đang phục vụ qua trình duyệt tại {url}",
    "each_session": (
        "Mỗi phiên trình duyệt là một chương trình desk riêng (đăng nhập, khóa màn hình, "
        "nhật ký như ở terminal)."
    ),
    "stop": "Nhấn Ctrl+C để dừng.",
    "demo_folder": "Bàn mẫu (cấu hình, cơ sở dữ liệu, biên nhận) nằm ở: {folder}",
    "stopped": "Đã dừng phục vụ qua trình duyệt.",
}
"""What `desk serve` says, in one place."""


@dataclass(frozen=True)
class ServePlan:
    """Where and how to serve, once every check has passed."""

    host: str
    port: int
    command: str
    """The shell command textual-serve runs for each browser session."""
    tls: ssl.SSLContext | None

    @property
    def url(self) -> str:
        """What an officer types in the browser."""
        scheme = "https" if self.tls is not None else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only reaches this machine: a loopback address, or a name whose every
    address is one ("localhost"). A name that does not resolve raises a :class:`DeskError`."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError) as exc:
        raise DeskError(TEXT["unknown_host"].format(host=host, reason=exc)) from exc
    return bool(found) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in found)


def tls_context(certfile: Path | None, keyfile: Path | None) -> ssl.SSLContext | None:
    """The server's TLS context (TLS 1.2 or newer), or None when neither file is given."""
    if certfile is None and keyfile is None:
        return None
    if certfile is None or keyfile is None:
        missing = "--certfile" if certfile is None else "--keyfile"
        raise DeskError(TEXT["half_tls"].format(missing=missing))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        # An empty password: a key that asks for one is refused instead of prompting.
        context.load_cert_chain(certfile, keyfile, password=lambda: b"")
    except ssl.SSLError as exc:
        raise DeskError(TEXT["bad_tls"].format(reason=TEXT["not_pem"])) from exc
    except OSError as exc:
        reason = f"{exc.filename}: {os_reason(exc)}" if exc.filename else os_reason(exc)
        raise DeskError(TEXT["bad_tls"].format(reason=reason)) from exc
    return context


def plan(
    serve: Serve,
    config: Path,
    *,
    host: str | None = None,
    port: int | None = None,
    certfile: Path | None = None,
    keyfile: Path | None = None,
    allow_network: bool = False,
    demo: bool = False,
) -> ServePlan:
    """Check the options against desk.toml's ``[serve]`` (the command line wins) and say what
    to serve; a :class:`DeskError` naming the option when it must not be served so."""
    base = config.parent
    host = host or serve.host
    port = port or serve.port
    if certfile is None and keyfile is None:  # desk.toml's, relative to its folder
        certfile, keyfile = (
            None if path is None else base / path.expanduser()
            for path in (serve.certfile, serve.keyfile)
        )
    if not is_loopback(host):
        if certfile is None and keyfile is None:
            raise DeskError(
                TEXT["not_loopback" if not allow_network else "need_tls"].format(host=host)
            )
        if not allow_network:
            raise DeskError(TEXT["need_flag"].format(host=host))
    tls = tls_context(certfile, keyfile)
    return ServePlan(host, port, served_command(config, demo=demo), tls)


def served_command(config: Path, *, demo: bool = False) -> str:
    """The command each browser session runs: this same Python's `desk` on this desk.toml."""
    argv = [sys.executable, "-m", "desk_app.cli", "--config", str(config.resolve())]
    if demo:
        argv.append("--demo-accounts")
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)
