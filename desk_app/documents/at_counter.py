"""Refusing a dossier at the counter, before it is saved: form 03 from the draft.

An officer who sees, while entering a dossier, that it cannot be received (another office's
competence, forged papers, papers missing that the citizen cannot bring now) refuses it on the
spot. The citizen leaves with form 03 in hand, so the paper is made from the draft as the store
holds it (the officer's last keystrokes are saved before this is called): the requester, what
they asked for, the officer's reason, the office and the officer. No dossier code is issued and
nothing is sent to central: a dossier refused at reception was never received, so form 06's
register does not list it; the audit trail is where it is counted.

The order keeps the paper and the record together: everything is checked first (the draft
exists, a reason and a name are given), the PDF is rendered and kept on disk, then one
transaction records the refusal in the audit trail and discards the draft, and only then is
the form printed. A refusal that cannot be recorded leaves the draft as it was and no PDF; a
printer that fails leaves the PDF where the officer is told. Everything here blocks (the store,
rendering, the print command): screens call it from a worker.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from desk_app import groups
from desk_app import presentation as show
from desk_app.clock import VN_TZ, local_date
from desk_app.desk import Desk
from desk_app.documents import texts
from desk_app.documents.api import FormOutcome, IssuedForm, deliver_form, print_form
from desk_app.documents.content import MAX_REASON, FormRefused, Identity, RefusalNotice
from desk_app.documents.pdf import render_form
from desk_app.drafting import get_in, prepared
from desk_app.errors import NotFound
from desk_app.receipt import texts as receipt_texts
from desk_app.receipt.content import office_place
from desk_app.receipt.printing import Runner
from desk_app.settings import Settings
from desk_app.store import Draft
from forms.text import TextRejected, clean_line, for_print

ACTION: Final = "dossier.refused_at_counter"
"""The audit action of a refusal at the counter (no dossier code: the draft's id is named)."""

OTHER: Final = len(texts.COUNTER_REASONS)
"""The index of "another reason" after the listed ones: its details are required."""


_FIELD_IDS: Final = {
    texts.COUNTER_REASON_FIELD: "reason",
    texts.COUNTER_DETAIL_FIELD: "detail",
    texts.COUNTER_NAME_FIELD: "name",
}
"""Each field's name in messages → its id (the dialog focuses ``#field-<id>``)."""


def _line(raw: str, field: str, most: int) -> str:
    """``raw`` as one clean line of at most ``most`` characters, or a refusal naming ``field``."""
    try:
        line = clean_line(raw)
    except TextRejected as exc:
        raise FormRefused(f"{field}: {exc.message}", _FIELD_IDS[field]) from None
    if len(line) > most:
        raise FormRefused(
            texts.REASON_TOO_LONG.format(field=field, length=len(line), most=most),
            _FIELD_IDS[field],
        )
    return line


def counter_reason(choice: int | None, detail: str = "") -> str:
    """The reason printed on the form: a listed reason (``choice``, an index of
    :data:`texts.COUNTER_REASONS`) followed by ``detail``, or, with :data:`OTHER`, the detail
    alone (then required). Raises :class:`FormRefused` naming the field."""
    details = _line(detail, texts.COUNTER_DETAIL_FIELD, MAX_REASON)
    if choice is None or not 0 <= choice <= OTHER:
        raise FormRefused(
            texts.COUNTER_NO_CHOICE.format(field=texts.COUNTER_REASON_FIELD), "reason"
        )
    if choice == OTHER:
        if not details:
            raise FormRefused(
                texts.COUNTER_NO_DETAIL.format(field=texts.COUNTER_DETAIL_FIELD), "detail"
            )
        return details
    reason = f"{texts.COUNTER_REASONS[choice]} {details}".strip()
    return _line(reason, texts.COUNTER_DETAIL_FIELD, MAX_REASON)


def requester_name(data: Mapping[str, Any]) -> str:
    """The requester's name as typed in the draft (empty when not typed yet)."""
    name = get_in(data, ("declarations", "requester", "full_name"))
    return name if isinstance(name, str) else ""


def _shown(value: Any) -> str:
    """A value typed into the draft, as one clean line ("" when missing or unreadable)."""
    if not isinstance(value, str):
        return ""
    try:
        return clean_line(value)
    except TextRejected:
        return ""


def draft_identity(draft: Draft, settings: Settings, name: str, today: date) -> Identity:
    """Form 03's identity block from ``draft``: no code, the requester named ``name``."""
    data = prepared(draft.data)
    declarations = data.get("declarations") or {}
    kind = get_in(declarations, ("kind",))
    group = groups.find(kind if isinstance(kind, str) else draft.procedure_group)
    group = group or groups.get(draft.procedure_group)
    requester = declarations.get("requester") or {}
    address = get_in(requester, ("residence", "address"))
    asked = {p for p, _ in group.plan(declarations)}
    subject = _shown(get_in(declarations, (*group.subject_path, "full_name")))
    office = settings.office
    return Identity(
        form="03",
        code="",
        governing=for_print(office.governing),
        unit=office.agencies.receiving.name,
        place_date=receipt_texts.PLACE_DATE.format(
            place=office_place(settings), day=today.day, month=today.month, year=today.year
        ),
        requester_name=for_print(name),
        address=show.address(address) if isinstance(address, Mapping) else show.DASH,
        phone=_shown(requester.get("phone")) or show.DASH,
        email=_shown(requester.get("email")),
        requested=(group.title, *(p.label for p in group.procedures if p.id in asked)),
        subject=(group.subject_label, for_print(subject)) if subject else ("", ""),
    )


def counter_path(folder: Path, draft_id: int, at: datetime) -> Path:
    """Where the desk keeps a form 03 refused at the counter: by time and draft (a draft's
    number may be given again once it is gone; the time keeps each paper apart)."""
    return folder / f"tuchoi-{at.astimezone(VN_TZ):%Y%m%d-%H%M%S}-nhap{draft_id}-mau03.pdf"


def refuse_at_counter(
    desk: Desk,
    draft_id: int,
    reason: str,
    *,
    name: str | None = None,
    send: bool = True,
    runner: Runner = subprocess.run,
) -> FormOutcome:
    """Refuse the dossier of draft ``draft_id`` at the counter: form 03 rendered and kept, the
    refusal audited and the draft discarded in one transaction, then the form printed (with
    ``send``). ``name``: the requester's name as the officer confirmed it (the draft's when
    None). Raises :class:`FormRefused` naming the field before anything is written."""
    why = _line(reason, texts.COUNTER_REASON_FIELD, MAX_REASON)
    if not why:
        raise FormRefused(
            texts.COUNTER_NO_CHOICE.format(field=texts.COUNTER_REASON_FIELD), "reason"
        )
    try:
        draft = desk.store.drafts.get(draft_id)
    except NotFound:
        raise FormRefused(texts.COUNTER_NO_DRAFT.format(draft=draft_id)) from None
    who = _line(
        requester_name(draft.data) if name is None else name,
        texts.COUNTER_NAME_FIELD,
        texts.MAX_NAME,
    )
    if not who:
        raise FormRefused(texts.COUNTER_NO_NAME.format(field=texts.COUNTER_NAME_FIELD), "name")
    at = desk.clock()
    officer = desk.officer
    content = RefusalNotice(
        identity=draft_identity(draft, desk.settings, who, local_date(at)),
        reason=why,
        officer_name=for_print(officer),
    )
    issued = IssuedForm(content, render_form(content, desk.settings.printing.paper))
    path = counter_path(desk.settings.paths.receipts, draft_id, at)
    written = deliver_form(desk, issued, out=path)  # kept before it is recorded
    try:
        with desk.store.transaction() as db:
            gone = db.execute("DELETE FROM drafts WHERE id = ?", [draft_id]).rowcount
            if gone != 1:
                raise FormRefused(texts.COUNTER_NO_DRAFT.format(draft=draft_id))
            desk.store.record_within(
                db,
                ACTION,
                officer=officer,
                at=at,
                detail={
                    "form": "03",
                    "draft": draft_id,
                    "group": draft.procedure_group,
                    "requester": who,
                    "requested": list(content.identity.requested[1:]),
                    "reason": why,
                    "file": path.name,
                },
            )
    except BaseException:
        path.unlink(missing_ok=True)  # not recorded: no paper says otherwise
        raise
    if not send:
        return written
    return print_form(desk, issued, path, runner=runner)


__all__ = [
    "ACTION",
    "OTHER",
    "counter_path",
    "counter_reason",
    "draft_identity",
    "refuse_at_counter",
    "requester_name",
]
