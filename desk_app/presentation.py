"""How a dossier being typed reads back to the officer (the review page, the drafts list).

Tolerant on purpose: a draft may be half filled, so every helper accepts what is missing and
shows a dash rather than failing. Stored dossiers are printed by the receipt package.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from datetime import date
from typing import Any

from desk_app.drafting import get_in
from desk_app.gazetteer import load as load_gazetteer
from desk_app.options import OptionList, ethnic_groups, nationalities, option_list
from forms.choices import Sex
from forms.text import for_print
from forms.words import date_in_words

DASH = "—"

TEXT = {
    "requester": "Người yêu cầu",
    "papers": "Giấy tờ đã nhận",
    "papers_count": "{items} loại giấy tờ: {copies} bản giấy, {files} tệp quét",
    "none": "chưa nhận giấy tờ nào",
}


def text(value: Any) -> str:
    """A value as shown, a dash when there is none."""
    return DASH if value in (None, "") else str(value)


def name(value: Any) -> str:
    """A person's name as printed on civil-status forms: capitals, every diacritic kept."""
    return for_print(value) if isinstance(value, str) and value.strip() else DASH


def day(value: Any, *, words: bool = False) -> str:
    """An ISO date as dd/mm/yyyy, with the date in words when asked (birth declaration)."""
    try:
        parsed = date.fromisoformat(value)
    except (TypeError, ValueError):
        return text(value)
    shown = parsed.strftime("%d/%m/%Y")
    return f"{shown} ({date_in_words(parsed)})" if words else shown


def label(options: OptionList, value: Any) -> str:
    """The label of an option id, or the id itself if it names no option."""
    if value in (None, ""):
        return DASH
    return options.label(value) if value in options else str(value)


def option(list_id: str, value: Any) -> str:
    """The label of ``value`` in the option list ``list_id``."""
    return label(option_list(list_id), value)


def ethnicity(value: Any) -> str:
    """An ethnic group's name from its code."""
    return label(ethnic_groups(), value)


def nationality(value: Any) -> str:
    """A country's Vietnamese name from its ISO code."""
    return label(nationalities(), value)


def sex(value: Any) -> str:
    """Nam / Nữ."""
    try:
        return Sex(value).label
    except ValueError:
        return text(value)


def address(value: Any) -> str:
    """An address on one line: detail, commune, province (or the country when abroad)."""
    if not isinstance(value, Mapping):
        return DASH
    parts = [value.get("detail") or ""]
    if value.get("country", "VN") != "VN":
        parts.append(nationality(value.get("country")))
    else:
        places = load_gazetteer()
        try:
            commune = places.commune(value.get("commune_code") or "")
            parts += [commune.name, commune.province.name]
        except KeyError:
            with suppress(KeyError):
                parts.append(places.province(value.get("province_code") or "").name)
    shown = ", ".join(p for p in parts if p)
    return shown or DASH


def as_saved(declarations: Mapping[str, Any]) -> dict[str, Any]:
    """Each declaration of a draft as its model will store it, where it already validates.

    Normalised (NFC, trimmed, the phone as stored) and with the defaults the model adds (e.g.
    "not verified"), so the review shows what the store will hold; a part that does not
    validate yet shows as typed (the page's own check says what is wrong).
    """
    from pydantic import ValidationError

    from desk_app import groups
    from forms.errors import models_in

    group = groups.find(str(declarations.get("kind", groups.LEGACY_KIND)))
    if group is None:
        return dict(declarations)
    out = dict(declarations)
    for key, value in declarations.items():
        field = group.model.model_fields.get(key)
        models = models_in(field.annotation) if field is not None else []
        if not models or not isinstance(value, Mapping):
            continue
        with suppress(ValidationError):
            out[key] = models[0].model_validate(value).model_dump(mode="json")
    return out


def save_summary(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What saving a draft will record, in a few lines for the confirmation before it.

    Who asks, for whom, how each procedure's result is received, and the papers received; the
    review page shows every field.
    """
    from desk_app import groups
    from desk_app.drafting import prepared
    from desk_app.lifecycle import PROCEDURE_LABELS

    decl = prepared(data)["declarations"]
    group = groups.get(str(decl.get("kind", groups.LEGACY_KIND)))
    labels = {p.id: p.short_label for p in group.procedures}
    requester = decl.get("requester") or {}
    subject = get_in(decl, group.subject_path) or {}
    lines = [
        (
            TEXT["requester"],
            f"{name(requester.get('full_name'))} ({option('relation', requester.get('relation'))})",
        ),
        (
            group.subject_label,
            f"{name(subject.get('full_name'))}, {day(subject.get('date_of_birth'))}",
        ),
    ]
    for procedure, choice in (decl.get("delivery") or {}).items():
        if isinstance(choice, Mapping):
            label = labels.get(procedure) or PROCEDURE_LABELS.get(procedure, procedure)
            lines.append((label, delivery(choice)))
    items = [
        i
        for i in (decl.get("attachments") or {}).get("items") or []
        if isinstance(i, Mapping) and (i.get("copies") or i.get("files"))
    ]
    copies = sum(int(i.get("copies") or 0) for i in items)
    files = sum(len(i.get("files") or []) for i in items)
    papers = TEXT["papers_count"].format(items=len(items), copies=copies, files=files)
    lines.append((TEXT["papers"], papers if items else TEXT["none"]))
    return lines


def delivery(choice: Mapping[str, Any]) -> str:
    """How one result is received: the method, and the address or email it goes to."""
    method = option("delivery", choice.get("method"))
    if choice.get("address"):
        return f"{method}: {address(choice['address'])}"
    if choice.get("email"):
        return f"{method}: {choice['email']}"
    return method


def person_line(data: Mapping[str, Any], path: tuple[str | int, ...]) -> str:
    """ "NAME — dd/mm/yyyy" of the person at ``path`` in a draft, for lists."""
    person = get_in(data, ("declarations", *path)) or {}
    return f"{name(person.get('full_name'))} — {day(person.get('date_of_birth'))}"
