"""Option lists an officer picks from: ids shared with ``forms``, Vietnamese labels from data.

Lists of ``data/options.toml`` (birth cases, residence cases, relations, delivery methods …),
the 54 ethnic groups keyed by their official 2-digit code (``data/ethnic_groups.csv``) and the
nationalities keyed by ISO 3166-1 alpha-2 with Vietnamese names. Every list is an
:class:`OptionList` with pre-folded keys and the same ranked search as the address pickers.

Nationalities: the codes are pycountry's ISO 3166-1 list; the names are CLDR's Vietnamese
territory names (package babel). pycountry ships Vietnamese translations too, but they are
archaic transliterations ("A Phú Hãn", "Nam Dương", "Cộng hoà Nam Hàn") that no civil-status
paper uses, so they do not serve. Both packages load on the first call (~30 ms).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from desk_app.gazetteer.names import search_words
from desk_app.gazetteer.search import SearchTable, pad
from desk_app.refdata import data_csv, data_toml

OPTIONS_FILE = "options.toml"
VIETNAM = "VN"


@dataclass(frozen=True, slots=True)
class Option:
    """One choice: its stable id, the label shown, and the pre-folded search key."""

    id: str
    label: str
    key: str


class OptionList:
    """An ordered option list with lookup by id and ranked, accent-insensitive search."""

    def __init__(
        self, list_id: str, title: str, items: Sequence[tuple[str, str, Sequence[str]]]
    ) -> None:
        """``items``: (id, label, aliases) in display order; aliases are searched, not shown."""
        self.id = list_id
        self.title = title
        self.items = tuple(
            Option(i, label, " | ".join(dict.fromkeys(search_words(t) for t in (label, *aliases))))
            for i, label, aliases in items
        )
        self._by_id = {o.id: o for o in self.items}
        if len(self._by_id) != len(self.items):
            raise ValueError(f"option list {list_id}: duplicate ids")
        self._table = SearchTable([pad(o.key) for o in self.items], [o.label for o in self.items])

    def __iter__(self) -> Iterator[Option]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, option_id: object) -> bool:
        return option_id in self._by_id

    def ids(self) -> tuple[str, ...]:
        """The ids in display order."""
        return tuple(o.id for o in self.items)

    def label(self, option_id: str) -> str:
        """The Vietnamese label of an id (KeyError for an id not in the list)."""
        return self._by_id[option_id].label

    def search(self, query: str, limit: int = 50) -> list[Option]:
        """Options matching ``query``, best first; every option for an empty query."""
        if not query.strip():
            return list(self.items[:limit])
        return [self.items[i] for i in self._table.search(query, None, limit)]


@cache
def option_list(list_id: str) -> OptionList:
    """A list of ``data/options.toml`` by id (KeyError for an unknown list)."""
    spec = data_toml(OPTIONS_FILE)["lists"][list_id]
    return OptionList(list_id, spec["title"], [(o["id"], o["label"], ()) for o in spec["options"]])


def list_ids() -> tuple[str, ...]:
    """Ids of the lists in ``data/options.toml``."""
    return tuple(data_toml(OPTIONS_FILE)["lists"])


@cache
def delivery_methods(procedure: str) -> OptionList:
    """The result-delivery methods a procedure offers (KeyError for an unknown procedure)."""
    allowed = data_toml(OPTIONS_FILE)["delivery_by_procedure"][procedure]
    every = option_list("delivery")
    return OptionList(
        f"delivery.{procedure}", every.title, [(i, every.label(i), ()) for i in allowed]
    )


@cache
def ethnic_groups() -> OptionList:
    """The 54 ethnic groups by official code, in code order (01 Kinh first)."""
    rows = data_csv("ethnic_groups.csv")
    items = [(r["code"], r["name"], tuple(filter(None, r["aliases"].split(";")))) for r in rows]
    return OptionList("ethnic_group", "Dân tộc", items)


@cache
def nationalities() -> OptionList:
    """Nationalities by ISO 3166-1 alpha-2, Việt Nam first, then by Vietnamese name."""
    import pycountry
    from babel import Locale

    names = Locale("vi").territories
    fixed = data_toml(OPTIONS_FILE).get("nationality_labels", {})
    items = []
    for country in pycountry.countries:
        code = country.alpha_2
        label = fixed.get(code) or names.get(code) or country.name
        items.append((code, label, (country.name, code)))
    items.sort(key=lambda item: (item[0] != VIETNAM, search_words(item[1]), item[1]))
    return OptionList("nationality", "Quốc tịch", items)
