"""What other counters of the office did, as central's office-wide feed tells it (protocol v2).

Central's feed (``scope=office``) carries every counter's actions on the office's dossiers
with who did them (``by``: office, desk, officer). An action of another counter is kept here
as a dossier event with its ``origin_desk`` — so the dossier's timeline shows it — and audited
once, under "Quầy N – <officer>". A correction made elsewhere brings its new content (fetched
from central by the round, :func:`store_version_within`), the old content staying readable in
``dossier_versions``; a new appointment sets the due date.

A dossier whose event central refused must be brought back to central's state, but the feed
will not say it again (the desk may already have read the update it conflicted with). The
refusal therefore leaves a durable mark (:func:`mark_unsettled_within`, same transaction as
the answer), and the round settles every marked dossier from central's view of it — even in a
later round, after a kill.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from desk_app.dossier import Dossier
from desk_app.store.dossier_events import KINDS
from desk_app.store.records import canonical_json, content_hash
from desk_app.store.store import Store, write_declarations
from forms.text import fold

V2_KINDS = frozenset(KINDS)
"""The counters' actions (protocol v2 events), as the feed names them."""

ACTOR = "Quầy {desk} – {officer}"
"""How the audit log names an officer of another counter of the office."""
AUDIT_ACTIONS = {
    "correction": "correct",  # as a correction at this counter is audited (its new hash)
    "reprint": "receipt.reprint",
    "new_appointment": "dossier.new_appointment",
}
"""Audit actions of another counter's actions that move no status (those that do are
lifecycle events, audited as such)."""
UNSETTLED = "unsettled:"
"""``sync_state`` key prefix: a dossier to bring back to central's state (code follows)."""


def actor(by: Mapping[str, Any]) -> str:
    """ "Quầy 2 – Trần Thị Bình" for ``by`` of the feed."""
    return ACTOR.format(desk=by.get("desk", "?"), officer=by.get("officer", "?"))


def is_other_counter(event: str, by: Mapping[str, Any] | None, desk: int | None) -> bool:
    """Whether a feed entry is an action of another counter (not of this one, not an agency's)."""
    return event in V2_KINDS and by is not None and desk is not None and by.get("desk") != desk


def event_id_of(code: str, version: int) -> str:
    """The id under which another counter's action is kept here: the same for every delivery
    of the same update (a replayed page stores it once), 32 hex digits like local ids."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"desk-feed:{code}:{version}").hex


def remember_within(
    store: Store,
    dossier_id: int,
    code: str,
    version: int,
    event: str,
    at: datetime,
    by: Mapping[str, Any],
    detail: Mapping[str, Any] | None,
) -> bool:
    """Keep another counter's action as a dossier event (applied at central); whether new."""
    conn = store.conn
    (seq,) = conn.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM dossier_events WHERE dossier_id = ?",
        (dossier_id,),
    ).fetchone()
    return bool(
        conn.execute(
            "INSERT OR IGNORE INTO dossier_events (id, dossier_id, seq, kind, at, officer, data, "
            "origin_desk, central_outcome, central_version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)",
            (
                event_id_of(code, version),
                dossier_id,
                seq,
                event,
                at.isoformat(),
                str(by.get("officer", "")),
                canonical_json(dict(detail or {})),
                by.get("desk"),
                version,
            ),
        ).rowcount
    )


def store_version_within(
    store: Store, dossier_id: int, record: Mapping[str, Any], *, at: datetime, officer: str
) -> bool:
    """Take a newer content version from central's full record; whether it was newer.

    The content being replaced goes to ``dossier_versions`` (kept for good); the record's
    declarations are checked against its hash before anything is written, and the names and
    ID numbers the lookup searches follow the new content.
    """
    conn = store.conn
    row = conn.execute(
        "SELECT d.content_version, d.content_hash, c.declarations, d.received_at, d.officer "
        "FROM dossiers d JOIN dossier_content c ON c.dossier_id = d.id WHERE d.id = ?",
        (dossier_id,),
    ).fetchone()
    declarations = record.get("declarations")
    version = record.get("content_version")
    if row is None or not isinstance(declarations, dict) or not isinstance(version, int):
        return False
    if version <= row[0] or content_hash(declarations) != record.get("content_hash"):
        return False
    reason = next(
        (
            v.get("reason")
            for v in record.get("versions") or ()
            if isinstance(v, dict) and v.get("content_version") == version
        ),
        None,
    )
    conn.execute(
        "INSERT OR IGNORE INTO dossier_versions (dossier_id, content_version, content_hash, "
        "declarations, at, officer, reason) VALUES (?, ?, ?, ?, ?, ?, NULL)",
        (dossier_id, row[0], row[1], row[2], row[3], row[4]),
    )
    conn.execute(
        "INSERT OR IGNORE INTO dossier_versions (dossier_id, content_version, content_hash, "
        "declarations, at, officer, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            dossier_id,
            version,
            record["content_hash"],
            canonical_json(declarations),
            at.isoformat(),
            officer,
            reason,
        ),
    )
    names: dict[str, Any] = {}
    try:
        dossier = Dossier.model_validate(declarations)
        names = {"requester_name": dossier.requester_name, "subject_name": dossier.subject_name}
        conn.execute(
            "UPDATE dossier_search SET names = ?, ids = ? WHERE rowid = ?",
            (
                " ".join(fold(n) for n in dossier.search_names()),
                " ".join(dossier.id_numbers()),
                dossier_id,
            ),
        )
    except ValueError:  # a group this desk does not know: the names stay as they were
        pass
    sets = ", ".join(f"{k} = ?" for k in names)
    write_declarations(conn, dossier_id, declarations)
    conn.execute(
        "UPDATE dossiers SET content_hash = ?, content_version = ?"
        + (f", {sets}" if sets else "")
        + " WHERE id = ?",
        (
            record["content_hash"],
            version,
            *names.values(),
            dossier_id,
        ),
    )
    return True


def mark_unsettled_within(store: Store, codes: Collection[str]) -> None:
    """Remember that these dossiers must be brought back to central's state (caller's
    transaction: the one that stores central's refusal)."""
    store.conn.executemany(
        "INSERT OR IGNORE INTO sync_state (key, value) VALUES (?, '1')",
        [(UNSETTLED + code,) for code in codes],
    )


def unsettled(store: Store) -> list[str]:
    """Codes of the dossiers still to bring back to central's state."""
    rows = store.rows(
        "SELECT key FROM sync_state WHERE key LIKE ? ORDER BY key", (UNSETTLED + "%",)
    )
    return [r[0][len(UNSETTLED) :] for r in rows]


def settled_within(store: Store, code: str) -> None:
    """The dossier ``code`` agrees with central again (caller's transaction)."""
    store.conn.execute("DELETE FROM sync_state WHERE key = ?", (UNSETTLED + code,))


def forget_unsettled(store: Store, code: str) -> None:
    """Drop the mark of ``code`` in a transaction of its own (central does not hold it)."""
    with store.transaction():
        settled_within(store, code)
