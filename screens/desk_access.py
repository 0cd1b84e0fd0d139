"""The one way a screen reaches the desk the app has open.

A screen sees ``self.app`` as Textual's ``App``, which knows nothing of a desk: the desk lives
on :class:`screens.app.DeskApp`, and is ``None`` until the app's worker has opened it (the
sign-in screen and the home screen are up before that). Reading it through one typed function,
rather than ``getattr(self.app, "desk", None)`` in each screen, keeps ``Desk | None`` visible to
the type checker, makes every caller handle the desk not being open yet, and leaves one place
to change if the app ever holds its desk differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from desk_app.desk import Desk


def current_desk(app: App[Any]) -> Desk | None:
    """The desk ``app`` has open, or ``None`` while it is still opening (or for another app)."""
    # At call time: screens.app imports every screen, so importing it here at load would loop.
    from screens.app import DeskApp

    return app.desk if isinstance(app, DeskApp) else None
