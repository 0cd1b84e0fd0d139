"""Password hashing with Argon2id (RFC 9106), with parameters sized for a counter PC.

The library's default (64 MiB, 3 passes, 4 lanes) puts 64 MiB on top of the running desk for
the one hash at sign-in, which alone took a desk holding a million dossiers past its memory
budget. 46 MiB (OWASP's first Argon2id setting) with 4 passes keeps about the same cost for an
attacker (memory × passes: 184 against 192 MiB-passes per guess) and two lanes keep a sign-in
near 0.1 s on a two-core PC. Hashes made with other parameters still verify, and are replaced
on the next successful sign-in (:func:`needs_rehash`).

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

MEMORY_KIB = 47104
"""Argon2id's working set for one hash (46 MiB), allocated and given back at every sign-in."""
PASSES = 4
LANES = 2
MIN_LENGTH = 8
MAX_LENGTH = 128


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=PASSES, memory_cost=MEMORY_KIB, parallelism=LANES)


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


DECOY_HASH = (
    "$argon2id$v=19$m=47104,t=4,p=2$4cM+80B4qgbm1O0XNJLO3g"
    "$dercGEYEIpE+h6WShAJyGWYj4M7VQkxRFZXg8X0cmaY"
)
"""An Argon2id hash made once with today's parameters; it matches no password worth typing."""


@cache
def decoy_hash() -> str:
    """A hash to verify against when the username is unknown (or its answer is a lockout).

    Verifying anyway makes a wrong username take as long as a wrong password, so timing does
    not tell which accounts exist. The hash is made ahead of time: computing it on first use
    would make the first unknown name of every `desk … --as` process cost two Argon2 runs
    where a known name costs one. Only if the library's parameters have moved (the constant
    would then verify faster or slower than a real account's hash) is one made here.
    """
    return DECOY_HASH if not needs_rehash(DECOY_HASH) else hash_password("decoy, never typed")
