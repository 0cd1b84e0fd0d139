"""A demo desk whose every free text holds markup-hostile strings, for tests/hostile/test_markup.

The strings of ``corpus/markup.json`` are packed into a few *groups*, each joined into one
value of at most 200 characters (``"[/] · [b] · [/b] · …"``): a free-text field holds a whole
group, so three dossiers put every string into every free-text field, and a screen is opened
three times rather than forty. A leak would still show: markup read from a group either
crashes (``[/]``) or changes one of its strings, and each string is looked for on its own.
Fields shorter than a group (relation to the household head, 60; certificate number, 30) hold
as many of the group's strings as fit.

For each group the desk holds:

- an officer account whose full name carries it (as an account made before names were
  checked would), who received the dossiers below, so receipts and the audit trail carry it;
- a dossier received through the real reception path with the group in every free-text field
  the declarations accept (addresses, old address, home town, birth facility, issuing
  authority, relation to the household head, insurance facility, certificate number), whose
  names (child, requester, parents, household head) were then rewritten in the database to
  carry it too (names are checked at the counter, but a store may hold older or imported
  data), and which central then asked for a supplement with the group as its reason
  (``status_reason``);
- a second such dossier, moved on to "ready" for the hand-over dialog;
- a third, its names left as received (a receipt is printed only from a dossier that still
  passes the declarations' rules), for `desk receipt`;
- a draft at the review step with the group in every text field, names included (a draft
  keeps what was typed, unchecked).

And for each string that can be a file name, a file named after it in the scanner's folder.
"""

from __future__ import annotations

import copy
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR, make_demo
from desk_app.desk import Desk
from desk_app.lifecycle import Event
from desk_app.officers import add, get
from desk_app.settings import Settings
from forms.text import fold
from tests.conftest import FIXED_NOW
from tests.hostile.support import load_corpus
from tests.lookup.conftest import good, make_ready

CENTRAL = "central"
SEPARATOR = " · "
GROUP_LENGTH = 200
"""The longest free-text fields take 200 characters."""

FREE_TEXT: dict[tuple[str, ...], int] = {
    ("requester", "id_document", "issued_by"): 200,
    ("requester", "residence", "address", "detail"): 200,
    ("requester", "residence", "address", "legacy_text"): 300,
    ("child", "place_of_birth", "facility_name"): 200,
    ("child", "place_of_birth", "address", "detail"): 200,
    ("child", "home_town"): 200,
    ("child", "birth_certificate_number"): 30,
    ("mother", "residence", "address", "detail"): 200,
    ("father", "residence", "address", "detail"): 200,
    ("residence", "relation_to_head"): 60,
    ("residence", "address", "detail"): 200,
    ("insurance", "facility_name"): 200,
}
"""Every free-text field of the declarations (path under ``declarations``) and its length."""

NAMES: tuple[tuple[str, ...], ...] = (
    ("requester", "full_name"),
    ("child", "full_name"),
    ("mother", "full_name"),
    ("father", "full_name"),
    ("residence", "household_head_name"),
)


def texts() -> list[str]:
    """The markup-hostile strings of the corpus, in order."""
    return [case["text"] for case in load_corpus("markup")]


def groups(strings: list[str], limit: int = GROUP_LENGTH) -> list[list[str]]:
    """``strings`` packed in order into groups whose joined value fits ``limit``."""
    packed: list[list[str]] = [[]]
    for text in strings:
        if packed[-1] and len(SEPARATOR.join([*packed[-1], text])) > limit:
            packed.append([])
        packed[-1].append(text)
    return packed


def fitting(group: list[str], limit: int) -> str:
    """As many of ``group``'s strings as fit in ``limit`` characters, joined."""
    kept: list[str] = []
    for text in group:
        if len(SEPARATOR.join([*kept, text])) <= limit:
            kept.append(text)
    return SEPARATOR.join(kept)


def officer_name(value: str) -> str:
    """The full name of the account that carries ``value``."""
    return f"Cán bộ {value}"


def subject_name(value: str) -> str:
    """The child's name in the dossiers that carry ``value``."""
    return f"Bé {value}"


def requester_name(value: str) -> str:
    """Every other person's name in the dossiers that carry ``value``."""
    return f"Mẹ {value}"


def _put(declarations: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    target = declarations
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _names(declarations: dict[str, Any], value: str) -> None:
    for path in NAMES:
        _put(
            declarations, path, subject_name(value) if path[0] == "child" else requester_name(value)
        )


def with_free_text(group: list[str]) -> dict[str, Any]:
    """A good dossier with ``group`` in every free-text field (as much as each one takes)."""
    data = good()
    for path, limit in FREE_TEXT.items():
        _put(data["declarations"], path, fitting(group, limit))
    return data


def draft_data(group: list[str]) -> dict[str, Any]:
    """A draft at the review page with ``group`` in every text field, names included."""
    data = good()
    value = SEPARATOR.join(group)
    for path in FREE_TEXT:
        _put(data["declarations"], path, value)
    _names(data["declarations"], value)
    return data


@dataclass
class World:
    """The desk and where each group of strings went (lists are indexed by group)."""

    config: Path
    settings: Settings
    texts: list[str]
    groups: list[list[str]]
    usernames: list[str] = field(default_factory=list)
    """The officer whose full name carries each group."""
    asked: list[str] = field(default_factory=list)
    """Codes of the dossiers asked for a supplement (free text, names, reason, officer)."""
    ready: list[str] = field(default_factory=list)
    """Codes of the ready dossiers (free text, names), for the hand-over dialog."""
    printable: list[str] = field(default_factory=list)
    """Codes of the dossiers with free text and the officer's name only, for receipts."""
    drafts: list[int] = field(default_factory=list)
    """Ids of the drafts holding each group."""
    files: dict[str, str] = field(default_factory=dict)
    """text → name of the scanner file named after it."""

    def joined(self, index: int) -> str:
        """Group ``index`` as one value."""
        return SEPARATOR.join(self.groups[index])

    def open(self) -> Desk:
        """The desk, open, on the tests' fixed clock, nobody signed in."""
        return Desk.open(self.settings, clock=lambda: FIXED_NOW)


def _rename(desk: Desk, code: str, value: str) -> None:
    """Give the dossier ``code`` names carrying ``value``, in its row and its declarations."""
    (dossier_id, stored) = desk.store.conn.execute(
        "SELECT d.id, c.declarations FROM dossiers d "
        "JOIN dossier_content c ON c.dossier_id = d.id WHERE d.code = ?",
        [code],
    ).fetchone()
    envelope = json.loads(stored)
    _names(envelope.get("declarations", envelope), value)
    with desk.store.transaction() as db:
        db.execute(
            "UPDATE dossier_content SET declarations = ? WHERE dossier_id = ?",
            [json.dumps(envelope, ensure_ascii=False), dossier_id],
        )
        db.execute(
            "UPDATE dossiers SET subject_name = ?, requester_name = ? WHERE id = ?",
            [subject_name(value), requester_name(value), dossier_id],
        )


def _ask_supplement(desk: Desk, code: str, reason: str) -> None:
    store = desk.store
    store.apply_event(code, Event.SEND, officer=CENTRAL, at=FIXED_NOW)
    store.apply_event(code, Event.ACCEPT, officer=CENTRAL, at=FIXED_NOW)
    store.apply_event(code, Event.REQUEST_SUPPLEMENT, officer=CENTRAL, at=FIXED_NOW, reason=reason)


def _pdf() -> bytes:
    """A small real PDF: what a scanner leaves in its folder."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    page = Canvas(out)
    page.drawString(72, 720, "Ban quet")
    page.save()
    return out.getvalue()


def build(root: Path) -> World:
    """The demo desk under ``root`` holding every string everywhere (see the module docstring)."""
    config = make_demo(root / "demo")
    settings = load_config(config, env={}).settings
    strings = texts()
    world = World(config, settings, strings, groups(strings))
    desk = world.open()
    try:
        store = desk.store
        chief = get(store, DEMO_SUPERVISOR[0])
        ((password_hash,),) = store.rows(
            "SELECT password_hash FROM officers WHERE username = ?", (DEMO_OFFICER[0],)
        )
        for i, group in enumerate(world.groups):
            value = world.joined(i)
            username = f"canbo{i:02d}"
            add(
                store,
                username,
                f"Cán Bộ Số {chr(ord('A') + i)}",
                "officer",
                "",
                by=chief,
                at=FIXED_NOW,
                password_hash=password_hash,
            )
            with store.transaction() as db:  # an account named before names were checked
                db.execute(
                    "UPDATE officers SET full_name = ?, name_key = ? WHERE username = ?",
                    [officer_name(value), fold(officer_name(value)), username],
                )
            world.usernames.append(username)
            desk.signed_in = get(store, username)

            asked, _ = desk.receive_dossier(with_free_text(group))
            _rename(desk, asked.code, value)
            _ask_supplement(desk, asked.code, value)
            world.asked.append(asked.code)

            ready, _ = desk.receive_dossier(with_free_text(group))
            _rename(desk, ready.code, value)
            make_ready(desk, ready.code)
            world.ready.append(ready.code)

            printable, _ = desk.receive_dossier(with_free_text(group))
            world.printable.append(printable.code)

            world.drafts.append(
                store.drafts.save(
                    None,
                    data=copy.deepcopy(draft_data(group)),
                    step="review",
                    officer=desk.officer,
                    at=FIXED_NOW,
                )
            )
    finally:
        desk.close()
    inbox = settings.paths.scanner_inbox
    inbox.mkdir(parents=True, exist_ok=True)
    pdf = _pdf()
    for text in world.texts:
        if "/" not in text:  # a path separator cannot be part of a file name
            name = f"scan {text}.pdf"
            (inbox / name).write_bytes(pdf)
            world.files[text] = name
    return world
