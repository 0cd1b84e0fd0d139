"""Errors a person can cause or fix, each carrying a Vietnamese message for the officer.

Anything raised as a :class:`DeskError` is shown as its message, never as a traceback:
the CLI prints it and exits 2, the screens put it next to the field or in a notification.
"""

from __future__ import annotations


class DeskError(Exception):
    """Base of every error whose message is meant for the officer (Vietnamese)."""

    @property
    def message(self) -> str:
        """The text to show."""
        return str(self)


class ConfigError(DeskError):
    """desk.toml (or a DESK_ environment variable) is malformed or says something invalid."""


class StoreError(DeskError):
    """The database cannot be opened, migrated or written as asked."""


class IllegalTransition(DeskError):
    """A lifecycle event that the dossier's current status does not allow."""


class NotFound(DeskError):
    """No dossier (or draft) with the given code or id."""
