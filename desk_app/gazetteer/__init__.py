"""Administrative units, current (2025) and legacy, for every address picker of the desk.

Call :func:`load` (cached) and use the :class:`Gazetteer` it returns; convert legacy units
and old free-text addresses with :mod:`desk_app.gazetteer.convert`. The index behind it is
generated from `vietnam-provinces` and `vietnamadminunits` by :mod:`.build`.
"""

from __future__ import annotations

from functools import cache

from desk_app.gazetteer.index import Gazetteer, index_text
from desk_app.gazetteer.model import (
    Commune,
    Conversion,
    LegacyCommune,
    LegacyDistrict,
    LegacyProvince,
    Province,
)
from desk_app.gazetteer.names import search_words


@cache
def load() -> Gazetteer:
    """The gazetteer from the committed index, read once per process."""
    return Gazetteer(index_text())


__all__ = [
    "Commune",
    "Conversion",
    "Gazetteer",
    "LegacyCommune",
    "LegacyDistrict",
    "LegacyProvince",
    "Province",
    "load",
    "search_words",
]
