"""What an officer chose for their own screen (the theme), remembered per account.

Kept in the desk's key/value table ``sync_state`` under ``officer.theme:<username>`` until the
officers table has a column for it: a preference is not an account fact the audit trail
checks, and this needs no migration. Only this module knows where it lives.
"""

from __future__ import annotations

from desk_app.store import Store

KEY = "officer.theme:{username}"
MAX_LENGTH = 64
"""A theme name is short; anything longer is not one of ours and is not stored."""


def officer_theme(store: Store, username: str) -> str | None:
    """The theme ``username`` last chose, or None."""
    rows = store.rows(
        "SELECT value FROM sync_state WHERE key = ?", (KEY.format(username=username),)
    )
    return str(rows[0][0]) if rows else None


def remember_theme(store: Store, username: str, theme: str) -> None:
    """Remember ``theme`` for ``username`` (one small transaction)."""
    if not theme or len(theme) > MAX_LENGTH:
        raise ValueError(theme)
    with store.transaction():
        store.conn.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (KEY.format(username=username), theme),
        )
