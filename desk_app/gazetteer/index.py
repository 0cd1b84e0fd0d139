"""The gazetteer as the desk uses it: loaded from the committed index, looked up, searched.

Why a committed, generated index rather than a cache built at first run: the desk must be
ready in under 50 ms in a cold process, and parsing the packages' data (several megabytes of
JSON, a SQLite file, geometry libraries imported by `vietnamadminunits`) takes close to half
a second. A generated file also makes every upgrade of the source packages a reviewable diff
of facts (a renamed commune shows as one changed line), needs no writable cache directory on a
locked-down counter PC, and cannot be half-written by a crash. Its freshness is guarded by a
test that regenerates it from the installed packages (see :mod:`.build`).

The index is tab-separated text, one unit per line, so loading is ``split`` and no JSON.
Legacy communes (10,035 of them) are turned into objects only when looked up or found.
"""

from __future__ import annotations

from collections.abc import Sequence

from desk_app.gazetteer.model import (
    Commune,
    LegacyCommune,
    LegacyDistrict,
    LegacyProvince,
    Province,
)
from desk_app.gazetteer.search import SearchTable, pad
from desk_app.refdata import data_text

INDEX_NAME = "gazetteer.tsv"


def _sections(text: str) -> dict[str, list[list[str]]]:
    """Columns of each ``@section``, comments skipped.

    A section's lines are joined and split once, then sliced into columns: one C-level pass
    instead of a ``split`` per line, which matters for 10,000 legacy communes.
    """
    sections: dict[str, list[list[str]]] = {}
    for chunk in text.split("\n@")[1:]:
        head, _, body = chunk.partition("\n")
        name, *columns = head.split("\t")
        width = len(columns)
        cells = body.rstrip("\n").replace("\n", "\t").split("\t") if body.strip() else []
        if len(cells) % width:
            raise ValueError(f"index section {name}: rows do not have {width} fields")
        sections[name] = [cells[n::width] for n in range(width)]
    return sections


class _Runs:
    """Row range of each parent code, found on first use.

    The generator orders rows by parent, so a parent's rows are one contiguous run (a test
    checks this on the committed index); finding a run costs one C-level ``index`` and a walk
    over the run itself, and only parents actually chosen in a picker are ever looked up.
    """

    __slots__ = ("_found", "_parents")

    def __init__(self, parents: list[str]) -> None:
        self._parents = parents
        self._found: dict[str, range] = {}

    def __getitem__(self, code: str) -> range:
        run = self._found.get(code)
        if run is None:
            parents = self._parents
            try:
                start = parents.index(code)
            except ValueError:
                raise KeyError(code) from None
            stop = start
            while stop < len(parents) and parents[stop] == code:
                stop += 1
            run = self._found[code] = range(start, stop)
        return run

    def get(self, code: str, default: range) -> range:
        """The run of ``code``, or ``default`` when it has no rows."""
        try:
            return self[code]
        except KeyError:
            return default


class Gazetteer:
    """Current and legacy units with code lookups and ranked search."""

    def __init__(self, text: str) -> None:
        """Build from the index text (see :func:`load` for the committed one)."""
        s = _sections(text)
        self.provinces: tuple[Province, ...] = tuple(map(Province, *s["province"]))
        self._province = {p.code: p for p in self.provinces}
        code, name, kind, province, key = s["commune"]
        self.communes: tuple[Commune, ...] = tuple(
            map(Commune, code, name, kind, map(self._province.__getitem__, province), key)
        )
        self._commune = dict(zip(code, range(len(code)), strict=True))
        self._commune_runs = _Runs(province)

        self.legacy_provinces: tuple[LegacyProvince, ...] = tuple(
            map(LegacyProvince, *s["legacy_province"])
        )
        self._legacy_province = {p.code: p for p in self.legacy_provinces}
        code, name, kind, province, current, key = s["legacy_district"]
        self.legacy_districts: tuple[LegacyDistrict, ...] = tuple(
            LegacyDistrict(c, n, k, self._legacy_province[p], cur or None, ky)
            for c, n, k, p, cur, ky in zip(code, name, kind, province, current, key, strict=True)
        )
        self._legacy_district = dict(zip(code, self.legacy_districts, strict=True))
        self._district_runs = _Runs(province)

        self._legacy = s["legacy_commune"]
        codes, district = self._legacy[0], self._legacy[3]
        self._made: dict[int, LegacyCommune] = {}
        self._legacy_commune = dict(zip(codes, range(len(codes)), strict=True))
        self._legacy_runs = _Runs(district)
        self._legacy_province_runs: dict[str, range] = {}
        self._tables: dict[str, SearchTable] = {}

    def _table(self, level: str) -> SearchTable:
        """The search table of a level, built on its first search (keys padded once)."""
        table = self._tables.get(level)
        if table is None:
            table = self._tables[level] = self._build_table(level)
        return table

    def _build_table(self, level: str) -> SearchTable:
        if level == "province":
            units: Sequence[Province | LegacyProvince] = self.provinces
        elif level == "legacy_province":
            units = self.legacy_provinces
        elif level == "commune":
            return SearchTable(
                [pad(c.key) for c in self.communes],
                [c.name for c in self.communes],
                lambda i: pad(self.communes[i].province.key),
            )
        elif level == "legacy_district":
            return SearchTable(
                [pad(d.key) for d in self.legacy_districts],
                [d.name for d in self.legacy_districts],
                lambda i: pad(self.legacy_districts[i].province.key),
            )
        else:
            return SearchTable(
                list(map(pad, self._legacy[6])),
                self._legacy[1],
                self._legacy_context,
            )
        return SearchTable([pad(u.key) for u in units], [u.name for u in units])

    # -- current units ---------------------------------------------------------------------

    def province(self, code: str) -> Province:
        """The current province with this 2-digit code (KeyError if there is none)."""
        return self._province[code]

    def commune(self, code: str) -> Commune:
        """The current commune with this 5-digit code (KeyError if there is none)."""
        return self.communes[self._commune[code]]

    def communes_of(self, province_code: str) -> tuple[Commune, ...]:
        """The communes of a current province, by code."""
        run = self._commune_runs[province_code]
        return self.communes[run.start : run.stop]

    def search_provinces(self, query: str, limit: int = 50) -> list[Province]:
        """Current provinces matching ``query`` (aliases such as "hcm", "tphcm", "hn" too)."""
        return [self.provinces[i] for i in self._table("province").search(query, None, limit)]

    def search_communes(
        self, query: str, province_code: str | None = None, limit: int = 50
    ) -> list[Commune]:
        """Current communes matching ``query``, within one province when it is given."""
        rows = None if province_code is None else self._commune_runs[province_code]
        return [self.communes[i] for i in self._table("commune").search(query, rows, limit)]

    # -- legacy units ----------------------------------------------------------------------

    def legacy_province(self, code: str) -> LegacyProvince:
        """The legacy province with this 2-digit code (KeyError if there is none)."""
        return self._legacy_province[code]

    def legacy_district(self, code: str) -> LegacyDistrict:
        """The legacy district with this 3-digit code (KeyError if there is none)."""
        return self._legacy_district[code]

    def legacy_districts_of(self, province_code: str) -> tuple[LegacyDistrict, ...]:
        """The districts of a legacy province."""
        run = self._district_runs[province_code]
        return self.legacy_districts[run.start : run.stop]

    def _make(self, i: int) -> LegacyCommune:
        made = self._made.get(i)
        if made is None:
            code, name, kind, district, current, also, key = (col[i] for col in self._legacy)
            made = LegacyCommune(
                code,
                name,
                kind,
                self.legacy_district(district),
                current,
                tuple(also.split(",")) if also else (),
                key,
            )
            self._made[i] = made
        return made

    def _legacy_context(self, i: int) -> str:
        district = self.legacy_district(self._legacy[3][i])
        return pad(district.key) + pad(district.province.key)

    @property
    def legacy_commune_count(self) -> int:
        """How many legacy communes the index holds."""
        return len(self._legacy[0])

    def legacy_commune(self, code: str) -> LegacyCommune:
        """The legacy commune with this 5-digit code (KeyError if there is none)."""
        return self._make(self._legacy_commune[code])

    def legacy_communes_of(self, district_code: str) -> list[LegacyCommune]:
        """The communes of a legacy district (empty for island districts without communes)."""
        run = self._legacy_runs.get(district_code, range(0))
        return [self._make(i) for i in run]

    def legacy_communes(self) -> list[LegacyCommune]:
        """Every legacy commune (builds them all: for checks and exports, not for pickers)."""
        return [self._make(i) for i in range(self.legacy_commune_count)]

    def legacy_keys(self) -> list[str]:
        """Pre-folded search keys of all legacy communes, in row order."""
        return list(self._legacy[6])

    def search_legacy_provinces(self, query: str, limit: int = 50) -> list[LegacyProvince]:
        """Legacy provinces matching ``query``."""
        hits = self._table("legacy_province").search(query, None, limit)
        return [self.legacy_provinces[i] for i in hits]

    def search_legacy_districts(
        self, query: str, province_code: str | None = None, limit: int = 50
    ) -> list[LegacyDistrict]:
        """Legacy districts matching ``query``, within one legacy province when given."""
        rows = None if province_code is None else self._district_runs[province_code]
        hits = self._table("legacy_district").search(query, rows, limit)
        return [self.legacy_districts[i] for i in hits]

    def search_legacy_communes(
        self,
        query: str,
        province_code: str | None = None,
        district_code: str | None = None,
        limit: int = 50,
    ) -> list[LegacyCommune]:
        """Legacy communes matching ``query``, within a legacy district or province if given."""
        rows = None
        if district_code is not None:
            rows = self._legacy_runs.get(district_code, range(0))
        elif province_code is not None:
            rows = self._legacy_province_run(province_code)
        return [self._make(i) for i in self._table("legacy_commune").search(query, rows, limit)]

    def _legacy_province_run(self, province_code: str) -> range:
        """Rows of a legacy province's communes: from its first district's to its last's."""
        run = self._legacy_province_runs.get(province_code)
        if run is None:
            districts = [
                self._legacy_runs.get(d.code, range(0))
                for d in self.legacy_districts_of(province_code)
            ]
            runs = [r for r in districts if r]
            run = range(runs[0].start, runs[-1].stop) if runs else range(0)
            self._legacy_province_runs[province_code] = run
        return run


def index_text() -> str:
    """The committed index file's text."""
    return data_text(INDEX_NAME)
