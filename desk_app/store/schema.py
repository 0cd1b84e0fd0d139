"""The versioned schema: an ordered list of migrations applied on open.

``PRAGMA user_version`` records how many migrations a database file has seen. Each
migration runs in its own transaction together with the version bump, so a crash or an
error mid-migration leaves the file at the previous version, never half-migrated. A file
written by a newer desk (higher version) is refused rather than misread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from desk_app.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``Connection.executescript`` would COMMIT first and so break the one-transaction rule
    of a migration; this splits the script on complete statements instead.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:60]}")


def _v1_base(conn: sqlite3.Connection) -> None:
    """Dossiers, drafts, attachments, the audit log, the sync outbox and state, codes, search."""
    run_script(
        conn,
        """
        CREATE TABLE dossiers (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            lookup_code TEXT NOT NULL,
            procedure_group TEXT NOT NULL,
            status TEXT NOT NULL,
            received_at TEXT NOT NULL,
            received_on TEXT NOT NULL,
            appointment_at TEXT,
            updated_at TEXT NOT NULL,
            officer TEXT NOT NULL,
            desk_number INTEGER NOT NULL,
            requester_name TEXT NOT NULL,
            child_name TEXT NOT NULL,
            declarations TEXT NOT NULL CHECK (json_valid(declarations)),
            content_hash TEXT NOT NULL,
            central_id TEXT,
            status_reason TEXT
        );
        CREATE INDEX dossiers_received_on ON dossiers(received_on);
        CREATE INDEX dossiers_status ON dossiers(status, appointment_at);

        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            procedure_group TEXT NOT NULL,
            officer TEXT NOT NULL,
            step TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        -- Content-addressed: a file scanned twice is stored once.
        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            stored_at TEXT NOT NULL
        );
        CREATE TABLE dossier_attachments (
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            item TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES attachments(sha256),
            original_sighted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (dossier_id, item, sha256)
        );

        -- Append-only: the triggers refuse any change to a written event.
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            officer TEXT NOT NULL,
            action TEXT NOT NULL,
            dossier_code TEXT,
            detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
        );
        CREATE INDEX audit_dossier ON audit(dossier_code);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            kind TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT
        );
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        -- The last sequence number used per receiving agency, day and desk.
        CREATE TABLE code_sequences (
            agency_code TEXT NOT NULL,
            day TEXT NOT NULL,
            desk INTEGER NOT NULL,
            last INTEGER NOT NULL,
            PRIMARY KEY (agency_code, day, desk)
        ) WITHOUT ROWID;

        -- Accent-folded names and ID numbers; rowid = dossiers.id.
        CREATE VIRTUAL TABLE dossier_search USING fts5(
            names, ids, tokenize = 'unicode61', detail = 'column'
        );
        """,
    )


def _v2_progress(conn: sqlite3.Connection) -> None:
    """Per-procedure progress (birth registered, residence registered, card issued)."""
    run_script(
        conn,
        """
        CREATE TABLE procedure_progress (
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            procedure TEXT NOT NULL,
            at TEXT NOT NULL,
            reference TEXT,
            PRIMARY KEY (dossier_id, procedure)
        ) WITHOUT ROWID;
        """,
    )


def _v3_sync(conn: sqlite3.Connection) -> None:
    """Sync bookkeeping: the idempotency key of a batch in flight, central's version per dossier.

    An outbox row keeps the key of the batch it was first sent in until central's answer is
    applied, so a batch interrupted by a crash is resent under the same key and central replays
    its first answer. ``central_versions`` holds the last status update applied per dossier, so
    an update delivered twice or late is recognised and skipped.
    """
    run_script(
        conn,
        """
        ALTER TABLE outbox ADD COLUMN batch_key TEXT;
        CREATE INDEX outbox_batch ON outbox(batch_key);
        CREATE TABLE central_versions (
            dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
            version INTEGER NOT NULL CHECK (version >= 0)
        );
        """,
    )


def _v4_lookup(conn: sqlite3.Connection) -> None:
    """Lookup at the counter: prefix-indexed name search and the work lists' due dates.

    The search table is rebuilt with ``prefix`` indexes because officers type names a syllable
    at a time ("nguyen van a"): without them every prefix query merges the postings of all the
    words it covers, which for a million dossiers costs about 5 ms per word and 40 ms for a
    full name. A folded Vietnamese syllable has at most seven letters ("nghieng"), so indexing
    prefixes of one to seven characters makes every typed word a single index read; measured
    at a million dossiers the index grows by a sixth.

    The appointment's local calendar day is indexed by expression (Vietnam has no daylight
    saving, so ``+7 hours`` is exact) together with the status: that is what "due today" and
    "overdue" ask for, whatever UTC offset a writer stored the time with.
    """
    run_script(
        conn,
        """
        CREATE VIRTUAL TABLE dossier_search_v4 USING fts5(
            names, ids, tokenize = 'unicode61', detail = 'column', prefix = '1 2 3 4 5 6 7'
        );
        INSERT INTO dossier_search_v4 (rowid, names, ids)
            SELECT rowid, names, ids FROM dossier_search;
        DROP TABLE dossier_search;
        ALTER TABLE dossier_search_v4 RENAME TO dossier_search;
        CREATE INDEX dossiers_due ON dossiers(status, date(appointment_at, '+7 hours'));
        CREATE INDEX outbox_dossier ON outbox(dossier_id);
        """,
    )


def _v5_audit_chain(conn: sqlite3.Connection) -> None:
    """The audit log becomes a hash chain; the events already written are chained by id.

    See :mod:`desk_app.store.audit_chain` for why, and for the hash this version fixes.
    """
    from desk_app.store.audit_chain import chain_existing

    chain_existing(conn)


def _v6_officers(conn: sqlite3.Connection) -> None:
    """Officer accounts: who may sign in, with what role, and the state of their lockout.

    ``name_key`` is the folded full name and is unique: the name is what receipts and the
    audit trail carry, so two accounts must never sign with the same name.
    """
    run_script(
        conn,
        """
        CREATE TABLE officers (
            username TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL,
            last_sign_in_at TEXT
        );
        """,
    )


def _v7_outbox(conn: sqlite3.Connection) -> None:
    """The outbox never reuses an id, and a dossier central refuses alone can be set aside.

    Without AUTOINCREMENT SQLite hands the id of the last deleted row to the next one, so a
    late answer applied by id alone could remove the entry of a dossier received meanwhile;
    ids are now never reused (answers are also matched on batch key and dossier). ``held_*``
    marks an entry set aside, not sent, with the reason the officer reads: central refused
    the dossier on its own, its content no longer matches the hash recorded at reception, a
    scan changed on disk, or it breaks a limit. The other entries go on without it.
    """
    run_script(
        conn,
        """
        CREATE TABLE outbox_v7 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            kind TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            batch_key TEXT,
            held_at TEXT,
            held_kind TEXT,
            held_reason TEXT,
            CHECK ((held_at IS NULL) = (held_kind IS NULL))
        );
        INSERT INTO outbox_v7 (id, dossier_id, kind, content_hash, created_at, attempts,
                               next_attempt_at, last_error, batch_key)
            SELECT id, dossier_id, kind, content_hash, created_at, attempts,
                   next_attempt_at, last_error, batch_key FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v7 RENAME TO outbox;
        CREATE INDEX outbox_batch ON outbox(batch_key);
        CREATE INDEX outbox_dossier ON outbox(dossier_id);
        CREATE INDEX outbox_held ON outbox(held_at) WHERE held_at IS NOT NULL;
        """,
    )


def _v8_subject(conn: sqlite3.Connection) -> None:
    """The dossier's subject is whoever its group is about (a child, a deceased person): the
    column named after the first group's subject takes the group-neutral name."""
    conn.execute("ALTER TABLE dossiers RENAME COLUMN child_name TO subject_name")


def _v9_audit_links_head(conn: sqlite3.Connection) -> None:
    """The audit chain's fork guard is a trigger on the head instead of a unique index.

    See :func:`desk_app.store.audit_chain.link_to_head`.
    """
    from desk_app.store.audit_chain import link_to_head

    link_to_head(conn)


def _v10_events(conn: sqlite3.Connection) -> None:
    """A dossier's life after the receipt, as actions that are added and never overwritten.

    ``dossier_events``: every action on a saved dossier (this desk's and, from central's feed,
    other counters'), with central's answer once it has one. ``dossier_versions``: the content
    of every version a correction replaced, readable for good. Dossiers learn their content
    version, which desk received them (NULL: this one) and a new due date (form 04). Outbox
    rows of kind ``event`` name the event they ship.
    """
    run_script(
        conn,
        """
        ALTER TABLE dossiers ADD COLUMN content_version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE dossiers ADD COLUMN origin_desk INTEGER;
        ALTER TABLE dossiers ADD COLUMN due_on TEXT;
        CREATE TABLE dossier_events (
            id TEXT PRIMARY KEY CHECK (length(id) = 32),
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            officer TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data)),
            origin_desk INTEGER,
            central_outcome TEXT CHECK (central_outcome IN ('applied', 'duplicate', 'refused')),
            central_reason TEXT,
            central_by TEXT CHECK (central_by IS NULL OR json_valid(central_by)),
            central_version INTEGER,
            UNIQUE (dossier_id, seq)
        );
        CREATE TABLE dossier_versions (
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
            content_version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            declarations TEXT NOT NULL CHECK (json_valid(declarations)),
            at TEXT NOT NULL,
            officer TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (dossier_id, content_version)
        ) WITHOUT ROWID;
        ALTER TABLE outbox ADD COLUMN event_id TEXT REFERENCES dossier_events(id);
        CREATE INDEX outbox_event ON outbox(event_id) WHERE event_id IS NOT NULL;
        """,
    )


def _v11_due_day(conn: sqlite3.Connection) -> None:
    """The lists "due today" and "overdue" judge a dossier by its due day, which form 04 moves.

    An apology letter (form 04) gives the citizen a new date (``due_on``, migration 10); from
    then on that day, not the receipt's appointment, says whether the dossier is late
    (:mod:`desk_app.store.due`). The index of migration 4 on the appointment's day is replaced
    by one on that due day, under the same name, with the status in front as before: the home
    screen's counts stay index range counts at a million dossiers.
    """
    run_script(
        conn,
        """
        DROP INDEX dossiers_due;
        CREATE INDEX dossiers_due ON dossiers(
            status, coalesce(due_on, date(appointment_at, '+7 hours'))
        );
        """,
    )


def _v12_content(conn: sqlite3.Connection) -> None:
    """A dossier's declarations move to a table of their own, one row per dossier.

    Each change of a dossier's status (every answer of a sync, every step at the counter)
    rewrote its whole row, declarations included: some 2.5 KB, one page of the file each,
    written to the log at every commit — a sync batch of 500 dossiers wrote 700 pages, most of
    them for text that had not changed. Without them a dossier's row is a tenth of the size,
    a page holds a dozen, and a batch writes a third of the pages. What reads the declarations
    (a dossier opened, the outbox formed, a correction, the reports) joins them by id.
    """
    run_script(
        conn,
        """
        CREATE TABLE dossier_content (
            dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
            declarations TEXT NOT NULL CHECK (json_valid(declarations))
        );
        INSERT INTO dossier_content (dossier_id, declarations)
            SELECT id, declarations FROM dossiers ORDER BY id;
        ALTER TABLE dossiers DROP COLUMN declarations;
        """,
    )


MIGRATIONS: tuple[Migration, ...] = (
    _v1_base,
    _v2_progress,
    _v3_sync,
    _v4_lookup,
    _v5_audit_chain,
    _v6_officers,
    _v7_outbox,
    _v8_subject,
    _v9_audit_links_head,
    _v10_events,
    _v11_due_day,
    _v12_content,
)
"""Append only: never edit a migration that has shipped."""


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to ``len(migrations)``; return the version it started at."""
    start: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > len(migrations):
        raise StoreError(
            f"Cơ sở dữ liệu ở phiên bản {start}, mới hơn phiên bản {len(migrations)} mà chương "
            "trình này hiểu. Hãy cập nhật desk trước khi mở tệp này."
        )
    for version in range(start, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        # The version may have moved while we waited for the lock (another process migrated).
        if conn.execute("PRAGMA user_version").fetchone()[0] != version:
            conn.execute("ROLLBACK")
            continue
        try:
            migrations[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
