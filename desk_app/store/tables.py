"""sqlite-utils, loaded without the numpy and pandas it would pull in.

The store reads and writes through sqlite-utils (``db["table"].insert({...}).last_pk``,
``insert_all``, ``execute``). At import, sqlite-utils also imports numpy and pandas when they
are installed — only to map their number types to column types when it creates tables from
data frames, which the desk never does (its tables come from migrations). They are installed
beside the desk (the gazetteer's pinned source package needs numpy), and loading them cost
every desk process about 45 ms of start-up and some 20 MiB of resident memory: a fifth of the
app with a million dossiers open. So sqlite-utils is imported here with those two modules
marked absent for the length of the import; everything else about it is unchanged.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

_OPTIONAL = ("numpy", "pandas")


def _load() -> ModuleType:
    """Import ``sqlite_utils`` as if numpy and pandas were not installed (unless already loaded)."""
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    blocked = [name for name in _OPTIONAL if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # import then raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            del sys.modules[name]
    return sqlite_utils


if TYPE_CHECKING:
    from sqlite_utils import Database
else:
    Database = _load().Database
    """The store's connection as sqlite-utils sees it: ``Database(conn)``."""

__all__ = ["Database"]
