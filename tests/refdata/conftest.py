"""Shared fixtures: the committed gazetteer, loaded once for the whole module run."""

from __future__ import annotations

import pytest

from desk_app.gazetteer import Gazetteer, load


@pytest.fixture(scope="session")
def gz() -> Gazetteer:
    """The gazetteer as the desk loads it."""
    return load()


@pytest.fixture(scope="session")
def sources():  # type: ignore[no-untyped-def]
    """The installed packages' data, read once (the generator's input)."""
    from desk_app.gazetteer.sources import read_sources

    return read_sources()
