"""A fault-injecting layer in front of the central app: the network on a bad day, on demand.

Wrapped around :func:`central.app.create_app`, it makes a seeded random share of /v1 requests
(health checks aside) fail in one of the ways a desk meets in the field:

- ``reset`` — the connection drops before the request is processed (headers, then nothing);
- ``error`` — HTTP 500 before processing;
- ``unavailable`` — HTTP 503 with ``Retry-After``;
- ``lost`` — the request is processed and committed, then the connection drops: the desk
  never sees the answer;
- ``slow`` — processed and committed, the answer held back past the desk's timeout;
- ``duplicate`` — the same request delivered to the app twice (a retransmission).

The counts of what was injected are kept in :attr:`FaultInjector.injected`, so a test can show
that every kind really happened.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

KINDS = ("reset", "error", "unavailable", "lost", "slow", "duplicate")


class InjectedDrop(Exception):
    """Raised after a partial response so the server closes the connection mid-answer."""


@dataclass
class FaultPlan:
    """How often each fault happens (shares of all /v1 requests) and its parameters."""

    rates: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.04))
    seed: int = 7
    retry_after: str = "1"
    slow_seconds: float = 1.0


class FaultInjector:
    """ASGI middleware injecting the faults of a :class:`FaultPlan`."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.injected: Counter[str] = Counter()
        self.enabled = True

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
        kind = self._pick() if self.enabled else None
        if kind is None:
            await self.app(scope, receive, send)
            return
        self.injected[kind] += 1
        if kind == "reset":
            await _drop(send)
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
                await _drop(send)


async def _drop(send: Send) -> None:
    """Start an answer that promises a body, then break the connection."""
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
