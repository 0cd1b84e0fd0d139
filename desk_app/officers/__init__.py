"""Officer accounts, roles and signing in; see :mod:`desk_app.officers.accounts`."""

from __future__ import annotations

from desk_app.officers.accounts import (
    AccountError,
    Action,
    NotAllowed,
    NotSignedIn,
    Officer,
    Role,
    SignInRefused,
    add,
    all_officers,
    get,
    has_accounts,
    require_supervisor,
    set_active,
    set_password,
)
from desk_app.officers.sign_in import authenticate

__all__ = [
    "AccountError",
    "Action",
    "NotAllowed",
    "NotSignedIn",
    "Officer",
    "Role",
    "SignInRefused",
    "add",
    "all_officers",
    "authenticate",
    "get",
    "has_accounts",
    "require_supervisor",
    "set_active",
    "set_password",
]
