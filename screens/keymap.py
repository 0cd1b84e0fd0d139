"""The keys of desk.toml's ``[keys]``, read from the screens' own bindings and put in force.

:func:`catalogue` describes every binding that has an id, as plain data for
:mod:`desk_app.keymap` (which checks ids and clashes without Textual); it is built from the
classes' ``BINDINGS`` at the moment it is asked for, so a key added to a screen is known here
with nothing else to edit. :func:`apply_keymap` hands the checked keymap to Textual
(``App.set_keymap``), whose footer then shows the keys in force; :func:`keys_in_force` is for
the places that name a key themselves (F1's list, home's tiles and hint line).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

import screens
from desk_app.keymap import KeyCatalogue, KeyUse, expand

HOSTS: dict[str, tuple[str, ...]] = {
    "screens.wizard.screen.WizardScreen": (
        "screens.wizard.attachments.AttachmentsPane",
        "screens.wizard.finish.FinishPane",
        "screens.wizard.review.ReviewPane",
    ),
}
"""Widgets whose keys work together with a screen's (they live inside it), by class path; a
subclass (each group's review pane) is hosted where its base is."""


def _load_screens() -> None:
    """Import every module of :mod:`screens`, and every group's review pane, so that every
    binding class exists. A module needing an optional package that is not installed holds no
    key the desk can show, so it is passed over."""
    for module in pkgutil.walk_packages(screens.__path__, "screens."):
        try:
            importlib.import_module(module.name)
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] in ("screens", "desk_app", "forms"):
                raise
    from desk_app import groups
    from screens.wizard.review import review_pane

    for group in groups.registered():
        review_pane(group)


def _classes() -> Iterator[type[DOMNode]]:
    seen: set[type[DOMNode]] = set()
    stack: list[type[DOMNode]] = [DOMNode]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
                if any(_ours(base) for base in sub.__mro__):
                    yield sub


def _ours(cls: type) -> bool:
    return cls.__module__.startswith("screens.")


def _path(cls: type) -> str:
    """A class's dotted path; a class made with ``type()`` (each group's review pane) by the
    path of the class of ours it extends."""
    named = next(base for base in cls.__mro__ if _ours(base))
    return f"{named.__module__}.{named.__qualname__}"


def _host_of(cls: type) -> str | None:
    for host, hosted in HOSTS.items():
        if any(_path(base) in hosted for base in cls.__mro__):
            return host
    return None


def _uses(cls: type[DOMNode], scope: str) -> list[KeyUse]:
    merged = cls._merged_bindings
    if merged is None:
        return []
    keys: dict[str, list[str]] = {}
    first: dict[str, Binding] = {}
    for key, bindings in merged.key_to_bindings.items():
        for binding in bindings:
            if binding.id:
                keys.setdefault(binding.id, []).append(key)
                first.setdefault(binding.id, binding)
    return [
        KeyUse(binding_id, tuple(keys[binding_id]), scope, b.description, b.action)
        for binding_id, b in first.items()
    ]


@cache
def catalogue() -> KeyCatalogue:
    """Every key id of the desk: where it works, its default keys, which move together."""
    _load_screens()
    uses: list[KeyUse] = []
    chains: list[tuple[str, ...]] = []
    modal: set[str] = set()
    priority: set[str] = set()
    scopes: dict[str, int] = {}
    app_scope = ""
    for cls in _classes():
        path = _path(cls)
        scopes[path] = scopes.get(path, 0) + 1
        scope = path if scopes[path] == 1 else f"{path}[{scopes[path]}]"
        found = _uses(cls, scope)
        if not found:
            continue
        uses.extend(found)
        if issubclass(cls, App):
            app_scope = scope
            merged = cls._merged_bindings
            priority.update(
                b.id
                for bs in (merged.key_to_bindings.values() if merged else ())
                for b in bs
                if b.id and b.priority
            )
        elif issubclass(cls, ModalScreen):
            modal.add(scope)
            chains.append((scope,))
        elif issubclass(cls, Screen):
            chains.append((scope,))
        else:
            host = _host_of(cls)
            chains.append((scope, host) if host else (scope,))
    return KeyCatalogue(
        uses=tuple(uses),
        app_scope=app_scope,
        chains=tuple(chains),
        modal=frozenset(modal),
        priority_ids=frozenset(priority),
        families=_families(uses, app_scope),
    )


def _families(uses: list[KeyUse], app_scope: str) -> tuple[frozenset[str], ...]:
    """Ids that share a default key in one scope, or that stand for an App key on a screen
    (home's F12 is ``app.lock``), each group joined."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    by_slot: dict[tuple[str, str], str] = {}
    app_actions = {(u.action, k): u.id for u in uses if u.scope == app_scope for k in u.keys}
    for use in uses:
        for key in use.keys:
            other = by_slot.setdefault((use.scope, key), use.id)
            if other != use.id:
                join(use.id, other)
            if use.action.startswith("app.") and (use.action[4:], key) in app_actions:
                join(use.id, app_actions[(use.action[4:], key)])
    groups: dict[str, set[str]] = {}
    for binding_id in parent:
        groups.setdefault(root(binding_id), set()).add(binding_id)
    return tuple(frozenset(g) for g in groups.values() if len(g) > 1)


def unhosted() -> list[str]:
    """Widgets (not screens) with keys of ours that :data:`HOSTS` does not place in a screen:
    their keys would be checked against nothing (tests keep this empty)."""
    catalogue()
    return sorted(
        _path(cls)
        for cls in _classes()
        if not issubclass(cls, (App, Screen))
        and any(u for u in _uses(cls, ""))
        and _host_of(cls) is None
    )


def apply_keymap(app: App[Any], keymap: Mapping[str, str]) -> dict[str, str]:
    """Put desk.toml's ``[keys]`` (already checked) in force; return the keymap in force."""
    expanded = expand(keymap, catalogue()) if keymap else {}
    app.set_keymap(expanded)
    return expanded


def keys_in_force(app: App[Any], binding: Binding) -> tuple[str, ...]:
    """The keys that do ``binding`` now: the keymap's, or the binding's own."""
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    found = keymap.get(binding.id or "")
    raw = found if found else binding.key
    return tuple(k.strip() for k in raw.split(",") if k.strip())


def key_in_force(app: App[Any], binding_id: str, default: str) -> str:
    """The (first) key of ``binding_id`` now, ``default`` when the keymap leaves it."""
    keymap: Mapping[str, str] = getattr(app, "keymap", {})
    return (keymap.get(binding_id) or default).split(",")[0]
