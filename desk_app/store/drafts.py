"""Drafts: a dossier being typed, saved on every change so a crash loses at most one field.

A draft is free-form JSON (whatever the wizard has so far, valid or not) plus the step the
officer was on, so resuming puts them back exactly where they were.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desk_app.errors import NotFound
from desk_app.groups import LEGACY_KIND
from desk_app.store.records import Draft, canonical_json
from forms.text import nfc

if TYPE_CHECKING:
    from desk_app.store.store import Store


class Drafts:
    """The drafts table of one store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def save(
        self,
        draft_id: int | None,
        *,
        data: dict[str, Any],
        step: str,
        officer: str,
        at: datetime,
        procedure_group: str = LEGACY_KIND,
    ) -> int:
        """Create (``draft_id`` None) or overwrite a draft; return its id."""
        payload = canonical_json(data)
        with self._store.transaction() as db:
            if draft_id is None:
                new_id = (
                    db.table("drafts")
                    .insert(
                        {
                            "procedure_group": procedure_group,
                            "officer": nfc(officer),
                            "step": step,
                            "data": payload,
                            "created_at": at.isoformat(),
                            "updated_at": at.isoformat(),
                        }
                    )
                    .last_pk
                )
                if not isinstance(new_id, int):  # drafts.id is an INTEGER PRIMARY KEY
                    raise TypeError(f"drafts: unexpected primary key {new_id!r}")
                return new_id
            cursor = db.execute(
                "UPDATE drafts SET data = ?, step = ?, updated_at = ? WHERE id = ?",
                [payload, step, at.isoformat(), draft_id],
            )
            if cursor.rowcount != 1:
                raise NotFound(f"Bản nháp số {draft_id} không còn (đã lưu thành hồ sơ hoặc đã bỏ).")
            return draft_id

    def list(self) -> list[Draft]:
        """All drafts, most recently touched first."""
        with self._store._lock:
            rows = self._store.conn.execute(
                "SELECT id, procedure_group, officer, step, data, created_at, updated_at "
                "FROM drafts ORDER BY updated_at DESC, id DESC"
            ).fetchall()
        return [_draft(r) for r in rows]

    def get(self, draft_id: int) -> Draft:
        """One draft, or :class:`NotFound`."""
        with self._store._lock:
            row = self._store.conn.execute(
                "SELECT id, procedure_group, officer, step, data, created_at, updated_at "
                "FROM drafts WHERE id = ?",
                (draft_id,),
            ).fetchone()
        if row is None:
            raise NotFound(f"Không có bản nháp số {draft_id}.")
        return _draft(row)

    def discard(self, draft_id: int, *, officer: str, at: datetime) -> None:
        """Delete a draft, audited (who threw away what someone had typed)."""
        with self._store.transaction() as db:
            cursor = db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
            if cursor.rowcount != 1:
                raise NotFound(f"Không có bản nháp số {draft_id}.")
            self._store._audit(db, at, officer, "discard_draft", None, {"draft": draft_id})


def _draft(row: tuple[Any, ...]) -> Draft:
    return Draft(
        id=row[0],
        procedure_group=row[1],
        officer=row[2],
        step=row[3],
        data=json.loads(row[4]),
        created_at=datetime.fromisoformat(row[5]),
        updated_at=datetime.fromisoformat(row[6]),
    )
