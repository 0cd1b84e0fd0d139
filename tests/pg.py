"""PostgreSQL for the tests: a server to make throwaway databases on, or a clear skip.

The server is the one ``DESK_TEST_POSTGRES_URL`` names (what `.ci/run` exports: a role that may
``CREATE DATABASE``), else a throwaway one this test session starts itself when PostgreSQL is
installed (``initdb`` on PATH or in /usr/lib/postgresql), so plain ``python -m pytest``
exercises PostgreSQL on a machine that has it. Without either, every PostgreSQL case is skipped
with one reason, which the end of the run's summary prints once with the count.

Each test gets a database of its own (``CREATE DATABASE`` takes ~50 ms), dropped afterwards.
The fixtures are the whole suite's (tests/conftest.py imports them): ``central_target`` is what
a test gives ``CentralStore`` or ``desk central --db``, SQLite unless ``central_backend`` is
parametrised (tests/sync/conftest.py says how a module asks for both).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from central import pg_throwaway
from central.pg_throwaway import drop_database

ENV = "DESK_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")
SKIP = "PostgreSQL tests skipped: {why}; install PostgreSQL or set " + ENV
_missing: dict[str, str] = {}


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """The URL of a PostgreSQL server for this session, or None (the reason is then known)."""
    given = os.environ.get(ENV, "").strip()
    if given:
        yield given
        return
    why = pg_throwaway.available()
    if why is not None:
        _missing["why"] = why
        yield None
        return
    # A test server: durability is what the SIGKILL test checks on a server of its own.
    server = pg_throwaway.ThrowawayPostgres.create({"fsync": "off", "full_page_writes": "off"})
    try:
        server.start()
        yield server.url()
    finally:
        server.destroy()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end of the run: how many PostgreSQL cases were skipped, and why."""
    skipped = [
        r
        for r in terminalreporter.stats.get("skipped", [])
        if "PostgreSQL tests skipped" in str(r.longrepr)
    ]
    if skipped:
        why = _missing.get("why", "no PostgreSQL server")
        terminalreporter.write_line(
            f"{len(skipped)} PostgreSQL tests skipped: {why}; install PostgreSQL or set {ENV} "
            "to run them",
            yellow=True,
            bold=True,
        )


def require(url: str | None) -> str:
    """``url``, or skip the test saying why PostgreSQL is not there."""
    if url is None:
        why = _missing.get("why", "no PostgreSQL server")
        pytest.skip(SKIP.format(why=why))
    return url


def fresh_database(server_url: str) -> tuple[str, str]:
    """A new empty database on the server: (its URL, its name)."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    return pg_throwaway.create_database(server_url, name), name


@pytest.fixture
def central_backend(request: pytest.FixtureRequest) -> str:
    """Which store central runs on: SQLite unless the test is parametrised."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def central_target(
    central_backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """What ``desk central --db`` is given: a SQLite path, or a fresh PostgreSQL database.

    The PostgreSQL server is asked for only here, so a run without PostgreSQL cases never
    starts one.
    """
    if central_backend == "sqlite":
        yield str(tmp_path / "central" / "central.sqlite3")
        return
    server = require(request.getfixturevalue("postgres_server"))
    url, name = fresh_database(server)
    yield url
    drop_database(server, name)
