"""What the receipt says, worked out from the *saved* dossier and the desk's settings.

The receipt is a legal paper the citizen brings back: it must say what the database says, not
what a screen showed a moment ago. So everything here starts from a :class:`DossierRow` read
from the store (its code, lookup code, times and officer) and the declarations saved in it;
labels come from ``data/`` and the statutory times from the group's data file. The result is
plain text, ready for any layout (:mod:`desk_app.receipt.pdf` draws it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from desk_app import gazetteer
from desk_app.clock import VN_TZ
from desk_app.dossier import Dossier
from desk_app.errors import DeskError
from desk_app.options import option_list
from desk_app.receipt import texts
from desk_app.receipt.qr import qr_payload
from desk_app.refdata import group_data
from desk_app.settings import Settings
from desk_app.store import DossierRow
from desk_app.workcalendar import appointment, office_calendar, statutory_times
from forms.address import Address
from forms.choices import Delivery
from forms.errors import pydantic_reason
from forms.text import for_print

SETS_PER_DOSSIER = 1
"""An interlinked dossier is one set of papers, whatever the number of procedures."""


class ReceiptError(DeskError):
    """The receipt cannot be made for a reason the officer should hear about."""


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """One paper received, as the receipt's table lists it."""

    label: str
    copies: int
    note: str


@dataclass(frozen=True, slots=True)
class ReceiptContent:
    """Every text of one receipt; the layout adds nothing but the copy marking and page numbers."""

    code: str
    lookup_code: str
    qr_payload: str
    qr_is_url: bool
    copies: tuple[str, ...]
    """The copy marking of each copy in the print job, in order."""
    governing: str
    """The governing authority, in capitals, above "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"."""
    place_date: str
    received_by: str
    requester_name: str
    address: str
    phone: str
    email: str
    """Empty when the requester gave none: the receipt then prints no e-mail at all."""
    requested: tuple[str, ...]
    """The procedure group's title, then each procedure asked for."""
    subject: tuple[str, str]
    """Who the dossier is about: the group's label for them and their name in capitals
    (("Người được khai sinh", "TRẦN MINH AN")); empty strings if the group names no subject."""
    documents: tuple[DocumentLine, ...]
    sets: int
    statutory: str
    statutory_parts: tuple[str, ...]
    received_at: str
    appointment: str
    deliveries: tuple[tuple[str, str], ...]
    register: str
    officer_name: str
    version_note: str = ""
    """Under the title when the dossier was corrected ("Bản sửa đổi lần 1 — nội dung phiên
    bản 2"): which content this paper shows. Empty for the content as received, so a
    receipt of a dossier never corrected looks exactly as it always did."""


def long_time(moment: datetime) -> str:
    """ "09 giờ 30 phút, ngày 24 tháng 11 năm 2026", in Vietnam's time."""
    local = moment.astimezone(VN_TZ)
    return texts.LONG_TIME.format(
        hour=local.hour, minute=local.minute, day=local.day, month=local.month, year=local.year
    )


def _unit_name(name: str, kind: str) -> str:
    """ "Phường Láng" → "Láng": how a place is named before a date on official papers."""
    prefix = kind + " "
    return name[len(prefix) :] if name.lower().startswith(prefix.lower()) else name


def address_text(address: Address) -> str:
    """An address in one line: detail, commune, province (or country when abroad)."""
    if not address.in_vietnam:
        from desk_app.options import nationalities  # pycountry + babel: only for abroad

        countries = nationalities()
        country = (
            countries.label(address.country) if address.country in countries else address.country
        )
        return f"{address.detail}, {country}"
    places = gazetteer.load()
    try:
        commune = places.commune(address.commune_code or "")
        return f"{address.detail}, {commune.name}, {commune.province.name}"
    except KeyError:
        try:
            province = places.province(address.province_code or "").name
        except KeyError:
            province = texts.UNKNOWN_PROVINCE.format(code=address.province_code)
        commune_name = texts.UNKNOWN_COMMUNE.format(code=address.commune_code)
        return f"{address.detail}, {commune_name}, {province}"


def load_dossier(row: DossierRow, message: str = texts.UNREADABLE_DOSSIER) -> Dossier:
    """The stored dossier, or a :class:`ReceiptError` naming the dossier if it cannot be read.

    ``message`` (with ``{code}`` and ``{detail}``) says which paper could not be made: the
    counter's other forms (:mod:`desk_app.documents`) read the dossier the same way.
    """
    try:
        return Dossier.model_validate(row.declarations)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ReceiptError(
            message.format(code=row.code, detail=f"{where}: {pydantic_reason(first).rstrip('.')}")
        ) from None


def _documents(dossier: Dossier, group: dict[str, Any]) -> tuple[DocumentLine, ...]:
    spec = {entry["id"]: (i, entry) for i, entry in enumerate(group["attachment"])}
    received = [e for e in dossier.declarations.attachments.items if e.received]
    received.sort(key=lambda e: spec.get(e.item, (len(spec), None))[0])
    lines = []
    for entry in received:
        data = spec.get(entry.item, (0, {}))[1]
        notes = []
        if entry.files:
            notes.append(texts.NOTE_FILES.format(files=len(entry.files)))
        if entry.original_sighted:
            notes.append(texts.NOTE_SIGHTED)
        if data.get("original_handed_in"):
            notes.append(texts.NOTE_ORIGINAL_HANDED_IN)
        elif data.get("original_at_pickup"):
            notes.append(texts.NOTE_ORIGINAL_AT_PICKUP)
        label = data.get("label", entry.item)
        lines.append(DocumentLine(label, entry.copies, "; ".join(notes)))
    return tuple(lines)


def _days(days: int, with_verification: int) -> str:
    normal = texts.STATUTORY_SAME_DAY if days == 0 else texts.STATUTORY_DAYS.format(days=days)
    if with_verification == days:
        return normal
    verify = texts.STATUTORY_DAYS.format(days=with_verification)
    return texts.STATUTORY_WITH_VERIFICATION.format(normal=normal, verify=verify)


def _deliveries(dossier: Dossier) -> tuple[tuple[str, str], ...]:
    methods = option_list("delivery")
    group = dossier.group
    declarations: Any = dossier.declarations  # every group has per-procedure delivery, agencies
    out = []
    for procedure in dossier.procedures:
        choice = getattr(declarations.delivery, procedure)
        method = methods.label(choice.method.value)
        if choice.method is Delivery.AT_AGENCY:
            agency = getattr(declarations.agencies, group.agency_field(procedure)).name
            text = texts.DELIVERY_AT_AGENCY.format(method=method, agency=agency)
        elif choice.method is Delivery.POSTAL and choice.address is not None:
            text = texts.DELIVERY_POSTAL.format(method=method, address=address_text(choice.address))
        elif choice.method is Delivery.ELECTRONIC and choice.email is not None:
            text = texts.DELIVERY_ELECTRONIC.format(method=method, email=choice.email)
        else:
            text = texts.DELIVERY_WITH_BIRTH.format(method=method)
        out.append((group.procedure(procedure).label, text))
    return tuple(out)


def appointment_time(row: DossierRow, dossier: Dossier, settings: Settings) -> datetime:
    """When the results of ``row`` are due, as the receipt promised it."""
    if row.appointment_at is not None:
        return row.appointment_at
    # Saved without one (by an older desk): counted now as reception would have counted it.
    calendar = office_calendar(settings.calendar)
    due = appointment(
        row.received_at,
        calendar,
        row.procedure_group,
        procedures=list(dossier.procedures),
    ).day
    return datetime.combine(due, settings.calendar.appointment_time, tzinfo=VN_TZ)


def _appointment(row: DossierRow, dossier: Dossier, settings: Settings) -> str:
    return long_time(appointment_time(row, dossier, settings))


def office_place(settings: Settings) -> str:
    """The place before the date on the office's papers: its commune's name ("Láng")."""
    office = settings.office
    try:
        commune = gazetteer.load().commune(office.commune_code)
        return _unit_name(commune.name, commune.kind)
    except KeyError:
        return office.name


def receipt_content(row: DossierRow, settings: Settings) -> ReceiptContent:
    """Everything the receipt of the saved dossier ``row`` says, at this desk.

    A dossier taken from central (another counter received it) has no lookup code here:
    central never holds the citizen's secret, so no receipt is printed with a wrong one.
    """
    if not row.lookup_code:
        desk = row.origin_desk or row.desk_number
        raise ReceiptError(texts.NO_LOOKUP_CODE.format(code=row.code, desk=desk))
    dossier = load_dossier(row)
    try:
        group = group_data(row.procedure_group)
        times = statutory_times(row.procedure_group)
    except KeyError:
        raise ReceiptError(
            texts.UNKNOWN_GROUP.format(code=row.code, group=row.procedure_group)
        ) from None
    requester = dossier.declarations.requester
    office = settings.office
    place = office_place(settings)
    received = row.received_at.astimezone(VN_TZ)
    labels = {p.id: p.label for p in dossier.group.procedures}
    by_id = {p.id: p for p in times.procedures}
    parts = tuple(
        texts.STATUTORY_PART.format(
            label=labels.get(p, p),
            time=_days(by_id[p].working_days, by_id[p].working_days_if_verification),
        )
        for p in dossier.procedures
        if p in by_id
    )
    payload = qr_payload(settings.receipt.qr_template, row.code, row.lookup_code)
    copies = (
        (texts.COPY_OFFICE, texts.COPY_CITIZEN)
        if settings.receipt.copies == 2
        else (texts.COPY_CITIZEN,)
    )
    subject_label = str(group["group"].get("subject_label", ""))
    subject = (subject_label, for_print(dossier.subject_name) if subject_label else "")
    return ReceiptContent(
        code=row.code,
        lookup_code=row.lookup_code,
        qr_payload=payload,
        qr_is_url=payload.lower().startswith(("http://", "https://")),
        copies=copies,
        governing=for_print(office.governing),
        place_date=texts.PLACE_DATE.format(
            place=place, day=received.day, month=received.month, year=received.year
        ),
        received_by=texts.RECEIVED_BY.format(unit=office.agencies.receiving.name),
        requester_name=for_print(requester.full_name),
        address=address_text(requester.residence.address),
        phone=requester.phone,
        email=requester.email or "",
        requested=(
            group["group"]["title"],
            *(labels.get(p, p) for p in dossier.procedures),
        ),
        subject=subject,
        documents=_documents(dossier, group),
        sets=SETS_PER_DOSSIER,
        statutory=_days(
            times.total(False, [str(p) for p in dossier.procedures]),
            times.total(True, [str(p) for p in dossier.procedures]),
        ),
        statutory_parts=parts,
        received_at=long_time(row.received_at),
        appointment=_appointment(row, dossier, settings),
        deliveries=_deliveries(dossier),
        register=texts.REGISTER.format(
            book=texts.REGISTER_BOOK.format(desk=row.desk_number, day=f"{received:%d/%m/%Y}"),
            sequence=row.code.rsplit("-", 1)[-1],
        ),
        officer_name=for_print(row.officer),
        version_note=texts.VERSION_NOTE.format(
            corrections=row.content_version - 1, version=row.content_version
        )
        if row.content_version > 1
        else "",
    )
