"""Reports are built with the cyclic collector paused, and leave it as they found it."""

from __future__ import annotations

import gc

import pytest

from desk_app.reports import register, render, xlsx
from desk_app.reports.collector import collector_paused


def test_the_collector_is_paused_for_the_build_and_running_again_after() -> None:
    seen: list[bool] = []

    @collector_paused
    def build() -> str:
        seen.append(gc.isenabled())
        return "book"

    assert gc.isenabled()
    assert build() == "book"
    assert seen == [False] and gc.isenabled()


def test_a_failed_build_leaves_the_collector_running() -> None:
    @collector_paused
    def build() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        build()
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    try:
        collector_paused(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("built", [register.register_book, render.register_pdf, xlsx.register_xlsx])
def test_the_register_book_is_read_and_drawn_with_the_collector_paused(built: object) -> None:
    """A third of a 10,000-dossier book went to the collector's walks (bench_reports)."""
    assert built.__code__ is collector_paused(len).__code__  # type: ignore[attr-defined]
