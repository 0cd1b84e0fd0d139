"""Turn validation failures into Vietnamese messages placed next to fields.

Rules raise :class:`pydantic_core.PydanticCustomError` whose type is a key of
:data:`forms.messages.ERRORS`; pydantic's own errors (missing field, unknown option, bad date...)
are translated here. :func:`field_errors` is what the wizard calls: for every error it returns the
field path, the field's Vietnamese label (the ``title`` of the model field) and what to do.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from pydantic import BaseModel, ValidationError
from pydantic.config import JsonDict
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from forms.messages import ERRORS, PYDANTIC_ERRORS, WARNINGS, render

Loc = tuple[str | int, ...]


def fail(code: str, /, **context: Any) -> PydanticCustomError:
    """Build the error a rule raises; ``code`` must be a key of ``ERRORS``."""
    return PydanticCustomError(code, ERRORS[code], context or None)


@dataclass(frozen=True)
class Issue:
    """One problem found by a rule that looks at several fields at once.

    ``loc`` is relative to the model whose validator found it, so one validator can point at
    several fields (``("father",)``, ``("requester", "relation")``) in a single pass.
    """

    loc: Loc
    code: str
    context: dict[str, Any] = field(default_factory=dict)
    input: Any = None


def raise_issues(title: str, issues: Sequence[Issue]) -> None:
    """Raise every issue at once, each at its own field, if there is any.

    A ``ValidationError`` raised inside a validator is merged by pydantic into the outer error
    with its locations prefixed, which is how a model-level rule reports field-level errors.
    """
    if not issues:
        return
    raise ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(type=fail(i.code, **i.context), loc=i.loc, input=i.input)
            for i in issues
        ],
    )


@dataclass(frozen=True)
class FieldMessage:
    """An error or a warning, addressed to one field.

    ``label`` is the field's Vietnamese label, ``sections`` the labels of the parts that contain
    it (``("Người mẹ",)``) so that "Họ, chữ đệm và tên" of the mother and of the father differ;
    ``hint`` says what is wrong and what to do; ``message`` is the full sentence.
    """

    loc: Loc
    label: str
    sections: tuple[str, ...]
    hint: str
    severity: Literal["error", "warning"] = "error"

    @property
    def path(self) -> str:
        """Dotted path of the field, e.g. ``mother.id_document.number``."""
        return ".".join(str(p) for p in self.loc)

    @property
    def message(self) -> str:
        """The sentence to show: it names the field by its label, then says what to do."""
        where = f" ({' – '.join(self.sections)})" if self.sections else ""
        return f"{self.label}{where}: {self.hint}"


# pydantic error types -> our message codes.
_BUILTIN: dict[str, str] = {
    "missing": "required",
    "string_too_long": "text_too_long",
    "extra_forbidden": "unknown_field",
    "enum": "choice",
    "literal_error": "choice",
    "union_tag_invalid": "choice",
    "union_tag_not_found": "choice",
    "date_parsing": "date_format",
    "date_from_datetime_parsing": "date_format",
    "date_from_datetime_inexact": "date_format",
    "date_type": "date_format",
}


def _hint(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in ERRORS:
        return str(error["msg"])
    if error.get("input", "") is None and kind != "extra_forbidden":
        return ERRORS["required"]  # null for a required choice or number: nothing was entered
    if kind in _BUILTIN:
        code = _BUILTIN[kind]
        return render(ERRORS[code], **ctx) if "{" in ERRORS[code] else ERRORS[code]
    if kind in ("too_long", "too_short"):
        low, high = ctx.get("min_length", 0), ctx.get("max_length", "…")
        return f"số mục phải từ {low} đến {high}; hãy thêm hoặc bớt cho đúng."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        op = {
            "greater_than_equal": "không được nhỏ hơn",
            "greater_than": "phải lớn hơn",
            "less_than_equal": "không được lớn hơn",
            "less_than": "phải nhỏ hơn",
        }[kind]
        return f"{op} {bound}; hãy kiểm tra lại."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "phải là số nguyên; hãy nhập lại."
    if kind == "int_parsing_size":
        return "số quá lớn; hãy nhập lại."
    if kind == "value_error":
        return str(ctx.get("error", "")) or ERRORS["invalid"]
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "is_instance_of":
        return ERRORS["wrong_type"]
    reason = pydantic_reason(error)
    # pydantic's own sentences say what is wrong; at a field the officer also needs what to do.
    return reason if "hãy" in reason else f"{reason.rstrip('.')}; hãy kiểm tra lại."


class _Context(dict[str, str]):
    """An error's context for a template: "a" or "b" read in Vietnamese, a missing key as …."""

    def __missing__(self, key: str) -> str:
        return "…"


def _vietnamese(value: Any) -> str:
    # pydantic joins choices as "'A4' or 'A5'" / "'a', 'b' or 'c'".
    return str(value).replace("' or '", "' hoặc '")


def pydantic_reason(error: Mapping[str, Any]) -> str:
    """What one pydantic error means, in Vietnamese (never pydantic's English sentence).

    For errors our own rules raise (their type is a key of ``ERRORS``) and our validators'
    ``ValueError`` messages, the sentence is already ours; every type pydantic-core itself
    raises has a text in :data:`forms.messages.PYDANTIC_ERRORS`. An unknown type (a newer
    pydantic) reads as "không hợp lệ" rather than in English.
    """
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    # One of our codes may share its name with a pydantic type ("date_future"): our sentence
    # is Vietnamese, pydantic's is plain ASCII English.
    if kind in ERRORS and message and not (kind in PYDANTIC_ERRORS and message.isascii()):
        return message
    ctx = _Context({k: _vietnamese(v) for k, v in (error.get("ctx") or {}).items()})
    if kind in ("value_error", "assertion_error"):
        return ctx.get("error") or ERRORS["invalid"]
    template = PYDANTIC_ERRORS.get(kind)
    return template.format_map(ctx) if template else ERRORS["invalid"]


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation may hold (through Optional, list, Annotated, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    if typing.get_origin(annotation) is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            found.extend(models_in(arg))
    return found


def describe(model: type[BaseModel], loc: Iterable[str | int]) -> tuple[str, tuple[str, ...]]:
    """Return the Vietnamese label of the field at ``loc`` and the labels of its sections."""
    candidates = [model]
    titles: list[str] = []
    for part in loc:
        if isinstance(part, int):
            continue
        owners = [c for c in candidates if part in c.model_fields]
        if not owners:
            tagged = [c for c in candidates if _tag_of(c) == part]
            if tagged:
                candidates = tagged
                continue
            titles.append(str(part) or "(mục không tên)")  # an unknown key, shown as typed
            candidates = []
            continue
        info = owners[0].model_fields[part]
        if not _is_envelope(info):
            titles.append(info.title or str(part))
        candidates = _inner(owners, part)
    if not titles:
        return (model.model_config.get("title") or model.__name__), ()
    return titles[-1], tuple(titles[:-1])


def field_info(model: type[BaseModel], loc: Iterable[str | int]) -> FieldInfo | None:
    """The pydantic field at ``loc`` under ``model`` (list indexes skipped), or None."""
    candidates = [model]
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        owners = [c for c in candidates if part in c.model_fields]
        if not owners:
            tagged = [c for c in candidates if _tag_of(c) == part]
            if not tagged:
                return None
            candidates = tagged  # a group's tag in the path: its declarations only
            continue
        info = owners[0].model_fields[part]
        candidates = _inner(owners, part)
    return info


def _inner(owners: list[type[BaseModel]], part: str) -> list[type[BaseModel]]:
    """The models under field ``part`` of every one of ``owners``.

    Under a union of groups' declarations without its tag (the wizard's paths), two groups may
    both have a part (``delivery``) holding different models: the next key is looked up in all
    of them, so the death group's ``delivery.death`` is found although the birth group's
    ``delivery`` comes first (it was shown as the bare key ``death`` before).
    """
    inner: list[type[BaseModel]] = []
    for owner in owners:
        for model in models_in(owner.model_fields[part].annotation):
            if model not in inner:
                inner.append(model)
    return inner


ENVELOPE: Final[JsonDict] = {"envelope": True}
"""``json_schema_extra`` of a field that only wraps others (a dossier's declarations): its label
is left out of the sections shown with an error."""


def _is_envelope(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("envelope") is True


def _tag_of(model: type[BaseModel]) -> str | None:
    kind = model.model_fields.get("kind")
    return kind.default if kind is not None and isinstance(kind.default, str) else None


def untagged(model: type[BaseModel], loc: Loc) -> Loc:
    """``loc`` without the tags a discriminated union adds (``declarations.<kind>.requester``
    becomes ``declarations.requester``), so an error's path is the data's path whatever group
    the declarations belong to."""
    candidates = [model]
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            continue
        owner = next((c for c in candidates if part in c.model_fields), None)
        if owner is None:
            tagged = [c for c in candidates if _tag_of(c) == part]
            if tagged:
                candidates = tagged
                continue
            out.append(part)
            candidates = []
            continue
        out.append(part)
        candidates = models_in(owner.model_fields[part].annotation)
    return tuple(out)


def field_errors(exc: ValidationError, model: type[BaseModel]) -> list[FieldMessage]:
    """Map a ``ValidationError`` raised by ``model`` onto its fields, in Vietnamese.

    Each entry has the field path, its label and a message saying what to do; the order is the
    order of the errors, which follows the order of the fields on the form.
    """
    messages: list[FieldMessage] = []
    for error in exc.errors(include_url=False):
        loc: Loc = untagged(model, tuple(error["loc"]))
        label, sections = describe(model, loc)
        messages.append(FieldMessage(loc, label, sections, _hint(error)))
    return messages


def warning(model: type[BaseModel], loc: Loc, code: str, /, **context: Any) -> FieldMessage:
    """Build a warning addressed to a field; warnings never block the dossier."""
    label, sections = describe(model, loc)
    return FieldMessage(loc, label, sections, render(WARNINGS[code], **context), "warning")
