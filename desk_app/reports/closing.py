"""End of day: what the closing slip says, gathered from the store, the audit trail and central.

The slip is the desk's account of its day, signed by the officer and the supervisor:

* the codes this desk issued that day — first, last, count — and every number of its daily
  sequence that has no dossier, explained. The sequence counter (``code_sequences``) only moves
  forward inside the transaction that saves a dossier, so a number without a dossier is never a
  normal event: either the audit trail has the number's reception (the dossier was removed from
  the database outside the desk) or it has not (the counter moved without a dossier, e.g. a
  restore with ``--force`` kept counters ahead of the restored dossiers), and the slip says which;
* the dossiers still waiting to be sent, after one sync round attempted first (offline: the
  round's reason is printed, so the slip says the list may be stale at central's end);
* the receipts printed: one with each dossier received (printed after saving) and the reprints
  the audit trail records that day, with the forms 02–04 issued;
* the audit chain's length and head hash, and the last anchor central holds that the local chain
  still matches (:func:`desk_app.sync.anchor.compare`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from desk_app.desk import Desk
from desk_app.reports import texts
from desk_app.store import Store
from desk_app.store.codes import BLOCK

REPRINT = "receipt.reprint"
FORMS = ("form02.print", "form03.print", "form04.print")
RESTORE = "database.restore"


@dataclass(frozen=True, slots=True)
class Gap:
    """A number of the day's sequence with no dossier, and what the audit trail says of it."""

    number: int
    code: str
    received_at: str | None
    """When the audit trail recorded its reception (the dossier is gone), else None."""


@dataclass
class ClosingFacts:
    """Everything the closing slip prints."""

    day: date
    desk_number: int
    officer: str
    supervisor: str
    issued: list[str] = field(default_factory=list)
    allocated: int = 0
    """The last number the day's counter handed out (0: none)."""
    gaps: list[Gap] = field(default_factory=list)
    restore_at: str | None = None
    sync_line: str = ""
    sync_ok: bool = False
    waiting: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(code, received at, reason it is held or None) of every dossier not yet at central."""
    receipts: int = 0
    reprints: list[str] = field(default_factory=list)
    forms: int = 0
    chain: tuple[int, str] | None = None
    anchor_line: str = ""


def _local_day(column: str) -> str:
    """SQL for the local (UTC+7) calendar day of a stored ISO time."""
    return f"date({column}, '+7 hours')"


def _codes(store: Store, facts: ClosingFacts, agency: str) -> None:
    day, desk = facts.day, facts.desk_number
    prefix = f"{agency}-{day:%y%m%d}-"
    low, high = desk * BLOCK + 1, desk * BLOCK + BLOCK - 1
    found = store.rows(
        "SELECT code FROM dossiers WHERE code BETWEEN ? AND ? ORDER BY code",
        (f"{prefix}{low:04d}", f"{prefix}{high:04d}"),
    )
    facts.issued = [code for (code,) in found]
    counter = store.rows(
        "SELECT last FROM code_sequences WHERE agency_code = ? AND day = ? AND desk = ?",
        (agency, day.isoformat(), desk),
    )
    facts.allocated = counter[0][0] if counter else 0
    present = {int(code[-4:]) - desk * BLOCK for code in facts.issued}
    top = max([facts.allocated, *present], default=0)
    received = dict(
        store.rows(
            "SELECT dossier_code, MIN(at) FROM audit WHERE action = 'receive' "
            "AND dossier_code BETWEEN ? AND ? GROUP BY dossier_code",
            (f"{prefix}{low:04d}", f"{prefix}{high:04d}"),
        )
    )
    for number in range(1, top + 1):
        if number not in present:
            code = f"{prefix}{desk * BLOCK + number:04d}"
            facts.gaps.append(Gap(number, code, received.get(code)))
    restores = store.rows(
        f"SELECT MIN(at) FROM audit WHERE action = ? AND {_local_day('at')} = ?",
        (RESTORE, day.isoformat()),
    )
    facts.restore_at = restores[0][0] if restores else None


def _waiting(store: Store) -> list[tuple[str, str, str | None]]:
    return [
        (code, at, reason)
        for code, at, reason in store.rows(
            "SELECT d.code, d.received_at, MAX(o.held_reason) FROM outbox o "
            "JOIN dossiers d ON d.id = o.dossier_id GROUP BY d.code ORDER BY d.code"
        )
    ]


def _prints(store: Store, facts: ClosingFacts) -> None:
    day, desk = facts.day.isoformat(), facts.desk_number
    (facts.receipts,) = store.rows(
        "SELECT COUNT(*) FROM dossiers WHERE received_on = ? AND desk_number = ? "
        "AND origin_desk IS NULL",
        (day, desk),
    )[0]
    facts.reprints = [
        code
        for (code,) in store.rows(
            f"SELECT dossier_code FROM audit WHERE action = ? AND {_local_day('at')} = ? "
            "ORDER BY id",
            (REPRINT, day),
        )
    ]
    marks = ",".join("?" * len(FORMS))
    (facts.forms,) = store.rows(
        f"SELECT COUNT(*) FROM audit WHERE action IN ({marks}) AND {_local_day('at')} = ?",
        (*FORMS, day),
    )[0]


Syncer = Callable[[Desk], tuple[bool, str]]
"""One sync round for the desk: (reached central, the sentence the slip prints)."""
Anchors = Callable[[Desk], str]
"""The sentence about central's last anchor the local chain matches."""


def sync_first(desk: Desk) -> tuple[bool, str]:
    """One sync round with desk.toml's central (what `desk sync` does)."""
    from desk_app.sync import sync_once

    report = sync_once(desk.store, desk.settings, clock=desk.clock)
    if report.ok:
        at = (report.finished_at or desk.clock()).strftime("%H:%M %d/%m/%Y")
        return True, texts.SYNC_OK.format(at=at)
    return False, texts.SYNC_FAILED.format(reason=(report.error or "").rstrip("."))


def anchor_line(desk: Desk, env: Mapping[str, str] | None = None) -> str:
    """The last anchor central holds that the local chain still matches, in one sentence."""
    from desk_app.sync.anchor import compare, fetch_anchors
    from desk_app.sync.client import CentralClient, SyncError, read_token
    from desk_app.sync.retry import RetryPolicy

    settings = desk.settings
    try:
        token = read_token(settings.central, env)
        with CentralClient(settings.central, token, policy=RetryPolicy(attempts=2)) as client:
            anchors = fetch_anchors(client)
    except SyncError as exc:
        return texts.ANCHOR_OFFLINE.format(reason=exc.message.rstrip("."))
    confirmed = compare(desk.store, anchors).confirmed
    if confirmed is None:
        return texts.ANCHOR_NONE
    at = confirmed.at.astimezone(desk.clock().tzinfo).strftime("%H:%M %d/%m/%Y")
    return texts.ANCHOR_CONFIRMED.format(events=confirmed.events, head=confirmed.head, at=at)


def closing_facts(
    desk: Desk,
    day: date,
    *,
    supervisor: str = "",
    syncer: Syncer = sync_first,
    anchors: Anchors = anchor_line,
) -> ClosingFacts:
    """What the slip of ``day`` says, a sync round attempted first (nothing else is written)."""
    from desk_app.sync.anchor import chain_head

    settings = desk.settings
    facts = ClosingFacts(day, settings.desk.number, desk.officer, supervisor)
    facts.sync_ok, facts.sync_line = syncer(desk)
    store = desk.store
    _codes(store, facts, settings.office.agencies.receiving.code)
    facts.waiting = _waiting(store)
    _prints(store, facts)
    facts.chain = chain_head(store)
    # Offline, asking central again would only wait for the same timeout a second time.
    facts.anchor_line = anchors(desk) if facts.sync_ok else texts.ANCHOR_UNREACHED
    return facts


def when(value: str) -> str:
    """A stored ISO time as the slip prints it."""
    try:
        return datetime.fromisoformat(value).strftime("%H:%M %d/%m/%Y")
    except ValueError:
        return value
