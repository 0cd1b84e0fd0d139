"""Knowing a desk database when we see one: its mark in the file header and its shape.

A path in desk.toml, a file handed to ``desk restore`` or a file that ``desk backup`` would
replace can be anything: a config, an empty file, another program's SQLite database. SQLite
opens most of them without complaint, and the migrations would then happily create the
desk's tables inside a stranger's file (or a restore would put an empty database in place of
every dossier and account). So:

* every desk database carries ``PRAGMA application_id`` = :data:`APPLICATION_ID` (SQLite's
  header field for "which program's file is this"), set when the desk creates or first opens
  it; a file whose header names another program is refused;
* an unmarked file is a desk database only if it has a desk schema version (``user_version``
  between 1 and the versions this desk knows) and every table and column that version has;
  that is how a database or backup written before the mark is still recognised;
* a marked file must also have every table and column of its version: a dropped ``audit``
  table or a missing column is named, instead of failing later with a bare SQLite error.

The reference shape of each version is not written down twice: it is what running the
migrations up to that version on an empty in-memory database produces.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from functools import cache
from pathlib import Path

from desk_app.errors import StoreError
from desk_app.store.schema import MIGRATIONS, migrate

APPLICATION_ID = 0x4445534B
"""``DESK`` in ASCII: what the header of every desk database says about its program."""

TEXT = {
    "not_sqlite": (
        "Tệp {path} không phải cơ sở dữ liệu SQLite của desk (có thể là tệp khác, hoặc đã hỏng)."
    ),
    "foreign": "Tệp {path} là cơ sở dữ liệu của một chương trình khác, không phải của desk.",
    "foreign_shape": (
        "Tệp {path} không phải cơ sở dữ liệu của desk: {detail}, và tệp không mang dấu của desk."
    ),
    "damaged": (
        "Cơ sở dữ liệu {path} không đủ cấu trúc của desk (đã bị sửa ngoài desk hoặc hỏng): "
        "{detail}."
    ),
    "no_table": "thiếu bảng {table}",
    "no_column": "bảng {table} thiếu cột {column}",
    "audit_hint": " (đây là nhật ký kiểm toán: có người đã xóa nó khỏi tệp)",
}


class DamagedDatabase(StoreError):
    """A desk database (it carries the mark) that lacks a table or column of its version."""


class Kind(Enum):
    """What :func:`identify` found in a file."""

    NEW = "new"
    """No table at all: a file the desk may create its database in."""
    DESK = "desk"
    """A desk database (marked, or unmarked from before the mark with a desk version)."""


def _header(conn: sqlite3.Connection, path: Path) -> tuple[int, int, int]:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        (objects,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # a busy database, not a strange one: the caller waits or says so
        raise StoreError(TEXT["not_sqlite"].format(path=path)) from None
    except sqlite3.DatabaseError:
        raise StoreError(TEXT["not_sqlite"].format(path=path)) from None
    return app_id, version, objects


def identify(conn: sqlite3.Connection, path: Path) -> Kind:
    """Whether ``conn`` is a new (empty) file or a desk database; StoreError otherwise.

    Reads only: nothing is written to a file that turns out not to be the desk's.
    """
    app_id, version, objects = _header(conn, path)
    if app_id == APPLICATION_ID:
        return Kind.DESK
    if app_id != 0:
        raise StoreError(TEXT["foreign"].format(path=path))
    if version == 0 and objects == 0:
        return Kind.NEW
    if not 1 <= version <= len(MIGRATIONS):
        raise StoreError(TEXT["foreign"].format(path=path))
    return Kind.DESK


@cache
def reference_shape(version: int) -> dict[str, frozenset[str]]:
    """Table → columns of a desk database at schema ``version``, from the migrations."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, MIGRATIONS[:version])
        return _shape(conn)
    finally:
        conn.close()


def _shape(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: frozenset(
            c for (c,) in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
        )
        for table in tables
    }


def shape_problem(conn: sqlite3.Connection) -> str | None:
    """The first table or column of the file's schema version that is missing, in words."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 1 <= version <= len(MIGRATIONS):
        return None  # new (nothing to check) or newer (migrate says so)
    have = _shape(conn)
    for table, columns in sorted(reference_shape(version).items()):
        if table not in have:
            hint = TEXT["audit_hint"] if table == "audit" else ""
            return TEXT["no_table"].format(table=table) + hint
        for column in sorted(columns - have[table]):
            return TEXT["no_column"].format(table=table, column=column)
    return None


def check(conn: sqlite3.Connection, path: Path) -> Kind:
    """:func:`identify` and then the shape of its version; StoreError naming what is wrong."""
    kind = identify(conn, path)
    if kind is Kind.NEW:
        return kind
    marked = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    try:
        problem = shape_problem(conn)
    except sqlite3.DatabaseError:
        raise StoreError(TEXT["not_sqlite"].format(path=path)) from None
    if problem is not None and marked:
        raise DamagedDatabase(TEXT["damaged"].format(path=path, detail=problem))
    if problem is not None:
        raise StoreError(TEXT["foreign_shape"].format(path=path, detail=problem))
    return kind


def is_marked(conn: sqlite3.Connection) -> bool:
    """Whether the header names the desk as this file's program."""
    return bool(conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID)


def mark(conn: sqlite3.Connection) -> None:
    """Write the desk's mark into the header (once; a no-op on a marked file)."""
    if not is_marked(conn):
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
