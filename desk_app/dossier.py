"""The dossier the desk stores: declarations of one procedure group plus a schema version.

``forms`` defines what is declared; this module is the envelope the store saves as JSON and
indexes (names, ID numbers). Receipt-time rules (child under 6, no future date) need the receipt
date, so they run through :func:`receive`; loading a stored dossier later validates its shape and
cross-field rules only, so a child who has since turned 6 does not make an old dossier unreadable.

The declarations are those of one registered procedure group (:mod:`desk_app.groups`): a union
of the registered groups' models told apart by ``kind``, rebuilt whenever a group registers, so a
group added later (a test's toy group) is validated like the shipped ones and nothing here changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Final, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from desk_app import groups
from forms.errors import ENVELOPE, FieldMessage, fail, field_errors
from forms.fields import reception_context
from forms.group import ProcedureGroup

SCHEMA_VERSION: Final = 1
"""Version of the stored JSON; bump it with a migration in :data:`MIGRATIONS`."""

MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}
"""``MIGRATIONS[n]`` turns stored JSON of version ``n`` into version ``n + 1``."""


def declarations_type() -> Any:
    """The registered groups' models: one model alone, or a union told apart by ``kind``."""
    models = tuple(g.model for g in groups.registered())
    if len(models) == 1:
        return models[0]
    return Annotated[Union[models], Field(discriminator="kind")]  # noqa: UP007


if TYPE_CHECKING:
    Declarations = ProcedureGroup
else:
    Declarations = declarations_type()


class Dossier(BaseModel):
    """One interlinked dossier as the store saves it."""

    model_config = ConfigDict(extra="forbid", title="Hồ sơ")

    schema_version: int = Field(
        SCHEMA_VERSION, title="Phiên bản dữ liệu", description="Phiên bản cấu trúc dữ liệu hồ sơ."
    )
    declarations: Declarations = Field(
        title="Tờ khai",
        description="Toàn bộ nội dung kê khai của nhóm thủ tục.",
        json_schema_extra=ENVELOPE,
    )

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        inner = data.get("declarations")
        if isinstance(inner, dict) and "kind" not in inner:
            # Stored before declarations named their group: the desk's first group.
            data = {**data, "declarations": {**inner, "kind": groups.LEGACY_KIND}}
        version = data.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            return data  # pydantic reports the type
        if version > SCHEMA_VERSION:
            raise fail("schema_newer", found=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION and version not in MIGRATIONS:
            raise fail("schema_unknown", found=version, supported=SCHEMA_VERSION)
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
            data = {**data, "schema_version": version}
        return data

    @property
    def kind(self) -> str:
        """Which procedure group this dossier belongs to."""
        return self.declarations.kind

    @property
    def group(self) -> groups.GroupDefinition:
        """The definition of this dossier's procedure group."""
        return groups.get(self.kind)

    @property
    def procedures(self) -> tuple[str, ...]:
        """The procedures asked for (ids of the group's procedures), in order."""
        return tuple(str(p) for p in self.declarations.procedures)

    @property
    def requester_name(self) -> str:
        """The requester's name, NFC as declared (what the receipt says "received from")."""
        return self.declarations.requester_name

    @property
    def subject_name(self) -> str:
        """The name of the person the dossier is about (the group's subject)."""
        return self.declarations.subject_name

    def search_names(self) -> list[str]:
        """Names the store indexes: every person the group's declarations name."""
        return self.declarations.search_names()

    def id_numbers(self) -> list[str]:
        """ID numbers the store indexes: every identity document the declarations name."""
        return self.declarations.id_numbers()

    def notices(self, received_on: date) -> list[FieldMessage]:
        """Warnings for the officer that do not block saving (paths relative to the dossier)."""
        return [
            FieldMessage(("declarations", *m.loc), m.label, m.sections, m.hint, m.severity)
            for m in self.declarations.notices(received_on)
        ]


def _follow_registry() -> None:
    """A group registered or removed: the declarations become the new set's union."""
    Dossier.model_fields["declarations"].annotation = declarations_type()
    Dossier.model_rebuild(force=True)


groups.on_change(_follow_registry)


class DossierRejected(Exception):
    """A dossier that cannot be received; ``errors`` are ready to place next to fields."""

    def __init__(self, errors: list[FieldMessage]) -> None:
        super().__init__("\n".join(e.message for e in errors))
        self.errors = errors


def receive(data: Any, received_on: date) -> tuple[Dossier, list[FieldMessage]]:
    """Validate a dossier as received on ``received_on``: every rule, then the warnings.

    Raises :class:`DossierRejected` with Vietnamese messages naming each faulty field.
    """
    try:
        dossier = Dossier.model_validate(data, context=reception_context(received_on))
    except ValidationError as exc:
        raise DossierRejected(field_errors(exc, Dossier)) from exc
    return dossier, dossier.notices(received_on)
