"""The desk as the screens and the CLI see it: settings, the store and the clock together.

Screens never assemble codes, times or audit events themselves; they call this facade,
which is also what tests and `desk` subcommands drive, so behaviour is one code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk_app.clock import Clock, local_date, now
from desk_app.settings import Settings
from desk_app.store import DossierRow, NewDossier, Store
from desk_app.store.queries import WorkCounts, work_counts

if TYPE_CHECKING:
    from forms.errors import FieldMessage


@dataclass
class Desk:
    """One open desk."""

    settings: Settings
    store: Store
    clock: Clock = field(default=now)

    @classmethod
    def open(cls, settings: Settings, clock: Clock = now) -> Desk:
        """Open the desk's database (migrating it) for these settings."""
        return cls(settings, Store.open(settings.paths.database), clock)

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    @property
    def officer(self) -> str:
        """The officer working at this desk."""
        return self.settings.desk.officer

    def receive_dossier(
        self, data: Any, *, draft_id: int | None = None
    ) -> tuple[DossierRow, list[FieldMessage]]:
        """Check a dossier typed at the counter and save it; return it with its warnings.

        Raises :class:`desk_app.dossier.DossierRejected` (errors addressed to fields) and
        saves nothing when any rule fails.
        """
        from desk_app.reception import check, new_dossier

        received_at = self.clock()
        dossier, warnings = check(data, received_at, self.store.missing_files)
        new = new_dossier(dossier, received_at, self.settings)
        return self.receive(new, draft_id=draft_id, at=received_at), warnings

    def receive(
        self, new: NewDossier, *, draft_id: int | None = None, at: datetime | None = None
    ) -> DossierRow:
        """Save a complete dossier under a fresh code, by this desk's officer (now by default)."""
        return self.store.save_dossier(
            new,
            agency_code=self.settings.office.agencies.receiving.code,
            desk_number=self.settings.desk.number,
            officer=self.officer,
            received_at=at or self.clock(),
            draft_id=draft_id,
        )

    def counts(self) -> WorkCounts:
        """The work lists' figures for today (Vietnam's today), as the home screen shows them."""
        return work_counts(self.store, local_date(self.clock()))
