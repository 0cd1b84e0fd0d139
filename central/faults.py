"""A fault-injecting layer in front of the central app: the network on a bad day, on demand.

Wrapped around :func:`central.app.create_app`, it makes a seeded random share of /v1 requests
(health checks aside) fail in one of the ways a desk meets in the field:

- ``reset`` — the connection drops before the request is processed (headers, then nothing);
- ``error`` — HTTP 500 before processing;
- ``unavailable`` — HTTP 503 with ``Retry-After``;
- ``lost`` — the request is processed and committed, then the connection drops: the desk
  never sees the answer;
- ``slow`` — processed and committed, the answer held back past the desk's timeout;
- ``duplicate`` — the same request delivered to the app twice (a retransmission);
- ``corrupt`` — one byte of a request body flipped on the way (a batch or an upload): what a
  faulty proxy or network card does, and what the body's digest must catch.

A :class:`Hold` holds back the answer to chosen requests until the test releases it (the
request itself is processed and committed at once): a late answer, exactly when wanted.

The counts of what was injected are kept in :attr:`FaultInjector.injected`, so a test can show
that every kind really happened.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections import Counter
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

KINDS = ("reset", "error", "unavailable", "lost", "slow", "duplicate", "corrupt")
CORRUPTIBLE = (("POST", "/v1/batches"), ("POST", "/v1/events"), ("PUT", "/v1/attachments/"))
"""Requests whose body ``corrupt`` damages: the ones whose body central stores."""


class InjectedDrop(Exception):
    """Raised after a partial response so the server closes the connection mid-answer."""


@dataclass
class FaultPlan:
    """How often each fault happens (shares of all /v1 requests) and its parameters."""

    rates: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.04))
    seed: int = 7
    retry_after: str = "1"
    slow_seconds: float = 1.0


@dataclass
class Hold:
    """Hold back the answers to the next ``count`` requests ``method path`` until released.

    Each held request is processed (and committed) at once; ``reached`` is set when the first
    answer is being held, and the answers go out when ``release`` is set (or after
    ``timeout`` seconds, so a forgotten release never hangs a test run).
    """

    method: str
    path: str
    count: int = 1
    timeout: float = 60.0
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


class FaultInjector:
    """ASGI middleware injecting the faults of a :class:`FaultPlan`."""

    def __init__(self, app: ASGIApp, plan: FaultPlan, *, hold: Hold | None = None) -> None:
        self.app = app
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.injected: Counter[str] = Counter()
        self.enabled = True
        self.hold = hold

    def _pick(self) -> str | None:
        draw = self.rng.random()
        for kind in KINDS:
            draw -= self.plan.rates.get(kind, 0.0)
            if draw < 0:
                return kind
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/v1/") or path == "/v1/health":
            await self.app(scope, receive, send)
            return
        hold = self.hold
        if (
            hold is not None
            and hold.count > 0
            and (scope["method"], path)
            == (
                hold.method,
                hold.path,
            )
        ):
            hold.count -= 1
            await self._held(hold, scope, receive, send)
            return
        kind = self._pick() if self.enabled else None
        if kind == "corrupt" and not any(
            scope["method"] == m and path.startswith(p) for m, p in CORRUPTIBLE
        ):
            kind = None
        if kind is None:
            await self.app(scope, receive, send)
            return
        self.injected[kind] += 1
        if kind == "corrupt":
            damaged = bytearray(await _read_body(receive))
            if damaged:
                at = self.rng.randrange(len(damaged))
                damaged[at] ^= 1 << self.rng.randrange(8)
            await self.app(scope, _replay(bytes(damaged)), send)
            return
        head = scope["method"] == "HEAD"
        if kind == "reset":
            await _drop(send, head=head)
        elif kind in ("error", "unavailable"):
            status = 500 if kind == "error" else 503
            headers = [(b"content-type", b"application/json")]
            if kind == "unavailable":
                headers.append((b"retry-after", self.plan.retry_after.encode()))
            body = b'{"error":"injected","message":"L\\u1ed7i th\\u1eed nghi\\u1ec7m"}'
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
        else:
            body = await _read_body(receive)
            held: list[Message] = []

            async def keep(message: Message) -> None:
                held.append(message)

            await self.app(scope, _replay(body), keep)
            if kind == "duplicate":
                await self.app(scope, _replay(body), send)
            elif kind == "slow":
                await asyncio.sleep(self.plan.slow_seconds)
                for message in held:
                    await send(message)
            else:  # lost: committed on the server, never seen by the desk
                await _drop(send, head=head)

    async def _held(self, hold: Hold, scope: Scope, receive: Receive, send: Send) -> None:
        held: list[Message] = []

        async def keep(message: Message) -> None:
            held.append(message)

        await self.app(scope, receive, keep)
        hold.reached.set()
        await asyncio.to_thread(hold.release.wait, hold.timeout)
        for message in held:
            await send(message)


async def _drop(send: Send, *, head: bool = False) -> None:
    """Start an answer that promises a body, then break the connection.

    An answer to HEAD has no body to cut short: its status line alone is a whole answer, so
    a made-up "200" would tell the desk that central holds a file it does not hold. A dropped
    HEAD starts no answer (the server then answers 500 and closes: retried like a reset).
    """
    if head:
        raise InjectedDrop
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"trunc', "more_body": True})
    raise InjectedDrop


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # no more body, and the client does not go away
        return {"type": "http.disconnect"}  # pragma: no cover

    return receive
