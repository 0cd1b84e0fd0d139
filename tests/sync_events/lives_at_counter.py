"""The officers and the lives of tests/sync_events/test_lives.py.

Each dossier's life is drawn once (:func:`draw`); the officers then act on it as an officer
does at the counter: through the lookup's functions, the dossier's code scanned first (a
dossier of the other counter that no feed update has brought yet is fetched from central and
kept), cancellations by the supervisor, corrections through :func:`desk_app.corrections.correct`.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench.sample import name
from desk_app.attachfiles import store_file
from desk_app.corrections import correct
from desk_app.corrections import refusal as correction_refusal
from desk_app.demo import DEMO_SUPERVISOR
from desk_app.errors import DeskError
from desk_app.lookup import hand_over, receive_supplement, record_reprint, return_papers
from desk_app.lookup.actions import HandOver, PapersReturned, SupplementItem, cancel
from desk_app.lookup.central import take_from_central
from desk_app.lookup.detail import item_labels, originals_at_pickup
from desk_app.reception import check, new_dossier
from tests.conftest import FIXED_NOW
from tests.lookup.conftest import good
from tests.scans import pdf as pdf_scan
from tests.sync.conftest import Central
from tests.sync_events.lives import Agencies, Counter, Kills

ENDS = {
    "hand_over": 45,
    "cancel": 15,
    "refuse_early": 10,
    "refuse_late": 15,
    "stale_cancel": 8,
    "contested": 7,
}
"""How each life ends, in shares: ``stale_cancel`` — counter 1 cancels a dossier whose result
became ready before it heard; ``contested`` — both counters hand the result over at once."""
LIVED = {
    "hand_over": "handed_over",
    "stale_cancel": "handed_over",
    "contested": "handed_over",
    "cancel": "cancelled",
    "refuse_early": "papers_returned",
    "refuse_late": "papers_returned",
}
"""The status each life ends in at central."""
RECEIVER = "Nguyễn Thị Lan"
RECEIVER_ID = "001194012345"


@dataclass
class Life:
    """What happens to one dossier, and at which counter."""

    code: str
    supplement: int | None
    """The counter the supplement's papers are brought to (None: none asked for)."""
    scan: bool
    correction: int | None
    end: str
    at: int
    """The counter that cancels, or hands the papers back."""


@dataclass
class Office:
    central: Central
    one: Counter
    two: Counter
    agencies: Agencies
    kills: Kills
    rng: random.Random
    scans: Path

    @property
    def counters(self) -> list[Counter]:
        return [self.one, self.two]

    def at(self, number: int) -> Counter:
        return self.one if number == 1 else self.two

    def rounds(self, kills: int, *, idle: bool = False, until_quiet: bool = True) -> None:
        self.kills.office_rounds(
            self.central, self.counters, kills, idle=idle, until_quiet=until_quiet
        )


def receive(one: Counter, rng: random.Random, count: int) -> list[str]:
    """``count`` dossiers received at counter 1 now, through reception's checks and save."""
    codes = []
    for _ in range(count):
        data = good()
        data["declarations"]["child"]["full_name"] = name(rng)
        dossier, _ = check(data, one.clock(), one.desk.store.missing_files)
        new = new_dossier(dossier, one.clock(), one.desk.settings)
        codes.append(one.desk.receive(new, at=one.clock()).code)
    return codes


def draw(rng: random.Random, code: str) -> Life:
    """A random life. The first actions (papers, correction, cancel) happen at one counter:
    two counters acting at once are the contested lives' business, not these."""
    ends, weights = zip(*ENDS.items(), strict=True)
    first = rng.choice((1, 2))
    end = rng.choices(ends, weights)[0]
    return Life(
        code=code,
        supplement=first if rng.random() < 0.3 else None,
        scan=rng.random() < 0.5,
        correction=first if rng.random() < 0.3 else None,
        end=end,
        at=first if end == "cancel" else rng.choice((1, 2)),
    )


def scanned(c: Counter, code: str) -> None:
    """The officer scans the receipt's code: a dossier of another counter that no step has
    brought here through the feed yet is fetched from central and kept (scanned again when
    the network failed, as an officer does)."""
    if c.desk.store.rows("SELECT 1 FROM dossiers WHERE code = ?", (code,)):
        return
    for _ in range(20):
        try:
            take_from_central(c.desk, code, env=c.env)
            return
        except DeskError:
            continue
    raise AssertionError(f"counter {c.number} could not fetch {code} from central")


def maybe_reprint(office: Office, code: str) -> None:
    if office.rng.random() < 0.15:
        c = office.at(office.rng.choice((1, 2)))
        scanned(c, code)
        record_reprint(c.desk, code)


def bring_supplement(office: Office, life: Life) -> None:
    c = office.at(life.supplement or 1)
    scanned(c, life.code)
    row = c.desk.store.require(life.code)
    item = next(iter(item_labels(row.procedure_group)))
    files: list[str] = []
    if life.scan:
        source = office.scans / f"{life.code}.pdf"
        source.write_bytes(pdf_scan(f"bo sung {life.code}"))
        stored = store_file(source, c.desk.settings.paths.attachments, c.desk.store, at=c.clock())
        files.append(stored.sha256)
    receive_supplement(c.desk, life.code, [SupplementItem(item, copies=1, files=files)])


def correct_at(office: Office, life: Life) -> None:
    """A typo corrected: the requester's phone, and the child's name while birth is undecided."""
    c = office.at(life.correction or 1)
    scanned(c, life.code)
    row = c.desk.store.require(life.code)
    if correction_refusal(row) is not None:  # refused by an agency already: nothing to correct
        return
    data = copy.deepcopy(row.declarations)
    inner = data["declarations"]
    inner["requester"]["phone"] = f"09{office.rng.randrange(10**8):08d}"
    if "birth" not in row.done and office.rng.random() < 0.5:
        inner["child"]["full_name"] = inner["child"]["full_name"] + " Anh"
    correct(
        c.desk.store,
        life.code,
        data,
        "Ghi nhầm khi tiếp nhận",
        officer=c.desk.officer,
        at=c.clock(),
    )


def give_back(office: Office, life: Life) -> None:
    scanned(office.at(life.at), life.code)
    return_papers(office.at(life.at).desk, life.code, PapersReturned(RECEIVER, RECEIVER_ID))


def hand_over_at(c: Counter, code: str) -> None:
    scanned(c, code)
    row = c.desk.store.require(code)
    taken = [i.id for i in originals_at_pickup(row)]
    hand_over(c.desk, code, HandOver(RECEIVER, RECEIVER_ID, taken))


def cancel_at(c: Counter, code: str) -> None:
    scanned(c, code)
    cancel(c.desk.store, code, "Công dân rút hồ sơ", officer=DEMO_SUPERVISOR[2], at=c.clock())


def later(office: Office, minutes: int) -> None:
    for c in office.counters:
        c.clock.at = FIXED_NOW + timedelta(minutes=minutes)
