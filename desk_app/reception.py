"""Receiving a dossier: what forms cannot check, then the appointment and the save.

``forms`` checks shapes and the rules between declarations; here the dossier meets the facts
of the world: unit codes that exist (and a commune inside its province), ethnic groups and
nationalities that exist, and the attachment checklist for *this* dossier. A dossier that
passes is saved with its appointment in one transaction (see :meth:`Store.save_dossier`).
Every problem comes back as a :class:`forms.errors.FieldMessage`, addressed to its field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any

from desk_app.checklist import ChecklistItem, checklist
from desk_app.clock import VN_TZ, local_date
from desk_app.dossier import Dossier, DossierRejected, receive
from desk_app.gazetteer import Gazetteer
from desk_app.gazetteer import load as load_gazetteer
from desk_app.options import ethnic_groups, nationalities
from desk_app.settings import Settings
from desk_app.store import NewDossier
from desk_app.workcalendar import (
    Appointment,
    OfficeHours,
    WorkCalendar,
    appointment,
    office_calendar,
)
from forms.errors import FieldMessage, Loc, describe

TEXT = {
    "no_province": "không có tỉnh/thành phố mã {code}; hãy chọn lại trong danh sách.",
    "no_commune": "không có xã/phường mã {code}; hãy chọn lại trong danh sách.",
    "commune_elsewhere": "{commune} không thuộc {province}; hãy chọn lại tỉnh hoặc xã.",
    "no_ethnicity": "không có dân tộc mã {code}; hãy chọn trong danh sách 54 dân tộc.",
    "no_country": "không có quốc gia mã {code}; hãy chọn trong danh sách.",
    "missing_items": "còn thiếu giấy tờ bắt buộc: {items}.",
    "missing_files": "tệp đính kèm chưa có trong kho lưu trữ ({count} tệp); hãy đính kèm lại.",
    "reception_time": "Giờ tiếp nhận",
    "outside_hours": (
        "hồ sơ nhận lúc {at} {day}, {why}: thời hạn giải quyết tính từ {opening} {opening_day}."
    ),
    "hours": "ngoài giờ làm việc ({opens}–{closes})",
    "holiday": "ngoài giờ làm việc (ngày nghỉ lễ: {name})",
    "day_off": "ngoài giờ làm việc (ngày nghỉ)",
}

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

ATTACHMENTS_LOC: Loc = ("declarations", "attachments", "items")


def dossier_checklist(dossier: Dossier) -> list[ChecklistItem]:
    """The attachment checklist of this dossier, from the facts it depends on."""
    declarations = dossier.model_dump(mode="json", include={"declarations"})["declarations"]
    return checklist(dossier.kind, dossier.group.checklist_facts(declarations))


def _walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Mapping[str, Any]]]:
    """Every JSON object in ``value`` with its location."""
    if isinstance(value, Mapping):
        yield loc, value
        for key, inner in value.items():
            yield from _walk(inner, (*loc, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, (*loc, index))


def _message(loc: Loc, hint: str, kind: str | None = None) -> FieldMessage:
    """A message at ``loc`` (as the wizard addresses fields), named as the group ``kind``
    names the field: parts several groups share are not named alike by all of them."""
    named = (*loc[:1], kind, *loc[1:]) if kind and loc[:1] == ("declarations",) else loc
    label, sections = describe(Dossier, named)
    return FieldMessage(loc, label, sections, hint)


def reference_errors(dossier: Dossier, gazetteer: Gazetteer | None = None) -> list[FieldMessage]:
    """Codes in the dossier that name no unit, ethnic group or country (generic over groups)."""
    gz = gazetteer or load_gazetteer()
    ethnic, countries = ethnic_groups(), nationalities()
    errors: list[FieldMessage] = []
    kind = dossier.kind
    for loc, obj in _walk(dossier.model_dump(mode="json")):
        province, commune = obj.get("province_code"), obj.get("commune_code")
        if isinstance(province, str):
            try:
                found_province = gz.province(province)
            except KeyError:
                errors.append(
                    _message(
                        (*loc, "province_code"), TEXT["no_province"].format(code=province), kind
                    )
                )
                found_province = None
        if isinstance(commune, str):
            try:
                found = gz.commune(commune)
            except KeyError:
                errors.append(
                    _message((*loc, "commune_code"), TEXT["no_commune"].format(code=commune), kind)
                )
            else:
                if isinstance(province, str) and found_province and found.province.code != province:
                    errors.append(
                        _message(
                            (*loc, "commune_code"),
                            TEXT["commune_elsewhere"].format(
                                commune=found.name, province=found_province.name
                            ),
                            kind,
                        )
                    )
        code = obj.get("ethnicity")
        if isinstance(code, str) and code not in ethnic:
            errors.append(
                _message((*loc, "ethnicity"), TEXT["no_ethnicity"].format(code=code), kind)
            )
        for key in ("nationality", "country"):
            code = obj.get(key)
            if isinstance(code, str) and code not in countries:
                errors.append(_message((*loc, key), TEXT["no_country"].format(code=code), kind))
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


def missing_papers(
    items: list[ChecklistItem], entries: list[Mapping[str, Any]]
) -> list[ChecklistItem]:
    """The required items of a checklist that a draft's attachment ``entries`` (JSON) do not
    show as received: what the attachments page says before the officer moves on, by the
    same rule as :func:`checklist_errors` applies at saving."""
    received = {e.get("item") for e in entries if int(e.get("copies") or 0) > 0 or e.get("files")}
    return [i for i in items if i.required and i.id not in received]


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
    """The office's working days: public holidays, official announcements, desk.toml's days."""
    return office_calendar(settings.calendar)


def office_hours(settings: Settings) -> OfficeHours:
    """When the counter receives dossiers (desk.toml ``[calendar] opens``/``closes``)."""
    return OfficeHours(settings.calendar.opens, settings.calendar.closes)


def appointment_for(
    received_at: datetime,
    settings: Settings,
    group: str,
    procedures: Iterable[str] | None = None,
) -> tuple[datetime, Appointment]:
    """When a dossier of ``group`` asking for ``procedures`` (all of the group's by default)
    received at ``received_at`` is due (day and printed time), with how that was counted (from
    the next opening when received outside office hours)."""
    counted = appointment(
        received_at,
        work_calendar(settings),
        group,
        procedures=None if procedures is None else [str(p) for p in procedures],
        hours=office_hours(settings),
    )
    at = datetime.combine(counted.day, settings.calendar.appointment_time, tzinfo=VN_TZ)
    return at, counted


def hours_warning(counted: Appointment, settings: Settings) -> FieldMessage | None:
    """A warning when the dossier is received outside office hours, None within them."""
    if counted.opening is None:
        return None
    hours = office_hours(settings)
    day = counted.received_at.date()
    calendar = work_calendar(settings)
    if calendar.is_working_day(day):
        why = TEXT["hours"].format(opens=f"{hours.opens:%H:%M}", closes=f"{hours.closes:%H:%M}")
    else:
        holiday = calendar.holiday_name(day)
        why = TEXT["holiday"].format(name=holiday) if holiday else TEXT["day_off"]
    hint = TEXT["outside_hours"].format(
        at=f"{counted.received_at:%H:%M}",
        day=weekday_date(day),
        why=why,
        opening=f"{counted.opening:%H:%M}",
        opening_day=weekday_date(counted.opening.date()),
    )
    return FieldMessage((), TEXT["reception_time"], (), hint, severity="warning")


def weekday_date(day: date) -> str:
    """ "thứ Tư 25/11/2026": how the counter says a day to a citizen."""
    return f"{WEEKDAYS[day.weekday()]} {day:%d/%m/%Y}"


def new_dossier(dossier: Dossier, received_at: datetime, settings: Settings) -> NewDossier:
    """The store's record of a checked dossier, with its appointment."""
    at, _ = appointment_for(received_at, settings, dossier.kind, dossier.procedures)
    return NewDossier(
        declarations=dossier.model_dump(mode="json"),
        requester_name=dossier.requester_name,
        subject_name=dossier.subject_name,
        search_names=dossier.search_names(),
        id_numbers=dossier.id_numbers(),
        appointment_at=at,
        procedure_group=dossier.kind,
        files=attached_files(dossier),
    )
