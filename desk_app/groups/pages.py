"""What each page of a group's wizard asks, as data: paths into the dossier and editor kinds.

Pure data, no screen: a group's definition lists its pages here, the wizard builds editors from
them and tests check them against the group's models. Labels and help texts are not repeated:
they come from the ``forms`` models' field metadata (``title``/``description``) through
:func:`forms.errors.describe`, so adding a field is one line in a page list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from desk_app.drafting import get_in
from forms.choices import Delivery

Path = tuple[str | int, ...]
Kind = Literal["text", "date", "choice", "province", "commune", "bool", "int", "agency"]
Draft = Mapping[str, Any]


@dataclass(frozen=True)
class FieldSpec:
    """One editor on a page."""

    path: Path
    """Path under ``declarations``; for ``ui`` fields, a key of the draft's ``ui`` part."""
    kind: Kind = "text"
    source: str | None = None
    """Option source of a choice: an option-list id, or "sex", "id_kind", "ethnic", ...;
    for an agency picker, the procedure whose deciding agency it picks."""
    province: Path | None = None
    """For a commune picker: the path of the province it is restricted to; for a health
    facility picker: the path of the commune whose facilities it offers."""
    show: Callable[[Draft], bool] | None = None
    """Shown only when this holds for the draft."""
    label: str | None = None
    """Only for fields that no model describes (``ui`` fields)."""
    ui: bool = False
    """Kept in the draft for the screen (e.g. a province picked to narrow communes)."""
    ask: bool = False
    """Enter stops here when empty even though the model lets it be empty."""
    heading: bool = False
    """Above this field, the title of the part it belongs to (the model's), e.g. which
    procedure's result a delivery method is for, where several parts share field labels."""


@dataclass(frozen=True)
class Step:
    """One page of the wizard."""

    id: str
    title: str
    portal_step: int
    """Which of the portal's six steps this page belongs to (shown in the step bar)."""
    fields: tuple[FieldSpec, ...] = ()
    model_path: Path | None = None
    """The declaration this page fills, validated on leaving it."""
    kind: Literal["form", "review", "attachments", "finish"] = "form"
    show: Callable[[Draft], bool] | None = None
    keys: tuple[str, ...] = field(default_factory=tuple)
    """Ids (without the ``wizard.`` prefix) of the assist keys that work on this page."""
    note: str = ""
    """A line under the page saying which assist keys it offers, when it has any."""
    short: str = ""
    """The page's name in a few letters (the drafts list's "left at" column); its title if
    empty."""


PORTAL_STEPS = ("Cơ quan", "Tờ khai", "Xem lại", "Giấy tờ", "Nhận kết quả", "Hoàn tất")
"""The portal's six steps (DOMAIN.md §3), for the step bar."""

# -- building blocks every group's pages share ---------------------------------------------------


def decl(*path: str | int) -> Callable[[Draft], Any]:
    """A reader of the draft's declaration at ``path``."""
    return lambda d: get_in(d, ("declarations", *path))


def equals(path: Path, value: str) -> Callable[[Draft], bool]:
    """Whether the declaration at ``path`` holds ``value`` (a ``show`` condition)."""
    return lambda d: get_in(d, ("declarations", *path)) == value


def address(base: Path) -> tuple[FieldSpec, ...]:
    """Province, commune (within it) and detail of the address at ``base``."""
    return (
        FieldSpec((*base, "province_code"), "province"),
        FieldSpec((*base, "commune_code"), "commune", province=(*base, "province_code")),
        FieldSpec((*base, "detail")),
    )


def person_id(base: Path) -> tuple[FieldSpec, ...]:
    """The kind and number of a person's identity document."""
    return (
        FieldSpec((*base, "id_document", "kind"), "choice", source="id_kind"),
        FieldSpec((*base, "id_document", "number"), ask=True),
    )


def delivery(procedure: str) -> tuple[FieldSpec, ...]:
    """How the result of ``procedure`` is received, with the address or email it needs."""
    base: Path = ("delivery", procedure)
    postal = equals((*base, "method"), Delivery.POSTAL.value)
    return (
        FieldSpec((*base, "method"), "choice", source=f"delivery:{procedure}", heading=True),
        *(
            FieldSpec(f.path, f.kind, province=f.province, show=postal)
            for f in address((*base, "address"))
        ),
        FieldSpec(
            (*base, "email"), show=equals((*base, "method"), Delivery.ELECTRONIC.value), ask=True
        ),
    )


def requester_page(
    *,
    show_authorised: Callable[[Draft], bool] | None = None,
    keys: tuple[str, ...] = (),
    relations: str = "relation",
    extra: tuple[FieldSpec, ...] = (),
) -> Step:
    """The requester's page, the same in every group; ``show_authorised`` says when "acting
    under authorisation" is asked, ``relations`` names the option list of the relation (to the
    child, to the deceased) and ``extra`` are the group's own fields after it."""
    from forms.choices import Relation

    return Step(
        "requester",
        "Người yêu cầu",
        2,
        (
            FieldSpec(("requester", "full_name")),
            FieldSpec(("requester", "date_of_birth"), "date"),
            FieldSpec(("requester", "sex"), "choice", source="sex"),
            *person_id(("requester",)),
            FieldSpec(("requester", "id_document", "issued_on"), "date"),
            FieldSpec(("requester", "id_document", "issued_by")),
            FieldSpec(("requester", "residence", "address", "legacy_text")),
            *address(("requester", "residence", "address")),
            FieldSpec(("requester", "relation"), "choice", source=relations),
            FieldSpec(
                ("requester", "relation_other"),
                show=equals(("requester", "relation"), Relation.OTHER.value),
                ask=True,
            ),
            *extra,
            FieldSpec(("requester", "authorised"), "bool", show=show_authorised),
            FieldSpec(("requester", "phone")),
            FieldSpec(("requester", "email")),
        ),
        model_path=("requester",),
        keys=keys,
        short="Người yêu cầu",
    )


REVIEW = Step("review", "Xem lại tờ khai", 3, kind="review", short="Xem lại")
ATTACHMENTS = Step("attachments", "Giấy tờ đính kèm", 4, kind="attachments", short="Giấy tờ")
FINISH = Step("finish", "Hoàn tất", 6, kind="finish")
"""The pages every group ends with (with its delivery page between attachments and finish)."""
