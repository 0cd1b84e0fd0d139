"""``desk audit verify`` and ``desk audit show``: checking and reading the audit trail.

The work lives here so the CLI only parses and prints, and so backup/restore can check a
file's chain the same way. Rich only, no Textual. Reading the trail names who looked at
whose dossier, so `desk audit show` is a supervisor's: the CLI signs them in (``--as``) before
calling :func:`run_show`. `desk audit verify` prints counts, hashes and at most officers'
usernames (never a citizen's data), so it needs no sign-in. Neither stops someone who can
read the database file itself: that is what the file's permissions (0600) are for.

Someone who can *write* the file can rewrite the chain end to end, cut it or empty it, and
change accounts without any event. `verify` therefore also compares the accounts with their
events and, when central can be reached, the chain with the anchors central keeps of it
(each sync round sends one). Offline it says it could not confirm: then only the chain on
this machine vouches for the trail, which is exactly what a rewrite defeats.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from desk_app.audit_officers import check_officers
from desk_app.errors import StoreError
from desk_app.officers.accounts import get
from desk_app.safe_text import plain, plain_cells
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.audit_chain import ChainReport, verify
from forms.text import nfc

TEXT = {
    "ok": "Nhật ký kiểm toán nguyên vẹn: {events} sự kiện, mã băm cuối {head}.",
    "broken": (
        "Nhật ký kiểm toán BỊ PHÁ VỠ tại sự kiện số {event}: {reason}. "
        "{events} sự kiện đầu tiên vẫn nguyên vẹn."
    ),
    "missing": "Không có cơ sở dữ liệu {path}.",
    "empty": "Không có sự kiện nào khớp điều kiện.",
    "title": "Nhật ký kiểm toán",
    "id": "Số",
    "at": "Thời điểm",
    "officer": "Cán bộ",
    "action": "Thao tác",
    "code": "Mã hồ sơ",
    "event": "Thao tác — cán bộ · hồ sơ · chi tiết",
    "hash": "Mã băm",
}


def require_database(path: Path) -> None:
    """Refuse a database path where there is no file (a typo), rather than create one there."""
    if not path.is_file():
        raise StoreError(TEXT["missing"].format(path=path))


def open_existing(path: Path) -> Store:
    """Open the desk's database, refusing to create one where none is (a typo in the path)."""
    require_database(path)
    return Store.open(path)


def officer_name(store: Store, given: str) -> str:
    """The name events carry for ``given``: an account's full name if ``given`` is its
    username, else ``given`` itself (a full name, or someone whose account is gone)."""
    account = get(store, given)
    return account.full_name if account else given


def describe(report: ChainReport) -> str:
    """One Vietnamese sentence saying whether the chain holds and, if not, where it breaks."""
    if report.broken is None:
        return TEXT["ok"].format(events=report.events, head=report.head)
    return TEXT["broken"].format(
        event=report.broken.event_id, reason=report.broken.reason, events=report.events
    )


def run_verify(
    path: Path,
    console: Console | None = None,
    *,
    settings: Settings | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """`desk audit verify`: print the verdict; 0 when everything holds, 1 otherwise.

    Three checks: the chain itself; officers' accounts against the account events
    (:mod:`desk_app.audit_officers`); and, given ``settings``, the chain against the anchors
    central holds (:mod:`desk_app.sync.anchor`). Central out of reach is said, not failed:
    the local checks still decide the exit status.
    """
    store = open_existing(path)
    try:
        report = verify(store.conn)
        officers = check_officers(store.conn)
        lines = [describe(report), *officers.lines()]
        ok = report.ok and officers.ok
        if settings is not None:
            anchored, more = against_central(store, settings, env)
            lines.extend(more)
            ok = ok and anchored
    finally:
        store.close()
    out = console or Console()
    for line in lines:
        out.print(line, markup=False, highlight=False)
    return 0 if ok else 1


def against_central(
    store: Store, settings: Settings, env: Mapping[str, str] | None = None
) -> tuple[bool, list[str]]:
    """Whether every anchor central holds matches the local chain, and what to say about it."""
    from desk_app.sync.anchor import compare, fetch_anchors, offline_line
    from desk_app.sync.client import CentralClient, SyncError, read_token
    from desk_app.sync.retry import RetryPolicy

    try:
        token = read_token(settings.central, env)
        with CentralClient(settings.central, token, policy=RetryPolicy(attempts=2)) as client:
            anchors = fetch_anchors(client)
    except SyncError as exc:
        return True, [offline_line(exc.message)]
    check = compare(store, anchors)
    return check.ok, check.lines(len(anchors))


def events_table(
    conn: sqlite3.Connection,
    *,
    dossier: str | None = None,
    officer: str | None = None,
    hashes: bool = False,
) -> Table | None:
    """The events matching the filters, oldest first, as a register
    (:mod:`desk_app.audit_register`); None when there are none. ``hashes`` adds each event's
    chain hash and the detail meant for machines."""
    from desk_app.audit_register import action_name, detail_lines, local_time

    clauses, params = [], []
    if dossier:
        clauses.append("dossier_code = ?")
        params.append(dossier.strip().upper())
    if officer:
        clauses.append("officer = ?")
        params.append(nfc(officer.strip()))
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        "SELECT id, at, officer, action, dossier_code, detail, hash FROM audit"
        + where
        + " ORDER BY id",
        params,
    ).fetchall()
    if not rows:
        return None
    # Three columns, the event told in the last one: a register that reads at 80 columns.
    table = Table(title=plain(TEXT["title"]), show_lines=True, expand=True)
    table.add_column(plain(TEXT["id"]), justify="right", no_wrap=True)
    table.add_column(plain(TEXT["at"]), no_wrap=True)
    table.add_column(plain(TEXT["event"]), ratio=1, overflow="fold")
    for event_id, at, who, action, code, detail, chained in rows:
        # Officers' names, reasons and notes are data: shown as typed, never read as markup.
        told = Text(action_name(action), style="bold")
        told.append(f" — {who}")
        if code:
            told.append(f"\n{TEXT['code']}: {code}")
        for line in detail_lines(json.loads(detail), hashes=hashes):
            told.append(f"\n{line}")
        if hashes:
            told.append(f"\n{TEXT['hash']}: {chained}", style="dim")
        day, _, hour = local_time(at).partition(" ")
        table.add_row(*plain_cells(event_id, f"{day}\n{hour}", told))
    return table


def run_show(
    store: Store,
    *,
    dossier: str | None = None,
    officer: str | None = None,
    hashes: bool = False,
    console: Console | None = None,
) -> int:
    """`desk audit show`: print the matching events; 0 when some were found, 1 when none.

    ``officer`` is a username or a full name; the caller has checked who may read this.
    """
    if officer and officer.strip():
        officer = officer_name(store, officer)
    table = events_table(store.conn, dossier=dossier, officer=officer, hashes=hashes)
    out = console or Console()
    if table is None:
        out.print(plain(TEXT["empty"]))
        return 1
    out.print(table)
    return 0
