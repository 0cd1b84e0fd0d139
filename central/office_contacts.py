"""What an office's desks call it, and its phone: the public status page's "where to collect".

Central keeps no register of offices (an office is the receiving agency's code in its tokens),
yet a citizen reading the status page needs the name of the counter that hands the result over,
not a code. Each desk says it in its end-of-round heartbeat, from its desk.toml; the last one
said is kept in ``meta`` under ``office:<code>`` (no schema of its own for two short texts), and
written only when it changed, so a heartbeat costs one read.
"""

from __future__ import annotations

import json
import unicodedata

from central.db import Database


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def note(db: Database, office: str, name: str, phone: str | None) -> None:
    """Keep ``name`` and ``phone`` as what ``office`` is called (texts from a desk: data)."""
    said = {"name": _nfc(name), "phone": _nfc(phone) if phone else None}
    value = json.dumps(said, ensure_ascii=False, sort_keys=True)
    key = f"office:{office}"
    with db.read() as tx:
        row = tx.one("SELECT value FROM meta WHERE key = :k", {"k": key})
    if row is not None and row[0] == value:
        return
    with db.write() as tx:
        tx.run(
            "INSERT INTO meta (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"k": key, "v": value},
        )


def contact(db: Database, office: str) -> tuple[str, str | None] | None:
    """(name, phone) of ``office`` as its desks last said, or None when none has yet."""
    with db.read() as tx:
        row = tx.one("SELECT value FROM meta WHERE key = :k", {"k": f"office:{office}"})
    if row is None:
        return None
    said = json.loads(row[0])
    return str(said["name"]), said.get("phone")
