"""What every hostile-input test shares: the strings, a picture of the store, the corpus files.

A refused input must leave stored data exactly as it was. :func:`store_picture` reads every
table of a desk (or central) SQLite file into plain Python values, so a test takes a picture
before the input, another after, and compares them. The corpus of hostile cases lives as data
in ``tests/hostile/corpus/*.json`` (one file per area); :func:`load_corpus` reads one and
``test_corpus_size`` counts them all.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"

MARKUP_HOSTILE: tuple[str, ...] = (
    "[/]",
    "[b]",
    "[/b]",
    "[bold red]Nguyễn[/]",
    "[@click=app.quit]Bấm vào đây[/]",
    "[@click=app.bell]x[/]",
    "[link=https://example.invalid]link[/link]",
    'scan [a="].pdf',
    '[a="]',
    "[",
    "]",
    "[[",
    "\\[/]",
    "[/][/][/]",
    "[on red]",
    "[$accent]x[/]",
    "{x}",
    "{0}",
    "%s",
    "$variable",
    "Lê [Văn] Tám",
    "Phố [/] 12",
    ":smile:",
)
"""Strings that Rich or Textual markup, or str.format, would read as instructions."""


def store_picture(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ordinary table of the SQLite file at ``path``, sorted.

    Read through a separate read-only connection, so taking the picture never changes the file.
    FTS5 shadow tables are left out (their rows follow the dossiers they index).
    """
    uri = f"file:{path}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' ORDER BY name"
            )
        ]
        picture = {
            name: sorted(
                conn.execute(f'SELECT * FROM "{name}"').fetchall(),
                key=repr,
            )
            for name in names
        }
        picture["pragma"] = [
            (conn.execute("PRAGMA user_version").fetchone()[0],),
            (conn.execute("PRAGMA application_id").fetchone()[0],),
        ]
    return picture


def load_corpus(name: str) -> list[dict[str, Any]]:
    """The cases of ``tests/hostile/corpus/<name>.json`` (a JSON list of objects)."""
    cases = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(cases, list)
    return cases


def case_id(case: dict[str, Any]) -> str:
    """A short pytest id for a corpus case: its ``id`` field."""
    return str(case["id"])
