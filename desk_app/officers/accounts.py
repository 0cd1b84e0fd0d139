"""Officer accounts: who may sign in at the desk, with which role, and their lockout state.

Every change to an account is one transaction with its audit event. Passwords exist only as
Argon2id hashes (see :mod:`desk_app.officers.passwords`) and appear in no event and no log.
The name an account signs with is unique (folded), because it is what receipts and the audit
trail carry: "who did this" must always name one person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from desk_app.errors import DeskError
from desk_app.officers import history, texts
from desk_app.officers.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    hash_password,
)
from desk_app.store import Store
from forms.fields import clean_name
from forms.text import TextRejected, fold, nfc

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


class Role(StrEnum):
    """What an account may do: officers receive, look up and hand over; supervisors also
    cancel, read the audit trail and manage accounts."""

    OFFICER = "officer"
    SUPERVISOR = "supervisor"

    @property
    def label(self) -> str:
        """The role as the officer reads it."""
        return texts.ROLE_LABELS[self.value]


class Action(StrEnum):
    """Audit actions about accounts (dossier code empty)."""

    ADDED = "officer.add"
    PASSWORD = "officer.passwd"
    DISABLED = "officer.disable"
    ENABLED = "officer.enable"
    SIGN_IN = "officer.sign_in"
    SIGN_IN_FAILED = "officer.sign_in_failed"
    LOCKED_OUT = "officer.locked_out"
    SIGN_OUT = "officer.sign_out"
    SCREEN_LOCKED = "officer.screen_locked"


class AccountError(DeskError):
    """An account cannot be created or changed as asked; the message names the field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class SignInRefused(DeskError):
    """Wrong credentials, a locked or a disabled account."""


class NotAllowed(DeskError):
    """The signed-in officer's role does not allow this."""


class NotSignedIn(DeskError):
    """Something needs an officer and nobody is signed in."""


@dataclass(frozen=True)
class Officer:
    """One account, without its password hash."""

    username: str
    full_name: str
    role: Role
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    created_at: datetime
    last_sign_in_at: datetime | None

    @property
    def is_supervisor(self) -> bool:
        """Whether this account may cancel, read the audit trail and manage accounts."""
        return self.role is Role.SUPERVISOR

    def locked_at(self, at: datetime) -> bool:
        """Whether a lockout is still running at ``at``."""
        return self.locked_until is not None and at < self.locked_until


_COLUMNS = (
    "username, full_name, role, active, failed_attempts, locked_until, created_at, "
    "last_sign_in_at, password_hash"
)


def _officer(row: tuple[Any, ...]) -> Officer:
    def when(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    created = when(row[6])
    assert created is not None
    return Officer(
        username=row[0],
        full_name=row[1],
        role=Role(row[2]),
        active=bool(row[3]),
        failed_attempts=row[4],
        locked_until=when(row[5]),
        created_at=created,
        last_sign_in_at=when(row[7]),
    )


def read_with_hash(store: Store, username: str) -> tuple[Officer, str] | None:
    """The account ``username`` (already normalised) and its stored hash, or None."""
    found = store.rows(f"SELECT {_COLUMNS} FROM officers WHERE username = ?", (username,))
    return (_officer(found[0]), found[0][-1]) if found else None


def normalise_username(value: str) -> str:
    """What was typed as a username, as stored: trimmed, lower case."""
    return value.strip().lower()


def get(store: Store, username: str) -> Officer | None:
    """The account ``username`` (any case, spaces trimmed), or None."""
    found = read_with_hash(store, normalise_username(username))
    return found[0] if found else None


def all_officers(store: Store) -> list[Officer]:
    """Every account, by username."""
    return [_officer(r) for r in store.rows(f"SELECT {_COLUMNS} FROM officers ORDER BY 1")]


def has_accounts(store: Store) -> bool:
    """Whether any account exists (the first one may be created without signing in)."""
    return bool(store.rows("SELECT 1 FROM officers LIMIT 1"))


def check_full_name(full_name: str) -> str:
    """An officer's full name as stored, or :class:`AccountError` naming the field.

    The same rules as a citizen's name on a declaration (:func:`forms.fields.clean_name`): no
    control characters, ESC sequences or bidi overrides, no invisible or decorative letters, no
    Latin mixed with look-alike Cyrillic or Greek. The name goes on receipts and on every audit
    event, so it must be what it looks like. At least two words: a whole name, not a nickname.
    """
    try:
        name = clean_name(full_name)
    except TextRejected as refused:
        raise AccountError(
            texts.NAME_REFUSED.format(field=texts.FULL_NAME_FIELD, reason=refused.message),
            "full_name",
        ) from None
    if len(name.split()) < 2:
        raise AccountError(texts.NAME_SHAPE.format(field=texts.FULL_NAME_FIELD), "full_name")
    return name


def check_password(password: str, username: str) -> str:
    """The password as it will be hashed, or :class:`AccountError` naming the field."""
    password = nfc(password)
    field = texts.PASSWORD_FIELD
    if len(password) < MIN_LENGTH:
        raise AccountError(texts.PASSWORD_SHORT.format(field=field, min=MIN_LENGTH), "password")
    if len(password) > MAX_LENGTH:
        raise AccountError(texts.PASSWORD_LONG.format(field=field, max=MAX_LENGTH), "password")
    if fold(password) == fold(username):
        raise AccountError(texts.PASSWORD_IS_USERNAME.format(field=field), "password")
    return password


def require_supervisor(officer: Officer | None, what: str) -> Officer:
    """``officer`` if it may do ``what`` (a supervisor's task); :class:`NotAllowed` otherwise."""
    if officer is None:
        raise NotSignedIn(texts.NOT_SIGNED_IN)
    if not officer.is_supervisor:
        raise NotAllowed(texts.SUPERVISOR_ONLY.format(what=what, username=officer.username))
    return officer


def add(
    store: Store,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    *,
    by: Officer | None,
    at: datetime,
    password_hash: str | None = None,
) -> Officer:
    """Create an account; the first one must be a supervisor, later ones need a supervisor.

    ``password_hash`` lets a caller supply a hash made earlier (the demo desk's accounts,
    whose passwords are printed on its sign-in screen anyway); ``password`` is then ignored.
    """
    username = normalise_username(username)
    if not USERNAME_RE.fullmatch(username):
        raise AccountError(
            texts.USERNAME_SHAPE.format(field=texts.USERNAME_FIELD, value=username), "username"
        )
    name = check_full_name(full_name)
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(texts.ROLE_UNKNOWN.format(field=texts.ROLE_FIELD), "role") from None
    if has_accounts(store):
        require_supervisor(by, texts.WHAT_MANAGE)
    elif history.has_held(store):
        raise AccountError(texts.HELD_BEFORE)
    elif role is not Role.SUPERVISOR:
        raise AccountError(texts.FIRST_MUST_SUPERVISE, "role")
    encoded = password_hash or hash_password(check_password(password, username))
    with store.transaction() as db:
        if by is None and history.has_held(store):  # another process made one meanwhile
            raise AccountError(texts.HELD_BEFORE)
        if db.execute("SELECT 1 FROM officers WHERE username = ?", (username,)).fetchone():
            raise AccountError(
                texts.USERNAME_TAKEN.format(field=texts.USERNAME_FIELD, username=username),
                "username",
            )
        same = db.execute(
            "SELECT username, full_name FROM officers WHERE name_key = ?", (fold(name),)
        ).fetchone()
        if same:
            raise AccountError(
                texts.NAME_TAKEN.format(
                    field=texts.FULL_NAME_FIELD, name=same[1], username=same[0]
                ),
                "full_name",
            )
        db.execute(
            "INSERT INTO officers (username, full_name, name_key, role, password_hash, "
            "created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (username, name, fold(name), role.value, encoded, at.isoformat(), at.isoformat()),
        )
        store.record_within(
            db,
            Action.ADDED,
            officer=by.full_name if by else name,
            at=at,
            detail={
                "username": username,
                "role": role.value,
                history.FINGERPRINT: history.password_fingerprint(encoded),
            },
        )
    added = get(store, username)
    assert added is not None
    return added


def _require(store: Store, username: str) -> Officer:
    found = get(store, username)
    if found is None:
        raise AccountError(texts.NO_SUCH.format(username=normalise_username(username)), "username")
    return found


def set_password(
    store: Store, username: str, password: str, *, by: Officer, at: datetime
) -> Officer:
    """Set a new password (one's own, or anyone's for a supervisor); clears any lockout."""
    target = _require(store, username)
    if by.username != target.username and not by.is_supervisor:
        raise NotAllowed(texts.OTHERS_PASSWORD)
    encoded = hash_password(check_password(password, target.username))
    with store.transaction() as db:
        db.execute(
            "UPDATE officers SET password_hash = ?, password_changed_at = ?, "
            "failed_attempts = 0, locked_until = NULL WHERE username = ?",
            (encoded, at.isoformat(), target.username),
        )
        store.record_within(
            db,
            Action.PASSWORD,
            officer=by.full_name,
            at=at,
            detail={
                "username": target.username,
                history.FINGERPRINT: history.password_fingerprint(encoded),
            },
        )
    return _require(store, target.username)


def set_active(store: Store, username: str, active: bool, *, by: Officer, at: datetime) -> Officer:
    """Disable (or enable again) an account: a supervisor's task; never the last supervisor."""
    require_supervisor(by, texts.WHAT_MANAGE)
    target = _require(store, username)
    with store.transaction() as db:
        if not active and target.is_supervisor:
            (others,) = db.execute(
                "SELECT count(*) FROM officers WHERE role = 'supervisor' AND active = 1 "
                "AND username <> ?",
                (target.username,),
            ).fetchone()
            if not others:
                raise AccountError(texts.LAST_SUPERVISOR.format(username=target.username))
        db.execute(
            "UPDATE officers SET active = ?, failed_attempts = 0, locked_until = NULL "
            "WHERE username = ?",
            (int(active), target.username),
        )
        store.record_within(
            db,
            Action.ENABLED if active else Action.DISABLED,
            officer=by.full_name,
            at=at,
            detail={"username": target.username},
        )
    return _require(store, target.username)
