"""Sign-in attempts with a username that has no account, answered like attempts on a real one.

If only real accounts ever answered "tạm khóa", anyone at the counter could learn which
usernames exist by typing a name five times. So a name without an account keeps a count of
wrong tries too, and is "locked" after as many, for as long, with the same sentences, as an
account would be: the answers to a sequence of attempts are the same whether the name exists
or not (the password is checked against a decoy hash meanwhile, so the time is the same too).

The count lives in the audit trail, which records every failed sign-in anyway (no table of its
own: the schema moves only through migrations). An event names the typed text only by a short
keyed fingerprint, because what is typed into the username field is sometimes a password:

- *short* (16 bits): a fingerprint of a mistyped password read from the database file says
  almost nothing about it, whereas a full hash could be brute-forced offline;
- *keyed* with a secret the desk already holds (the password hash of its oldest account): no
  one at the counter can compute fingerprints, so no one can pick two names that share a count
  and use that to tell an unknown name from a known one. Should that hash change (its officer
  sets a new password), unknown names simply start new counts.

Only the most recent :data:`WINDOW` events are read, so the cost of a sign-in does not grow
with the trail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from desk_app.store import Store

UNKNOWN_ACTOR = "—"
"""Who the audit trail names for a sign-in attempt with a username that has no account."""

FAILED = "officer.sign_in_failed"
LOCKED_OUT = "officer.locked_out"
"""The audit actions of :class:`desk_app.officers.accounts.Action` this module writes."""

WINDOW = 50_000
"""How many of the latest audit events are read for an unknown name's count (months of work)."""

SHOWN = 32
"""Longest username shown in a message (an account's username is at most 32 characters)."""


@dataclass(frozen=True)
class UnknownState:
    """An unknown name's running count of wrong tries, and the end of its lockout if any."""

    fingerprint: str
    failures: int
    locked_until: datetime | None

    def locked_at(self, at: datetime) -> bool:
        """Whether a lockout is still running at ``at``."""
        return self.locked_until is not None and at < self.locked_until


def shown(name: str) -> str:
    """The typed name as a message repeats it: never longer than a real username, and with
    no control or invisible character (an ESC sequence typed as a name is shown as ``?``)."""
    name = "".join("?" if unicodedata.category(c) in _HIDDEN else c for c in name)
    return name if len(name) <= SHOWN else name[: SHOWN - 1] + "…"


_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def fingerprint(store: Store, name: str) -> str:
    """Four hex digits of HMAC-SHA256(oldest account's password hash, name)."""
    found = store.rows("SELECT password_hash FROM officers ORDER BY created_at, username LIMIT 1")
    key = (found[0][0] if found else "").encode()
    return hmac.new(key, name.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:4]


def _state(rows: list[tuple[Any, ...]], print_: str) -> UnknownState:
    """Walk the name's events newest first: wrong tries since its last lockout, and that lockout."""
    failures = 0
    for action, detail in rows:
        if action == LOCKED_OUT:
            return UnknownState(
                print_, failures, datetime.fromisoformat(json.loads(detail)["until"])
            )
        failures += 1
    return UnknownState(print_, failures, None)


_EVENTS = (
    "SELECT action, detail FROM audit WHERE id > (SELECT coalesce(max(id), 0) FROM audit) - ? "
    "AND officer = ? AND action IN (?, ?) AND json_extract(detail, '$.name') = ? "
    "ORDER BY id DESC"
)


def state(store: Store, name: str) -> UnknownState:
    """Where the unknown ``name`` stands now (read outside any transaction)."""
    print_ = fingerprint(store, name)
    rows = store.rows(_EVENTS, (WINDOW, UNKNOWN_ACTOR, FAILED, LOCKED_OUT, print_))
    return _state(rows, print_)


def count_failure(
    store: Store, name: str, *, at: datetime, max_failures: int, lockout: timedelta
) -> tuple[int, datetime | None]:
    """Record one wrong try for the unknown ``name``; the try's number, and the lockout's end
    when this try starts one (as :func:`desk_app.officers.sign_in._failed` does for accounts).
    """
    print_ = fingerprint(store, name)
    with store.transaction() as db:
        rows = db.execute(_EVENTS, (WINDOW, UNKNOWN_ACTOR, FAILED, LOCKED_OUT, print_)).fetchall()
        count = _state(rows, print_).failures + 1
        detail: dict[str, Any] = {"known": False, "name": print_, "attempt": count}
        store.record_within(db, FAILED, officer=UNKNOWN_ACTOR, at=at, detail=detail)
        if count < max_failures:
            return count, None
        ends = at + lockout
        store.record_within(
            db,
            LOCKED_OUT,
            officer=UNKNOWN_ACTOR,
            at=at,
            detail={"known": False, "name": print_, "until": ends.isoformat()},
        )
    return count, ends
