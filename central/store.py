"""Central's own SQLite store: desks, dossiers, idempotent batches, the update feed, files.

Separate from any desk's database, as the real central system is. One connection behind a
lock: every write is one short transaction, so the feed's sequence numbers become visible in
order (a reader never sees update 10 before update 9 has committed). ``synchronous=FULL``
because once central has answered "accepted" the desk deletes its outbox row: an answer the
disk then forgot would be a lost dossier. Like a desk's, the database (with its -wal and
-shm), the files folder and the log are private to central's own user: 0600 files in 0700
folders (:mod:`desk_app.private`), made so when they are created.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from central.population import people, spelling_key
from desk_app.private import private_dir, private_file, tighten

SCHEMA = """
CREATE TABLE IF NOT EXISTS desks (
    id INTEGER PRIMARY KEY,
    office TEXT NOT NULL,
    desk_number INTEGER NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS dossiers (
    id INTEGER PRIMARY KEY,
    central_id TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    office TEXT NOT NULL,
    desk_number INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    procedure_group TEXT NOT NULL,
    received_at TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    declarations TEXT NOT NULL,
    status TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '{}',
    reason TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    plan TEXT NOT NULL DEFAULT '[]',
    next_step_at REAL
);
CREATE INDEX IF NOT EXISTS dossiers_due ON dossiers(next_step_at) WHERE next_step_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS dossier_attachments (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    item TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (dossier_id, item, sha256)
);
CREATE TABLE IF NOT EXISTS batches (
    desk_id INTEGER NOT NULL REFERENCES desks(id),
    key TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (desk_id, key)
);
CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    office TEXT NOT NULL,
    desk_number INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_desk ON updates(office, desk_number, seq);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachment_offices (
    sha256 TEXT NOT NULL REFERENCES attachments(sha256),
    office TEXT NOT NULL,
    PRIMARY KEY (sha256, office)
);
CREATE TABLE IF NOT EXISTS population (
    personal_id TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    sex TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class DeskIdentity:
    """Who is calling: a desk of an office (the office is its receiving agency code)."""

    id: int
    office: str
    desk_number: int


@dataclass(frozen=True)
class TokenRow:
    """One issued token as the operator sees it: never the token, only its digest's start."""

    id: int
    office: str
    desk_number: int
    created_at: str
    revoked: bool
    fingerprint: str


def token_digest(token: str) -> str:
    """Central keeps only the SHA-256 of a token, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


class CentralStore:
    """The reference central server's database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        private_file(path)  # 0600 before SQLite opens it: the -wal and -shm inherit its mode
        for sidecar in ("-wal", "-shm"):
            tighten(path.with_name(path.name + sidecar))
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 10000")
        self.db = sqlite_utils.Database(self.conn)
        self.lock = threading.Lock()
        with self.transaction():
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
        self.files = private_dir(path.parent / f"{path.stem}-files")

    def close(self) -> None:
        """Close the database."""
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One serialised write transaction."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # --- desks ----------------------------------------------------------------------------

    def issue_token(self, office: str, desk_number: int, at: str) -> str:
        """Register a new token for a desk and return it: the only time it exists in clear."""
        token = secrets.token_urlsafe(32)
        with self.transaction() as db:
            db["desks"].insert(
                {
                    "office": office,
                    "desk_number": desk_number,
                    "token_sha256": token_digest(token),
                    "created_at": at,
                }
            )
        return token

    def tokens(self) -> list[TokenRow]:
        """Every token ever issued (never the token itself): what `--list-tokens` prints."""
        with self.lock:
            rows = self.conn.execute(
                "SELECT id, office, desk_number, created_at, revoked, token_sha256 FROM desks "
                "ORDER BY id"
            ).fetchall()
        return [TokenRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5][:12]) for r in rows]

    def revoke(self, *, token_id: int | None = None, desk: tuple[str, int] | None = None) -> int:
        """Revoke one token by id, or every token of (office, desk number); how many changed.

        A revoked token is answered 401 from the next request on; the row stays, so the list
        still shows who had a token and when.
        """
        with self.transaction():
            if token_id is not None:
                cursor = self.conn.execute(
                    "UPDATE desks SET revoked = 1 WHERE id = ? AND revoked = 0", (token_id,)
                )
            elif desk is not None:
                cursor = self.conn.execute(
                    "UPDATE desks SET revoked = 1 WHERE office = ? AND desk_number = ? "
                    "AND revoked = 0",
                    desk,
                )
            else:
                raise ValueError("token_id or desk")
            return cursor.rowcount

    def desk_for(self, token: str) -> DeskIdentity | None:
        """The desk a bearer token belongs to, or None (unknown or revoked)."""
        with self.lock:
            row = self.conn.execute(
                "SELECT id, office, desk_number FROM desks WHERE token_sha256 = ? AND revoked = 0",
                (token_digest(token),),
            ).fetchone()
        return DeskIdentity(*row) if row else None

    # --- population register --------------------------------------------------------------

    def ensure_population(self, seed: int, size: int) -> None:
        """Fill the register from ``seed`` unless it already holds exactly that one."""
        wanted = json.dumps({"seed": seed, "size": size})
        with self.transaction() as db:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'population'").fetchone()
            if row and row[0] == wanted:
                return
            self.conn.execute("DELETE FROM population")
            db["population"].insert_all(
                (
                    {
                        "personal_id": p.personal_id,
                        "full_name": p.full_name,
                        "name_key": spelling_key(p.full_name),
                        "date_of_birth": p.date_of_birth.isoformat(),
                        "sex": p.sex,
                    }
                    for p in people(seed, size)
                ),
                batch_size=2000,
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('population', ?)", (wanted,)
            )

    def verify(self, personal_id: str, full_name: str, date_of_birth: str) -> bool:
        """Whether the register holds this ID with this name and date of birth."""
        with self.lock:
            row = self.conn.execute(
                "SELECT name_key, date_of_birth FROM population WHERE personal_id = ?",
                (personal_id,),
            ).fetchone()
        return row is not None and row == (spelling_key(full_name), date_of_birth)
