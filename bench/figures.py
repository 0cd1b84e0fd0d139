"""The one shape every benchmark reports in, and the timing helpers they share.

A time measured on a shared machine moves by 2× with whatever else runs, so a budget on it
guards nothing. Every figure whose value depends on the machine is therefore measured together
with its *floor* — the least a program could do for the same result on the same machine (a
bare Textual app, a plain substring scan, a bare reportlab page, a bare SQLite transaction, a
bare HTTP endpoint) — in the same run, the two interleaved so a burst of load hits both, and
its budget is on the ratio. The absolute value stays in the table and the JSON for the record.
Figures that do not depend on the machine's speed (keys pressed, MiB of memory) keep a budget
on their value.

The ratio compares the fastest samples of each side, taken back to back, within the same
minutes (:class:`Pairs`): interference only ever adds time, so those are the closest to each
side's own cost, whatever else the machine is doing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Figure:
    """One measured figure, its floor if it has one, and the budget it is held to."""

    name: str
    value: float
    """The absolute figure, in ``unit``."""
    unit: str
    budget: float | None = None
    """Budget on ``value`` itself: only for figures the machine's speed does not move."""
    better: Literal["lower", "higher"] = "lower"
    note: str = ""
    floor: float | None = None
    """The floor measured in the same run, in ``unit``."""
    floor_name: str = ""
    ratio_budget: float | None = None
    """Budget on :attr:`ratio`."""
    pair_ratio: float | None = None
    """The ratio as :attr:`Pairs.ratio` works it out, when the figure was measured in pairs."""

    @property
    def ratio(self) -> float | None:
        """How many times the floor's cost this figure costs (a rate is turned into a time)."""
        if self.pair_ratio is not None:
            return self.pair_ratio
        if self.floor is None or not self.floor or not self.value:
            return None
        return self.value / self.floor if self.better == "lower" else self.floor / self.value

    @property
    def ok(self) -> bool:
        """Within budget: the ratio's when there is a floor, else the value's, else no verdict."""
        if self.ratio_budget is not None:
            return self.ratio is not None and self.ratio <= self.ratio_budget
        if self.budget is None:
            return True
        return self.value <= self.budget if self.better == "lower" else self.value >= self.budget

    @property
    def judged(self) -> bool:
        """Whether the figure has a budget at all (else it is shown for the record only)."""
        return self.ratio_budget is not None or self.budget is not None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form, with the ratio and the verdict."""
        return {**asdict(self), "ratio": self.ratio, "ok": self.ok}


def median_ms(fn: Callable[[], object], *, repeat: int, warmup: int = 3) -> float:
    """Median wall time of ``fn`` in milliseconds over ``repeat`` calls after ``warmup``."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


@dataclass
class Pairs:
    """Samples of a figure and of its floor taken back to back, pair by pair.

    Pairs may be grouped (one query repeated, among several queries); by default they are
    all one group (one operation repeated).
    """

    ours: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    groups: list[object] = field(default_factory=list)

    def add(self, ours: float, base: float, group: object = None) -> None:
        """One pair: the figure's sample and the floor's, taken one right after the other."""
        self.ours.append(ours)
        self.base.append(base)
        self.groups.append(group)

    def extend(self, other: Pairs, group: object = None) -> None:
        """Take in another set's pairs, as the group ``group`` (one query's among many)."""
        for ours, base in zip(other.ours, other.base, strict=True):
            self.add(ours, base, group)

    @property
    def value(self) -> float:
        """Median of the figure's samples (the absolute, for the record)."""
        return statistics.median(self.ours)

    @property
    def floor(self) -> float:
        """Median of the floor's samples."""
        return statistics.median(self.base)

    @property
    def ratio(self) -> float:
        """Per group, the fastest sample of the figure ÷ the fastest of the floor; their median.

        Interference from other processes only ever adds time, and on an oversubscribed
        machine an operation of 5 ms is interrupted far more often than its floor of 0.4 ms,
        which inflates a ratio of medians (or a median of ratios) by 2× and more. The
        fastest samples, taken within minutes of each other, are the closest to each side's
        own cost; across groups (different queries) the median keeps the figure typical.
        """
        fastest: dict[object, tuple[float, float]] = {}
        for ours, base, group in zip(self.ours, self.base, self.groups, strict=True):
            best = fastest.get(group, (ours, base))
            fastest[group] = (min(best[0], ours), min(best[1], base))
        return statistics.median(a / b for a, b in fastest.values() if b)


def paired_ms(
    subject: Callable[[], object],
    floor: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 3,
) -> Pairs:
    """Milliseconds of ``subject`` and of ``floor``, called alternately, as :class:`Pairs`.

    Alternating call by call means a burst of load from another process lands on both
    samples of a pair alike, so their ratio holds when the machine is busy.
    """
    for _ in range(warmup):
        subject()
        floor()
    pairs = Pairs()
    for _ in range(repeat):
        start = time.perf_counter()
        subject()
        middle = time.perf_counter()
        floor()
        pairs.add((middle - start) * 1000, (time.perf_counter() - middle) * 1000)
    return pairs


def paired_runs(subject: Callable[[], float], floor: Callable[[], float], *, repeat: int) -> Pairs:
    """Two self-timing functions run alternately, ``repeat`` pairs (floor first in each).

    For figures a function measures itself: a fresh process, a whole sync round, where the
    time must not include the setup around it.
    """
    pairs = Pairs()
    for _ in range(repeat):
        base = floor()
        pairs.add(subject(), base)
    return pairs
