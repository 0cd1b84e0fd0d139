"""The death interlink's corpora under ``tests/data/`` and validating them through the model.

Entries are shaped like the birth corpora (``tests/data/good_dossiers.json``,
``bad_inputs.json``): whole stored dossiers whose paths start with ``declarations.``, so the
same files serve once the group is registered with the desk's ``Dossier``. Until then the tests
validate the declarations directly through :class:`forms.death_interlink.DeathInterlink`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from forms.death_interlink import DeathInterlink
from forms.errors import FieldMessage, field_errors
from forms.fields import reception_context
from tests.forms.corpus import load, named, patch

RECEIVED = date(2026, 11, 24)
"""The receipt date of every bad entry (and "today" in these tests)."""


def good_dossiers() -> tuple[dict[str, Any], ...]:
    """One good dossier per combination and per benefit branch, and a few more."""
    return load("death_good_dossiers.json")


def bad_inputs() -> tuple[dict[str, Any], ...]:
    """Patches to good dossiers, each with the field and label its error must name."""
    return load("death_bad_inputs.json")


def good(name: str) -> dict[str, Any]:
    """A deep copy of one good dossier's JSON, safe to modify."""
    return named(good_dossiers(), name)


def patched(entry: dict[str, Any]) -> dict[str, Any]:
    """The base dossier of a bad entry with its ``set`` and ``delete`` applied."""
    return patch(good(entry["base"]), entry)


class Refused(Exception):
    """The declarations were refused; ``errors`` have paths relative to the stored dossier."""

    def __init__(self, errors: list[FieldMessage]) -> None:
        super().__init__("\n".join(e.message for e in errors))
        self.errors = errors


def receive(
    dossier: dict[str, Any], received_on: date
) -> tuple[DeathInterlink, list[FieldMessage]]:
    """Validate a stored dossier's declarations as received on ``received_on``, then warn.

    What ``desk_app.dossier.receive`` does for a registered group: every rule with the receipt
    date in the context; errors and warnings addressed from the dossier's root.
    """
    try:
        model = DeathInterlink.model_validate(
            dossier["declarations"], context=reception_context(received_on)
        )
    except ValidationError as exc:
        raise Refused(
            [
                FieldMessage(("declarations", *m.loc), m.label, m.sections, m.hint, m.severity)
                for m in field_errors(exc, DeathInterlink)
            ]
        ) from exc
    notices = [
        FieldMessage(("declarations", *m.loc), m.label, m.sections, m.hint, m.severity)
        for m in model.notices(received_on)
    ]
    return model, notices
