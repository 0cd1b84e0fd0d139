"""Benchmark verdicts rest on the ratio to a floor measured in the same run, not on the clock.

On a shared machine an absolute time moves by 2× with the load; a figure and its floor move
together. So ``python -m bench`` fails only when a ratio is over its budget (or a figure the
machine's speed does not move, such as memory, is over its own), whatever the absolute times.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench.figures import Figure, Pairs


def test_a_slow_machine_is_not_a_regression_but_a_worse_ratio_is() -> None:
    busy = Figure("receipt", 70.0, "ms", floor=35.0, ratio_budget=2.5)
    worse = Figure("receipt", 30.0, "ms", floor=10.0, ratio_budget=2.5)
    assert busy.ratio == 2.0 and busy.ok
    assert worse.ratio == 3.0 and not worse.ok


def test_a_rate_is_compared_as_the_time_it_takes() -> None:
    sync = Figure("sync", 1_000.0, "dossiers/s", better="higher", floor=4_000.0, ratio_budget=3)
    assert sync.ratio == 4.0 and not sync.ok
    assert Figure("sync", 2_000.0, "dossiers/s", better="higher", floor=4_000.0, ratio_budget=3).ok


def test_pairs_measured_back_to_back_see_through_a_load_that_comes_and_goes() -> None:
    pairs = Pairs()
    for load in (1.0, 2.0, 3.0, 4.0):  # the machine gets busier as the run goes on
        pairs.add(2.0 * load, 1.0 * load)
    pairs.add(3.0, 3.0)  # and a burst lands on one floor sample
    assert round(pairs.value / pairs.floor, 2) == 1.33  # medians of different moments
    assert pairs.ratio == 2.0
    figure = Figure("x", pairs.value, "ms", floor=pairs.floor, pair_ratio=pairs.ratio)
    assert figure.ratio == 2.0


def test_each_query_is_compared_with_its_own_floor() -> None:
    pairs = Pairs()
    for _ in range(3):
        pairs.add(10.0, 1.0, "l")  # a short query: many matches to list
        pairs.add(2.0, 1.0, "lang thuong")  # a long one: few
        pairs.add(3.0, 1.0, "hcm")
    pairs.add(50.0, 1.0, "l")  # preempted once: the fastest sample stands
    assert pairs.ratio == 3.0  # the median query's ratio


def test_memory_keeps_its_own_budget_and_a_record_has_no_verdict() -> None:
    assert not Figure("rss", 120.0, "MiB", budget=110).ok
    record = Figure("page change", 500.0, "ms")
    assert record.ok and not record.judged


@pytest.mark.parametrize(("ratio_value", "code"), [(20.0, 0), (40.0, 1)])
def test_the_exit_code_follows_the_ratios_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ratio_value: float, code: int
) -> None:
    fake = types.ModuleType("bench.bench_fake")
    fake.run = lambda: [  # type: ignore[attr-defined]
        Figure("slow in absolute terms", 9_999.0, "ms", budget=None),
        Figure("against its floor", ratio_value, "ms", floor=10.0, ratio_budget=3),
    ]
    monkeypatch.setitem(sys.modules, "bench.bench_fake", fake)
    monkeypatch.setattr(bench_main, "_modules", lambda selected: ["bench_fake"])
    assert bench_main.main(["--json", str(tmp_path / "out.json")]) == code
    assert '"ratio": ' in (tmp_path / "out.json").read_text(encoding="utf-8")
