"""What forms 02, 03 and 04 say, worked out from a *saved* dossier, like the receipt.

Each form is a paper the citizen takes away and may bring back: it must say what the database
says (the requester, the procedures, the appointment, the reason central gave), never what a
screen held. So every builder starts from a :class:`DossierRow` and the desk's settings, checks
that the form applies to the dossier's status and that what the officer adds (a reason, a new
date) is acceptable, and refuses with a Vietnamese message naming the field otherwise: nothing
is printed or recorded for a refused form. The identity block (requester, address, contact,
request) is the receipt's, read by the receipt's own helpers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, Literal, get_args

from desk_app import groups
from desk_app.checklist import FactError, checklist
from desk_app.clock import VN_TZ
from desk_app.documents import texts
from desk_app.dossier import Dossier
from desk_app.errors import DeskError
from desk_app.lifecycle import STATUS_LABELS, Status
from desk_app.receipt import texts as receipt_texts
from desk_app.receipt.content import (
    ReceiptError,
    address_text,
    appointment_time,
    load_dossier,
    long_time,
    office_place,
)
from desk_app.refdata import group_data
from desk_app.settings import Settings
from desk_app.store import DossierRow
from desk_app.workcalendar import office_calendar
from forms.text import TextRejected, clean_line, for_print

Form = Literal["02", "03", "04"]
FORMS: Final[tuple[Form, ...]] = get_args(Form)

MAX_REASON: Final = 1000
"""Characters of a reason: a paragraph the citizen reads, not a file."""

NOT_DONE: Final = frozenset(
    {Status.RECEIVED, Status.SENT, Status.REJECTED, Status.ACCEPTED, Status.IN_PROGRESS}
)
"""Received, with no result and no decision yet: the results may still come late (form 04),
and papers found missing can still be asked for (form 02)."""
REFUSED: Final = frozenset({Status.REFUSED, Status.PAPERS_RETURNED})
"""Refused dossiers; the refusal's reason stays stored after the papers went back."""


class FormRefused(DeskError):
    """The form cannot be made for this dossier or with these arguments; ``field`` says where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Identity:
    """The block every form opens with: whose dossier, about what, how to reach them."""

    form: Form
    code: str
    governing: str
    """The authority in capitals, above the unit (as on the receipt)."""
    unit: str
    """The receiving unit's name ("Bộ phận Tiếp nhận và Trả kết quả phường Láng")."""
    place_date: str
    """The place and the day the form is issued."""
    requester_name: str
    address: str
    phone: str
    email: str
    requested: tuple[str, ...]
    """The procedure group's title, then each procedure asked for."""
    subject: tuple[str, str]
    """The group's label for the person the dossier is about and their name in capitals."""


@dataclass(frozen=True, slots=True)
class ItemLine:
    """One line of what form 02 asks the citizen to bring."""

    label: str
    original: str
    """What to do with the original: hand it in, show it, or nothing ("-")."""
    copies: str


@dataclass(frozen=True, slots=True)
class SupplementRequest:
    """Form 02: what is missing, why, and whom to ask."""

    identity: Identity
    number: str
    """The paper's number before "/HDHS"; set when the issue is recorded."""
    items: tuple[ItemLine, ...]
    reason: str
    contact: str
    officer_name: str


@dataclass(frozen=True, slots=True)
class RefusalNotice:
    """Form 03: the dossier is not received or decided, and why."""

    identity: Identity
    reason: str
    officer_name: str


@dataclass(frozen=True, slots=True)
class Apology:
    """Form 04: the results will be late; the new appointment."""

    identity: Identity
    agency: str
    received_on: str
    appointment: str
    new_appointment: str
    new_date: date
    reason: str
    officer_name: str


FormContent = SupplementRequest | RefusalNotice | Apology


def form_of(value: str) -> Form:
    """``value`` as a form number ("2" and "02" alike), or :class:`FormRefused`."""
    wanted = value.strip().zfill(2)
    for form in FORMS:
        if form == wanted:
            return form
    raise FormRefused(texts.UNKNOWN_FORM.format(form=value), "form")


def identity(row: DossierRow, settings: Settings, form: Form, today: date) -> Identity:
    """The identity block of ``row`` on a form issued ``today``."""
    dossier = _dossier(row)
    try:
        group = group_data(row.procedure_group)
    except KeyError:
        raise FormRefused(
            texts.UNKNOWN_GROUP.format(code=row.code, group=row.procedure_group)
        ) from None
    requester = dossier.declarations.requester
    labels = {p.id: p.label for p in dossier.group.procedures}
    subject_label = str(group["group"].get("subject_label", ""))
    office = settings.office
    return Identity(
        form=form,
        code=row.code,
        governing=for_print(office.governing),
        unit=office.agencies.receiving.name,
        place_date=receipt_texts.PLACE_DATE.format(
            place=office_place(settings), day=today.day, month=today.month, year=today.year
        ),
        requester_name=for_print(requester.full_name),
        address=address_text(requester.residence.address),
        phone=requester.phone,
        email=requester.email or "",
        requested=(group["group"]["title"], *(labels.get(p, p) for p in dossier.procedures)),
        subject=(subject_label, for_print(dossier.subject_name) if subject_label else ""),
    )


def _dossier(row: DossierRow) -> Dossier:
    try:
        return load_dossier(row, texts.UNREADABLE_DOSSIER)
    except ReceiptError as exc:
        raise FormRefused(exc.message) from None


def _wrong_state(row: DossierRow, form: Form) -> FormRefused:
    return FormRefused(
        texts.WRONG_STATE.format(
            code=row.code,
            status=STATUS_LABELS[row.status],
            form=texts.FORM_NAMES[form],
            when=texts.WHEN[form],
        ),
        "status",
    )


def clean_reason(raw: str | None, form: Form) -> str | None:
    """The officer's reason as one clean line, None when none was given."""
    if raw is None:
        return None
    try:
        reason = clean_line(raw)
    except TextRejected as exc:
        raise FormRefused(f"{texts.REASON_FIELD}: {exc.message}", "reason") from None
    if len(reason) > MAX_REASON:
        raise FormRefused(
            texts.REASON_TOO_LONG.format(
                field=texts.REASON_FIELD, length=len(reason), most=MAX_REASON
            ),
            "reason",
        )
    return reason or None


def _reason_required(form: Form) -> FormRefused:
    return FormRefused(
        texts.REASON_REQUIRED.format(field=texts.REASON_FIELD, what=texts.REASON_WHAT[form]),
        "reason",
    )


# --- form 02 -------------------------------------------------------------------------------------


def missing_items(row: DossierRow, received: Collection[str]) -> tuple[ItemLine, ...]:
    """Required checklist items of ``row`` (by its saved facts) not in ``received``.

    Reception saves no dossier without its required papers, so this is empty for a dossier
    received by this desk; one imported from an older system, or whose facts changed, may
    lack some. A dossier whose facts cannot be read lists nothing rather than guessing.
    """
    group = groups.find(row.procedure_group)
    inner = row.declarations.get("declarations")
    declarations: Mapping[str, Any] = inner if isinstance(inner, Mapping) else row.declarations
    if group is None:
        return ()
    try:
        items = checklist(row.procedure_group, group.checklist_facts(declarations))
    except (FactError, KeyError, TypeError, ValueError):
        return ()
    return tuple(
        ItemLine(
            label=i.label,
            original=(
                texts.ORIGINAL_HANDED_IN
                if i.original_handed_in
                else texts.ORIGINAL_SHOWN
                if i.original_at_pickup
                else texts.NONE
            ),
            copies=f"{i.copies:02d}",
        )
        for i in items
        if i.required and i.id not in received
    )


def supplement_request(
    row: DossierRow,
    settings: Settings,
    *,
    today: date,
    officer: str,
    received: Collection[str],
    reason: str | None = None,
) -> SupplementRequest:
    """Form 02 for ``row``: the items it lacks and/or what central asked for.

    ``received``: the checklist items received so far (at reception and as supplements).
    ``reason``: the officer's own words; without them, the form says why in general terms
    (central's request, or papers missing).
    """
    why = clean_reason(reason, "02")
    asked = row.status is Status.SUPPLEMENT_REQUESTED
    missing = missing_items(row, received) if asked or row.status in NOT_DONE else ()
    if not asked and not missing:
        raise _wrong_state(row, "02")
    items = list(missing)
    if asked and row.status_reason:
        items.append(
            ItemLine(texts.CENTRAL_ITEM.format(reason=row.status_reason), texts.NONE, texts.NONE)
        )
    if why is None:
        why = texts.REASON_CENTRAL if asked else texts.REASON_MISSING
    unit = settings.office.agencies.receiving.name
    name = for_print(officer)
    phone = settings.office.phone
    contact = (
        texts.CONTACT.format(officer=name, unit=unit, phone=phone)
        if phone
        else texts.CONTACT_NO_PHONE.format(officer=name, unit=unit)
    )
    return SupplementRequest(
        identity=identity(row, settings, "02", today),
        number="",
        items=tuple(items),
        reason=why,
        contact=contact,
        officer_name=name,
    )


# --- form 03 -------------------------------------------------------------------------------------


def refusal_notice(
    row: DossierRow, settings: Settings, *, today: date, officer: str, reason: str | None = None
) -> RefusalNotice:
    """Form 03 for a refused ``row``, with the refusal's reason as stored.

    The reason on the paper is the one on record (central's, or the counter's): a second
    copy must not say something else. ``reason`` is only for a refusal stored without one.
    """
    if row.status not in REFUSED:
        raise _wrong_state(row, "03")
    given = clean_reason(reason, "03")
    stored = (row.status_reason or "").strip()
    if stored and given is not None and given != stored:
        raise FormRefused(
            texts.REASON_STORED.format(field=texts.REASON_FIELD, code=row.code, reason=stored),
            "reason",
        )
    why = stored or given
    if not why:
        raise _reason_required("03")
    return RefusalNotice(
        identity=identity(row, settings, "03", today), reason=why, officer_name=for_print(officer)
    )


# --- form 04 -------------------------------------------------------------------------------------


def _at(day: date, settings: Settings) -> datetime:
    return datetime.combine(day, settings.calendar.appointment_time, tzinfo=VN_TZ)


def check_new_date(original: date, new_date: date | None, settings: Settings) -> date:
    """``new_date`` if it is a working day after ``original``; else a message naming it."""
    field = texts.NEW_DATE_FIELD
    if new_date is None:
        raise FormRefused(texts.NEW_DATE_REQUIRED.format(field=field), "new_date")
    if new_date <= original:
        raise FormRefused(
            texts.NEW_DATE_NOT_LATER.format(
                field=field, day=f"{new_date:%d/%m/%Y}", original=f"{original:%d/%m/%Y}"
            ),
            "new_date",
        )
    calendar = office_calendar(settings.calendar)
    if not calendar.is_working_day(new_date):
        holiday = calendar.holiday_name(new_date)
        raise FormRefused(
            texts.NEW_DATE_NOT_WORKING.format(
                field=field,
                day=f"{new_date:%d/%m/%Y}",
                weekday=texts.WEEKDAYS[new_date.weekday()],
                holiday=texts.HOLIDAY.format(name=holiday) if holiday else "",
                suggestion=f"{calendar.next_working_day(new_date):%Y-%m-%d}",
            ),
            "new_date",
        )
    return new_date


def apology(
    row: DossierRow,
    settings: Settings,
    *,
    today: date,
    officer: str,
    reason: str | None,
    new_date: date | None,
) -> Apology:
    """Form 04 for ``row``, not yet decided: the reason for the delay and the new date.

    The new date must be a working day of the office's calendar after the appointment the
    receipt gave; the results are then due at the office's usual hour on that day.
    """
    if row.status not in NOT_DONE:
        raise _wrong_state(row, "04")
    why = clean_reason(reason, "04")
    if why is None:
        raise _reason_required("04")
    dossier = _dossier(row)
    # A second apology moves the date the first one gave; the same letter printed again
    # (its date already the dossier's) is checked against the receipt's appointment.
    moved = row.due_on is not None and row.due_on != new_date
    promised = (
        _at(row.due_on, settings)
        if moved and row.due_on is not None
        else appointment_time(row, dossier, settings)
    )
    day = check_new_date(promised.astimezone(VN_TZ).date(), new_date, settings)
    received = row.received_at.astimezone(VN_TZ)
    block = identity(row, settings, "04", today)
    return Apology(
        identity=block,
        agency=settings.office.governing,
        received_on=texts.RECEIVED_ON.format(
            day=received.day, month=received.month, year=received.year, unit=block.unit
        ),
        appointment=long_time(promised),
        new_appointment=long_time(_at(day, settings)),
        new_date=day,
        reason=why,
        officer_name=for_print(officer),
    )
