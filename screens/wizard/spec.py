"""What each step of the wizard asks, as data: paths into the dossier and the kind of editor.

Labels and help texts are not repeated here: they come from the ``forms`` models' field
metadata (``title``/``description``) through :func:`forms.errors.describe`. Adding a field
is one line here; adding a procedure group is another list of steps over its own model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from desk_app.drafting import asks_authorisation, asks_home_owner, get_in, parents_of
from forms.choices import Delivery, Relation

Path = tuple[str | int, ...]
Kind = Literal["text", "date", "choice", "province", "commune", "bool", "int", "agency"]
Draft = Mapping[str, Any]


@dataclass(frozen=True)
class FieldSpec:
    """One editor on a step."""

    path: Path
    """Path under ``declarations``; for ``ui`` fields, a key of the draft's ``ui`` part."""
    kind: Kind = "text"
    source: str | None = None
    """Option source of a choice: an option-list id, or "sex", "id_kind", "ethnic", ..."""
    province: Path | None = None
    """For a commune picker: the path of the province it is restricted to."""
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


def _decl(*path: str | int) -> Callable[[Draft], Any]:
    return lambda d: get_in(d, ("declarations", *path))


def _is(path: Path, value: str) -> Callable[[Draft], bool]:
    return lambda d: get_in(d, ("declarations", *path)) == value


def _address(base: Path) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec((*base, "province_code"), "province"),
        FieldSpec((*base, "commune_code"), "commune", province=(*base, "province_code")),
        FieldSpec((*base, "detail")),
    )


def _person_id(base: Path) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec((*base, "id_document", "kind"), "choice", source="id_kind"),
        FieldSpec((*base, "id_document", "number"), ask=True),
    )


def _has_mother(d: Draft) -> bool:
    return parents_of(d)[0]


def _has_father(d: Draft) -> bool:
    return parents_of(d)[1]


def _delivery(procedure: str) -> tuple[FieldSpec, ...]:
    base: Path = ("delivery", procedure)
    postal = _is((*base, "method"), Delivery.POSTAL.value)
    return (
        FieldSpec((*base, "method"), "choice", source=f"delivery:{procedure}", heading=True),
        *(
            FieldSpec(f.path, f.kind, province=f.province, show=postal)
            for f in _address((*base, "address"))
        ),
        FieldSpec(
            (*base, "email"), show=_is((*base, "method"), Delivery.ELECTRONIC.value), ask=True
        ),
    )


def _parent(name: str) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec((name, "full_name")),
        FieldSpec((name, "date_of_birth"), "date", ask=True),
        FieldSpec((name, "ethnicity"), "choice", source="ethnic"),
        FieldSpec((name, "nationality"), "choice", source="nationality"),
        *_person_id((name,)),
        *_address((name, "residence", "address")),
    )


BIRTH_INTERLINK: tuple[Step, ...] = (
    Step(
        "agencies",
        "Cơ quan thực hiện",
        1,
        (
            FieldSpec(("birth_province",), "province", ui=True, label="Tỉnh/Thành phố (khai sinh)"),
            FieldSpec(
                ("agencies", "birth_agency"),
                "agency",
                source="birth",
                province=("birth_province",),
            ),
            FieldSpec(("agencies", "birth_case"), "choice", source="birth_case"),
            FieldSpec(("agencies", "foreign_element"), "choice", source="foreign_element"),
            FieldSpec(("agencies", "residence_same_area"), "bool"),
            FieldSpec(
                ("residence_province",),
                "province",
                ui=True,
                label="Tỉnh/Thành phố (thường trú)",
                show=lambda d: not _decl("agencies", "residence_same_area")(d),
            ),
            FieldSpec(
                ("agencies", "residence_agency"),
                "agency",
                source="residence",
                province=("residence_province",),
                show=lambda d: not _decl("agencies", "residence_same_area")(d),
            ),
            FieldSpec(("agencies", "residence_case"), "choice", source="residence_case"),
            FieldSpec(
                ("agencies", "insurance_agency"),
                "agency",
                source="insurance",
                province=("birth_province",),
            ),
        ),
        model_path=("agencies",),
    ),
    Step(
        "requester",
        "Người yêu cầu",
        2,
        (
            FieldSpec(("requester", "full_name")),
            FieldSpec(("requester", "date_of_birth"), "date"),
            FieldSpec(("requester", "sex"), "choice", source="sex"),
            *_person_id(("requester",)),
            FieldSpec(("requester", "id_document", "issued_on"), "date"),
            FieldSpec(("requester", "id_document", "issued_by")),
            FieldSpec(("requester", "residence", "address", "legacy_text")),
            *_address(("requester", "residence", "address")),
            FieldSpec(("requester", "relation"), "choice", source="relation"),
            FieldSpec(
                ("requester", "relation_other"),
                show=_is(("requester", "relation"), Relation.OTHER.value),
                ask=True,
            ),
            FieldSpec(("requester", "authorised"), "bool", show=asks_authorisation),
            FieldSpec(("requester", "phone")),
            FieldSpec(("requester", "email")),
        ),
        model_path=("requester",),
        keys=("scan", "verify"),
    ),
    Step(
        "child",
        "Người được khai sinh",
        2,
        (
            FieldSpec(("child", "full_name")),
            FieldSpec(("child", "date_of_birth"), "date"),
            FieldSpec(("child", "sex"), "choice", source="sex"),
            FieldSpec(("child", "ethnicity"), "choice", source="ethnic"),
            FieldSpec(("child", "nationality"), "choice", source="nationality"),
            FieldSpec(("child", "place_of_birth", "facility_name"), ask=True),
            *_address(("child", "place_of_birth", "address")),
            FieldSpec(("child", "home_town"), ask=True),
            FieldSpec(("child", "birth_certificate_number"), ask=True),
        ),
        model_path=("child",),
    ),
    Step("mother", "Người mẹ", 2, _parent("mother"), ("mother",), show=_has_mother),
    Step("father", "Người cha", 2, _parent("father"), ("father",), show=_has_father),
    Step(
        "residence",
        "Đăng ký thường trú (CT01)",
        2,
        (
            FieldSpec(("residence", "household_head_name")),
            FieldSpec(("residence", "relation_to_head")),
            FieldSpec(("residence", "household_head_id")),
            *_address(("residence", "address")),
            FieldSpec(("residence", "owner_name"), show=asks_home_owner, ask=True),
            FieldSpec(("residence", "owner_id"), show=asks_home_owner, ask=True),
            FieldSpec(("residence", "consent"), "choice", source="consent"),
        ),
        model_path=("residence",),
        keys=("copy_mother", "copy_requester"),
    ),
    Step(
        "insurance",
        "Thẻ bảo hiểm y tế",
        2,
        (
            FieldSpec(("insurance", "facility_name"), "choice", source="facility"),
            FieldSpec(("insurance", "card_holder"), "choice", source="card_holder"),
            FieldSpec(("insurance", "poor_household_number")),
            FieldSpec(("insurance", "poor_household_issued_on"), "date"),
        ),
        model_path=("insurance",),
    ),
    Step("review", "Xem lại tờ khai", 3, kind="review"),
    Step("attachments", "Giấy tờ đính kèm", 4, kind="attachments"),
    Step(
        "delivery",
        "Hình thức nhận kết quả",
        5,
        (*_delivery("birth"), *_delivery("residence"), *_delivery("insurance")),
        model_path=("delivery",),
    ),
    Step("finish", "Hoàn tất", 6, kind="finish"),
)
"""The birth interlink's pages, in order."""

PORTAL_STEPS = ("Cơ quan", "Tờ khai", "Xem lại", "Giấy tờ", "Nhận kết quả", "Hoàn tất")
"""The portal's six steps (DOMAIN.md §3), for the step bar."""
