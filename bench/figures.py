"""The one shape every benchmark reports in, and small timing helpers they share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Literal


@dataclass(frozen=True)
class Figure:
    """One measured figure and the budget it is held to."""

    name: str
    value: float
    unit: str
    budget: float
    better: Literal["lower", "higher"] = "lower"
    note: str = ""

    @property
    def ok(self) -> bool:
        """Whether the figure is within its budget."""
        return self.value <= self.budget if self.better == "lower" else self.value >= self.budget

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form, with the verdict."""
        return {**asdict(self), "ok": self.ok}


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
