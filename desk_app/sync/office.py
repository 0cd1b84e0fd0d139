"""Pulling the office's feed (protocol v2, ``GET /v1/updates?scope=office``).

The feed covers every dossier of the desk's office and every event on it: the agencies'
steps and every counter's actions. Before a page is applied (one transaction with its
cursor, :func:`desk_app.store.sync_updates.apply_updates`), the round fetches what the page
needs from central and the transaction must not wait for: the full record of a dossier this
desk does not hold yet — kept locally (:func:`desk_app.store.foreign.adopt`), so a desk
installed new or restored from an older backup catches up from cursor 0 — and the new
content of a correction made at another counter (:func:`desk_app.sync.remote.fetch_record`).

After the feed, dossiers whose action central refused are brought back to central's state
from its view of them (:func:`desk_app.store.sync_updates.settle`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from desk_app.clock import Clock
from desk_app.settings import Settings
from desk_app.store import Store, foreign
from desk_app.store.sync_office import forget_unsettled, is_other_counter, unsettled
from desk_app.store.sync_state import advance_cursor, read_cursor
from desk_app.store.sync_updates import StatusUpdate, apply_updates, settle
from desk_app.sync.client import CentralClient
from desk_app.sync.remote import fetch_record
from desk_app.sync.wire import json_body, page_of, parse_update, parse_view

if TYPE_CHECKING:
    from desk_app.sync.round import SyncReport

log = logging.getLogger("desk.sync")

UPDATES_PAGE = 1000
"""Central's largest page: a desk catching up, or reading back its own round, asks less often."""
MAX_PAGES_PER_ROUND = 10_000


def pull(
    store: Store,
    client: CentralClient,
    settings: Settings,
    report: SyncReport,
    clock: Clock,
    seen: Callable[[str], None],
) -> None:
    """Apply the office's feed page by page, then settle the dossiers central disagreed on."""
    desk = settings.desk.number
    read = read_cursor(store)  # the last update read; stored, or owed (see below)
    for _ in range(MAX_PAGES_PER_ROUND):
        after = max(read, read_cursor(store))  # another round may have gone further
        response = client.request(
            "GET", "/v1/updates", params={"after": after, "limit": UPDATES_PAGE, "scope": "office"}
        )
        updates, cursor, more = _fresh(store, json_body(response), after)
        seen("updates-received")
        if updates:
            records = _prefetch(store, client, updates, desk, report, clock)
            tally = apply_updates(store, updates, cursor, desk=desk, records=records)
            report.updates += tally.applied
            report.converged += tally.converged
            for code, status, reason in tally.attention:  # a dossier's latest state only
                report.attention = [a for a in report.attention if a[0] != code]
                report.attention.append((code, status.value, reason))
        seen("updates-applied")
        read = cursor
        if not more:
            break
    if read > read_cursor(store):
        # The last pages held nothing new: their cursor was owed until now, one write for
        # them all (a crash before it only means reading them again, and skipping them again).
        with store.transaction():
            advance_cursor(store.conn, read)
    for code in unsettled(store):
        response = client.request("GET", f"/v1/dossiers/{quote(code, safe='')}")
        if response.status_code == 404:  # central has no such dossier of ours: nothing to settle
            forget_unsettled(store, code)
            continue
        _, version, status, progress, reason = parse_view(json_body(response))
        settle(store, code, status, progress, reason=reason, version=version, at=clock())
    seen("settled")


def _fresh(store: Store, body: Any, after: int) -> tuple[list[StatusUpdate], int, bool]:
    """The page's updates this desk does not hold yet, parsed; its cursor; whether more follow.

    Every dossier a desk sends comes back on the office feed (``submit``), and so does every
    action of its own central applied: the desk reads back what it already holds. An entry of a
    dossier held here that is a ``submit``, or whose version is not newer than the last one
    applied here, would be skipped by :func:`apply_updates` anyway; it is left out before it
    is parsed, the dossier read and a transaction written for it — a page of nothing else
    costs one query. A desk catching up (installed new, restored from a backup) holds none of
    them: every entry of a dossier it does not hold is kept, and the dossier adopted.
    """
    entries, cursor, more = page_of(body, after)
    held = dict(store.rows(_VERSIONS, (_json_list(sorted({e["code"] for e in entries})),)))
    kept = []
    for entry in entries:
        code = entry["code"]
        if code in held and (
            entry["event"] == "submit"
            or (held[code] is not None and entry["version"] <= held[code])
        ):
            continue
        kept.append(parse_update(entry))
    return kept, cursor, more


_VERSIONS = (
    "SELECT d.code, v.version FROM dossiers d LEFT JOIN central_versions v ON v.dossier_id = d.id "
    "WHERE d.code IN (SELECT value FROM json_each(?))"
)


def _prefetch(
    store: Store,
    client: CentralClient,
    updates: Sequence[StatusUpdate],
    desk: int,
    report: SyncReport,
    clock: Clock,
) -> Mapping[str, Mapping[str, Any]]:
    """Adopt the page's dossiers this desk does not hold; fetch other counters' corrections."""
    codes = sorted({u.code for u in updates})
    held = {r[0] for r in store.rows(_HELD, (_json_list(codes),))}
    records: dict[str, Mapping[str, Any]] = {}
    for code in codes:
        if code in held:
            continue
        record = fetch_record(client, code)
        if record is not None and _adopt(store, record, clock):
            report.adopted += 1
    for update in updates:
        if (
            update.event == "correction"
            and is_other_counter(update.event, update.by, desk)
            and update.code not in records
        ):
            record = fetch_record(client, update.code)
            if record is not None:
                records[update.code] = record
    return records


_HELD = "SELECT code FROM dossiers WHERE code IN (SELECT value FROM json_each(?))"


def _json_list(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _adopt(store: Store, record: Mapping[str, Any], clock: Clock) -> bool:
    """Keep central's record of a dossier received at another counter (or before a restore).

    :func:`desk_app.store.foreign.adopt` inserts it with central's version, so the feed's
    older updates of it are skipped rather than replayed over it. A record that breaks the
    protocol is logged and left (its updates count as unknown); the round goes on.
    """
    if not isinstance(record.get("declarations"), dict):
        return False  # a central without full records (protocol v1): nothing to keep
    try:
        foreign.adopt(store, record, fetched_at=clock())
    except foreign.RecordRefused as exc:
        log.warning("dossier %s not kept: %s", record.get("code"), exc.message)
        return False
    return True
