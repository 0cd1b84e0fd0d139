"""Issuing forms 02, 03 and 04: check, record, render, keep and print — the calls a screen or
the CLI makes with the desk, the form, the dossier code and what the officer typed.

The order is what makes a refused form harmless and a printed one provable: everything is
checked first (the dossier's status, the reason, the new date), so a refusal writes nothing;
then the issue is recorded in the audit trail in one transaction (with form 02's number, which
is allocated there, and form 04's new date, which becomes the dossier's due date and is
shipped to central as a ``new_appointment`` event); then the PDF is rendered from the saved
dossier, kept, and printed with the desk's ``[printing] command`` exactly as the receipt is
(:mod:`desk_app.receipt.printing`).
Everything here blocks (the store, rendering, the print command): screens call it from a worker.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Final, Literal

from desk_app.clock import local_date
from desk_app.desk import Desk
from desk_app.documents import texts
from desk_app.documents.content import (
    Apology,
    Form,
    FormContent,
    FormRefused,
    SupplementRequest,
    apology,
    refusal_notice,
    supplement_request,
)
from desk_app.documents.pdf import RenderedForm, render_form
from desk_app.errors import os_reason
from desk_app.lookup.actions import new_appointment_within
from desk_app.lookup.detail import attachments
from desk_app.private import write_private
from desk_app.receipt.printing import Runner, run_print_command, unprintable_note
from desk_app.store import DossierRow, Store
from desk_app.store import queries as q
from desk_app.store.tables import Database

ACTIONS: Final[dict[Form, str]] = {
    "02": "form02.print",
    "03": "form03.print",
    "04": "form04.print",
}
"""The audit action of each form's issue (worded in the dossier's history)."""


@dataclass(frozen=True)
class IssuedForm:
    """A form recorded as issued and rendered."""

    content: FormContent
    rendered: RenderedForm

    @property
    def form(self) -> Form:
        """Which form: "02", "03" or "04"."""
        return self.content.identity.form

    @property
    def code(self) -> str:
        """The dossier's code."""
        return self.content.identity.code

    @property
    def pdf(self) -> bytes:
        """The PDF itself."""
        return self.rendered.pdf


@dataclass(frozen=True)
class FormOutcome:
    """What happened to one issued form, and where its PDF is."""

    issued: IssuedForm
    status: Literal["written", "printed", "saved", "failed"]
    path: Path
    detail: str = ""
    """For a print failure: what went wrong, in Vietnamese."""

    @property
    def ok(self) -> bool:
        """Whether the form reached the file (and the printer, when asked to print)."""
        return self.status != "failed"

    @property
    def message(self) -> str:
        """One Vietnamese sentence for the officer (two with unprintable characters); a form
        refused at the counter has no code and names the requester instead."""
        values = {
            "form": texts.FORM_NAMES[self.issued.form],
            "code": self.issued.code,
            "name": self.issued.content.identity.requester_name,
            "path": self.path,
        }
        templates = (
            texts.AT_COUNTER
            if not self.issued.code
            else {
                "written": texts.WRITTEN,
                "printed": texts.PRINTED,
                "saved": texts.NO_PRINTER,
                "failed": texts.PRINT_FAILED,
            }
        )
        text = templates[self.status].format(what=self.detail, **values)
        unprintable = self.issued.rendered.unprintable
        return f"{text} {unprintable_note(unprintable)}" if unprintable else text


def received_items(store: Store, row: DossierRow) -> set[str]:
    """Checklist items of ``row`` received so far: at reception and as supplements."""
    lines = attachments(row, q.files(store, row.id), store.audit_events(row.code))
    return {line.item for line in lines if line.copies > 0 or line.files > 0}


def form_content(
    desk: Desk,
    form: Form,
    code: str,
    *,
    reason: str | None = None,
    new_date: date | None = None,
) -> FormContent:
    """What ``form`` for the saved dossier ``code`` says, issued now by the signed-in officer.

    Raises :class:`FormRefused` (or ``NotFound``) naming the field; writes nothing.
    """
    if new_date is not None and form != "04":
        raise FormRefused(texts.NEW_DATE_ONLY_04.format(field=texts.NEW_DATE_FIELD), "new_date")
    row = desk.store.require(code)
    today = local_date(desk.clock())
    officer = desk.officer
    settings = desk.settings
    if form == "02":
        received = received_items(desk.store, row)
        return supplement_request(
            row, settings, today=today, officer=officer, received=received, reason=reason
        )
    if form == "03":
        return refusal_notice(row, settings, today=today, officer=officer, reason=reason)
    return apology(row, settings, today=today, officer=officer, reason=reason, new_date=new_date)


def _detail(content: FormContent) -> dict[str, Any]:
    detail: dict[str, Any] = {"form": content.identity.form, "reason": content.reason}
    if isinstance(content, SupplementRequest):
        detail["number"] = content.number
        detail["items"] = [item.label for item in content.items]
    elif isinstance(content, Apology):
        detail["appointment"] = content.appointment
        detail["new_date"] = content.new_date.isoformat()
    return detail


def _number(db: Database, content: SupplementRequest, desk_number: int, year: int) -> str:
    """Form 02's number: the same paper printed again keeps its number; a new one takes the
    next of this desk's year, written like dossier sequences (desk n: n001, n002, …) so the
    desks of one office never give the same number."""
    action, code = ACTIONS["02"], content.identity.code
    items = [item.label for item in content.items]
    rows = db.execute(
        "SELECT json_extract(detail, '$.number'), json_extract(detail, '$.reason'), "
        "json_extract(detail, '$.items') FROM audit "
        "WHERE action = ? AND dossier_code = ? AND at LIKE ?",
        [action, code, f"{year}-%"],
    ).fetchall()
    for number, reason, listed in rows:
        if reason == content.reason and json.loads(listed or "[]") == items:
            return str(number)
    (issued,) = db.execute(
        "SELECT COUNT(DISTINCT json_extract(detail, '$.number')) FROM audit "
        "WHERE action = ? AND at LIKE ?",
        [action, f"{year}-%"],
    ).fetchone()
    return f"{desk_number}{issued + 1:03d}"


def issue_form(
    desk: Desk,
    form: Form,
    code: str,
    *,
    reason: str | None = None,
    new_date: date | None = None,
) -> IssuedForm:
    """Check, record (audited, one transaction) and render ``form`` for the dossier ``code``.

    Raises before anything is written when the form does not apply or an argument is refused.
    """
    content = form_content(desk, form, code, reason=reason, new_date=new_date)
    at = desk.clock()
    with desk.store.transaction() as db:
        if isinstance(content, SupplementRequest):
            number = _number(db, content, desk.settings.desk.number, local_date(at).year)
            content = replace(content, number=number)
        if isinstance(content, Apology):  # the new date is the dossier's from now on
            new_appointment_within(
                desk.store,
                db,
                desk.store.require(content.identity.code),
                content.new_date,
                content.reason,
                officer=desk.officer,
                at=at,
            )
        desk.store.record_within(
            db,
            ACTIONS[form],
            officer=desk.officer,
            at=at,
            dossier_code=content.identity.code,
            detail=_detail(content),
        )
    return IssuedForm(content, render_form(content, desk.settings.printing.paper))


def form_path(folder: Path, code: str, form: Form) -> Path:
    """Where the desk keeps ``form`` of ``code`` (beside its receipt, never over it)."""
    return folder / f"{code}-mau{form}.pdf"


def _write(pdf: bytes, path: Path) -> Path:
    """Write ``pdf`` whole or not at all (a half-written file never prints), private to the
    desk's user: a form names the citizen."""
    partial = path.with_name(path.name + ".part")
    try:
        write_private(partial, pdf)
        os.replace(partial, path)
    except OSError as exc:
        raise FormRefused(
            texts.CANNOT_SAVE.format(path=path, detail=os_reason(exc)), "out"
        ) from None
    return path


def deliver_form(
    desk: Desk,
    issued: IssuedForm,
    *,
    out: Path | None = None,
    send: bool = False,
    runner: Runner = subprocess.run,
) -> FormOutcome:
    """Keep the PDF (in ``out``, or the receipts folder) and, with ``send``, print it."""
    settings = desk.settings
    path = _write(issued.pdf, out or form_path(settings.paths.receipts, issued.code, issued.form))
    if not send:
        return FormOutcome(issued, "written", path)
    return print_form(desk, issued, path, runner=runner)


def print_form(
    desk: Desk, issued: IssuedForm, path: Path, *, runner: Runner = subprocess.run
) -> FormOutcome:
    """Send the form kept at ``path`` to the desk's printer (``[printing] command``)."""
    command = desk.settings.printing.command
    if not command.strip():
        return FormOutcome(issued, "saved", path)
    failure = run_print_command(command, path, runner=runner)
    if failure is not None:
        return FormOutcome(issued, "failed", path, failure)
    return FormOutcome(issued, "printed", path)


def make_form(
    desk: Desk,
    form: Form,
    code: str,
    *,
    reason: str | None = None,
    new_date: date | None = None,
    out: Path | None = None,
    send: bool = False,
    runner: Runner = subprocess.run,
) -> FormOutcome:
    """Issue ``form`` for ``code`` and keep (and with ``send``, print) it: the one call a
    screen's worker or the CLI makes. The outcome carries the PDF bytes and its path."""
    issued = issue_form(desk, form, code, reason=reason, new_date=new_date)
    return deliver_form(desk, issued, out=out, send=send, runner=runner)


__all__ = [
    "ACTIONS",
    "Apology",
    "FormOutcome",
    "IssuedForm",
    "deliver_form",
    "form_content",
    "form_path",
    "issue_form",
    "make_form",
    "print_form",
]
