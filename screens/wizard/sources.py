"""Where each picker's options come from: option lists, the gazetteer, the agencies.

Agencies are picked by their unit: the communes of the chosen province each stand for their
People's Committee or police (the role the group's data gives the procedure); provinces stand
for their social-insurance office. The office's own agencies (desk.toml, with their QCVN 102
codes) win where they apply.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desk_app import groups
from desk_app.agencies import (
    COMMUNE_ROLES,
    PEOPLE_COMMITTEE,
    POLICE,
    agency_ref,
    commune_agency,
    insurance_agency,
    office_agencies,
    unit_phrase,
)
from desk_app.drafting import get_in
from desk_app.facilities import facilities_for, facility_options
from desk_app.gazetteer import Gazetteer
from desk_app.groups import GroupDefinition
from desk_app.groups.pages import FieldSpec
from desk_app.options import (
    OptionList,
    delivery_methods,
    ethnic_groups,
    nationalities,
    option_list,
)
from desk_app.settings import Settings
from forms.choices import IdKind, Sex
from screens.wizard.editors import PickerSource

LIMIT = 100

AGENCY_SHORT = {PEOPLE_COMMITTEE: "UBND", POLICE: "CA"}
"""How officers abbreviate a commune's People's Committee and police when they type."""

ID_KINDS = {
    IdKind.PERSONAL_ID.value: "Số định danh cá nhân (thẻ căn cước)",
    IdKind.OLD_ID.value: "Chứng minh nhân dân 9 số",
    IdKind.PASSPORT.value: "Hộ chiếu",
}


def _from_list(options: OptionList) -> PickerSource:
    return PickerSource(
        search=lambda q: [(o.id, o.label) for o in options.search(q, LIMIT)],
        label=options.label,
    )


def _fixed(items: Mapping[str, str]) -> PickerSource:
    options = OptionList("fixed", "", [(k, v, ()) for k, v in items.items()])
    return _from_list(options)


class Sources:
    """Builds the picker source of each field, for one wizard (one draft, one office)."""

    def __init__(
        self,
        settings: Settings,
        gazetteer: Gazetteer,
        draft: Callable[[], dict[str, Any]],
        group: GroupDefinition | None = None,
    ) -> None:
        self.settings = settings
        self.group = group
        self.gz = gazetteer
        self._draft = draft
        self._office = office_agencies(settings)
        self._facility_lists: dict[str, OptionList] = {}
        self._agency_lists: dict[tuple[str, str], OptionList] = {}

    def _value(self, spec_path: tuple[str | int, ...] | None, ui: bool) -> Any:
        if spec_path is None:
            return None
        draft = self._draft()
        return get_in(draft, ("ui", *spec_path) if ui else ("declarations", *spec_path))

    def province_of(self, spec: FieldSpec) -> str | None:
        """The province a commune or agency picker is narrowed to."""
        if spec.province is None:
            return None
        ui = spec.kind == "agency"
        value = self._value(spec.province, ui)
        if value is None and ui:
            value = self.settings.office.province_code
        return value if isinstance(value, str) else None

    def for_field(self, spec: FieldSpec) -> PickerSource:
        """The options of ``spec``."""
        gz = self.gz
        if spec.kind == "province":
            return PickerSource(
                search=lambda q: [(p.code, p.name) for p in gz.search_provinces(q, LIMIT)],
                label=lambda code: gz.province(code).name,
            )
        if spec.kind == "commune":
            return PickerSource(
                search=lambda q: [
                    (c.code, c.label) for c in gz.search_communes(q, self.province_of(spec), LIMIT)
                ],
                label=lambda code: gz.commune(code).label,
            )
        if spec.kind == "agency":
            return self._agency(spec)
        source = spec.source or ""
        if source == "sex":
            return _fixed({s.value: s.label for s in Sex})
        if source == "id_kind":
            return _fixed(ID_KINDS)
        if source == "ethnic":
            return _from_list(ethnic_groups())
        if source == "nationality":
            return _from_list(nationalities())
        if source.startswith("delivery:"):
            return _from_list(self._delivery(source.split(":", 1)[1]))
        if source == "facility":
            return self._facilities(spec.province)
        own = self.group.options(source) if self.group is not None else None
        if own is not None:  # a list of the group's own data
            return _fixed(own)
        return _from_list(option_list(source))

    def _delivery(self, procedure: str) -> OptionList:
        """The ways the result of ``procedure`` may be received, as its group's data says."""
        if self.group is None:
            return delivery_methods(procedure)
        every = option_list("delivery")
        methods = self.group.procedure(procedure).delivery
        return OptionList(
            f"delivery.{procedure}", every.title, [(m, every.label(m), ()) for m in methods]
        )

    def _agency(self, spec: FieldSpec) -> PickerSource:
        procedure = spec.source or ""

        def search(q: str) -> list[tuple[str, str]]:
            options = self._agencies(procedure, self.province_of(spec))
            return [(o.id, o.label) for o in options.search(q, LIMIT)]

        def label(value: Any) -> str:
            return value["name"] if isinstance(value, Mapping) else str(value)

        return PickerSource(search=search, label=label)

    def _role(self, procedure: str) -> str:
        """The role of the agency deciding ``procedure``, as the group's data says."""
        group = self.group or groups.registered()[0]
        return group.procedure(procedure).agency_role

    def _agencies(self, procedure: str, province: str | None) -> OptionList:
        """The agencies a picker offers, searchable by their own name and by their unit's.

        A province-level role (social insurance): one office per province. A commune-level
        role: the People's Committee or police of each commune of the chosen province, so
        "lang", "ubnd lang" and "uy ban nhan dan phuong lang" all find the one of Phường Láng.
        """
        role = self._role(procedure)
        key = (role, province or "")
        if key not in self._agency_lists:
            gz = self.gz
            items: list[tuple[str, str, tuple[str, ...]]]
            if role not in COMMUNE_ROLES:
                items = [
                    (p.code, insurance_agency(p, self._office).name, (p.name,))
                    for p in gz.provinces
                ]
            else:
                communes = gz.communes_of(province) if province else ()
                short = AGENCY_SHORT.get(role, "")
                items = []
                for c in communes:
                    name = commune_agency(c, role, self._office).name
                    phrase = unit_phrase(c.name, c.kind)
                    items.append((c.code, name, (c.label, f"{short} {phrase}")))
            self._agency_lists[key] = OptionList(f"agency.{role}", "", items)
        return self._agency_lists[key]

    def agency(self, procedure: str, key: str) -> dict[str, Any]:
        """The AgencyRef for the unit ``key`` picked in an agency picker."""
        role = self._role(procedure)
        if role not in COMMUNE_ROLES:
            return agency_ref(insurance_agency(self.gz.province(key), self._office))
        return agency_ref(commune_agency(self.gz.commune(key), role, self._office))

    def _facilities(self, commune_path: tuple[str | int, ...] | None) -> PickerSource:
        """The facilities for the commune at ``commune_path`` (the page says which: where the
        person the card is for lives) as it is when the officer types; the office's without.

        The page is built ahead while that address may still be being filled, so the list
        follows the draft at each search rather than the draft at build time. A facility
        the list does not have may be typed in full (the model takes any name): the picker
        offers the text as typed and the field says it is not from the list.
        """

        def options() -> OptionList:
            draft = self._draft()
            code = get_in(draft, ("declarations", *commune_path)) if commune_path else None
            try:
                commune = self.gz.commune(code or self.settings.office.commune_code)
            except KeyError:
                commune = self.gz.commune(self.settings.office.commune_code)
            if commune.code not in self._facility_lists:
                self._facility_lists[commune.code] = facility_options(facilities_for(commune))
            return self._facility_lists[commune.code]

        return PickerSource(
            search=lambda q: [(o.id, o.label) for o in options().search(q, LIMIT)],
            label=lambda v: str(v),
            free=True,
            listed=lambda v: v in options(),
        )
