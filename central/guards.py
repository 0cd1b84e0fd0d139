"""What central checks before it believes a request: size, digest, parameters, numbers, pace.

Each guard raises :class:`central.errors.ApiError` with a Vietnamese message and runs before
anything is stored, so a refused request leaves central's store exactly as it was:

- bodies are read up to a limit, the same 413 answer whether or not the request announced
  its length (Starlette's own limit answers a too-long Content-Length in plain English);
- a batch carries ``Content-Digest`` (RFC 9530, ``sha-256``); a body that arrived different
  from what was sent is a transport fault, answered with a retryable error before the
  batch's key is looked at, never turned into a verdict on the dossiers;
- query parameters are ASCII digits within what SQLite can hold (a 20-digit ``after`` was a
  500), and declarations hold only finite numbers a JSON reader keeps exactly;
- verifications are paced per desk (a token bucket), so the register cannot be searched by
  guessing dates of birth.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from central.errors import ApiError
from forms.limits import MAX_SAFE_INTEGER

MAX_CURSOR = 2**63 - 1
"""The largest feed position SQLite stores: ``after`` beyond it can name nothing."""
_DIGITS = re.compile(r"[0-9]{1,19}")
_SHA256_DIGEST = re.compile(r"sha-256\s*=\s*:([A-Za-z0-9+/=]+):")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as it is known to pass ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "too_large", limit=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too_large", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def body_digest(body: bytes) -> str:
    """The ``Content-Digest`` value of ``body`` (RFC 9530, sha-256)."""
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"


def check_digest(request: Request, body: bytes) -> bytes:
    """400 ``digest_missing`` without a usable sha-256 digest; 400 ``digest_mismatch`` (retry).

    Returns the body's SHA-256, which the caller keeps (a batch's key records it) rather
    than hashing the body again."""
    found = _SHA256_DIGEST.search(request.headers.get("content-digest", ""))
    try:
        expected = base64.b64decode(found[1], validate=True) if found else b""
    except (binascii.Error, ValueError):
        expected = b""
    if len(expected) != hashlib.sha256().digest_size:
        raise ApiError(400, "digest_missing")
    actual = hashlib.sha256(body).digest()
    if actual != expected:
        raise ApiError(400, "digest_mismatch")
    return actual


def query_int(request: Request, name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter in [low, high], written in ASCII digits; 422 otherwise."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        raise ApiError(
            422, "invalid_request", detail=f"{name}: phải là số nguyên từ {low} đến {high}"
        )
    return int(raw)


def unsafe_number(value: Any, where: str) -> str | None:
    """Where in ``value`` a number is not finite or too large to keep exactly, or None.

    ``NaN`` and ``Infinity`` are not JSON, yet parsers accept them; stored, they make the
    canonical JSON (and its hash) something no other reader agrees on. Every dossier of
    every batch passes here, and nearly all are clean: they are walked once without building
    a path for each value (:func:`_all_safe`), and only a dossier found unsafe is walked
    again to say where.
    """
    if _all_safe(value):
        return None
    stack: list[tuple[Any, str]] = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, bool):
            continue
        if isinstance(item, float) and not math.isfinite(item):
            return f"{path}: số không hữu hạn (NaN, Infinity) không được phép"
        if isinstance(item, int) and abs(item) > MAX_SAFE_INTEGER:
            return f"{path}: số quá lớn (tối đa {MAX_SAFE_INTEGER})"
        if isinstance(item, dict):
            stack.extend((v, f"{path}.{k}"[:80]) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{path}.{i}"[:80]) for i, v in enumerate(item))
    return None


_MAYBE_UNSAFE = re.compile(rb"NaN|Infinity|[0-9]{16}|[0-9][eE][+-]?[0-9]")
"""What a JSON body must hold for a number in it to be unsafe: NaN or Infinity (which JSON
parsers accept), 16 digits in a row (2**53 has 16), or an exponent (1e400 is infinite). Found
in a string too, it only means the numbers are looked at one by one."""


def numbers_may_be_unsafe(body: bytes) -> bool:
    """Whether :func:`unsafe_number` needs to walk the dossiers of ``body`` at all.

    One scan of the raw bytes (in C, stopping at the first hit) spares the walk to a batch
    without a digit, an ``e`` and a digit in a row anywhere: ID numbers (12 digits) and phones
    (10–11) are no concern. A desk's batches nearly always hold one, in the hex of a content
    hash or a document's digest, and are walked (some 10 µs a dossier). A scan that tells a
    digest from an exponent had to read the whole body with Python's ``re`` and cost more
    than the walk it spared (measured: 40–50 µs a dossier).
    """
    return _MAYBE_UNSAFE.search(body) is not None


def _all_safe(value: Any) -> bool:
    """Whether every number in ``value`` is finite and exact (:func:`unsafe_number`'s test)."""
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if type(item) is str or item is None:  # most values: nothing to look at
            continue
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, bool):
            continue
        elif isinstance(item, float):
            if not math.isfinite(item):
                return False
        elif isinstance(item, int) and abs(item) > MAX_SAFE_INTEGER:
            return False
    return True


@dataclass
class RateLimit:
    """A token bucket per key: ``burst`` requests at once, then one every ``every`` seconds."""

    burst: int = 10
    every: float = 6.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[object, tuple[float, float]] = field(default_factory=dict, repr=False)

    def take(self, key: object) -> float | None:
        """Spend one request of ``key``: None if allowed, else the seconds until the next one."""
        now = self.clock()
        tokens, then = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) / self.every)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) * self.every
        self._buckets[key] = (tokens - 1.0, now)
        return None

    def check(self, key: object) -> None:
        """429 ``rate_limited`` with Retry-After when ``key`` has no request left."""
        wait = self.take(key)
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            raise ApiError(
                429, "rate_limited", headers={"Retry-After": str(seconds)}, seconds=seconds
            )
