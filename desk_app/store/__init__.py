"""The desk's SQLite store (see :class:`desk_app.store.store.Store`)."""

from desk_app.store.records import AuditEvent, DossierRow, Draft, NewDossier
from desk_app.store.store import Store

__all__ = ["AuditEvent", "DossierRow", "Draft", "NewDossier", "Store"]
