"""The registry of procedure groups: kind → :class:`GroupDefinition`.

The groups shipped with the desk register themselves when this registry is first read; a
group that lives elsewhere (a test's toy group, a province's own) registers with
:func:`register`, or is named in the ``DESK_GROUPS`` environment variable (module names,
comma-separated) so that every process, a separate central server included, imports it too.
Whoever must follow the registered set (the dossier model's union of declarations) subscribes
with :func:`on_change`.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable

from desk_app.groups.definition import (
    AssistContext,
    CopyAssist,
    GroupDefinition,
    ProcedureInfo,
    ReviewPart,
)

__all__ = [
    "AssistContext",
    "CopyAssist",
    "GroupDefinition",
    "ProcedureInfo",
    "ReviewPart",
    "find",
    "get",
    "on_change",
    "register",
    "registered",
    "subject_heading",
    "subject_short",
    "unregister",
]

BUILTIN = ("desk_app.groups.birth_interlink", "desk_app.groups.death_interlink")
"""The modules of the groups shipped with the desk; each calls :func:`register` on import."""

LEGACY_KIND = "birth_interlink"
"""The group of dossiers stored before declarations named their group (the desk's first)."""

ENV = "DESK_GROUPS"

_GROUPS: dict[str, GroupDefinition] = {}
_LISTENERS: list[Callable[[], None]] = []
_loaded = False
_loading = False
_LOCK = threading.RLock()


def _load() -> None:
    """Import the groups' modules once; every reader waits until they are all registered.

    Central reads the registry from many request threads at once, first thing after start:
    a reader must never see the registry half-filled (it then refused a whole batch as "group
    not supported"). The lock is re-entrant because the modules being imported call
    :func:`register`, which comes back here on the loading thread.
    """
    global _loaded, _loading
    if _loaded:
        return
    with _LOCK:
        if _loaded or _loading:
            return
        _loading = True
        try:
            extra = [m.strip() for m in os.environ.get(ENV, "").split(",") if m.strip()]
            for module in (*BUILTIN, *extra):
                importlib.import_module(module)
            _loaded = True
        finally:
            _loading = False


def register(group: GroupDefinition) -> GroupDefinition:
    """Add (or replace) a group; returns it, so a module may write ``GROUP = register(...)``.

    The shipped groups come first, whoever registers first."""
    _load()
    _GROUPS[group.kind] = group
    for listener in list(_LISTENERS):
        listener()
    return group


def unregister(kind: str) -> None:
    """Remove a group (a test's toy group, when the test ends)."""
    if _GROUPS.pop(kind, None) is not None:
        for listener in list(_LISTENERS):
            listener()


_SHIPPED = tuple(module.rsplit(".", 1)[1] for module in BUILTIN)
"""The shipped groups' kinds (each module is named after its group), in the desk's order."""


def registered() -> tuple[GroupDefinition, ...]:
    """Every registered group: the shipped ones first, in :data:`BUILTIN`'s order (the chooser's
    keys), then the others in the order they registered.

    The order does not depend on which module was imported first: a process whose first import
    is one group's module (to read its pages) registers that group last, as the registry loads
    the others while it is still being imported.
    """
    _load()
    rank = {kind: n for n, kind in enumerate(_SHIPPED)}
    return tuple(sorted(_GROUPS.values(), key=lambda g: rank.get(g.kind, len(rank))))


def find(kind: str) -> GroupDefinition | None:
    """The group ``kind``, or None when no group of that kind is registered."""
    _load()
    return _GROUPS.get(kind)


def get(kind: str) -> GroupDefinition:
    """The group ``kind`` (KeyError when none is registered)."""
    found = find(kind)
    if found is None:
        raise KeyError(f"no procedure group {kind!r}")
    return found


def subject_heading() -> str:
    """The heading of a column of subjects over every group ("Trẻ", "Trẻ / Người chết")."""
    return " / ".join(dict.fromkeys(g.subject_short for g in registered()))


def subject_short(kind: str) -> str:
    """How a dossier of ``kind`` names its subject in a few letters (any group's when unknown)."""
    found = find(kind)
    return found.subject_short if found is not None else subject_heading()


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` after every registration or removal."""
    _LISTENERS.append(listener)
