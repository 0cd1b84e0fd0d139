"""The same person declared twice: caught when a dossier is saved, let through by a supervisor.

Issue 18 item 4. When the officer saves a dossier, the desk looks for dossiers of the office
about the same person (who that is, each group says in its TOML's ``[duplicates]``: for a birth
the child's folded name, date of birth and mother's ID number; for a death the deceased's ID),
in its own store (:mod:`.local`) and, when central answers, among every counter's
(:mod:`.central`). A match is shown side by side; saving anyway takes a supervisor's
confirmation (:func:`approve`), audited with the save in its transaction as
``dossier.duplicate_confirmed`` (:meth:`Confirmation.audit`). The officer declining saves nothing.

A correction that changes who the dossier is about (the child's name or birth date, the
deceased's ID) can make it the duplicate of another one: :func:`for_correction` checks it the
same way, leaving the dossier itself out, and only then (a correction leaving the person as
the keys read them is not checked: no dialog, no request to central).

When central could not be asked the check was this desk's store alone. Nothing stops the
officer for that, but the save says so: the saved page shows one quiet line
(:attr:`Check.local_only`) and the save's transaction audits ``dossier.duplicates_local_only``
with ``duplicates_central: false`` (:meth:`Check.audit`), so a supervisor can find those
dossiers later (``desk audit show``) and look again once central answers.

Screens call :func:`before_save` and :func:`for_correction` from a thread worker (they may
wait on central a few seconds).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desk_app import groups
from desk_app.duplicates import central, local
from desk_app.duplicates.keys import identity, shown_values, value_at
from desk_app.errors import DeskError
from desk_app.lifecycle import STATUS_LABELS, Status
from desk_app.store import DossierRow
from desk_app.store.foreign import desk_of_code
from forms.errors import describe

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.officers import Officer

ACTION = "dossier.duplicate_confirmed"
"""The audit action of a save a supervisor let through although it matched another dossier."""
LOCAL_ONLY = "dossier.duplicates_local_only"
"""The audit action of a save whose duplicate check could not ask central (this desk only)."""

TEXT = {
    "local_only": "Chưa kiểm tra trùng ở hệ thống trung tâm ({cause}): chỉ kiểm tra trên bàn này.",
    "what": "xác nhận tiếp nhận hồ sơ có thể trùng",
    "username": "Nhập tên đăng nhập của lãnh đạo bộ phận.",
    "password": "Nhập mật khẩu của lãnh đạo bộ phận.",
}


@dataclass(frozen=True)
class Found:
    """A dossier of the office already declaring the same person, as the dialog shows it."""

    code: str
    desk: int | None
    """The counter that received it."""
    received_at: datetime
    status: Status
    subject_name: str
    values: tuple[str, ...]
    """Its key values as a person reads them, in the keys' order."""
    at_central: bool
    """Found at central (another counter's, not in this desk's store)."""

    @property
    def status_label(self) -> str:
        """Its status in words."""
        return STATUS_LABELS.get(self.status, self.status.value)


@dataclass(frozen=True)
class Check:
    """What the check found for one dossier about to be saved."""

    group: str
    subject_name: str
    labels: tuple[str, ...]
    """What each key is, as the declaration's labels name it ("Người mẹ – Số giấy tờ")."""
    values: tuple[str, ...]
    """This dossier's key values as a person reads them."""
    found: tuple[Found, ...] = ()
    subject_is_key: bool = False
    """Whether the subject's name is one of the keys (else the dialog adds it)."""
    central_note: str | None = None
    """Why central could not be asked (the check was local only); None when it answered."""
    central_cause: str | None = None
    """The same in a few words ("mất kết nối"); None when central answered."""
    corrected: Found | None = None
    """The saved dossier a correction is about to change (None: a new dossier)."""
    declarations: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the dossiers found."""
        return tuple(f.code for f in self.found)

    @property
    def local_only(self) -> str | None:
        """The saved page's line when central could not be asked; None when it answered."""
        if self.central_note is None:
            return None
        return TEXT["local_only"].format(cause=self.central_cause or "?")

    def audit(self) -> tuple[tuple[str, dict[str, Any]], ...]:
        """What the save after this check audits of the check itself: that it was local only
        (and why, in the saved page's few words), else nothing."""
        if self.central_note is None:
            return ()
        return ((LOCAL_ONLY, {"duplicates_central": False, "reason": self.central_cause}),)


@dataclass(frozen=True)
class Confirmation:
    """A supervisor's word that the dossier is saved although it matches ``codes``."""

    supervisor: str
    """Their full name, as the audit names officers."""
    username: str
    codes: tuple[str, ...]
    central_checked: bool

    def audit(self) -> tuple[tuple[str, dict[str, Any]], ...]:
        """The audit event the save writes with the dossier (its code is the event's)."""
        detail: dict[str, Any] = {
            "duplicate_of": list(self.codes),
            "supervisor": self.supervisor,
            "username": self.username,
            "central_checked": self.central_checked,
        }
        return ((ACTION, detail),)


class ApprovalRefused(DeskError):
    """The supervisor's confirmation was not given; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _label(kind: str, path: tuple[str | int, ...]) -> str:
    from desk_app.dossier import Dossier

    try:
        label, sections = describe(Dossier, ("declarations", kind, *path))  # its group's names
    except (KeyError, LookupError, TypeError, ValueError):
        return ".".join(str(p) for p in path)
    return f"{sections[0]} – {label}" if sections else label


def find(
    desk: Desk,
    kind: str,
    declarations: Mapping[str, Any],
    *,
    exclude: tuple[str, ...] = (),
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
    ask_central: bool = True,
) -> Check:
    """The office's dossiers about the same person as ``declarations`` (JSON) of group
    ``kind``, but those in ``exclude`` (a corrected dossier itself); here first, then central."""
    group = groups.get(kind)
    subject = value_at(declarations, (*group.subject_path, "full_name")) or ""
    keys = group.duplicate_keys
    check = Check(
        group=kind,
        subject_name=subject,
        labels=tuple(_label(kind, k.path) for k in keys),
        values=shown_values(group, declarations),
        subject_is_key=any(k.path == (*group.subject_path, "full_name") for k in keys),
        declarations=declarations,
    )
    if not keys:
        return check
    here = local.same_person(desk.store, group, declarations, exclude=exclude)
    found = [_local(group, row) for row in here]
    note = cause = None
    if ask_central:
        held = {*exclude, *(r.code for r in here)}  # central's copy would only repeat them
        answer = central.ask(desk.settings, group, declarations, held=held, env=env, stop=stop)
        found += [_remote(group, r) for r in answer.records]
        note, cause = answer.offline, answer.cause
    return Check(
        **{**check.__dict__, "found": tuple(found), "central_note": note, "central_cause": cause}
    )


def _local(group: groups.GroupDefinition, row: DossierRow) -> Found:
    return Found(
        code=row.code,
        desk=row.origin_desk or desk_of_code(row.code) or row.desk_number,
        received_at=row.received_at,
        status=row.status,
        subject_name=row.subject_name,
        values=shown_values(group, row.declarations),
        at_central=False,
    )


def _remote(group: groups.GroupDefinition, record: central.Record) -> Found:
    return Found(
        code=record.code,
        desk=record.desk or desk_of_code(record.code),
        received_at=record.received_at,
        status=record.status,
        subject_name=record.subject_name,
        values=shown_values(group, record.declarations),
        at_central=True,
    )


def before_save(
    desk: Desk,
    data: Any,
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
) -> Check:
    """Check a dossier as saving will (raises :class:`desk_app.dossier.DossierRejected`), then
    look for the same person; nothing is written."""
    from desk_app.reception import check

    dossier, _ = check(data, desk.clock(), desk.store.missing_files)
    declarations = dossier.model_dump(mode="json")["declarations"]
    return find(desk, dossier.kind, declarations, env=env, stop=stop)


def for_correction(
    desk: Desk,
    row: DossierRow,
    new: Mapping[str, Any],
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
) -> Check | None:
    """The office's dossiers about the same person as ``row`` corrected into ``new`` (its JSON
    as :func:`desk_app.corrections.checked` gives it), ``row`` itself left out; None, and
    nothing asked, when the correction leaves its person as the keys read them (or says too
    little to name one)."""
    group = groups.get(row.procedure_group)
    after = identity(group, new)
    if after is None or after == identity(group, row.declarations):
        return None
    check = find(desk, row.procedure_group, new, exclude=(row.code,), env=env, stop=stop)
    return replace(check, corrected=_local(group, row))


def approve(desk: Desk, check: Check, username: str = "", password: str = "") -> Confirmation:
    """A supervisor's confirmation to save a dossier matching ``check``'s dossiers.

    The signed-in officer confirms alone when a supervisor; otherwise a supervisor signs in
    here, their password checked exactly as signing in checks it (wrong tries count towards
    their lockout, and are audited). Raises :class:`ApprovalRefused` naming the field.
    """
    from desk_app.officers import SignInRefused, authenticate

    officer = desk.require_officer()
    if not officer.is_supervisor or username.strip():
        if not username.strip():
            raise ApprovalRefused(TEXT["username"], "username")
        if not password:
            raise ApprovalRefused(TEXT["password"], "password")
        security = desk.settings.security
        try:
            officer = authenticate(
                desk.store,
                username,
                password,
                at=desk.clock(),
                max_failures=security.max_failed_sign_ins,
                lockout=timedelta(minutes=security.lockout_minutes),
            )
        except SignInRefused as exc:
            raise ApprovalRefused(exc.message, "password") from None
    supervisor = _supervisor(officer)
    return Confirmation(
        supervisor=supervisor.full_name,
        username=supervisor.username,
        codes=check.codes,
        central_checked=check.central_note is None,
    )


def _supervisor(officer: Officer) -> Officer:
    from desk_app.officers import NotAllowed, require_supervisor

    try:
        return require_supervisor(officer, TEXT["what"])
    except NotAllowed as exc:
        raise ApprovalRefused(exc.message, "username") from None
