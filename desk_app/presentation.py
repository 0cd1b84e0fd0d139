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


def person_line(data: Mapping[str, Any], path: tuple[str, ...]) -> str:
    """ "NAME — dd/mm/yyyy" of the person at ``path`` in a draft, for lists."""
    person = get_in(data, ("declarations", *path)) or {}
    return f"{name(person.get('full_name'))} — {day(person.get('date_of_birth'))}"
