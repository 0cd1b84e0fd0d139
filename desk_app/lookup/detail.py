"""One dossier as the officer reads it: declarations, attachments, the three procedures, the log.

Built from the store only (the saved declarations, ``procedure_progress``, the files and the
audit log), so the screen and ``desk lookup`` show the same thing. Declarations are labelled by
the ``forms`` models' own field titles, procedures by the group's data and option ids by
``data/`` labels, so nothing here knows any procedure group by heart; a value the reference
data does not know is shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from desk_app import groups
from desk_app.checklist import ChecklistItem, FactError, checklist
from desk_app.groups import GroupDefinition, ProcedureInfo
from desk_app.lifecycle import PROCEDURE_LABELS, STATUS_LABELS, Event
from desk_app.options import ethnic_groups, nationalities, option_list
from desk_app.refdata import group_data
from desk_app.store import AuditEvent, DossierRow
from desk_app.store.queries import FileRow, Progress, Urgency
from forms.errors import models_in

SKIPPED_KEYS = frozenset({"schema_version", "kind", "attachments"})
"""Keys not shown among the declarations (attachments have their own block)."""

FIELD_LISTS: Mapping[str, str] = {
    "birth_case": "birth_case",
    "foreign_element": "foreign_element",
    "residence_case": "residence_case",
    "relation": "relation",
    "consent": "consent",
    "card_holder": "card_holder",
    "method": "delivery",
    "type": "residence_type",
}
"""Declaration keys whose value is an id of a ``data/options.toml`` list."""

ID_KINDS = {"personal_id": "Căn cước / số định danh", "old_id": "CMND", "passport": "Hộ chiếu"}
SEXES = {"male": "Nam", "female": "Nữ"}
YES, NO = "Có", "Không"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

EVENT_TITLES: Mapping[str, str] = {
    Event.RECEIVE: "Tiếp nhận tại quầy",
    Event.SEND: "Đã gửi lên hệ thống",
    Event.REJECT: "Hệ thống trả lại",
    Event.RESUBMIT: "Gửi lại sau khi sửa",
    Event.ACCEPT: "Hệ thống đã nhận hồ sơ",
    Event.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung giấy tờ",
    Event.SUPPLEMENT_RECEIVED: "Đã nhận giấy tờ bổ sung",
    Event.READY: "Có kết quả, chờ trả",
    Event.HAND_OVER: "Đã trả kết quả",
    Event.REFUSE: "Từ chối giải quyết",
    Event.RETURN_PAPERS: "Đã trả lại hồ sơ cho công dân",
    Event.CANCEL: "Hủy theo yêu cầu của công dân",
    "receipt.reprint": "In lại giấy tiếp nhận và hẹn trả kết quả",
    "correct": "Sửa nội dung hồ sơ",
    "form02.print": "In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)",
    "form03.print": "In phiếu từ chối tiếp nhận, giải quyết hồ sơ (mẫu 03)",
    "form04.print": "In phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04)",
    "sync.update_not_applied": "Cập nhật từ hệ thống không áp dụng được",
    "sync.answer_not_applied": "Trả lời của hệ thống không áp dụng được",
    "sync.converged": "Cập nhật theo trạng thái trên hệ thống trung tâm",
    "sync.update_deferred": "Cập nhật từ hệ thống chờ trả lời cho thao tác của quầy",
    "sync.event_refused": "Hệ thống trung tâm không ghi nhận thao tác",
    "dossier.new_appointment": "Hẹn lại ngày trả kết quả",
    "dossier.duplicate_confirmed": "Lãnh đạo xác nhận tiếp nhận hồ sơ có thể trùng",
    "dossier.duplicates_local_only": "Chỉ kiểm tra trùng trên bàn này (chưa hỏi được trung tâm)",
    "sync.held": "Tạm giữ, chưa gửi lên hệ thống",
    "sync.released": "Cho gửi lại lên hệ thống",
    "sync.dropped": "Không gửi nữa (đã hủy trước khi gửi)",
    "fetch": "Lấy hồ sơ từ hệ thống trung tâm về bàn này",
}


def _procedure(group: str, procedure: str) -> ProcedureInfo | None:
    """A procedure of ``group`` as its data describes it, or None when it is unknown."""
    found = groups.find(group)
    if found is None:
        return None
    try:
        return found.procedure(procedure)
    except KeyError:
        return None


@dataclass(frozen=True, slots=True)
class Section:
    """One declaration (requester, the subject, …) as labelled lines."""

    title: str
    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ProcedureLine:
    """One of the group's procedures: done or not, when, and its result's number."""

    procedure: str
    label: str
    done_at: datetime | None
    reference: str | None


@dataclass(frozen=True, slots=True)
class AttachmentLine:
    """One checklist item received: paper copies, files, original sighted, and when."""

    item: str
    label: str
    copies: int
    files: int
    original_sighted: bool
    supplement: bool
    """Received later, as a supplement."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the dossier's history."""

    at: datetime
    title: str
    detail: str
    officer: str
    refused: bool = False
    """An action of this desk that central did not take (shown in red, with who did it)."""


@dataclass(frozen=True)
class DossierDetail:
    """Everything the dossier view and ``desk lookup CODE`` show."""

    row: DossierRow
    urgency: Urgency | None
    procedures: tuple[ProcedureLine, ...]
    timeline: tuple[TimelineEntry, ...]
    attachments: tuple[AttachmentLine, ...]
    sections: tuple[Section, ...]
    originals: tuple[ChecklistItem, ...]
    """Items whose original the citizen must hand in or show when collecting the results."""

    @property
    def status_label(self) -> str:
        """The status in words."""
        return STATUS_LABELS[self.row.status]


def vn_date(value: date | datetime) -> str:
    """dd/mm/yyyy, or "HH:MM dd/mm/yyyy" for a time: how the counter writes dates."""
    if isinstance(value, datetime):
        return f"{value:%H:%M %d/%m/%Y}"
    return f"{value:%d/%m/%Y}"


def declarations_of(row: DossierRow) -> Mapping[str, Any]:
    """The declarations object of a stored dossier (inside its envelope, when it has one)."""
    inner = row.declarations.get("declarations")
    return inner if isinstance(inner, Mapping) else row.declarations


# --- declarations ----------------------------------------------------------------------------


def _label(
    loc: tuple[str | int, ...], model: type[BaseModel] | None = None
) -> tuple[str, tuple[str, ...]]:
    """A declaration field's label and its parts' labels, by its group's model when known."""
    from desk_app.dossier import Dossier
    from forms.errors import describe

    if model is not None:
        return describe(model, loc)
    return describe(Dossier, ("declarations", *loc))


def _option(key: str, value: str) -> str:
    try:
        if key in FIELD_LISTS:
            return option_list(FIELD_LISTS[key]).label(value)
        if key == "ethnicity":
            return ethnic_groups().label(value)
        if key in ("nationality", "country"):
            return nationalities().label(value)
        if key in ("province_code", "commune_code"):
            from desk_app.gazetteer import load

            gz = load()
            unit = gz.province(value) if key == "province_code" else gz.commune(value)
            return f"{unit.name} ({value})"
    except (KeyError, ValueError):
        pass
    if key == "sex":
        return SEXES.get(value, value)
    if key == "kind":
        return ID_KINDS.get(value, value)
    if _ISO_DAY.match(value):
        return vn_date(date.fromisoformat(value))
    return value


def _format(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, str):
        return _option(key, value)
    return str(value)


def _ordered(
    value: Mapping[str, Any], models: list[type[BaseModel]]
) -> list[tuple[str, Any, list[type[BaseModel]]]]:
    """Keys in the order the models declare them (stored JSON has them sorted), unknown last."""
    out: list[tuple[int, str, Any, list[type[BaseModel]]]] = []
    for key, inner in value.items():
        owner = next((m for m in models if key in m.model_fields), None)
        rank = list(owner.model_fields).index(key) if owner else len(out) + 1000
        inner_models = models_in(owner.model_fields[key].annotation) if owner else []
        out.append((rank, key, inner, inner_models))
    return [(k, v, m) for _, k, v, m in sorted(out, key=lambda t: t[0])]


def _leaves(
    value: Any, loc: tuple[str | int, ...], models: list[type[BaseModel]]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(value, Mapping):
        for key, inner, inner_models in _ordered(value, models):
            yield from _leaves(inner, (*loc, key), inner_models)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _leaves(inner, (*loc, index), models)
    elif value is not None and value != "":
        yield loc, value


def sections(row: DossierRow) -> tuple[Section, ...]:
    """The declarations as labelled sections, in the order the forms declare them."""
    return declaration_sections(declarations_of(row))


def declaration_sections(declarations: Mapping[str, Any]) -> tuple[Section, ...]:
    """Declarations (saved, or a draft as it will be saved) as labelled sections, walking the
    models: the lookup view and the wizard's review page show the same labels and values."""
    from desk_app.dossier import Declarations

    group = groups.find(str(declarations.get("kind", groups.LEGACY_KIND)))
    root: list[type[BaseModel]] = [group.model] if group is not None else models_in(Declarations)
    found = []
    for key, value, models in _ordered(declarations, root):
        if key in SKIPPED_KEYS:
            continue
        model = group.model if group is not None else None
        own = _own_options(group) if group is not None else {}
        title = _label((key,), model)[0]
        lines = []
        for loc, leaf in _leaves(value, (key,), models):
            label, parents = _label(loc, model)
            name = " · ".join([*parents[1:], label])
            shown = own.get(loc[:-1] if isinstance(loc[-1], int) else loc, {}).get(str(leaf))
            if shown is None:
                shown = _format(str(loc[-1]) if isinstance(loc[-1], str) else "", leaf)
            lines.append((name, shown))
        if lines:
            found.append(Section(title, tuple(lines)))
    return tuple(found)


def _own_options(group: GroupDefinition) -> dict[tuple[str | int, ...], dict[str, str]]:
    """path → labels of the options of the group's own lists its pages pick there (e.g. the
    death interlink's relations to the deceased), and its procedures' labels, where the
    declarations list procedure ids."""
    found: dict[tuple[str | int, ...], dict[str, str]] = {}
    for step in group.pages:
        for spec in step.fields:
            options = group.options(spec.source) if spec.kind == "choice" and spec.source else None
            if options is not None and not spec.ui:
                found[spec.path] = options
    found[("requested",)] = {p.id: p.label for p in group.procedures}
    return found


# --- checklist and attachments -----------------------------------------------------------------


def item_labels(group: str) -> dict[str, str]:
    """Checklist item id → its label, for the group."""
    try:
        return {a["id"]: a["label"] for a in group_data(group)["attachment"]}
    except (KeyError, FileNotFoundError):
        return {}


def originals_at_pickup(row: DossierRow) -> tuple[ChecklistItem, ...]:
    """The items whose original must be handed in or shown at pick-up, by this dossier's facts.

    The facts are read from the saved requester (authorised, verified). A dossier whose facts
    cannot be read (an import from an older system) gets the items required whatever the facts.
    """
    declarations = declarations_of(row)
    requester = declarations.get("requester")
    group = groups.find(row.procedure_group)
    facts = None
    if group is not None and isinstance(requester, Mapping) and "relation" in requester:
        facts = group.checklist_facts(declarations)
    if facts is not None:
        try:
            return tuple(i for i in checklist(row.procedure_group, facts) if i.original_at_pickup)
        except FactError:
            pass
    spec = group_data(row.procedure_group)["attachment"]
    always = {a["id"] for a in spec if "required_when" not in a and a["original_at_pickup"]}
    return tuple(
        ChecklistItem(a["id"], a["label"], True, int(a["copies"]), True, a["why_required"])
        for a in spec
        if a["id"] in always
    )


def attachments(
    row: DossierRow, stored: list[FileRow], events: list[AuditEvent]
) -> tuple[AttachmentLine, ...]:
    """Items received at reception, then those received as supplements, with their files."""
    labels = item_labels(row.procedure_group)
    block = declarations_of(row).get("attachments")
    items: list[Any] = block.get("items", []) if isinstance(block, Mapping) else []
    lines = [
        AttachmentLine(
            item=i["item"],
            label=labels.get(i["item"], str(i["item"])),
            copies=int(i.get("copies", 0)),
            files=len(i.get("files", [])),
            original_sighted=bool(i.get("original_sighted", False)),
            supplement=False,
        )
        for i in items
        if isinstance(i, Mapping) and "item" in i
    ]
    counted = {
        (i["item"], sha) for i in items if isinstance(i, Mapping) for sha in i.get("files", [])
    }
    extra = [f for f in stored if (f.item, f.sha256) not in counted]
    for event in events:
        if event.action != Event.SUPPLEMENT_RECEIVED:
            continue
        for part in event.detail.get("attachments", []):
            lines.append(
                AttachmentLine(
                    item=part["item"],
                    label=labels.get(part["item"], part["item"]),
                    copies=int(part.get("copies", 0)),
                    files=len(part.get("files", [])),
                    original_sighted=bool(part.get("original_sighted", False)),
                    supplement=True,
                )
            )
            extra = [f for f in extra if f.sha256 not in part.get("files", [])]
    for f in extra:  # files attached outside both (kept visible rather than hidden)
        lines.append(
            AttachmentLine(f.item, labels.get(f.item, f.item), 0, 1, f.original_sighted, False)
        )
    return tuple(lines)


# --- progress and history ------------------------------------------------------------------------


def procedures(row: DossierRow, done: list[Progress]) -> tuple[ProcedureLine, ...]:
    """Every procedure the dossier asks for (of its group's, in order), finished or not."""
    group = groups.find(row.procedure_group)
    by = {p.procedure: p for p in done}
    asked = {p for p, _ in group.plan(declarations_of(row))} if group is not None else set()
    return tuple(
        ProcedureLine(
            p.id,
            p.short_label,
            by[p.id].at if p.id in by else None,
            by[p.id].reference if p.id in by else None,
        )
        for p in (group.procedures if group is not None else ())
        if p.id in asked or p.id in by
    )


def _describe(event: AuditEvent, group: str) -> tuple[str, str]:
    d = event.detail
    if event.action == Event.PROGRESS:
        procedure = d.get("procedure", "")
        info = _procedure(group, procedure)
        title = info.progress_title if info else PROCEDURE_LABELS.get(procedure, procedure)
        ref = d.get("reference")
        return title, f"{info.reference_label if info else 'số'} {ref}" if ref else ""
    title = EVENT_TITLES.get(event.action, event.action)
    parts: list[str] = []
    if event.action in (Event.HAND_OVER, Event.RETURN_PAPERS):
        parts.append(f"người nhận {d.get('receiver', '?')}, giấy tờ {d.get('receiver_id', '?')}")
        if d.get("originals"):
            labels = ", ".join(d.get("original_labels", d["originals"]))
            parts.append(f"đã thu/đối chiếu bản chính: {labels}")
    if event.action == Event.SUPPLEMENT_RECEIVED and d.get("attachments"):
        parts.append(", ".join(f"{a.get('label', a['item'])}" for a in d["attachments"]))
    if event.action == "correct" and d.get("version"):  # desk_app.corrections
        parts.append(f"thành phiên bản {d['version']}")
    if d.get("reason"):
        parts.append(f"lý do: {d['reason']}")
    if d.get("note"):
        parts.append(f"ghi chú: {d['note']}")
    return title, "; ".join(parts)


def timeline(
    events: list[AuditEvent], group: str = groups.LEGACY_KIND
) -> tuple[TimelineEntry, ...]:
    """The dossier's history, oldest first, in words (progress named by ``group``'s data)."""
    out = []
    for event in events:
        title, detail = _describe(event, group)
        out.append(TimelineEntry(event.at, title, detail, event.officer))
    return tuple(out)
