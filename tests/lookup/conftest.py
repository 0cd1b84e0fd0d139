"""Dossiers received at the demo desk and moved through their lifecycle, for lookup tests."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desk_app.desk import Desk
from desk_app.lifecycle import Event
from desk_app.settings import Settings
from desk_app.store import DossierRow
from tests.conftest import FIXED_NOW, signed_in

GOOD = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "good_dossiers.json").read_text("utf-8")
)
CENTRAL = "central"
BIRTH_CERTIFICATE_NUMBER = "125/2026"
CARD_NUMBER = "TE1010123456789"


def good(name: str = "both-owner-mother-requests") -> dict[str, Any]:
    """A copy of one dossier of the good corpus (received on 24 Nov 2026)."""
    return copy.deepcopy(next(e["dossier"] for e in GOOD if e["name"] == name))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    """Stopped at FIXED_NOW until the test moves it."""
    return Clock(FIXED_NOW)


@pytest.fixture
def counter(settings: Settings, clock: Clock) -> Iterator[Desk]:
    """The demo desk on the movable clock."""
    opened = signed_in(Desk.open(settings, clock=clock))
    yield opened
    opened.close()


def receive(desk: Desk, name: str = "both-owner-mother-requests", **changes: Any) -> DossierRow:
    """Receive a good dossier now; ``changes`` set child/requester names ("child.full_name")."""
    data = good(name)
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        target = data["declarations"]
        for part in parents:
            target = target[part]
        target[leaf] = value
    saved, _ = desk.receive_dossier(data)
    return saved


def answered(desk: Desk, code: str, event: Event, reason: str | None = None) -> DossierRow:
    """Central's answer to a submitted dossier (ACCEPT or REJECT), as sync applies it."""
    at = desk.clock() + timedelta(minutes=5)
    store = desk.store
    with store.transaction() as db:
        store.apply_event_within(db, code, Event.SEND, officer=CENTRAL, at=at)
        store.apply_event_within(db, code, event, officer=CENTRAL, at=at, reason=reason)
        row = store.require(code)
        db.execute("DELETE FROM outbox WHERE dossier_id = ?", [row.id])
    return store.require(code)


def make_ready(desk: Desk, code: str) -> DossierRow:
    """Move a received dossier to "ready" as central's answers would, with result numbers."""
    answered(desk, code, Event.ACCEPT)
    when = desk.clock() + timedelta(hours=1)
    store = desk.store
    for procedure, reference in (
        ("birth", BIRTH_CERTIFICATE_NUMBER),
        ("residence", None),
        ("insurance", CARD_NUMBER),
    ):
        store.apply_event(
            code, Event.PROGRESS, officer=CENTRAL, at=when, procedure=procedure, reference=reference
        )
    return store.apply_event(code, Event.READY, officer=CENTRAL, at=when)
