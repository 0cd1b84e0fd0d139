"""How many wrong tries the public status page allows: per client and per dossier code.

A lookup code has 32⁶ ≈ 10⁹ values, so guessing is only hopeless if guesses are few: at most
:attr:`Limits.wrong` wrong tries in :attr:`Limits.window` seconds from one client (one IPv4
address, or one IPv6 /64 — what one household or phone gets), and as many at one dossier code
from everyone together (an attacker with many addresses still gets ten guesses a minute at a
dossier). Once either is spent, every try of that client or at that code is answered "try again
later" *before* its codes are compared, the right ones too: otherwise the page would go on
answering guesses. A right answer is never blocked by other clients' wrong tries at other
dossiers, since those count against their own client and their own code only.

Unknown codes count exactly like wrong lookup codes (per code as well): if they did not, the
limit page appearing for one code and not for another would tell which dossiers exist.

The tries are counted **in central's database** (table ``public_tries``, schema migration
SQLite 4 / PostgreSQL 3), not in the process: a province runs several central processes on one
PostgreSQL database behind a load balancer, and an in-process count would give an attacker
ten tries per process, and forget them at every restart. Deciding is one write transaction
holding the client's lock and then the code's (PostgreSQL advisory locks, always in that order,
so two deciders never wait on each other in a circle; SQLite has one writer anyway): the
count, the comparison's verdict and the new try are one step, so a burst of concurrent guesses
cannot all slip past the count before any of them is recorded. The client and code are kept
as (unsalted) SHA-256 prefixes, not as addresses: the table is for counting, not for reading.
Rows older than the window are deleted as new wrong tries come in.

Behind a reverse proxy the client address is the proxy's unless central's server is told to
trust its ``X-Forwarded-For`` (uvicorn reads ``FORWARDED_ALLOW_IPS`` from the environment;
docs/central-operations.md).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass

from central.db import Database

WRONG_TRIES = 10
"""Wrong tries allowed per client, and per dossier code, within :data:`WINDOW` seconds."""
WINDOW = 60.0


@dataclass(frozen=True)
class Limits:
    """The page's limits: ``wrong`` wrong tries within ``window`` seconds, per key."""

    wrong: int = WRONG_TRIES
    window: float = WINDOW


@dataclass(frozen=True)
class Verdict:
    """What the page may answer: ``found`` (the codes matched), else not found; or, when
    ``retry_after`` is set, only "try again in that many seconds"."""

    found: bool
    retry_after: int | None = None


def client_key(host: str | None) -> str:
    """The key a client's tries are counted under: its IPv4 address or its IPv6 /64."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return _key("client", host or "-")
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d is the IPv4 client a.b.c.d
            return _key("client", str(address.ipv4_mapped))
        return _key("client", str(ipaddress.ip_network(f"{address}/64", strict=False)))
    return _key("client", str(address))


def code_key(code: str) -> str:
    """The key a dossier code's tries are counted under (the code as normalised)."""
    return _key("code", code)


def _key(scope: str, value: str) -> str:
    return hashlib.sha256(f"{scope}\n{value}".encode()).hexdigest()[:32]


def decide(
    db: Database, client: str, code: str, matched: bool, now: float, limits: Limits
) -> Verdict:
    """Judge one try: limited (nothing else said), found, or not found (and counted).

    ``client`` and ``code`` are keys from :func:`client_key` and :func:`code_key`;
    ``matched`` is whether the codes given match a dossier, worked out beforehand and revealed
    only through the verdict this returns; ``now`` is central's clock in epoch seconds.
    """
    since = now - limits.window
    with db.write() as tx:
        db.lock(tx, f"central:public:{client}")
        db.lock(tx, f"central:public:{code}")
        rows = tx.all(
            "SELECT count(*), min(at) FROM public_tries WHERE scope = 'client' "
            "AND key = :client AND at > :since UNION ALL "
            "SELECT count(*), min(at) FROM public_tries WHERE scope = 'code' "
            "AND key = :code AND at > :since",
            {"client": client, "code": code, "since": since},
        )
        waits = [
            float(oldest) + limits.window - now
            for count, oldest in rows
            if int(count) >= limits.wrong and oldest is not None
        ]
        if waits:
            return Verdict(found=False, retry_after=max(1, math.ceil(max(waits))))
        if matched:
            return Verdict(found=True)
        tx.run("DELETE FROM public_tries WHERE at <= :since", {"since": since})
        tx.run(
            "INSERT INTO public_tries (scope, key, at) VALUES ('client', :client, :now), "
            "('code', :code, :now)",
            {"client": client, "code": code, "now": now},
        )
    return Verdict(found=False)
