"""One procedure group as the rest of the desk sees it: :class:`GroupDefinition`.

The wizard, the review page, the receipt, the lookup view, the store, the sync payload and
central read a group only through this record, so a new group is its ``forms`` models, its
``data/group_<kind>.toml`` and one module building its definition, with no edit elsewhere.
Facts that are data (titles, procedures, agencies, checklist, times) come from the group's TOML;
what is logic (pages, the blank draft, derived fields, assists, checklist facts) comes from the
group's module as plain functions over the draft's JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from desk_app.groups.pages import Path, Step

if TYPE_CHECKING:
    from desk_app.gazetteer import Gazetteer
    from desk_app.settings import Settings

Draft = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ProcedureInfo:
    """One procedure of a group, as its TOML ``[[procedure]]`` table states it."""

    id: str
    label: str
    """Its full name, as the receipt prints it."""
    short_label: str
    """Its name where space is tight (progress lines, work lists)."""
    agency_role: str
    """Which agency decides it, by role: a key of desk.toml's ``[office.agencies]``."""
    progress_title: str
    """What the dossier's history says when it is done."""
    reference_label: str
    """What the number its result carries is called ("số Giấy khai sinh", "số thẻ")."""
    delivery: tuple[str, ...]
    """The ways its result may be received (ids of the ``delivery`` option list)."""
    reference_format: str | None = None
    """The shape of the number its deciding agency issues (``reference_format``: ``{number}``,
    ``{serial}``, ``{year}``), for central's simulated agencies; None: the agency issues none."""
    owns: tuple[str, ...] = ()
    """The parts of the declarations (top-level keys) its decision rests on. Once it is decided
    they are changed only by that procedure's own correction procedure (a registered birth by
    "cải chính hộ tịch"), never by a correction at the counter: desk and central both refuse."""


@dataclass(frozen=True, slots=True)
class AssistContext:
    """What derived fields and assists may consult besides the draft: the office, the units."""

    settings: Settings
    gazetteer: Gazetteer


@dataclass(frozen=True, slots=True)
class ReviewPart:
    """A part of the review page the officer can jump back to with a number key."""

    key: str
    name: str
    """How the key's description names the part ("người yêu cầu")."""
    pages: tuple[str, ...]
    """The pages holding it; the first one shown in the draft is where the key goes."""
    id: str = ""
    """Its key's id (``review.<id>``); its first page's id when empty."""


@dataclass(frozen=True, slots=True)
class CopyAssist:
    """An assist key that copies an address from one declaration into another."""

    key_id: str
    """The id of its key (``wizard.<key_id>``: ``copy_mother`` is F7, ``copy_requester`` F8,
    whatever the group copies with it), listed in the page's ``Step.keys``."""
    source: Path
    target: Path
    who: str
    """How its message names where the address came from ("mẹ", "người yêu cầu")."""
    label: str
    """The key's name in the footer, a few letters ("ĐC của mẹ")."""
    tooltip: str
    """What the key does, in a sentence (its tooltip and F1's help)."""


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    """One fact that says who a dossier is about, from the group's ``[duplicates]`` table.

    Two dossiers of a group are about the same person when every key of the group agrees.
    ``match`` is ``"exact"`` (dates, ID numbers: the values as saved) or ``"folded"`` (names,
    through :func:`forms.text.fold`); ``find`` says which search index holds the value
    (``"id"``, ``"name"``) so candidates can be looked up by it, None when it cannot be.
    """

    path: Path
    match: str
    find: str | None = None


def _duplicate_keys(table: Mapping[str, Any]) -> tuple[DuplicateKey, ...]:
    """The keys of a ``[duplicates]`` table; ValueError when folding would decide alone."""
    keys = tuple(
        DuplicateKey(
            path=tuple(str(k["path"]).split(".")),
            match=str(k.get("match", "exact")),
            find=str(k["find"]) if "find" in k else None,
        )
        for k in table.get("keys", ())
    )
    if any(k.match not in ("exact", "folded") or k.find not in (None, "id", "name") for k in keys):
        raise ValueError("[duplicates] keys: match is exact|folded, find is id|name")
    if keys and not any(k.match == "exact" for k in keys):
        raise ValueError("[duplicates] needs an exact key: folding never decides identity alone")
    return keys


def _nothing(_draft: Draft) -> None:
    return None


def _no_derivation(_draft: Draft, _path: Path, _ctx: AssistContext) -> None:
    return None


def _no_page_hook(_draft: Draft, _page: str) -> bool:
    return False


def _no_ui(_settings: Settings) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class GroupDefinition:
    """Everything the generic parts of the desk need to know about one procedure group."""

    kind: str
    """The discriminator stored in every dossier's declarations (``"birth_interlink"``)."""
    model: type[BaseModel]
    """The ``forms`` model of its declarations (a :class:`forms.group.ProcedureGroup`)."""
    data: Mapping[str, Any]
    """Its TOML: ``[group]``, ``[[procedure]]``, facts, ``[[attachment]]``, ``[times]``."""
    pages: tuple[Step, ...]
    blank: Callable[[Settings], Draft]
    """A new dossier (``{"schema_version", "declarations"}``) with the office's defaults."""
    checklist_facts: Callable[[Mapping[str, Any]], dict[str, object]]
    """The checklist facts of declarations as saved or drafted (JSON): one function, used by
    the attachments page, reception and the lookup view alike."""
    prepare: Callable[[Draft], None] = _nothing
    """Drop from a deep copy of the declarations what the choices made exclude (in place)."""
    derive: Callable[[Draft, Path, AssistContext], None] = _no_derivation
    """Keep fields that follow another consistent after the field at ``path`` changed."""
    enter_page: Callable[[Draft, str], bool] = _no_page_hook
    """Fill a page from what is already known as it is shown; True when it changed the draft."""
    ui_defaults: Callable[[Settings], dict[str, Any]] = _no_ui
    """The draft's ``ui`` part to start with (provinces picked to narrow agency pickers)."""
    subject_path: Path = ("subject",)
    """Where the declarations hold the person the dossier is about (lists show their name)."""
    review_parts: tuple[ReviewPart, ...] = ()
    copies: tuple[CopyAssist, ...] = ()
    scan_pages: frozenset[str] = field(default_factory=lambda: frozenset({"requester"}))
    """Pages where F2 (scan a chip card into the requester) is shown in the footer."""
    decided_by: Callable[[Mapping[str, Any]], tuple[tuple[str, str], ...]] | None = None
    """(procedure, deciding agency's role) of each procedure saved declarations ask for, when
    a dossier asks for only some of the group's procedures or a choice moves a procedure to
    another agency; every procedure with its data's role when None."""
    agency_fields: Mapping[str, str] = field(default_factory=dict)
    """procedure → the field of the declarations' ``agencies`` naming its deciding agency, where
    it is not ``<procedure>_agency`` (several procedures may share one agency)."""
    reference_format_of: Callable[[str, Mapping[str, Any]], str | None] | None = None
    """The shape of ``procedure``'s reference for saved declarations (JSON), when a choice in them
    changes who decides it and so what number it carries (a benefit's branch); the procedure's
    own ``reference_format`` when None."""
    requested_field: str | None = None
    """The declarations' field listing the procedures a dossier asks for, when a dossier may ask
    for only some of the group's (a ``[[combination]]``); None: every dossier asks for all. The
    store reads it without decoding the declarations (:meth:`requested_path`)."""

    # -- what the TOML says ---------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The group's full name, as the receipt prints it."""
        return str(self.data["group"]["title"])

    @property
    def subject_label(self) -> str:
        """Who the dossier is about, as the receipt names them ("Người được khai sinh")."""
        return str(self.data["group"].get("subject_label", ""))

    @property
    def subject_short(self) -> str:
        """The same in a few letters, for lists and headings ("Trẻ", "Người chết")."""
        return str(self.data["group"].get("subject_short", self.subject_label))

    @cached_property
    def procedures(self) -> tuple[ProcedureInfo, ...]:
        """Its procedures in the order they are usually decided."""
        return tuple(
            ProcedureInfo(
                id=str(p["id"]),
                label=str(p["label"]),
                short_label=str(p.get("short_label", p["label"])),
                agency_role=str(p["agency_role"]),
                progress_title=str(p["progress_title"]),
                reference_label=str(p["reference_label"]),
                delivery=tuple(str(m) for m in p["delivery"]),
                reference_format=str(p["reference_format"]) if "reference_format" in p else None,
                owns=tuple(str(k) for k in p.get("owns", ())),
            )
            for p in self.data["procedure"]
        )

    def locked_by(
        self, old: Mapping[str, Any], new: Mapping[str, Any], done: Collection[str]
    ) -> list[tuple[str, ProcedureInfo]]:
        """(part, procedure) for each part of the declarations a correction from ``old`` to
        ``new`` would change although a procedure already ``done`` owns it (empty: allowed)."""
        return [
            (part, p)
            for p in self.procedures
            if p.id in done
            for part in p.owns
            if old.get(part) != new.get(part)
        ]

    @cached_property
    def duplicate_keys(self) -> tuple[DuplicateKey, ...]:
        """Who a dossier is about, as its TOML's ``[duplicates] keys`` say (desk_app.duplicates);
        empty: the group's dossiers are not checked for the same person declared twice."""
        return _duplicate_keys(self.data.get("duplicates", {}))

    @property
    def duplicate_names(self) -> tuple[Path, ...]:
        """Names (``[duplicates] narrow_by_name``) that may narrow a search at central when no
        key is a personal ID; they never decide: the keys do."""
        names = self.data.get("duplicates", {}).get("narrow_by_name", ())
        return tuple(tuple(str(n).split(".")) for n in names)

    @cached_property
    def procedure_ids(self) -> tuple[str, ...]:
        """The ids of its procedures, in order."""
        return tuple(p.id for p in self.procedures)

    def procedure(self, procedure_id: str) -> ProcedureInfo:
        """One procedure by id (KeyError when the group has no such procedure)."""
        for p in self.procedures:
            if p.id == procedure_id:
                return p
        raise KeyError(procedure_id)

    @cached_property
    def procedure_sets(self) -> tuple[frozenset[str], ...]:
        """The sets of procedures a dossier of the group may ask for: its ``[[combination]]``
        when its data lists some, else all of its procedures together."""
        if "combination" in self.data:
            return tuple(
                frozenset(str(p) for p in c["procedures"]) for c in self.data["combination"]
            )
        return (frozenset(self.procedure_ids),)

    def plan(self, declarations: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
        """(procedure, deciding role) of each procedure ``declarations`` (JSON) ask for."""
        if self.decided_by is not None:
            return self.decided_by(declarations)
        return tuple((p.id, p.agency_role) for p in self.procedures)

    def requested(self, declarations: Mapping[str, Any]) -> frozenset[str]:
        """The procedures saved ``declarations`` (JSON, in the dossier's envelope or not) ask
        for: central's "ready" means these are done, not just any combination the group allows."""
        if self.requested_field is None:
            return frozenset(self.procedure_ids)
        inner = declarations.get("declarations")
        listed = (inner if isinstance(inner, Mapping) else declarations).get(self.requested_field)
        return frozenset(str(p) for p in listed) if isinstance(listed, list) else frozenset()

    @property
    def requested_path(self) -> str | None:
        """The SQLite JSON path of :attr:`requested_field` in a stored dossier's declarations."""
        return None if self.requested_field is None else f"$.declarations.{self.requested_field}"

    def reference_format(self, procedure: str, declarations: Mapping[str, Any]) -> str | None:
        """The shape of the reference ``procedure`` of a dossier with ``declarations`` (JSON)
        carries when decided: a card number, a register number, a decision number, or none."""
        if self.reference_format_of is not None:
            return self.reference_format_of(procedure, declarations)
        return self.procedure(procedure).reference_format

    def agency_field(self, procedure: str) -> str:
        """The field of the declarations' ``agencies`` naming ``procedure``'s deciding agency."""
        return self.agency_fields.get(procedure, f"{procedure}_agency")

    def options(self, list_id: str) -> dict[str, str] | None:
        """An option list of the group's own data (id → label), or None when it has none.

        ``[lists.<id>]`` as in ``options.toml``; ``combination`` is the group's
        ``[[combination]]`` (the sets of procedures the citizen may ask for together)."""
        if list_id == "combination" and "combination" in self.data:
            return {str(c["id"]): str(c["label"]) for c in self.data["combination"]}
        spec = self.data.get("lists", {}).get(list_id)
        if spec is None:
            return None
        return {str(o["id"]): str(o["label"]) for o in spec["options"]}

    def page(self, page_id: str) -> Step:
        """One page by id (KeyError when the group has no such page)."""
        for step in self.pages:
            if step.id == page_id:
                return step
        raise KeyError(page_id)
