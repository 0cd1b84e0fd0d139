"""Central's store: the one interface every part of central reaches its database through.

Two engines stand behind it (:mod:`central.db`): a SQLite file, the embedded default that
`desk demo` and the quick start need nothing installed for, and PostgreSQL, for a province
with several central processes. The target says which (``postgresql://…`` or a path). The
schema is migrated when the store opens (:mod:`central.schema`); documents live in a
:class:`central.files.FileStore` (a private folder unless one is given).

This module holds what is not on behalf of one desk — tokens, the operations team's view of
the desks, the population register, expiring idempotency records, the agencies' work —
while :meth:`CentralStore.for_desk` hands out the office-bound scope that endpoints use
(:mod:`central.scope`).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from central import agency_tokens, feed
from central.agency_steps import HELD_COLUMNS, Held, held
from central.agency_tokens import AgencyIdentity, AgencyTokenRow
from central.db import Database, Row, Tx, open_database, values
from central.files import FileStore, FolderFiles
from central.identity import DeskIdentity
from central.population import people, spelling_key
from central.schema import migrate
from central.scope import DeskScope

__all__ = ["CentralStore", "DeskIdentity", "DeskRow", "TokenRow", "token_digest"]


@dataclass(frozen=True)
class TokenRow:
    """One issued token as the operator sees it: never the token, only its digest's start."""

    id: int
    office: str
    desk_number: int
    created_at: str
    revoked: bool
    fingerprint: str


@dataclass(frozen=True)
class DeskRow:
    """A desk as the operations team sees it: its tokens and what its last round said."""

    office: str
    desk_number: int
    active_tokens: int
    last_contact: str | None
    """Central's clock at the desk's last heartbeat (end of a sync round), or None."""
    waiting: int | None
    """Dossiers still waiting in the desk's outbox then."""
    held: int | None
    """Dossiers the desk had set aside for an officer then."""


@dataclass(frozen=True)
class Due:
    """A dossier with agency steps due, as :meth:`CentralStore.advance` hands it over."""

    dossier: Held
    """Its state, as the agencies' rules (:mod:`central.agency_steps`) read it."""
    plan: str
    next_step_at: float


@dataclass(frozen=True)
class Performed:
    """What the agencies did to one dossier: its new state and its new feed entries."""

    status: str
    progress: str
    reason: str | None
    version: int
    plan: str
    next_step_at: float | None
    updates: Sequence[tuple[int, str]]
    """(version, update JSON) for each step performed, in order."""


def token_digest(token: str) -> str:
    """Central keeps only the SHA-256 of a token, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def default_files(target: str) -> Path:
    """Where documents go unless told: beside a SQLite file, else in the user's data folder."""
    from central.db import is_postgres

    if not is_postgres(target):
        path = Path(target)
        return path.parent / f"{path.stem}-files"
    import platformdirs

    return Path(platformdirs.user_data_dir("desk", appauthor=False)) / "central-files"


class CentralStore:
    """The reference central server's store (SQLite file or PostgreSQL database)."""

    def __init__(
        self,
        target: str | Path,
        *,
        files: FileStore | Path | None = None,
        pool_size: int = 10,
    ) -> None:
        self.db: Database = open_database(str(target), pool_size=pool_size)
        try:
            migrate(self.db, datetime.now(UTC).isoformat())
        except BaseException:
            self.db.close()
            raise
        self.files: FileStore = (
            files
            if isinstance(files, FileStore)
            else FolderFiles(files if files is not None else default_files(str(target)))
        )

    @property
    def target(self) -> str:
        """What names the database (a path, or the URL without its password)."""
        return self.db.target

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for PostgreSQL."""
        found = getattr(self.db, "path", None)
        return found if isinstance(found, Path) else None

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def for_desk(self, desk: DeskIdentity) -> DeskScope:
        """The store as ``desk`` may use it: every query bound to its office."""
        return DeskScope(self.db, desk)

    def picture(self) -> dict[str, list[Row]]:
        """Every row of every table (tests compare two to see that nothing changed)."""
        return self.db.picture()

    # --- desks and tokens ------------------------------------------------------------------

    def issue_token(self, office: str, desk_number: int, at: str) -> str:
        """Register a new token for a desk and return it: the only time it exists in clear."""
        token = secrets.token_urlsafe(32)
        with self.db.write() as tx:
            tx.run(
                "INSERT INTO desks (office, desk_number, token_sha256, created_at) "
                "VALUES (:office, :desk, :sha, :at)",
                {"office": office, "desk": desk_number, "sha": token_digest(token), "at": at},
            )
        return token

    def tokens(self) -> list[TokenRow]:
        """Every token ever issued (never the token itself): what `--list-tokens` prints."""
        with self.db.read() as tx:
            rows = tx.all(
                "SELECT id, office, desk_number, created_at, revoked, token_sha256 FROM desks "
                "ORDER BY id"
            )
        return [TokenRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5][:12]) for r in rows]

    def revoke(self, *, token_id: int | None = None, desk: tuple[str, int] | None = None) -> int:
        """Revoke one token by id, or every token of (office, desk number); how many changed.

        A revoked token is answered 401 from the next request on, by every central process
        (each request looks its token up); the row stays, so the list still shows who had a
        token and when.
        """
        with self.db.write() as tx:
            if token_id is not None:
                return tx.run(
                    "UPDATE desks SET revoked = 1 WHERE id = :id AND revoked = 0", {"id": token_id}
                )
            if desk is not None:
                return tx.run(
                    "UPDATE desks SET revoked = 1 WHERE office = :office "
                    "AND desk_number = :desk AND revoked = 0",
                    {"office": desk[0], "desk": desk[1]},
                )
        raise ValueError("token_id or desk")

    def desk_for(self, token: str) -> DeskIdentity | None:
        """The desk a bearer token belongs to, or None (unknown or revoked)."""
        with self.db.read() as tx:
            row = tx.one(
                "SELECT id, office, desk_number FROM desks "
                "WHERE token_sha256 = :sha AND revoked = 0",
                {"sha": token_digest(token)},
            )
        return DeskIdentity(*row) if row else None

    # --- agencies' tokens (central/agency_tokens.py) -------------------------------------------

    def issue_agency_token(self, role: str, office: str | None, at: str) -> str:
        """Register a new token for a deciding agency of ``role`` (``office`` None: every
        office) and return it: the only time it exists in clear."""
        return agency_tokens.issue(self.db, role, office, at)

    def agency_tokens(self) -> list[AgencyTokenRow]:
        """Every agency token ever issued (never the token itself), for `--list-tokens`."""
        return agency_tokens.listed(self.db)

    def revoke_agency_token(self, token_id: int) -> int:
        """Revoke one agency token by its number; how many changed (answered 401 from then on)."""
        return agency_tokens.revoke(self.db, token_id)

    def agency_for(self, token: str) -> AgencyIdentity | None:
        """The agency a bearer token belongs to, or None (unknown or revoked)."""
        return agency_tokens.lookup(self.db, token_digest(token))

    def heartbeat(self, desk: DeskIdentity, waiting: int, held: int, at: str) -> None:
        """Note a desk's end of round: when, and how many dossiers it still had waiting."""
        with self.db.write() as tx:
            tx.run(
                "INSERT INTO desk_contacts (office, desk_number, last_contact, waiting, held) "
                "VALUES (:office, :desk, :at, :waiting, :held) "
                "ON CONFLICT (office, desk_number) DO UPDATE SET "
                "last_contact = excluded.last_contact, waiting = excluded.waiting, "
                "held = excluded.held",
                {
                    "office": desk.office,
                    "desk": desk.desk_number,
                    "at": at,
                    "waiting": waiting,
                    "held": held,
                },
            )

    def desks(self) -> list[DeskRow]:
        """Every desk that has a token or has been heard from, with its last contact."""
        with self.db.read() as tx:
            rows = tx.all(
                "SELECT k.office, k.desk_number, "
                "(SELECT count(*) FROM desks t WHERE t.office = k.office "
                " AND t.desk_number = k.desk_number AND t.revoked = 0), "
                "c.last_contact, c.waiting, c.held "
                "FROM (SELECT office, desk_number FROM desks "
                "      UNION SELECT office, desk_number FROM desk_contacts) k "
                "LEFT JOIN desk_contacts c "
                "ON c.office = k.office AND c.desk_number = k.desk_number "
                "ORDER BY k.office, k.desk_number"
            )
        return [DeskRow(r[0], r[1], int(r[2]), r[3], r[4], r[5]) for r in rows]

    # --- idempotency records ------------------------------------------------------------------

    def expire_batches(self, before: float) -> int:
        """Forget the stored answers of batches received before ``before`` (epoch seconds).

        A desk retries a batch under the same key for as long as it is offline; past the
        retention the key is forgotten, and a desk that still sends it gets its dossiers
        recognised one by one (same code and content: ``duplicate``), never stored twice.
        The agencies' requests (``agency_requests``) are forgotten after the same time.
        """
        with self.db.write() as tx:
            tx.run("DELETE FROM agency_requests WHERE created_epoch < :before", {"before": before})
            return tx.run("DELETE FROM batches WHERE created_epoch < :before", {"before": before})

    # --- population register ------------------------------------------------------------------

    def ensure_population(self, seed: int, size: int) -> None:
        """Fill the register from ``seed`` unless it already holds exactly that one."""
        wanted = json.dumps({"seed": seed, "size": size})
        with self.db.write() as tx:
            self.db.lock(tx, "central:population")  # two processes starting: one fills it
            row = tx.one("SELECT value FROM meta WHERE key = 'population'")
            if row and row[0] == wanted:
                return
            tx.run("DELETE FROM population")
            chunk: list[dict[str, str]] = []
            for p in people(seed, size):
                chunk.append(
                    {
                        "id": p.personal_id,
                        "name": p.full_name,
                        "key": spelling_key(p.full_name),
                        "born": p.date_of_birth.isoformat(),
                        "sex": p.sex,
                    }
                )
                if len(chunk) == 1000:
                    self._people(tx, chunk)
                    chunk = []
            self._people(tx, chunk)
            tx.run(
                "INSERT INTO meta (key, value) VALUES ('population', :v) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"v": wanted},
            )

    @staticmethod
    def _people(tx: Tx, chunk: list[dict[str, str]]) -> None:
        if not chunk:
            return
        sql, params = values(chunk, ("id", "name", "key", "born", "sex"))
        tx.run(
            "INSERT INTO population (personal_id, full_name, name_key, date_of_birth, sex) "
            f"VALUES {sql}",
            params,
        )

    def verify(self, personal_id: str, full_name: str, date_of_birth: str) -> bool:
        """Whether the register holds this ID with this name and date of birth."""
        with self.db.read() as tx:
            row = tx.one(
                "SELECT name_key, date_of_birth FROM population WHERE personal_id = :id",
                {"id": personal_id},
            )
        return row is not None and row == (spelling_key(full_name), date_of_birth)

    # --- the agencies ---------------------------------------------------------------------------

    def advance(self, moment: float, limit: int, perform: Callable[[Due], Performed]) -> int:
        """Perform the agencies' steps due by ``moment`` on at most ``limit`` dossiers.

        One transaction: the due dossiers are claimed (another central process running its own
        agencies skips them), each is performed, its row updated, and every update appended to
        the feed, numbered last (:mod:`central.feed`). Returns how many updates were written.
        """
        with self.db.write() as tx:
            rows = tx.all(
                f"SELECT {HELD_COLUMNS}, plan, next_step_at FROM dossiers "
                "WHERE next_step_at <= :moment "
                f"ORDER BY next_step_at LIMIT :limit{self.db.skip_locked}",
                {"moment": moment, "limit": limit},
            )
            entries: list[feed.Entry] = []
            for row in rows:
                due = Due(held(row[:-2]), row[-2], row[-1])
                done = perform(due)
                tx.run(
                    "UPDATE dossiers SET status = :status, progress = :progress, "
                    "reason = :reason, version = :version, plan = :plan, "
                    "next_step_at = :next WHERE id = :id",
                    {
                        "status": done.status,
                        "progress": done.progress,
                        "reason": done.reason,
                        "version": done.version,
                        "plan": done.plan,
                        "next": done.next_step_at,
                        "id": due.dossier.id,
                    },
                )
                d = due.dossier
                entries += [
                    feed.Entry(d.id, d.office, d.desk_number, version, body)
                    for version, body in done.updates
                ]
            feed.append(tx, entries)
        return len(entries)

    def all_dossiers(self) -> dict[str, tuple[str, str, str]]:
        """code → (content hash, status, progress JSON) of every dossier (for checks)."""
        with self.db.read() as tx:
            rows = tx.all("SELECT code, content_hash, status, progress FROM dossiers")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
