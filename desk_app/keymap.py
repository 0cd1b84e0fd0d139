"""`[keys]` in desk.toml: which key does what, checked before the desk opens.

Every key of the desk has an id (``home.new_dossier``, ``wizard.finish``, ``app.lock``…), and an
office may move a key to suit its keyboards or its habits: ``[keys]`` maps an id to one key or
a few (``"f5"``, ``"ctrl+r, f5"``, ``["ctrl+r", "f5"]``). The officer's keyboard is the only one
at the counter, so a mistake here must never reach it: a key written wrongly, an id that does
not exist, two actions on one key of the same screen, or a key the whole program keeps (F1,
Ctrl+Q, F12, Ctrl+P…) is refused by ``desk config check`` and at start, naming the id and key.

This module is the pure half (no Textual): the key syntax is checked while desk.toml loads,
and the ids and clashes against a :class:`KeyCatalogue`, a plain description of every binding
that :mod:`screens.keymap` builds from the screens' own ``BINDINGS`` (so there is no second
list of keys to keep in step).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_app.errors import ConfigError
from forms.text import nfc

TEXT = {
    "not_table": 'cần một bảng [keys] gồm các dòng mã_phím = "phím"',
    "not_keys": (
        'cần một phím trong ngoặc kép (ví dụ "f5" hoặc "ctrl+r, f5") hoặc một danh sách '
        '["ctrl+r", "f5"]'
    ),
    "empty": "chưa ghi phím nào",
    "bad_key": (
        "không hiểu phím {key!r}; viết như f1…f24, a…z, 0…9, escape, enter, space, backspace, "
        "delete, insert, home, end, pageup, pagedown, up, down, left, right, plus, minus…, có "
        "thể kèm ctrl+, alt+, shift+"
    ),
    "bad_id": "mã phím {id!r} sai dạng (chỉ gồm chữ thường, chữ số, dấu . và _)",
    "terminal": (
        "phím {key} không dùng được: trên terminal nó chính là {same}, chương trình không phân "
        "biệt được; hãy chọn phím khác"
    ),
    "reserved": (
        "phím {key} là phím chung của terminal ({what}), không gán được; hãy chọn phím khác"
    ),
    "unknown": "khóa keys.{id}: không có phím nào mang mã này{near}; các mã dùng được: {known}",
    "near": " (có phải {near}?)",
    "typing": (
        "khóa keys.{id}: phím {key} là phím gõ chữ hoặc di chuyển trong ô nhập; ở màn hình có ô "
        "nhập nó không tới được lệnh. Hãy chọn phím chức năng (F…) hoặc phím kèm ctrl+/alt+"
    ),
    "family": (
        "khóa keys.{id} và keys.{other}: hai lệnh này dùng chung một phím, phải đặt cùng một "
        "phím (đang là {key} và {other_key})"
    ),
    "clash": (
        "khóa keys.{id}: phím {key} đã dùng cho {other} ({what}) ở cùng màn hình; hãy chọn phím "
        "khác hoặc đổi cả phím của {other}"
    ),
    "clash_app": (
        "khóa keys.{id}: phím {key} là phím chung của toàn chương trình, đang dùng cho {other} "
        "({what}) ở mọi màn hình; hãy chọn phím khác"
    ),
    "header": "{path}: phím trong [keys] không hợp lệ ({n} lỗi):",
}
"""What a clerk editing desk.toml reads about ``[keys]``."""

MODIFIERS = ("ctrl", "alt", "shift")
"""Modifiers a terminal reports reliably (``super`` and ``meta`` rarely reach the program)."""

NAMED = frozenset(
    {
        "escape",
        "enter",
        "space",
        "tab",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
    }
)
SYNONYMS = {
    "esc": "escape",
    "return": "enter",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "control": "ctrl",
}
PUNCTUATION = {
    "+": "plus",
    "-": "minus",
    "=": "equals_sign",
    "/": "slash",
    ".": "full_stop",
    "?": "question_mark",
    ";": "semicolon",
    ":": "colon",
    "!": "exclamation_mark",
    "*": "asterisk",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "'": "apostrophe",
    "`": "grave_accent",
    "\\": "backslash",
}
"""A punctuation key written as itself, and the name Textual gives it (``,`` separates keys:
write ``comma``)."""
PUNCTUATION_NAMES = frozenset({*PUNCTUATION.values(), "comma"})

SAME_ON_A_TERMINAL = {"ctrl+i": "Tab", "ctrl+m": "Enter", "ctrl+h": "Backspace", "ctrl+j": "Enter"}
"""Keys a terminal sends exactly as another key: bound, they would fire on the other one."""

RESERVED = {
    "tab": "chuyển ô",
    "shift+tab": "chuyển ô",
    "ctrl+c": "chép chữ đang chọn",
}
"""Keys every screen keeps for Textual's own work."""

TYPING_NAMED = frozenset(
    {"enter", "tab", "backspace", "delete", "left", "right", "home", "end", "up", "down", "space"}
)

ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


def normalise_key(text: str) -> str | None:
    """One key as Textual names it (``"Ctrl+N"`` → ``"ctrl+n"``, ``"Esc"`` → ``"escape"``,
    ``"+"`` → ``"plus"``), or None when it is no key a counter keyboard sends."""
    text = nfc(text).strip()
    if text in PUNCTUATION:
        return PUNCTUATION[text]
    parts = [p.strip().lower() for p in text.split("+")]
    if not all(parts):
        return None
    parts = [SYNONYMS.get(p, p) for p in parts]
    *mods, last = parts
    last = PUNCTUATION.get(last, last)
    if len(set(mods)) != len(mods) or any(m not in MODIFIERS for m in mods):
        return None
    ok = (
        last in NAMED
        or last in PUNCTUATION_NAMES
        or (len(last) == 1 and last.isascii() and last.isalnum())
        or (last[:1] == "f" and last[1:].isdigit() and 1 <= int(last[1:]) <= 24)
    )
    if not ok:
        return None
    ordered = [m for m in MODIFIERS if m in mods]
    return "+".join([*ordered, last])


def is_typing(key: str) -> bool:
    """A key an officer types or moves with inside a field (a letter, Enter, ←…)."""
    *mods, last = key.split("+")
    if any(m in ("ctrl", "alt") for m in mods):
        return False
    if last in TYPING_NAMED or last in PUNCTUATION_NAMES:
        return True
    return len(last) == 1


def _flatten(raw: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``app.lock = "…"`` in TOML is a nested table (``{"app": {"lock": "…"}}``); the same
    key quoted (``"app.lock" = "…"``) is not. Both mean the id ``app.lock``."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        key = f"{prefix}.{name}" if prefix else str(name)
        if isinstance(value, dict):
            out.update(_flatten(value, key))
        else:
            out[key] = value
    return out


def flatten_keys(raw: object) -> dict[str, Any]:
    """``[keys]`` as TOML reads it → id → keys as written (a validator of the whole table)."""
    if not isinstance(raw, dict):
        raise ValueError(TEXT["not_table"])
    return _flatten(raw)


def check_id(binding_id: str) -> str:
    """An id of the right shape; whether a key has it is :func:`keymap_problems`'s question."""
    if not ID_RE.fullmatch(binding_id):
        raise ValueError(TEXT["bad_id"].format(id=binding_id))
    return binding_id


def parse_keys(value: object) -> str:
    """One id's keys as written → Textual's key string (``"ctrl+r,f5"``), or ``ValueError``
    in Vietnamese. Only the form is checked here (desk.toml loads without the screens); which
    ids exist and which keys clash is :func:`keymap_problems`'s, with the screens' catalogue."""
    items: list[Any]
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise ValueError(TEXT["not_keys"])
    if not all(isinstance(item, str) for item in items):
        raise ValueError(TEXT["not_keys"])
    keys: list[str] = []
    for item in items:
        if not item.strip():
            continue
        key = normalise_key(item)
        if key is None:
            raise ValueError(TEXT["bad_key"].format(key=item.strip()))
        if key in SAME_ON_A_TERMINAL:
            raise ValueError(TEXT["terminal"].format(key=key, same=SAME_ON_A_TERMINAL[key]))
        if key in RESERVED:
            raise ValueError(TEXT["reserved"].format(key=key, what=RESERVED[key]))
        if key not in keys:
            keys.append(key)
    if not keys:
        raise ValueError(TEXT["empty"])
    return ",".join(keys)


@dataclass(frozen=True)
class KeyUse:
    """One binding of one screen (or widget, or the App): its id, default keys, what it does."""

    id: str
    keys: tuple[str, ...]
    scope: str
    """The class that holds it (``screens.home.HomeScreen``)."""
    description: str
    action: str = ""


@dataclass(frozen=True)
class KeyCatalogue:
    """Every key id of the desk and which of them are live together, as plain data."""

    uses: tuple[KeyUse, ...]
    app_scope: str
    chains: tuple[tuple[str, ...], ...]
    """Scopes whose keys work at the same moment (a wizard page's pane and the wizard),
    the App's keys not included (they are added to every chain)."""
    modal: frozenset[str] = frozenset()
    """Scopes that are dialogs: only the App's priority keys reach past them."""
    priority_ids: frozenset[str] = frozenset()
    """The App's keys that work over every screen and dialog (F1, Ctrl+Q, F12, Ctrl+P)."""
    families: tuple[frozenset[str], ...] = field(default=())
    """Ids that share one key by design and must move together (F2 scans on the requester's
    page and from anywhere else; T hands results or papers back; F12 is the App's and home's)."""

    def ids(self) -> list[str]:
        """Every id, sorted."""
        return sorted({use.id for use in self.uses})

    def family_of(self, binding_id: str) -> frozenset[str]:
        """The ids that move with ``binding_id`` (itself included)."""
        for family in self.families:
            if binding_id in family:
                return family
        return frozenset({binding_id})


def expand(keymap: Mapping[str, str], catalogue: KeyCatalogue) -> dict[str, str]:
    """The keymap Textual gets: an id's whole family follows it (Textual drops every binding
    of a key once one of them moves, so a twin left behind would lose its key)."""
    out: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        for member in catalogue.family_of(binding_id):
            out[member] = keys
    return out


def keymap_problems(keymap: Mapping[str, str], catalogue: KeyCatalogue) -> list[tuple[str, str]]:
    """(id, Vietnamese reason) for every id that does not exist and every clash a keymap makes.

    Only clashes the keymap causes are reported: two keys of a screen that share a key by
    design (a family) are not a clash, nor are keys nobody moved.
    """
    known = set(catalogue.ids())
    problems: list[tuple[str, str]] = []
    for binding_id in keymap:
        if binding_id not in known:
            near = difflib.get_close_matches(binding_id, catalogue.ids(), n=1)
            listed = ", ".join(catalogue.ids())
            hint = TEXT["near"].format(near=near[0]) if near else ""
            reason = TEXT["unknown"].format(id=binding_id, near=hint, known=listed)
            problems.append((binding_id, reason))
    mine = {k: v for k, v in keymap.items() if k in known}
    for binding_id, keys in mine.items():
        for twin in sorted(catalogue.family_of(binding_id) - {binding_id}):
            if twin in mine and mine[twin] != keys and binding_id < twin:
                problems.append(
                    (
                        binding_id,
                        TEXT["family"].format(
                            id=binding_id, other=twin, key=keys, other_key=mine[twin]
                        ),
                    )
                )
    expanded = expand(mine, catalogue)

    def keys_of(use: KeyUse) -> tuple[str, ...]:
        found = expanded.get(use.id)
        return tuple(found.split(",")) if found is not None else use.keys

    defaults: dict[str, tuple[str, ...]] = {}
    for use in catalogue.uses:
        defaults.setdefault(use.id, use.keys)
    for binding_id, keys in sorted(expanded.items()):
        typed = [k for k in keys.split(",") if is_typing(k)]
        if typed and not any(is_typing(k) for k in defaults[binding_id]):
            name = _written(binding_id, mine, catalogue)
            if binding_id == name:  # once per family
                problems.append((name, TEXT["typing"].format(id=name, key=typed[0])))
    order: dict[str, int] = {}
    for use in catalogue.uses:
        order.setdefault(use.id, len(order))
    app_uses = [u for u in catalogue.uses if u.scope == catalogue.app_scope]
    reported: set[tuple[str, str, str]] = set()
    for chain in catalogue.chains:
        in_chain = [u for u in catalogue.uses if u.scope in chain]
        modal = any(scope in catalogue.modal for scope in chain)
        reach = [u for u in app_uses if not modal or u.id in catalogue.priority_ids]
        for use in [*in_chain, *reach]:
            for other in [*in_chain, *reach]:
                if use.id == other.id or other.id in catalogue.family_of(use.id):
                    continue
                if use.id not in expanded:  # only a moved key makes a clash
                    continue
                for key in set(keys_of(use)) & set(keys_of(other)):
                    slot = (*sorted((use.id, other.id)), key)
                    if (slot[0], slot[1], key) in reported:
                        continue
                    reported.add((slot[0], slot[1], key))
                    name = _written(use.id, mine, catalogue)
                    template = "clash_app" if other.scope == catalogue.app_scope else "clash"
                    # A family is named once, by its first member (F2: wizard.scan).
                    other_id = min(catalogue.family_of(other.id), key=order.__getitem__)
                    problems.append(
                        (
                            name,
                            TEXT[template].format(
                                id=name, key=key, other=other_id, what=other.description
                            ),
                        )
                    )
    return list(dict.fromkeys(problems))


def _written(binding_id: str, keymap: Mapping[str, str], catalogue: KeyCatalogue) -> str:
    """The id the officer wrote for ``binding_id``: itself, or the member of its family."""
    if binding_id in keymap:
        return binding_id
    family = catalogue.family_of(binding_id)
    return next((k for k in sorted(keymap) if k in family), binding_id)


def check_keys(path: Path, text: str, keymap: Mapping[str, str], catalogue: KeyCatalogue) -> None:
    """Raise :class:`ConfigError` listing every problem of ``keymap`` (its lines in ``text``)."""
    problems = keymap_problems(keymap, catalogue)
    if not problems:
        return
    lines = [TEXT["header"].format(path=path, n=len(problems))]
    for binding_id, reason in problems:
        line = line_of(text, binding_id)
        lines.append(f"  • {f'dòng {line}, ' if line else ''}{reason}")
    raise ConfigError("\n".join(lines))


def line_of(text: str, binding_id: str) -> int | None:
    """The line of desk.toml where ``binding_id`` is given a key, written dotted or quoted."""
    inside = False
    pattern = re.compile(r"^\s*([\"']?)" + re.escape(binding_id) + r"\1\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.replace(" ", "") == "[keys]"
            continue
        if inside and pattern.match(line):
            return number
    return None
