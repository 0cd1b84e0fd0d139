"""What the audit trail says about accounts: fingerprints of password hashes, and whether a
database has ever held an account or a dossier.

Two uses:

* ``desk audit verify`` replays the account events of the chain and compares the result with
  the ``officers`` table (:mod:`desk_app.audit_officers`), so a role, an active flag or a
  password hash changed with plain SQL is reported. For the password, each event that sets a
  hash records :func:`password_fingerprint` of it. The fingerprint is SHA-256 of the stored
  Argon2id string (salt and all): it tells whether the stored hash is still the one the event
  set, and nothing about the password (guessing one from it would need the Argon2 salt, which
  is not in the event). Events written before fingerprints existed simply carry none: that
  account's password is then "not yet checkable" until its next password event.
* The first account of a desk needs no sign-in, which is only safe on a database that has
  never held anything. :func:`has_held` says whether it has: an account now, any dossier, or
  an account event or a dossier's event in the trail. A database whose accounts were emptied
  (with SQL, or by putting an empty file in its place) is not "new".

This module imports nothing from :mod:`.accounts` (which imports it); the action names below
are the values of :class:`desk_app.officers.accounts.Action` (a test keeps them equal).
"""

from __future__ import annotations

import hashlib

from desk_app.store import Store

ADDED = "officer.add"
PASSWORD = "officer.passwd"
DISABLED = "officer.disable"
ENABLED = "officer.enable"
SIGN_IN = "officer.sign_in"

ACCOUNT_EVENTS = (ADDED, PASSWORD, DISABLED, ENABLED, SIGN_IN)
"""Events that create or change an account, or prove one existed (a successful sign-in).

A failed sign-in is not among them: anyone can type a name at an empty desk's sign-in screen.
"""

FINGERPRINT = "password"
"""The key of an event's detail that holds :func:`password_fingerprint` of the hash it set."""


def password_fingerprint(encoded: str) -> str:
    """SHA-256 (hex) of a stored password hash: what account events record of it."""
    return hashlib.sha256(encoded.encode()).hexdigest()


def has_held(store: Store) -> bool:
    """Whether this database holds or has ever held an account or a dossier."""
    marks = ", ".join("?" * len(ACCOUNT_EVENTS))
    (held,) = store.rows(
        "SELECT EXISTS (SELECT 1 FROM officers) OR EXISTS (SELECT 1 FROM dossiers) "
        f"OR EXISTS (SELECT 1 FROM audit WHERE action IN ({marks}) OR dossier_code IS NOT NULL)",
        ACCOUNT_EVENTS,
    )[0]
    return bool(held)
