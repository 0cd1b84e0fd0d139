"""Who is calling: the desk a bearer token names (kept apart so every layer can import it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeskIdentity:
    """A desk of an office (the office is its receiving agency code)."""

    id: int
    """The token's row: a desk that was given a new token has a new id, same office and number."""
    office: str
    desk_number: int
