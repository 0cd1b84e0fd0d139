"""Password hashing with Argon2id (RFC 9106), the memory-hard function the library defaults to.

argon2 is imported on first use, so starting the app or a `desk` command does not pay for it
before a password is actually typed. Passwords are NFC-normalised first: the same Vietnamese
password typed through two input methods (composed or combining accents) must match.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from forms.text import nfc

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 8
MAX_LENGTH = 128


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """The encoded Argon2id hash of ``password`` (salt and parameters included)."""
    return _hasher().hash(nfc(password))


def verify_password(encoded: str, password: str) -> bool:
    """Whether ``password`` matches ``encoded``; never raises for a mere mismatch."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(encoded, nfc(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    """Whether ``encoded`` was made with weaker parameters than today's (rehash on sign-in)."""
    return _hasher().check_needs_rehash(encoded)


@cache
def decoy_hash() -> str:
    """A hash to verify against when the username is unknown.

    Verifying anyway makes a wrong username take as long as a wrong password, so timing does
    not tell which accounts exist.
    """
    return hash_password("decoy password, matches nothing typed")
