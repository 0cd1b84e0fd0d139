"""What every procedure group offers the desk, whatever its declarations.

The birth interlink is one group; death registration + removal of residence + funeral
allowance is the next (DOMAIN.md §1). The desk stores, indexes and warns through this protocol
only, so adding a group means writing its declaration models, not touching the store.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable

from forms.choices import Procedure
from forms.errors import FieldMessage


@runtime_checkable
class ProcedureGroup(Protocol):
    """The declarations of one interlinked procedure group."""

    kind: str
    """Discriminator stored in JSON, e.g. ``"birth_interlink"``."""

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """The procedures this dossier asks for, in the order they are decided."""
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
