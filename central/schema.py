"""Central's schema, as numbered migrations per engine, applied when a store is opened.

Each engine has its own list; a database records the migrations it has had in
``schema_version``, and opening a store applies the missing ones in one transaction, under a
lock every process sharing the database respects (two central processes starting together
migrate once). A database whose version is newer than this code knows is refused: an older
central must not write into a schema it does not understand.

SQLite's first migration is the schema central had before migrations were numbered (written
with ``IF NOT EXISTS``), so a database from then is simply taken up and brought forward.
"""

from __future__ import annotations

from central.db import Database

VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
    "applied_at TEXT NOT NULL)"
)

_SQLITE_1 = (
    """CREATE TABLE IF NOT EXISTS desks (
        id INTEGER PRIMARY KEY, office TEXT NOT NULL, desk_number INTEGER NOT NULL,
        token_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS dossiers (
        id INTEGER PRIMARY KEY, central_id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE,
        office TEXT NOT NULL, desk_number INTEGER NOT NULL, content_hash TEXT NOT NULL,
        procedure_group TEXT NOT NULL, received_at TEXT NOT NULL, submitted_at TEXT NOT NULL,
        declarations TEXT NOT NULL, status TEXT NOT NULL, progress TEXT NOT NULL DEFAULT '{}',
        reason TEXT, version INTEGER NOT NULL DEFAULT 0, plan TEXT NOT NULL DEFAULT '[]',
        next_step_at REAL)""",
    "CREATE INDEX IF NOT EXISTS dossiers_due ON dossiers(next_step_at) "
    "WHERE next_step_at IS NOT NULL",
    """CREATE TABLE IF NOT EXISTS dossier_attachments (
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id), item TEXT NOT NULL,
        sha256 TEXT NOT NULL, PRIMARY KEY (dossier_id, item, sha256))""",
    """CREATE TABLE IF NOT EXISTS batches (
        desk_id INTEGER NOT NULL REFERENCES desks(id), key TEXT NOT NULL,
        request_sha256 TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (desk_id, key))""",
    """CREATE TABLE IF NOT EXISTS updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        office TEXT NOT NULL, desk_number INTEGER NOT NULL, body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS updates_desk ON updates(office, desk_number, seq)",
    """CREATE TABLE IF NOT EXISTS attachments (
        sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS attachment_offices (
        sha256 TEXT NOT NULL REFERENCES attachments(sha256), office TEXT NOT NULL,
        PRIMARY KEY (sha256, office))""",
    """CREATE TABLE IF NOT EXISTS population (
        personal_id TEXT PRIMARY KEY, full_name TEXT NOT NULL, name_key TEXT NOT NULL,
        date_of_birth TEXT NOT NULL, sex TEXT NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS anchors (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, office TEXT NOT NULL,
        desk_number INTEGER NOT NULL, events INTEGER NOT NULL CHECK (events >= 1),
        head TEXT NOT NULL CHECK (length(head) = 64), anchored_at TEXT NOT NULL,
        flag TEXT CHECK (flag IN ('behind', 'conflict')))""",
    "CREATE INDEX IF NOT EXISTS anchors_desk ON anchors(office, desk_number, seq)",
    """CREATE TRIGGER IF NOT EXISTS anchors_no_update BEFORE UPDATE ON anchors
        BEGIN SELECT RAISE(ABORT, 'anchors are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS anchors_no_delete BEFORE DELETE ON anchors
        BEGIN SELECT RAISE(ABORT, 'anchors are append-only'); END""",
)

_SQLITE_2 = (
    # Idempotency records expire: their age as a number, whatever offset the text carries.
    "ALTER TABLE batches ADD COLUMN created_epoch REAL",
    "UPDATE batches SET created_epoch = CAST(strftime('%s', created_at) AS REAL)",
    "CREATE INDEX batches_age ON batches(created_epoch)",
    # A dossier's versions are unique: the database itself keeps each change once, in order.
    "ALTER TABLE updates ADD COLUMN version INTEGER",
    "UPDATE updates SET version = json_extract(body, '$.version')",
    "CREATE UNIQUE INDEX updates_version ON updates(dossier_id, version)",
    # The feed is numbered from one counter row, taken last in each writing transaction.
    "CREATE TABLE feed (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL)",
    "INSERT INTO feed (id, last) SELECT 1, coalesce(max(seq), 0) FROM updates",
    """CREATE TABLE desk_contacts (
        office TEXT NOT NULL, desk_number INTEGER NOT NULL, last_contact TEXT NOT NULL,
        waiting INTEGER NOT NULL, held INTEGER NOT NULL, PRIMARY KEY (office, desk_number))""",
)

_POSTGRES_1 = (
    """CREATE TABLE desks (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, office TEXT NOT NULL,
        desk_number INTEGER NOT NULL, token_sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE dossiers (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        central_id TEXT NOT NULL UNIQUE, code TEXT NOT NULL UNIQUE, office TEXT NOT NULL,
        desk_number INTEGER NOT NULL, content_hash TEXT NOT NULL,
        procedure_group TEXT NOT NULL, received_at TEXT NOT NULL, submitted_at TEXT NOT NULL,
        declarations TEXT NOT NULL, status TEXT NOT NULL, progress TEXT NOT NULL DEFAULT '{}',
        reason TEXT, version INTEGER NOT NULL DEFAULT 0, plan TEXT NOT NULL DEFAULT '[]',
        next_step_at DOUBLE PRECISION)""",
    "CREATE INDEX dossiers_due ON dossiers(next_step_at) WHERE next_step_at IS NOT NULL",
    """CREATE TABLE dossier_attachments (
        dossier_id BIGINT NOT NULL REFERENCES dossiers(id), item TEXT NOT NULL,
        sha256 TEXT NOT NULL, PRIMARY KEY (dossier_id, item, sha256))""",
    """CREATE TABLE batches (
        desk_id BIGINT NOT NULL REFERENCES desks(id), key TEXT NOT NULL,
        request_sha256 TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
        created_epoch DOUBLE PRECISION, PRIMARY KEY (desk_id, key))""",
    "CREATE INDEX batches_age ON batches(created_epoch)",
    """CREATE TABLE updates (
        seq BIGINT PRIMARY KEY, dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
        office TEXT NOT NULL, desk_number INTEGER NOT NULL, body TEXT NOT NULL,
        version INTEGER NOT NULL)""",
    "CREATE INDEX updates_desk ON updates(office, desk_number, seq)",
    "CREATE UNIQUE INDEX updates_version ON updates(dossier_id, version)",
    "CREATE TABLE feed (id INTEGER PRIMARY KEY CHECK (id = 1), last BIGINT NOT NULL)",
    "INSERT INTO feed (id, last) VALUES (1, 0)",
    """CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, stored_at TEXT NOT NULL)""",
    """CREATE TABLE attachment_offices (
        sha256 TEXT NOT NULL REFERENCES attachments(sha256), office TEXT NOT NULL,
        PRIMARY KEY (sha256, office))""",
    """CREATE TABLE population (
        personal_id TEXT PRIMARY KEY, full_name TEXT NOT NULL, name_key TEXT NOT NULL,
        date_of_birth TEXT NOT NULL, sex TEXT NOT NULL)""",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE anchors (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, office TEXT NOT NULL,
        desk_number INTEGER NOT NULL, events BIGINT NOT NULL CHECK (events >= 1),
        head TEXT NOT NULL CHECK (length(head) = 64), anchored_at TEXT NOT NULL,
        flag TEXT CHECK (flag IN ('behind', 'conflict')))""",
    "CREATE INDEX anchors_desk ON anchors(office, desk_number, seq)",
    """CREATE FUNCTION anchors_append_only() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'anchors are append-only'; END $$""",
    """CREATE TRIGGER anchors_no_change BEFORE UPDATE OR DELETE ON anchors
        FOR EACH ROW EXECUTE FUNCTION anchors_append_only()""",
    """CREATE TRIGGER anchors_no_truncate BEFORE TRUNCATE ON anchors
        FOR EACH STATEMENT EXECUTE FUNCTION anchors_append_only()""",
    """CREATE TABLE desk_contacts (
        office TEXT NOT NULL, desk_number INTEGER NOT NULL, last_contact TEXT NOT NULL,
        waiting INTEGER NOT NULL, held INTEGER NOT NULL, PRIMARY KEY (office, desk_number))""",
)


# Protocol v2 (events, office-wide feed, corrections, agencies as parties). Same on both engines
# but for types, so it is written once.
def _v2(bigint: str, real: str, identity: str) -> tuple[str, ...]:
    return (
        # The content a correction replaced stays readable: every version, numbered from 1.
        "ALTER TABLE dossiers ADD COLUMN content_version INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE dossiers ADD COLUMN due TEXT",
        f"""CREATE TABLE dossier_versions (
            dossier_id {bigint} NOT NULL REFERENCES dossiers(id),
            content_version INTEGER NOT NULL, content_hash TEXT NOT NULL,
            declarations TEXT NOT NULL, at TEXT NOT NULL, office TEXT, desk_number INTEGER,
            officer TEXT, reason TEXT, PRIMARY KEY (dossier_id, content_version))""",
        # Every action a desk shipped, once per event id, with central's answer to it.
        f"""CREATE TABLE events (
            id TEXT PRIMARY KEY, dossier_id {bigint} REFERENCES dossiers(id), code TEXT NOT NULL,
            kind TEXT NOT NULL, at TEXT NOT NULL, office TEXT NOT NULL,
            desk_number INTEGER NOT NULL, officer TEXT NOT NULL, data TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
            version INTEGER, reason_code TEXT, reason TEXT, by_event TEXT,
            recorded_at TEXT NOT NULL)""",
        "CREATE INDEX events_dossier ON events(dossier_id, recorded_at)",
        # Search by ID number or folded name word, within an office.
        f"""CREATE TABLE dossier_terms (
            office TEXT NOT NULL, term TEXT NOT NULL,
            dossier_id {bigint} NOT NULL REFERENCES dossiers(id),
            PRIMARY KEY (office, term, dossier_id))""",
        # The office-wide feed, and what a v1 desk still reads (its own dossiers, v1 events).
        "CREATE INDEX updates_office ON updates(office, seq)",
        "ALTER TABLE updates ADD COLUMN v1 INTEGER NOT NULL DEFAULT 1",
        # Deciding agencies as parties with their own tokens and idempotent requests.
        f"""CREATE TABLE agency_tokens (
            id {identity}, role TEXT NOT NULL, office TEXT,
            token_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
            revoked INTEGER NOT NULL DEFAULT 0)""",
        f"""CREATE TABLE agency_requests (
            token_id {bigint} NOT NULL REFERENCES agency_tokens(id), key TEXT NOT NULL,
            request_sha256 TEXT NOT NULL, response TEXT NOT NULL, status INTEGER NOT NULL,
            created_at TEXT NOT NULL, created_epoch {real}, PRIMARY KEY (token_id, key))""",
    )


_SQLITE_3 = _v2("INTEGER", "REAL", "INTEGER PRIMARY KEY")
_POSTGRES_2 = _v2(
    "BIGINT", "DOUBLE PRECISION", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
)


# The citizen's public status page (central.public_page). Same on both engines but for types.
def _public(real: str) -> tuple[str, ...]:
    return (
        # A verifier of the receipt's secret lookup code (never the code), and the appointment
        # the receipt promised; both optional on the wire (older desks, adopted dossiers).
        "ALTER TABLE dossiers ADD COLUMN lookup_digest TEXT",
        "ALTER TABLE dossiers ADD COLUMN appointment_at TEXT",
        # Wrong tries at the page, per client and per dossier code (central.public_limits),
        # shared by every central process on the database.
        f"""CREATE TABLE public_tries (
            scope TEXT NOT NULL CHECK (scope IN ('client', 'code')), key TEXT NOT NULL,
            at {real} NOT NULL)""",
        "CREATE INDEX public_tries_key ON public_tries(scope, key, at)",
        "CREATE INDEX public_tries_age ON public_tries(at)",
    )


_SQLITE_4 = _public("REAL")
_POSTGRES_3 = _public("DOUBLE PRECISION")

_SQLITE_5 = (
    # Search terms in one b-tree, not two: a rowid table wrote every term twice (the row, and
    # its primary-key index), some ten a dossier, the largest part of accepting one. Copied
    # over, the old table dropped. PostgreSQL keeps a heap and its index either way.
    """CREATE TABLE dossier_terms_new (
        office TEXT NOT NULL, term TEXT NOT NULL,
        dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
        PRIMARY KEY (office, term, dossier_id)) WITHOUT ROWID""",
    "INSERT INTO dossier_terms_new (office, term, dossier_id) "
    "SELECT office, term, dossier_id FROM dossier_terms",
    "DROP TABLE dossier_terms",
    "ALTER TABLE dossier_terms_new RENAME TO dossier_terms",
)


# Dossiers whose search terms are still to be written (central.search_terms): accepting a
# dossier only notes it here, and a search, or the idle server, writes the terms.
# ``corrected``: a correction replaced its content, so the terms it had go first.
def _terms_pending(bigint: str, without_rowid: str) -> tuple[str, ...]:
    return (
        f"""CREATE TABLE terms_pending (
            dossier_id {bigint} PRIMARY KEY REFERENCES dossiers(id), office TEXT NOT NULL,
            corrected INTEGER NOT NULL DEFAULT 0){without_rowid}""",
    )


_SQLITE_6 = _terms_pending("INTEGER", " WITHOUT ROWID")
_POSTGRES_4 = _terms_pending("BIGINT", "")

MIGRATIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "sqlite": (_SQLITE_1, _SQLITE_2, _SQLITE_3, _SQLITE_4, _SQLITE_5, _SQLITE_6),
    "postgresql": (_POSTGRES_1, _POSTGRES_2, _POSTGRES_3, _POSTGRES_4),
}


class SchemaTooNew(Exception):
    """The database was migrated by a newer central than this one."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"schema version {found} > {known}")
        self.found = found
        self.known = known


def migrate(db: Database, at: str) -> int:
    """Apply the migrations ``db`` has not had yet, in one transaction; its version now."""
    steps = MIGRATIONS[db.dialect]
    with db.write() as tx:
        db.lock(tx, "central:schema")
        tx.run(VERSION_TABLE)
        row = tx.one("SELECT coalesce(max(version), 0) FROM schema_version")
        current = int(row[0]) if row else 0
        if current > len(steps):
            raise SchemaTooNew(current, len(steps))
        for number in range(current + 1, len(steps) + 1):
            for statement in steps[number - 1]:
                tx.run(statement)
            tx.run(
                "INSERT INTO schema_version (version, applied_at) VALUES (:v, :at)",
                {"v": number, "at": at},
            )
    return len(steps)
