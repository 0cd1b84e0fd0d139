"""Receiving a dossier: what forms cannot check, then the appointment and the save.

``forms`` checks shapes and the rules between declarations; here the dossier meets the facts
of the world: unit codes that exist (and a commune inside its province), ethnic groups and
nationalities that exist, and the attachment checklist for *this* dossier. A dossier that
passes is saved with its appointment in one transaction (see :meth:`Store.save_dossier`).
Every problem comes back as a :class:`forms.errors.FieldMessage`, addressed to its field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from desk_app.checklist import ChecklistItem, checklist
from desk_app.clock import local_date
from desk_app.dossier import Dossier, DossierRejected, receive
from desk_app.gazetteer import Gazetteer
from desk_app.gazetteer import load as load_gazetteer
from desk_app.options import ethnic_groups, nationalities
from desk_app.settings import Settings
from desk_app.store import NewDossier
from desk_app.workcalendar import WorkCalendar, appointment
from forms.errors import FieldMessage, Loc, describe

TEXT = {
    "no_province": "không có tỉnh/thành phố mã {code}; hãy chọn lại trong danh sách.",
    "no_commune": "không có xã/phường mã {code}; hãy chọn lại trong danh sách.",
    "commune_elsewhere": "{commune} không thuộc {province}; hãy chọn lại tỉnh hoặc xã.",
    "no_ethnicity": "không có dân tộc mã {code}; hãy chọn trong danh sách 54 dân tộc.",
    "no_country": "không có quốc gia mã {code}; hãy chọn trong danh sách.",
    "missing_items": "còn thiếu giấy tờ bắt buộc: {items}.",
    "missing_files": "tệp đính kèm chưa có trong kho lưu trữ ({count} tệp); hãy đính kèm lại.",
}

ATTACHMENTS_LOC: Loc = ("declarations", "attachments", "items")


def dossier_checklist(dossier: Dossier) -> list[ChecklistItem]:
    """The attachment checklist of this dossier, from the facts it depends on."""
    requester = dossier.declarations.requester
    return checklist(
        dossier.kind,
        {"requester_relation": requester.relation.value, "requester_verified": requester.verified},
    )


def _walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Mapping[str, Any]]]:
    """Every JSON object in ``value`` with its location."""
    if isinstance(value, Mapping):
        yield loc, value
        for key, inner in value.items():
            yield from _walk(inner, (*loc, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, (*loc, index))


def _message(loc: Loc, hint: str) -> FieldMessage:
    label, sections = describe(Dossier, loc)
    return FieldMessage(loc, label, sections, hint)


def reference_errors(dossier: Dossier, gazetteer: Gazetteer | None = None) -> list[FieldMessage]:
    """Codes in the dossier that name no unit, ethnic group or country (generic over groups)."""
    gz = gazetteer or load_gazetteer()
    ethnic, countries = ethnic_groups(), nationalities()
    errors: list[FieldMessage] = []
    for loc, obj in _walk(dossier.model_dump(mode="json")):
        province, commune = obj.get("province_code"), obj.get("commune_code")
        if isinstance(province, str):
            try:
                found_province = gz.province(province)
            except KeyError:
                errors.append(
                    _message((*loc, "province_code"), TEXT["no_province"].format(code=province))
                )
                found_province = None
        if isinstance(commune, str):
            try:
                found = gz.commune(commune)
            except KeyError:
                errors.append(
                    _message((*loc, "commune_code"), TEXT["no_commune"].format(code=commune))
                )
            else:
                if isinstance(province, str) and found_province and found.province.code != province:
                    errors.append(
                        _message(
                            (*loc, "commune_code"),
                            TEXT["commune_elsewhere"].format(
                                commune=found.name, province=found_province.name
                            ),
                        )
                    )
        code = obj.get("ethnicity")
        if isinstance(code, str) and code not in ethnic:
            errors.append(_message((*loc, "ethnicity"), TEXT["no_ethnicity"].format(code=code)))
        for key in ("nationality", "country"):
            code = obj.get(key)
            if isinstance(code, str) and code not in countries:
                errors.append(_message((*loc, key), TEXT["no_country"].format(code=code)))
    return errors


def checklist_errors(dossier: Dossier) -> list[FieldMessage]:
    """One message naming every required attachment not received."""
    attachments = dossier.declarations.attachments
    missing = [
        i.label for i in dossier_checklist(dossier) if i.required and not attachments.received(i.id)
    ]
    if not missing:
        return []
    return [_message(ATTACHMENTS_LOC, TEXT["missing_items"].format(items="; ".join(missing)))]


def attached_files(dossier: Dossier) -> list[tuple[str, str, bool]]:
    """(item, file hash, original sighted) for every file attached to the dossier."""
    return [
        (entry.item, sha, entry.original_sighted)
        for entry in dossier.declarations.attachments.items
        for sha in entry.files
    ]


def file_errors(dossier: Dossier, missing: Callable[[list[str]], list[str]]) -> list[FieldMessage]:
    """An error when a file the dossier names is not in the attachment store."""
    hashes = [sha for _, sha, _ in attached_files(dossier)]
    absent = missing(hashes) if hashes else []
    if not absent:
        return []
    return [_message(ATTACHMENTS_LOC, TEXT["missing_files"].format(count=len(absent)))]


def check(
    data: Any,
    received_at: datetime,
    missing_files: Callable[[list[str]], list[str]] | None = None,
) -> tuple[Dossier, list[FieldMessage]]:
    """Every rule a dossier must pass to be received; returns it with its warnings.

    Raises :class:`DossierRejected` with all errors, forms' first (a dossier whose shape is
    wrong cannot be looked up in the reference data).
    """
    dossier, warnings = receive(data, local_date(received_at))
    errors = reference_errors(dossier) + checklist_errors(dossier)
    if missing_files is not None:
        errors += file_errors(dossier, missing_files)
    if errors:
        raise DossierRejected(errors)
    return dossier, warnings


def work_calendar(settings: Settings) -> WorkCalendar:
    """The office's working days: public holidays plus what desk.toml announces."""
    return WorkCalendar(settings.calendar.extra_days_off, settings.calendar.extra_working_days)


def new_dossier(dossier: Dossier, received_at: datetime, settings: Settings) -> NewDossier:
    """The store's record of a checked dossier, with its appointment."""
    due = appointment(received_at, work_calendar(settings), dossier.kind)
    at = datetime.combine(due.day, settings.calendar.appointment_time, tzinfo=received_at.tzinfo)
    return NewDossier(
        declarations=dossier.model_dump(mode="json"),
        requester_name=dossier.requester_name,
        child_name=dossier.child_name,
        search_names=dossier.search_names(),
        id_numbers=dossier.id_numbers(),
        appointment_at=at,
        procedure_group=dossier.kind,
        files=attached_files(dossier),
    )
