"""A running `desk serve --demo` for the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve.browser import Served, serve_demo


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """`desk serve --demo` on a free loopback port, stopped when the test ends."""
    yield from serve_demo(tmp_path / "demo")
