"""The officer's side of a dossier set aside from sync: see why, and send it again once fixed.

What the dossier view and `desk sync` show comes from :mod:`desk_app.store.sync_held`; this is
the one action: put the dossier back into the outbox. A dossier held because its content no
longer matches the hash recorded at reception (the database file was edited) is the
supervisor's to release, after checking the paper dossier; the others any signed-in officer
may release once the cause is fixed (the scan restored, central's problem solved). Either way
the next round checks the dossier again from scratch and holds it again if nothing changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.store.sync_held import TEXT as HELD_TEXT
from desk_app.store.sync_held import HeldDossier, NotHeld, held_of, release

if TYPE_CHECKING:
    from desk_app.desk import Desk

WHAT_RELEASE_TAMPERED = "cho gửi lại hồ sơ có nội dung không khớp nhật ký"
"""The supervisor's task, as the refusal names it."""


def retry_refusal(desk: Desk, code: str) -> str | None:
    """Why the signed-in officer may not send ``code`` again now, or None (screens ask first)."""
    from desk_app.errors import DeskError

    try:
        _check(desk, code)
    except DeskError as exc:
        return exc.message
    return None


def retry_held(desk: Desk, code: str) -> HeldDossier:
    """Put the held dossier ``code`` back into the outbox, audited under the signed-in officer.

    Raises :class:`NotHeld` when it is not set aside, and the officers' ``NotAllowed`` when a
    dossier held for tampering is released by someone who is not a supervisor.
    """
    officer = _check(desk, code)
    return release(desk.store, code, officer=officer, at=desk.clock())


def _check(desk: Desk, code: str) -> str:
    officer = desk.require_officer()
    found = held_of(desk.store, code)
    if found is None:
        raise NotHeld(HELD_TEXT["not_held"].format(code=code))
    if found.kind == "tampered":
        return desk.require_supervisor(WHAT_RELEASE_TAMPERED).full_name
    return officer.full_name
