"""The administrative units an officer picks, current (2025, two levels) and legacy (three).

Codes are strings with their official width: 2 digits for a province, 3 for a legacy
district, 5 for a commune (Decision 19/2025/QĐ-TTg for the current list, the General
Statistics Office list for the legacy one). Legacy and current commune codes share a shape
(and sometimes a value: a new commune often reuses one of its parts' codes), so they live in
separate types and separate lookups and are never mixed.

Each unit carries ``key``, its pre-folded search words (see :mod:`.names`), so a picker can
filter per keystroke without folding anything.

They are named tuples rather than dataclasses because the desk builds thousands of them at
start-up and on every search, and a named tuple is the cheapest immutable record Python has.
"""

from __future__ import annotations

from typing import NamedTuple


class Province(NamedTuple):
    """A current (2025) province or centrally-run city."""

    code: str
    name: str
    """Full name as officers write it on documents: "Thành phố Hà Nội", "Tỉnh Cao Bằng"."""
    short_name: str
    kind: str
    """"tỉnh" or "thành phố trung ương"."""
    key: str

    @property
    def label(self) -> str:
        """What a picker shows."""
        return self.name


class Commune(NamedTuple):
    """A current (2025) commune-level unit: phường, xã or đặc khu."""

    code: str
    name: str
    kind: str
    """"phường", "xã" or "đặc khu"."""
    province: Province
    key: str

    @property
    def label(self) -> str:
        """Name and province: identical names exist in different provinces."""
        return f"{self.name}, {self.province.name}"


class LegacyProvince(NamedTuple):
    """One of the 63 provinces before 1 July 2025."""

    code: str
    name: str
    short_name: str
    current_code: str
    """The current province it was merged into (provinces were merged, never split)."""
    key: str

    @property
    def label(self) -> str:
        """What a picker shows."""
        return self.name


class LegacyDistrict(NamedTuple):
    """A district of the legacy three-level system (districts no longer exist)."""

    code: str
    name: str
    kind: str
    """"quận", "huyện", "thị xã" or "thành phố"."""
    province: LegacyProvince
    current_code: str | None
    """Only for island districts that had no communes and became a special zone (đặc khu)."""
    key: str

    @property
    def label(self) -> str:
        """Name and province."""
        return f"{self.name}, {self.province.name}"


class LegacyCommune(NamedTuple):
    """A commune of the legacy three-level system and the current commune it became."""

    code: str
    name: str
    kind: str
    """"phường", "xã" or "thị trấn"."""
    district: LegacyDistrict
    current_code: str
    """The official 2025 commune that took it over (for a divided commune: its main part)."""
    also_codes: tuple[str, ...]
    """Other 2025 communes that received part of a divided commune; empty when not divided."""
    key: str

    @property
    def province(self) -> LegacyProvince:
        """The legacy province, through the district."""
        return self.district.province

    @property
    def label(self) -> str:
        """Commune, district and province: the same commune name recurs across districts."""
        return f"{self.name}, {self.district.name}, {self.district.province.name}"


class Conversion(NamedTuple):
    """Where a legacy address is today."""

    province: Province
    commune: Commune | None
    """None when the legacy address named no commune the data can place."""
    also: tuple[Commune, ...] = ()
    """Other communes that received part of a divided legacy commune: ask the citizen."""
    legacy: LegacyCommune | LegacyDistrict | LegacyProvince | None = None
    """The legacy unit that was recognised."""
    street: str | None = None
    """The house number and street part of a free-text address, when one was given."""

    @property
    def is_divided(self) -> bool:
        """Whether the legacy commune was split, so the main part may not be the right one."""
        return bool(self.also)
