"""What the wizard screen's parts may use of the screen they make up.

:class:`~screens.wizard.screen.WizardScreen` is built from parts kept in their own modules
(keys, page requests, saving, assists) so the screen module holds navigation and the draft.
Each part is a ``Screen[None]`` subclass that reaches attributes and methods the screen or a
sibling part provides. Declaring them once here (annotations only: nothing is set or defined,
so a part can never run on a default by mistake) lets the type checker see every part against
the same screen, without the parts importing the screen module (which imports them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.groups import CopyAssist, GroupDefinition
    from desk_app.groups.pages import Step
    from desk_app.store import DossierRow
    from forms.errors import FieldMessage
    from screens.wizard.form import FormPane
    from screens.wizard.sources import Sources


class WizardHost(Screen[None]):
    """The wizard screen as its parts see it: set in ``WizardScreen.__init__`` or defined by
    the screen or one of its parts."""

    desk: Desk
    group: GroupDefinition
    data: dict[str, Any]
    """The draft: the declarations being received and the wizard's own ``ui`` state."""
    draft_id: int | None
    sources: Sources
    current: str
    """The id of the page on show."""
    saved: DossierRow | None
    """The dossier once saved (None while it is being received)."""
    saved_warnings: list[str]
    """What the officer was warned of when the dossier was saved (shown on the finish page)."""
    saved_note: str | None
    """The finish page's quiet line: the duplicate check could not ask central (None: it did)."""

    visible_steps: Callable[[], list[Step]]
    show_step: Callable[..., Awaitable[None]]
    show_errors: Callable[[FormPane, list[FieldMessage]], bool]
    action_next_page: Callable[[], Awaitable[None]]
    save_draft: Callable[[], None]
    _cancel_save: Callable[[], None]
    _page: Callable[[str], Any]
    copy_assist: Callable[[str], CopyAssist | None]
    copy_page: Callable[[str], Step | None]
