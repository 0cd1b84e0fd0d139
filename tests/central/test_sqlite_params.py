"""Central's SQL keeps its named parameters on SQLite, bound by position underneath.

SQLite looks each ``:name`` up in a list, so a batch's multi-row INSERT with thousands of
names cost more to parse than to run; :mod:`central.db_sqlite` numbers them instead. What a
statement means must not change: a ``:word`` inside a string literal stays text, a name used
twice is bound twice, a missing value is refused naming it, and thousands of values land in
the rows and columns they were written for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.db import values
from central.db_sqlite import SqliteDatabase


@pytest.fixture
def db(tmp_path: Path) -> Iterator[SqliteDatabase]:
    opened = SqliteDatabase(tmp_path / "central.sqlite3")
    yield opened
    opened.close()


def test_literals_stay_text_and_a_name_used_twice_is_bound_twice(db: SqliteDatabase) -> None:
    with db.read() as tx:
        row = tx.one(
            "SELECT ':office', 'it''s :x', :x, :y || :x, 'a:b'", {"x": "X", "y": "Y", "z": 1}
        )
    assert row == (":office", "it's :x", "X", "YX", "a:b")


def test_a_missing_value_is_refused_naming_it(db: SqliteDatabase) -> None:
    with db.read() as tx, pytest.raises(sqlite3.ProgrammingError, match=":missing"):
        tx.one("SELECT :here, :missing", {"here": 1})


def test_a_multi_row_insert_puts_every_value_in_its_place(db: SqliteDatabase) -> None:
    rows = [{"n": i, "text": f"dòng {i}: 'trích'", "none": None} for i in range(3000)]
    listed, params = values(rows, ("n", "text", "none"))
    with db.write() as tx:
        tx.run("CREATE TABLE t (n INTEGER, text TEXT, none TEXT)")
        assert tx.run(f"INSERT INTO t (n, text, none) VALUES {listed}", params) == 3000
    with db.read() as tx:
        stored = tx.all("SELECT n, text, none FROM t ORDER BY rowid")
    assert stored == [(r["n"], r["text"], r["none"]) for r in rows]
