"""Shared fixtures: a throw-away desk per test, on a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR, make_demo
from desk_app.desk import Desk
from desk_app.officers import get
from desk_app.settings import Settings
from desk_app.store import NewDossier, Store
from tests.pg import (  # noqa: F401 - central's store for every test that runs central
    central_backend,
    central_target,
    postgres_server,
    pytest_terminal_summary,
)

FIXED_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ)


def pytest_configure(config: pytest.Config) -> None:
    """The browser tests' line in the run's summary: ran in Chromium, or skipped and why."""
    from tests.serve import browser

    config.pluginmanager.register(browser, "desk-browser-summary")


HEAVY = (
    "tests/sync_events/test_lives.py",
    "tests/sync/test_kill.py",
    "tests/wizard/test_pickers.py",
    "tests/wizard/test_cases.py",
    "tests/death/test_branches.py",
    "tests/death/test_reception.py",
    "tests/death/test_end_to_end.py",
    "tests/reports/test_register.py",
    "tests/reports/test_register_volume.py",
    "tests/screens/test_screenshots.py",
    "tests/wizard/test_reception_by_keys.py",
    "tests/groups/test_toy_group.py",
    "tests/sync/test_faults.py",
    "tests/sync/test_two_rounds.py",
)
"""The modules whose tests take tens of seconds to minutes each (``--durations``).

They run first: with ``-n auto`` a two-minute test drawn last would run alone on one core
while the other waits, and CI's two cores are the whole budget. Order only, never which tests
run; a module missing here is merely scheduled in its usual place."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one and a half workers per core this process may use (3 on CI's two).

    A worker driving the app through a pilot spends a good part of its time waiting for the
    app to go idle, and one running central waits on sockets and fsync: with one worker per
    core the suite kept the cores about two-thirds busy; a third worker for two cores took a
    whole run from 9.7 to 7.7 minutes here, with the same tests passing.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cores or 1) * 3 // 2)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Heavy modules first (see :data:`HEAVY`), the rest in their usual order."""
    rank = {module: i for i, module in enumerate(HEAVY)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(HEAVY)))


PASSWORDS_SEEN: set[str] = set()
"""Every password the suite hashed or checked: tests/audit/test_logs.py looks for them in logs."""


@pytest.fixture(autouse=True, scope="session")
def _remember_passwords() -> Iterator[None]:
    """Note each password handed to Argon2, wherever in the desk it came from."""
    from argon2 import PasswordHasher

    real_hash, real_verify = PasswordHasher.hash, PasswordHasher.verify

    def hash_(self: PasswordHasher, password: str | bytes, **kwargs: object) -> str:
        PASSWORDS_SEEN.add(str(password))
        return real_hash(self, password, **kwargs)  # type: ignore[arg-type]

    def verify(self: PasswordHasher, encoded: str | bytes, password: str | bytes) -> bool:
        PASSWORDS_SEEN.add(str(password))
        return real_verify(self, encoded, password)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PasswordHasher, "hash", hash_)
        patch.setattr(PasswordHasher, "verify", verify)
        yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The demo desk's settings, living in this test's temporary folder."""
    return load_config(make_demo(tmp_path / "desk"), env={}).settings


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated store."""
    opened = Store.open(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


def signed_in(desk: Desk, username: str = DEMO_OFFICER[0]) -> Desk:
    """``desk`` with the demo account ``username`` at it, as if they had just signed in.

    Signing in itself (passwords, lockout) is tested in tests/officers; elsewhere the Argon2
    check would only slow the suite down.
    """
    desk.signed_in = get(desk.store, username)
    assert desk.signed_in is not None
    return desk


@pytest.fixture
def desk(settings: Settings) -> Iterator[Desk]:
    """The demo desk, open, its counter officer signed in, the clock stopped at FIXED_NOW."""
    opened = signed_in(Desk.open(settings, clock=lambda: FIXED_NOW))
    yield opened
    opened.close()


@pytest.fixture
def supervisor_desk(desk: Desk) -> Desk:
    """The demo desk with its supervisor signed in instead of the counter officer."""
    return signed_in(desk, DEMO_SUPERVISOR[0])


def sample_dossier(child: str = "Trần Thị Bé", requester: str = "Nguyễn Văn An") -> NewDossier:
    """A minimal dossier record as the store sees it."""
    return NewDossier(
        declarations={"child": {"full_name": child}, "requester": {"full_name": requester}},
        requester_name=requester,
        subject_name=child,
        search_names=[child, requester],
        id_numbers=["001090000001"],
    )
