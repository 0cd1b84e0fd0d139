"""The deciding agencies' tokens: who may act as an agency, and for which office.

An agency token names a *role* — the deciding agency as the groups' data name it
(``people_committee``, ``police``, ``social_insurance``, ``home_affairs``) — and optionally an
office (a receiving agency code): without one, the agency serves every office of the province
(one social-insurance branch decides for many communes). As for the desks' tokens, central
keeps only the SHA-256; the token itself exists in clear once, when it is issued. A token
opens only the agency endpoints (``/v1/agency/…``); a desk's token does not open them, nor an
agency's the desks'.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from central.db import Database

__all__ = ["AgencyIdentity", "AgencyTokenRow", "known_roles"]


@dataclass(frozen=True)
class AgencyIdentity:
    """The agency a bearer token names."""

    id: int
    """The token's row (idempotency keys are kept per token)."""
    role: str
    office: str | None
    """The office it acts for, or None: every office."""


@dataclass(frozen=True)
class AgencyTokenRow:
    """One agency token as the operator sees it: never the token, only its digest's start."""

    id: int
    role: str
    office: str | None
    created_at: str
    revoked: bool
    fingerprint: str


def known_roles() -> tuple[str, ...]:
    """Every deciding role the registered groups' data name (procedures, benefit branches)."""
    from desk_app import groups

    found: set[str] = set()
    for group in groups.registered():
        found.update(_roles_in(group.data))
    return tuple(sorted(found))


def _roles_in(value: Any) -> Iterable[str]:
    """Every ``agency_role`` value anywhere in a group's data."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "agency_role" and isinstance(item, str):
                yield item
            else:
                yield from _roles_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _roles_in(item)


def issue(db: Database, role: str, office: str | None, at: str) -> str:
    """Register a new token for ``role`` (of ``office``, or every office); the token."""
    from central.store import token_digest

    token = secrets.token_urlsafe(32)
    with db.write() as tx:
        tx.run(
            "INSERT INTO agency_tokens (role, office, token_sha256, created_at) "
            "VALUES (:role, :office, :sha, :at)",
            {"role": role, "office": office, "sha": token_digest(token), "at": at},
        )
    return token


def listed(db: Database) -> list[AgencyTokenRow]:
    """Every agency token ever issued, oldest first."""
    with db.read() as tx:
        rows = tx.all(
            "SELECT id, role, office, created_at, revoked, token_sha256 FROM agency_tokens "
            "ORDER BY id"
        )
    return [AgencyTokenRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5][:12]) for r in rows]


def revoke(db: Database, token_id: int) -> int:
    """Revoke one agency token by its number; how many changed (0 or 1)."""
    with db.write() as tx:
        return tx.run(
            "UPDATE agency_tokens SET revoked = 1 WHERE id = :id AND revoked = 0", {"id": token_id}
        )


def lookup(db: Database, digest: str) -> AgencyIdentity | None:
    """The agency whose token has SHA-256 ``digest``, or None (unknown or revoked)."""
    with db.read() as tx:
        row = tx.one(
            "SELECT id, role, office FROM agency_tokens WHERE token_sha256 = :sha AND revoked = 0",
            {"sha": digest},
        )
    return AgencyIdentity(int(row[0]), row[1], row[2]) if row else None
