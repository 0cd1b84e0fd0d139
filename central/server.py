"""Running the central app under uvicorn: in the foreground, or on a thread of another process.

The socket is bound here, before uvicorn starts, so port 0 gives a free port whose number is
known at once (tests and `desk demo` never race for a fixed port), and a thread server is
ready to accept connections as soon as :func:`start_in_thread` returns: connections made
before the loop runs wait in the listen backlog.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from desk_app.private import private_file

LOGGER_NAMES = ("uvicorn", "uvicorn.error", "uvicorn.access")


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on (host, port); port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto
    # is IPPROTO_TCP, and without it every answer stalls ~40 ms (Nagle + delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket, *, tls: bool = False) -> str:
    """The URL a client uses to reach ``sock``."""
    host, port = sock.getsockname()[:2]
    scheme = "https" if tls else "http"
    return f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}"


@dataclass
class ThreadServer:
    """A uvicorn server running on a daemon thread of this process."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        """Ask uvicorn to finish in-flight requests and exit, then wait for the thread."""
        self.server.should_exit = True
        self.thread.join(timeout)


def route_logs_to(log_file: Path | None) -> None:
    """Send uvicorn's own logs to ``log_file`` (or nowhere), never to a terminal a TUI owns.

    The log file is created 0600 in a 0700 folder, like the database it sits beside.
    """
    handler: logging.Handler = (
        logging.FileHandler(private_file(log_file), encoding="utf-8")
        if log_file
        else logging.NullHandler()
    )
    for name in LOGGER_NAMES:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.propagate = False


def start_in_thread(
    app: ASGIApp,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    log_file: Path | None = None,
    tls: tuple[Path, Path] | None = None,
) -> ThreadServer:
    """Serve ``app`` on a daemon thread; it dies with the process, as `desk demo` wants.

    ``tls`` is (certificate file, key file), both PEM.
    """
    sock = bind(host, port)
    route_logs_to(log_file)
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
        ssl_certfile=tls[0] if tls else None,
        ssl_keyfile=tls[1] if tls else None,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="central-server", daemon=True
    )
    thread.start()
    return ThreadServer(url_of(sock, tls=tls is not None), server, thread)


SERVE_TEXT = {
    "running": "Hệ thống trung tâm mẫu đang chạy tại {url} (Ctrl+C để dừng)",
    "stopped": "Đã dừng hệ thống trung tâm mẫu.",
}


def serve(app: ASGIApp, host: str, port: int, *, tls: tuple[Path, Path] | None = None) -> None:
    """Serve ``app`` in the foreground until Ctrl+C (or SIGTERM); say where, first.

    uvicorn finishes the requests in flight on Ctrl+C and then raises the signal again, which
    Python turns into KeyboardInterrupt: that is the normal way out here, said in one line
    rather than with a traceback. Its own English start-up chatter is left out (warnings only).
    """
    sock = bind(host, port)
    url = url_of(sock, tls=tls is not None)
    print(SERVE_TEXT["running"].format(url=url), flush=True)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        ssl_certfile=tls[0] if tls else None,
        ssl_keyfile=tls[1] if tls else None,
    )
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    print(SERVE_TEXT["stopped"], flush=True)
