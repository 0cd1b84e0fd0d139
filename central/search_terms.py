"""Search terms of central's dossiers, written off the path that acknowledges them.

A dossier is found by its ID numbers and the folded words of its names (``dossier_terms``,
read by :func:`central.office.search`). Working them out and writing them was the largest
single part of accepting a dossier (some 50 µs of its 150), yet nothing but the office-wide
search reads them. So accepting a dossier, or a correction that replaces its content, only
notes it in ``terms_pending`` (:func:`mark`, in the accepting transaction) and the terms are
written later, by :func:`index_pending`:

- before every search, synchronously (:func:`catch_up`): a search sees every dossier central
  has acknowledged, as if the terms had been written with it;
- by the server when it has been idle for a moment, at start-up, and for terms that have
  waited too long (:mod:`central.idle`).

Each chunk is one transaction that claims its rows by deleting them (``DELETE … RETURNING``;
on PostgreSQL the rows are selected ``FOR UPDATE``, skipping or waiting for rows another
process holds), so several central processes never index one dossier twice nor miss one: a
transaction that fails puts its rows back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from central.db import Database, Tx, among
from central.scope import ScopedTx
from forms.text import fold

WORD = re.compile(r"\w+")
"""A word of a folded name (the desk's own search splits the same way)."""
_ID_LIKE = re.compile(r"[0-9]{9,12}")
_ID_KEYS = ("number", "personal_id")
_SCALARS = frozenset({bool, int, float, type(None)})


def declarations_of(envelope: Mapping[str, Any]) -> Mapping[str, Any]:
    """What a dossier declares: a desk's envelope's ``declarations``, or the JSON itself."""
    inner = envelope.get("declarations")
    return inner if isinstance(inner, Mapping) else envelope


def searchable(envelope: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(names, ID numbers) a dossier is found by: every person's full name and ID number in it.

    Read by walking the JSON, not by validating it with the group's model: that cost 0.24 ms a
    dossier, a quarter of what central spends accepting one, and a batch's dossiers were
    checked already (their content hash; the desk validated them at the counter). The walk
    keeps a stack instead of nesting generators (a value inherits the key of the list it is
    in): the generators cost more than the rest of accepting a dossier's JSON. Plain dicts,
    lists and strings are told by their exact type (``isinstance`` against ``Mapping`` is an
    ABC check) and what a key means is looked up, not worked out again at every leaf: a
    third of the walk.
    """
    names: list[str] = []
    ids: list[str] = []
    roles = _ROLES
    stack: list[tuple[Any, Any]] = [
        ("", declarations_of(envelope))
    ]  # containers still to look into
    while stack:
        key, node = stack.pop()
        pairs: Iterable[tuple[Any, Any]]
        if type(node) is dict or isinstance(node, Mapping):
            pairs = node.items()
        else:
            pairs = ((key, v) for v in node)
        for name, value in pairs:
            kind = type(value)
            if kind is str or (kind not in _SCALARS and isinstance(value, str)):
                role = roles.get(name)
                if role is None:
                    role = _role(name)
                if role == _NAME:
                    names.append(value)
                elif role == _ID and _ID_LIKE.fullmatch(value):
                    ids.append(value)
            elif kind is dict or kind is list:
                stack.append((name, value))
            elif kind in _SCALARS:  # nothing to look at
                continue
            elif isinstance(value, Mapping | list):
                stack.append((name, value))
    return names, ids


_NAME, _ID, _OTHER = 1, 2, 0
_ROLES: dict[Any, int] = {}
"""Key → what its string values are (a name, an ID number, neither); at most a few thousand
keys are kept, so keys a request makes up cannot grow it without bound."""


def _role(key: Any) -> int:
    text = key if type(key) is str else str(key)
    if text == "full_name":
        role = _NAME
    elif text in _ID_KEYS or text.endswith("_id"):
        role = _ID
    else:
        role = _OTHER
    if len(_ROLES) < 4096:
        _ROLES[key] = role
    return role


def terms(envelope: Mapping[str, Any]) -> set[str]:
    """The search terms of declarations: ``i:<ID number>`` and ``n:<folded word>``."""
    names, ids = searchable(envelope)
    found = {"i:" + i for i in ids}
    for name in set(names):  # the requester is often the mother: fold each name once
        found.update("n:" + w for w in WORD.findall(fold(name)))
    return found


_MARK = {
    "sqlite": (
        "INSERT INTO terms_pending (dossier_id, office, corrected) "
        "SELECT CAST(value AS INTEGER), :office, :corrected FROM json_each(:ids) "
        "WHERE 1 = 1 ON CONFLICT (dossier_id) DO UPDATE SET corrected = max(corrected, "
        "excluded.corrected)"
    ),
    "postgresql": (
        "INSERT INTO terms_pending (dossier_id, office, corrected) "
        "SELECT CAST(value AS BIGINT), :office, :corrected "
        "FROM json_array_elements_text(CAST(:ids AS json)) "
        "ON CONFLICT (dossier_id) DO UPDATE SET corrected = greatest(terms_pending.corrected, "
        "excluded.corrected)"
    ),
}


def mark(tx: ScopedTx, dossier_ids: Sequence[int], *, corrected: bool) -> None:
    """Note, in the accepting transaction, that these dossiers of the caller's office need their
    search terms written (``corrected``: their content was replaced, the old terms go first)."""
    if dossier_ids:
        tx.run(
            _MARK[tx.dialect],
            {"ids": json.dumps([int(d) for d in dossier_ids]), "corrected": int(corrected)},
        )


CHUNK = 500
"""Dossiers indexed in one transaction: a sync batch's worth, a few tens of milliseconds."""

_CLAIM = (
    "DELETE FROM terms_pending WHERE dossier_id IN (SELECT dossier_id FROM terms_pending "
    "ORDER BY dossier_id LIMIT :limit{lock}) RETURNING dossier_id, corrected"
)
_WRITE_TERMS = {
    "sqlite": (
        "INSERT INTO dossier_terms (office, term, dossier_id) "
        "SELECT o.key, t.value, CAST(d.key AS INTEGER) "
        "FROM json_each(:terms) AS o, json_each(o.value) AS d, json_each(d.value) AS t "
        "WHERE 1 = 1 ON CONFLICT DO NOTHING"  # WHERE: SQLite's upsert after a SELECT
    ),
    "postgresql": (
        "INSERT INTO dossier_terms (office, term, dossier_id) "
        "SELECT o.key, t.value, CAST(d.key AS BIGINT) "
        "FROM json_each(CAST(:terms AS json)) AS o, json_each(o.value) AS d, "
        "json_array_elements_text(d.value) AS t ON CONFLICT DO NOTHING"
    ),
}
"""A chunk's terms in one statement, as one JSON parameter ``{office: {dossier id: [terms]}}``.

Two parameters a row in a multi-row VALUES cost more to name, number and bind in Python than
SQLite takes to insert the rows: a batch of 50 dossiers has some 520 terms."""


def _index_chunk(db: Database, limit: int, *, wait: bool) -> int:
    """Claim up to ``limit`` pending dossiers and write their terms, in one transaction; how
    many were claimed. ``wait``: rows another process is indexing are waited for (a search
    must see them), else left to it (the idle indexer)."""
    lock = "" if db.dialect == "sqlite" else (" FOR UPDATE" if wait else db.skip_locked)
    with db.write() as tx:
        claimed = tx.all(_CLAIM.format(lock=lock), {"limit": limit})
        if claimed:
            _write(tx, db.dialect, claimed)
    return len(claimed)


def _write(tx: Tx, dialect: str, claimed: Sequence[tuple[Any, Any]]) -> None:
    listed, params = among("d", [int(d) for d, _ in claimed])
    rows = tx.all(f"SELECT id, office, declarations FROM dossiers WHERE id IN {listed}", params)
    offices = {int(d): office for d, office, _ in rows}
    for dossier_id, corrected in claimed:
        if corrected and int(dossier_id) in offices:
            tx.run(
                "DELETE FROM dossier_terms WHERE office = :office AND dossier_id = :d",
                {"office": offices[int(dossier_id)], "d": int(dossier_id)},
            )
    found: dict[str, dict[str, list[str]]] = {}
    for dossier_id, office, declarations in rows:
        words = terms(json.loads(declarations))
        if words:
            found.setdefault(office, {})[str(dossier_id)] = sorted(words)
    if found:
        tx.run(_WRITE_TERMS[dialect], {"terms": json.dumps(found, ensure_ascii=False)})


def index_pending(
    db: Database,
    limit: int = CHUNK,
    *,
    wait: bool = True,
    go_on: Callable[[], bool] | None = None,
) -> int:
    """Write the terms of pending dossiers, ``limit`` a transaction; how many it indexed.

    ``wait`` (a search): rows another process is indexing are waited for, and it goes on until
    nothing that was pending when it began is left, indexed here or there; with nothing
    pending it costs one read. Else (the idle indexer) such rows are left to that process, and
    it stops at a short chunk or when ``go_on`` says so between chunks (intake is back).
    """
    highest = pending(db) if wait else None
    if wait and highest is None:
        return 0
    done = 0
    while True:
        count = _index_chunk(db, limit, wait=wait)
        done += count
        if go_on is not None and not go_on():
            return done
        if count < limit and (highest is None or not _left(db, highest)):
            return done


def _left(db: Database, highest: int) -> bool:
    """Whether a dossier pending up to ``highest`` is still to be indexed (by anyone)."""
    with db.read() as tx:
        return (
            tx.one("SELECT 1 FROM terms_pending WHERE dossier_id <= :h LIMIT 1", {"h": highest})
            is not None
        )


def pending(db: Database) -> int | None:
    """The highest pending dossier id, None when nothing is pending (one index probe)."""
    with db.read() as tx:
        row = tx.one("SELECT max(dossier_id) FROM terms_pending")
    return int(row[0]) if row and row[0] is not None else None


def catch_up(db: Database) -> None:
    """Before a search: write the terms of every dossier acknowledged so far (usually none or
    a handful; a read finds that out without a write transaction)."""
    index_pending(db, wait=True)
