"""When central writes its pending search terms: once the server is idle, or once they are late.

Accepting a dossier only notes that its search terms are due (:mod:`central.search_terms`);
a search writes what is due before it reads, and the server writes it in the background. That
background work competes with the requests for the interpreter: done while a desk is in the
middle of a round, between two of its batches or while it reads the office's feed back, it
delayed every answer of that round (a third of central's time in a round of 10,000 dossiers,
when "quiet" meant only a fifth of a second without a new dossier). So the server indexes when
it has served no request for :data:`QUIET` seconds and nothing was accepted between two looks
(another process on the same database may be accepting); or, on a central that is never quiet
that long (a province's desks taking turns), once a dossier has waited :data:`PATIENCE`
seconds, so a search seldom has much to write first.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from central.db import Database
from central.search_terms import CHUNK, index_pending, pending

TICK = 0.2
"""Seconds between two looks at what is pending."""
QUIET = 1.0
"""Seconds without a request before the server counts as idle."""
PATIENCE = 30.0
"""Seconds terms may wait for an idle moment before they are written anyway."""


class Activity:
    """How busy this server process is: requests in flight, and when the last one ended.

    Counted by :class:`TrackActivity` on the event loop and read by the indexer's thread: an
    int and a float, each read whole."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._busy = 0
        self._since = clock()

    def begin(self) -> None:
        """A request arrived."""
        self._busy += 1

    def end(self) -> None:
        """A request was answered (or failed)."""
        self._busy -= 1
        self._since = self._clock()

    def quiet_for(self) -> float:
        """Seconds since the last request ended; 0 while one is in flight."""
        return 0.0 if self._busy > 0 else self._clock() - self._since


class TrackActivity:
    """ASGI middleware telling an :class:`Activity` of every HTTP request, start and end."""

    def __init__(self, app: ASGIApp, activity: Activity) -> None:
        self.app = app
        self.activity = activity

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.activity.begin()
        try:
            await self.app(scope, receive, send)
        finally:
            self.activity.end()


class Idle:
    """The server's indexer; call :meth:`tick` every :data:`TICK` seconds, off the event loop.

    It indexes when, at one look, the highest pending id is the one the look before found
    (nothing accepted in between, whichever process accepts: new dossiers take ever higher
    ids) and the server has been idle ``quiet`` seconds; it stops between chunks as soon as a
    request comes or a dossier is accepted. Terms pending for ``patience`` seconds are written
    whatever the traffic. At start-up the server is idle: a central restarted with pending
    rows writes them within a second or so.
    """

    def __init__(
        self,
        db: Database,
        activity: Activity | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        quiet: float = QUIET,
        patience: float = PATIENCE,
        chunk: int = CHUNK,
    ) -> None:
        self.db = db
        self._activity = activity or Activity(clock)
        self._clock = clock
        self._quiet = quiet
        self._patience = patience
        self._chunk = chunk
        self._last: int | None = None
        self._waiting_since: float | None = None

    def tick(self) -> int:
        """Index if it is time to (see the class); how many dossiers were indexed."""
        highest = pending(self.db)
        if highest is None:
            self._last = self._waiting_since = None
            return 0
        now = self._clock()
        if self._waiting_since is None:
            self._waiting_since = now
        if now - self._waiting_since >= self._patience:
            self._last = self._waiting_since = None
            return index_pending(self.db, self._chunk, wait=False)  # until a short chunk
        steady, self._last = highest == self._last, highest
        if not steady or not self._idle():
            return 0
        self._last = self._waiting_since = None
        go_on = functools.partial(self._go_on, highest)
        return index_pending(self.db, self._chunk, wait=False, go_on=go_on)

    def _idle(self) -> bool:
        return self._activity.quiet_for() >= self._quiet

    def _go_on(self, highest: int) -> bool:
        """Between chunks: still idle, and nothing accepted since the indexing began."""
        if not self._idle():
            return False
        now = pending(self.db)
        return now is None or now <= highest
