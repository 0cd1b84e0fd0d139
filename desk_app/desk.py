"""The desk as the screens and the CLI see it: settings, the store and the clock together.

Screens never assemble codes, times or audit events themselves; they call this facade,
which is also what tests and `desk` subcommands drive, so behaviour is one code path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desk_app.clock import Clock, local_date, now
from desk_app.settings import Settings
from desk_app.store import DossierRow, NewDossier, Store
from desk_app.store.queries import WorkCounts, work_counts

if TYPE_CHECKING:
    from desk_app.officers import Officer
    from forms.errors import FieldMessage


@dataclass
class Desk:
    """One open desk."""

    settings: Settings
    store: Store
    clock: Clock = field(default=now)
    signed_in: Officer | None = None
    """The officer working at the desk now; None until someone signs in."""

    @classmethod
    def open(cls, settings: Settings, clock: Clock = now) -> Desk:
        """Open the desk's database (migrating it) for these settings."""
        return cls(settings, Store.open(settings.paths.database), clock)

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    @property
    def officer(self) -> str:
        """The name of the officer working at this desk: what receipts and the audit carry."""
        return self.require_officer().full_name

    def require_officer(self) -> Officer:
        """The signed-in officer; :class:`desk_app.officers.NotSignedIn` if there is none."""
        if self.signed_in is None:
            from desk_app.officers import NotSignedIn
            from desk_app.officers.texts import NOT_SIGNED_IN

            raise NotSignedIn(NOT_SIGNED_IN)
        return self.signed_in

    def require_supervisor(self, what: str) -> Officer:
        """The signed-in officer if a supervisor; :class:`desk_app.officers.NotAllowed` else."""
        from desk_app.officers import require_supervisor

        return require_supervisor(self.require_officer(), what)

    def sign_in(self, username: str, password: str) -> Officer:
        """Check the password (lockout rules of desk.toml) and make this officer the desk's.

        Unlocking a locked screen goes through :meth:`unlock` instead, which only accepts
        the officer who locked it.
        """
        self.signed_in = self._authenticate(username, password, resume=False)
        return self.signed_in

    def unlock(self, password: str) -> Officer:
        """Let the signed-in officer back in after the screen locked (same rules as signing in)."""
        self.signed_in = self._authenticate(self.require_officer().username, password, resume=True)
        return self.signed_in

    def _authenticate(self, username: str, password: str, *, resume: bool) -> Officer:
        from desk_app.officers import authenticate

        security = self.settings.security
        return authenticate(
            self.store,
            username,
            password,
            at=self.clock(),
            max_failures=security.max_failed_sign_ins,
            lockout=timedelta(minutes=security.lockout_minutes),
            resume=resume,
        )

    def record_lock(self, reason: str) -> None:
        """Audit that the screen locked itself (``idle``) or was locked (``key``)."""
        from desk_app.officers import Action

        self._record_account(Action.SCREEN_LOCKED, self.require_officer(), reason=reason)

    def sign_out(self) -> None:
        """Audit the officer leaving the desk and forget them."""
        from desk_app.officers import Action

        if self.signed_in is not None:
            self._record_account(Action.SIGN_OUT, self.signed_in)
        self.signed_in = None

    def officer_theme(self) -> str | None:
        """The theme the signed-in officer chose last (None: never, or nobody signed in)."""
        from desk_app.officers.preferences import officer_theme

        officer = self.signed_in
        return None if officer is None else officer_theme(self.store, officer.username)

    def remember_theme(self, theme: str) -> None:
        """Remember ``theme`` for the signed-in officer: it comes back at their next sign-in."""
        from desk_app.officers.preferences import remember_theme

        remember_theme(self.store, self.require_officer().username, theme)

    def _record_account(self, action: str, officer: Officer, **detail: str) -> None:
        self.store.record(
            action,
            officer=officer.full_name,
            at=self.clock(),
            detail={"username": officer.username, **detail},
        )

    def receive_dossier(
        self,
        data: Any,
        *,
        draft_id: int | None = None,
        audit: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> tuple[DossierRow, list[FieldMessage]]:
        """Check a dossier typed at the counter and save it; return it with its warnings.

        Raises :class:`desk_app.dossier.DossierRejected` (errors addressed to fields) and
        saves nothing when any rule fails. ``audit``: events saved with it (see
        :meth:`Store.save_dossier`).
        """
        from desk_app.reception import appointment_for, check, hours_warning, new_dossier

        received_at = self.clock()
        dossier, warnings = check(data, received_at, self.store.missing_files)
        _, counted = appointment_for(received_at, self.settings, dossier.kind, dossier.procedures)
        outside = hours_warning(counted, self.settings)
        warnings = [*warnings, outside] if outside is not None else warnings
        new = new_dossier(dossier, received_at, self.settings)
        return self.receive(new, draft_id=draft_id, at=received_at, audit=audit), warnings

    def receive(
        self,
        new: NewDossier,
        *,
        draft_id: int | None = None,
        at: datetime | None = None,
        audit: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> DossierRow:
        """Save a complete dossier under a fresh code, by this desk's officer (now by default)."""
        return self.store.save_dossier(
            new,
            agency_code=self.settings.office.agencies.receiving.code,
            desk_number=self.settings.desk.number,
            officer=self.officer,
            received_at=at or self.clock(),
            draft_id=draft_id,
            audit=audit,
        )

    def counts(self) -> WorkCounts:
        """The work lists' figures for today (Vietnam's today), as the home screen shows them."""
        return work_counts(self.store, local_date(self.clock()))
