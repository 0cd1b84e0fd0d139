"""What every procedure group offers the desk, whatever its declarations.

The birth interlink is one group; death registration + removal of residence + funeral
allowance is the next (DOMAIN.md §1). The desk stores, indexes and warns through this protocol
only, so adding a group means writing its declaration models, not touching the store. Each
group's declarations also have, per procedure ``p`` of the group, ``delivery.<p>`` (a
:class:`forms.delivery.DeliveryChoice`) and ``agencies.<p>_agency`` (a
:class:`forms.agencies.AgencyRef`): the receipt reads how and where each result is received
through them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from forms.errors import FieldMessage

if TYPE_CHECKING:
    from forms.attachments import Attachments
    from forms.people import RequesterBase


@runtime_checkable
class ProcedureGroup(Protocol):
    """The declarations of one interlinked procedure group."""

    kind: str
    """Discriminator stored in JSON, e.g. ``"birth_interlink"``."""

    @property
    def procedures(self) -> tuple[str, ...]:
        """The procedures this dossier asks for (ids of its group's procedures), in order."""
        ...

    @property
    def requester(self) -> RequesterBase:
        """Who asks: every group's requester is a :class:`forms.people.RequesterBase`, so the
        receipt, verification and the checklist facts read it the same way."""
        ...

    @property
    def attachments(self) -> Attachments:
        """The papers received, by checklist item id."""
        ...

    @property
    def subject_name(self) -> str:
        """The person the dossier is about (the child; the deceased for a death dossier)."""
        ...

    @property
    def requester_name(self) -> str:
        """The person who asks, as declared."""
        ...

    def search_names(self) -> list[str]:
        """Every person's name worth finding the dossier by, NFC as declared, no duplicates."""
        ...

    def id_numbers(self) -> list[str]:
        """Every identity-document number on the declarations, no duplicates."""
        ...

    def notices(self, received_on: date) -> list[FieldMessage]:
        """Warnings that do not block the dossier (late registration, implausible ages)."""
        ...


def unique(values: list[str | None]) -> list[str]:
    """Drop empty values and repeats, keeping the first occurrence's position."""
    return list(dict.fromkeys(v for v in values if v))
