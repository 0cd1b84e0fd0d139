"""What the wizard's pages and workers tell the wizard screen: attributes down, messages up.

A page (review, attachments, finish) never holds its screen: it shows what the screen hands
it and posts one of these when the officer acts; the screen, alone, changes the draft, saves
it and changes page. The workers of the screen (saving, verifying) post their result the same
way instead of calling back into it, so a result that arrives after the screen has gone is
simply dropped. The form's editors post :class:`screens.wizard.editors.Edited` and
:class:`screens.wizard.editors.Advance`, kept beside the editors.

Tests observe the wizard through these (``app.run_test(message_hook=...)``), as the officer
observes it through what the pages then show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from desk_app.duplicates import Check
    from desk_app.store import DossierRow
    from desk_app.sync.verify import Verification
    from forms.errors import FieldMessage

Loc = tuple[str | int, ...]


# -- from the pages -------------------------------------------------------------------------------


class NextPage(Message):
    """The officer is done with this page: the screen checks it and goes on if it may."""


@dataclass
class JumpTo(Message):
    """Go to page ``step_id`` (the review page's number keys), focusing ``loc`` if given."""

    step_id: str
    loc: Loc | None = None


@dataclass
class AttachmentsChanged(Message):
    """The checklist's entries as the officer has just left them (received, copies, seen,
    files): the screen writes them into the draft and saves it."""

    items: list[dict[str, Any]]
    """Every entry of the checklist, in the draft's shape (``item``, ``copies``, ``files``,
    ``original_sighted``)."""
    scans: dict[str, str] = field(default_factory=dict)
    """Files just attached: hash → where they were picked in the scanner's folder (they leave
    it once the dossier is saved)."""


@dataclass
class PrintReceipt(Message):
    """Print the receipt of the saved dossier ``code`` (rendered from the store)."""

    code: str


@dataclass
class Finished(Message):
    """The officer is done with the saved dossier: leave the wizard; ``new_dossier``: start
    the next one at once."""

    new_dossier: bool = False


# -- from the workers -----------------------------------------------------------------------------


@dataclass
class Received(Message):
    """The dossier is saved under a code; ``warnings`` are what the officer must be told;
    ``note`` what the finish page says quietly (the duplicate check was this desk's only)."""

    saved: DossierRow
    warnings: list[str]
    note: str | None = None


@dataclass
class Refused(Message):
    """The whole-dossier check refused the dossier: the errors, placed by field."""

    errors: list[FieldMessage]


@dataclass
class Verified(Message):
    """The population database's answer about the requester."""

    answer: Verification


@dataclass
class FileStored(Message):
    """A scanned file was copied into the attachment store (``sha256``) for checklist item
    ``item_id``; ``source`` is where it was picked."""

    item_id: str
    sha256: str
    source: Path


@dataclass
class FileRefused(Message):
    """A scanned file could not be attached: what to tell the officer."""

    message: str


@dataclass
class DuplicateFound(Message):
    """Saving found dossiers of the office about the same person: nothing is saved until a
    supervisor confirms (:class:`screens.dialogs.duplicate.DuplicateDialog`)."""

    check: Check
