"""Signing in: the password check, the count of wrong tries and the lockout.

Apart from :mod:`desk_app.officers.accounts` (which keeps the accounts themselves) because
this is the part an attacker at the counter works on: every answer here must be the same for
a username with and without an account (:mod:`desk_app.officers.unknown`), in its sentences,
its count and its time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NoReturn

from desk_app.officers import history, texts, unknown
from desk_app.officers.accounts import (
    Action,
    Officer,
    SignInRefused,
    get,
    normalise_username,
    read_with_hash,
)
from desk_app.officers.passwords import decoy_hash, hash_password, needs_rehash, verify_password
from desk_app.store import Store


def _clock(at: datetime) -> str:
    return at.strftime("%H:%M ngày %d/%m/%Y")


def authenticate(
    store: Store,
    username: str,
    password: str,
    *,
    at: datetime,
    max_failures: int,
    lockout: timedelta,
    resume: bool = False,
) -> Officer:
    """The account if ``password`` is right and it may sign in now; :class:`SignInRefused` else.

    ``max_failures`` wrong passwords in a row lock the account for ``lockout`` (no attempt is
    checked while it runs; a new count starts when it ends). A disabled account is named as
    such only to someone who typed its right password. A username without an account gets
    the same answers to the same attempts (:mod:`desk_app.officers.unknown`), so neither the
    sentences nor the time taken tell which accounts exist. Success, failure and lockout are all
    audited; ``resume`` marks a sign-in that unlocks a locked screen. The password is checked
    outside the write transaction (Argon2 takes a tenth of a second) so other writers of the
    database never wait for it.
    """
    name = normalise_username(username)
    found = read_with_hash(store, name)
    if found is None:
        _refuse_unknown(store, name, password, at=at, max_failures=max_failures, lockout=lockout)
    officer, encoded = found
    if officer.locked_at(at):
        assert officer.locked_until is not None
        raise SignInRefused(
            texts.LOCKED.format(username=officer.username, until=_clock(officer.locked_until))
        )
    if not verify_password(encoded, password):
        _failed(store, officer, at=at, max_failures=max_failures, lockout=lockout, resume=resume)
    if not officer.active:
        store.record(
            Action.SIGN_IN_FAILED,
            officer=officer.full_name,
            at=at,
            detail={"username": officer.username, "disabled": True},
        )
        raise SignInRefused(texts.DISABLED.format(username=officer.username))
    fresh = hash_password(password) if needs_rehash(encoded) else None
    with store.transaction() as db:
        db.execute(
            "UPDATE officers SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?, "
            "password_hash = coalesce(?, password_hash) WHERE username = ?",
            (at.isoformat(), fresh, officer.username),
        )
        detail: dict[str, Any] = {"username": officer.username}
        if resume:
            detail["resume"] = True
        if fresh is not None:  # the stored hash changes: the trail says to what
            detail[history.FINGERPRINT] = history.password_fingerprint(fresh)
        store.record_within(db, Action.SIGN_IN, officer=officer.full_name, at=at, detail=detail)
    signed = get(store, officer.username)
    assert signed is not None
    return signed


def _refuse_unknown(
    store: Store, name: str, password: str, *, at: datetime, max_failures: int, lockout: timedelta
) -> NoReturn:
    """Answer a name without an account exactly as an account would be answered: the same
    count, lockout and sentences (see :mod:`desk_app.officers.unknown`), after as much work."""
    shown = unknown.shown(name)
    now = unknown.state(store, name)
    if now.locked_at(at):
        assert now.locked_until is not None
        raise SignInRefused(texts.LOCKED.format(username=shown, until=_clock(now.locked_until)))
    verify_password(decoy_hash(), password)
    count, ends = unknown.count_failure(
        store, name, at=at, max_failures=max_failures, lockout=lockout
    )
    if ends is None:
        raise SignInRefused(texts.WRONG)
    raise SignInRefused(texts.JUST_LOCKED.format(count=count, username=shown, until=_clock(ends)))


def _failed(
    store: Store,
    officer: Officer,
    *,
    at: datetime,
    max_failures: int,
    lockout: timedelta,
    resume: bool = False,
) -> None:
    """Count one wrong password (a new count if a lockout has ended) and raise the refusal.

    Unlocking the screen (``resume``) names the account already, so its refusal speaks of the
    password alone; a sign-in's never says which of the two was wrong.
    """
    with store.transaction() as db:
        (count, until) = db.execute(
            "SELECT failed_attempts, locked_until FROM officers WHERE username = ?",
            (officer.username,),
        ).fetchone()
        if until is not None:  # a lockout has ended since (else we would not be here)
            count = 0
        count += 1
        detail: dict[str, Any] = {"username": officer.username, "attempt": count}
        store.record_within(
            db, Action.SIGN_IN_FAILED, officer=officer.full_name, at=at, detail=detail
        )
        if count < max_failures:
            db.execute(
                "UPDATE officers SET failed_attempts = ?, locked_until = NULL WHERE username = ?",
                (count, officer.username),
            )
            message = (
                texts.WRONG_PASSWORD.format(username=officer.username) if resume else texts.WRONG
            )
        else:
            ends = at + lockout
            db.execute(
                "UPDATE officers SET failed_attempts = 0, locked_until = ? WHERE username = ?",
                (ends.isoformat(), officer.username),
            )
            store.record_within(
                db,
                Action.LOCKED_OUT,
                officer=officer.full_name,
                at=at,
                detail={"username": officer.username, "until": ends.isoformat()},
            )
            message = texts.JUST_LOCKED.format(
                count=count, username=officer.username, until=_clock(ends)
            )
    raise SignInRefused(message)
