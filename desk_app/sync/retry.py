"""When to try a request again: exponential backoff with full jitter, and Retry-After.

Many desks of a province come back online together after an outage; full jitter (a random
wait between 0 and the exponential bound) spreads their retries instead of synchronising them.
A server that says when to come back (``Retry-After``, in seconds or as an HTTP date) is
obeyed: the desk waits at least that long, plus a little jitter, or gives the round up when
the wait is longer than a round should block.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one request is tried within one round."""

    attempts: int = 6
    """Tries per request, the first included."""
    base: float = 0.5
    """Seconds: the bound of the first backoff; it doubles with each retry."""
    cap: float = 30.0
    """Seconds: no backoff bound grows past this."""
    max_retry_after: float = 120.0
    """Seconds: a longer Retry-After ends the round (the next one will try again)."""
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def backoff(self, retry: int) -> float:
        """Full-jitter wait before retry number ``retry`` (0 for the first retry)."""
        return self.rng.uniform(0, min(self.cap, self.base * 2**retry))

    def after(self, retry_after: float) -> float:
        """The wait that honours ``retry_after``: never less, up to 10 % (≤ 1 s) more."""
        return retry_after + self.rng.uniform(0, min(1.0, retry_after * 0.1))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())
