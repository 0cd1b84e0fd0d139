"""Shared fixtures: a throw-away desk per test, on a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.clock import VN_TZ
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.settings import Settings
from desk_app.store import NewDossier, Store

FIXED_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ)


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


@pytest.fixture
def desk(settings: Settings) -> Iterator[Desk]:
    """The demo desk, open, with the clock stopped at FIXED_NOW."""
    opened = Desk.open(settings, clock=lambda: FIXED_NOW)
    yield opened
    opened.close()


def sample_dossier(child: str = "Trần Thị Bé", requester: str = "Nguyễn Văn An") -> NewDossier:
    """A minimal dossier record as the store sees it."""
    return NewDossier(
        declarations={"child": {"full_name": child}, "requester": {"full_name": requester}},
        requester_name=requester,
        child_name=child,
        search_names=[child, requester],
        id_numbers=["001090000001"],
    )
