"""A throwaway PostgreSQL server: initdb into a temporary folder, a free loopback port.

For the tests, the load benchmark and a try-out of the PostgreSQL store on one machine, never
for a province (docs/central-operations.md says how a real server is run). PostgreSQL refuses to
run as root, so when this process is root the server runs as an unprivileged account
(``postgres``, which Debian's package creates) and its folder is given to that account.

The server is started as a direct child in a session of its own, so :meth:`kill` can end it
the hard way (SIGKILL to its process group: the postmaster and every backend at once), as a
power cut would, and :meth:`start` brings it back through crash recovery.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

USER = "central"
"""The database superuser the throwaway cluster is created with (trust on loopback only)."""
RUN_AS = "postgres"
"""The account the server runs as when this process is root."""
START_TIMEOUT = 60.0


def binaries() -> Path | None:
    """The folder holding initdb and postgres, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    return versions[0].parent if versions else None


def available() -> str | None:
    """None when a throwaway server can be started here, else why not (for a skip reason)."""
    if binaries() is None:
        return "PostgreSQL is not installed (no initdb on PATH nor in /usr/lib/postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return f"running as root and there is no '{RUN_AS}' account to run PostgreSQL as"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Owner(TypedDict, total=False):
    """``subprocess`` arguments that run a child as another account (empty: as ourselves)."""

    user: int
    group: int
    extra_groups: list[int]


@dataclass
class ThrowawayPostgres:
    """One throwaway cluster; :meth:`create` it, then :meth:`start`, and :meth:`destroy` it."""

    folder: Path
    port: int = field(default_factory=free_port)
    settings: dict[str, str] = field(default_factory=dict)
    """Extra ``-c name=value`` server settings (e.g. ``fsync=off`` for a fast test server)."""
    proc: subprocess.Popen[bytes] | None = None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def url(self, database: str = "postgres") -> str:
        """A libpq URL for ``database`` as the superuser."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def _as_owner(self) -> _Owner:
        """The arguments that run a child process as the server's account (when root)."""
        if os.geteuid() != 0:
            return {}
        account = pwd.getpwnam(RUN_AS)
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}

    @classmethod
    def create(cls, settings: dict[str, str] | None = None) -> ThrowawayPostgres:
        """initdb into a new temporary folder (owned by the server's account when root)."""
        folder = Path(tempfile.mkdtemp(prefix="central-pg-"))
        server = cls(folder, settings=dict(settings or {}))
        if os.geteuid() == 0:
            account = pwd.getpwnam(RUN_AS)
            os.chown(folder, account.pw_uid, account.pw_gid)
        bin_dir = binaries()
        assert bin_dir is not None, available()
        subprocess.run(
            [
                str(bin_dir / "initdb"),
                *("-D", str(server.data), "-U", USER, "-A", "trust", "-E", "UTF8"),
                *("--locale", "C", "--no-sync"),
            ],
            check=True,
            capture_output=True,
            cwd=folder,
            **server._as_owner(),
        )
        return server

    def start(self) -> None:
        """Start the server (after a kill: through crash recovery) and wait until it answers."""
        bin_dir = binaries()
        assert bin_dir is not None
        options = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": "",
            "max_connections": "200",
            **self.settings,
        }
        args = [str(bin_dir / "postgres"), "-D", str(self.data)]
        for name, value in options.items():
            args += ["-c", f"{name}={value}"]
        log = open(self.log, "ab")  # noqa: SIM115 - the child keeps it
        try:
            self.proc = subprocess.Popen(
                args,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.folder,
                start_new_session=True,
                **self._as_owner(),
            )
        finally:
            log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        import psycopg

        give_up = time.monotonic() + START_TIMEOUT
        while True:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"PostgreSQL stopped at start: {self.log_tail()}")
            try:
                with psycopg.connect(self.url(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > give_up:
                    raise
                time.sleep(0.05)

    def log_tail(self, size: int = 2000) -> str:
        """The end of the server's log, for a failure message."""
        try:
            return self.log.read_bytes()[-size:].decode(errors="replace")
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL the postmaster and every backend at once, and reap the postmaster."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._wait_group_gone(self.proc.pid)
        self.proc = None

    @staticmethod
    def _wait_group_gone(pgid: int) -> None:
        """Wait until no process of the group is left (backends die a moment after)."""
        give_up = time.monotonic() + 30
        while time.monotonic() < give_up:
            try:
                os.killpg(pgid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.02)

    def stop(self) -> None:
        """A fast clean shutdown (SIGINT: abort transactions, checkpoint, exit)."""
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self._wait_group_gone(self.proc.pid)
        self.proc = None

    def destroy(self) -> None:
        """Stop the server and remove its folder."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """CREATE DATABASE ``name`` on the server of ``server_url``; the new database's URL."""
    from urllib.parse import urlsplit

    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(server_url)._replace(path=f"/{name}").geturl()


def drop_database(server_url: str, name: str) -> None:
    """DROP DATABASE ``name`` (WITH FORCE: connections a test left open are ended)."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
