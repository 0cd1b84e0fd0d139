"""The harness of the office's lives test (test_lives.py): central, counters, agencies, kills.

- **Central** is the real reference server on a loopback port, in this process, without
  simulated agencies (a dossier moves only when an agency acts), behind the fault-injecting
  layer.
- **Counters** are whole desks (own folder, database, token). Each sync round runs in a
  process of its own (:mod:`tests.sync.desk_child`: the round `desk sync` runs, announcing
  each stage); this process opens the same database to act as the counter's officer between
  rounds.
- **Agencies** act through central's agency service (:func:`central.agency_api.perform`),
  each with its own token's identity: the very rules the agency API applies.
- **Rounds** of both counters run at the same time, as two counters of an office do; a round
  chosen for a kill is sent SIGKILL once it reaches a chosen stage, after a random delay, so
  kills land inside the steps too.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
import uuid
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from central.agency_api import perform
from central.agency_steps import HELD_COLUMNS, Held, Step, held
from central.agency_tokens import AgencyIdentity
from central.app import create_app, now_vn
from central.faults import FaultInjector, FaultPlan
from central.server import start_in_thread
from central.store import CentralStore
from desk_app.config import load_config
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.store.sync_office import unsettled
from desk_app.store.sync_state import read_cursor
from tests.conftest import FIXED_NOW, signed_in
from tests.lookup.conftest import Clock
from tests.sync.conftest import OFFICE, OTHER_OFFICE, TOKEN_ENV, Central, outbox_size
from tests.sync.desk_rounds import RoundProcess

REPO = Path(__file__).resolve().parents[2]
SHIP = ("batch-prepared", "batch-sending", "batch-answered", "batch-applied")
EVENTS = ("events-prepared", "events-sending", "events-answered", "events-applied")
PULL = ("updates-received", "updates-applied", "settled")
"""The stages of a round (announced by tests.sync.desk_child) a kill is aimed at."""
ROUND_DEADLINE = 180.0
"""Seconds a desk process may take for one round before the test calls it hung."""
MAX_QUIET_ROUNDS = 40


def start_central(tmp_path: Path, faults: FaultPlan) -> Central:
    """Central on 127.0.0.1:<free port>, no simulated agencies, behind ``faults``."""
    store = CentralStore(tmp_path / "central" / "central.sqlite3", files=tmp_path / "central" / "f")
    at = now_vn().isoformat()
    token = store.issue_token(OFFICE, 1, at)
    other = store.issue_token(OTHER_OFFICE, 1, at)
    injector = FaultInjector(create_app(store, None, background=False), faults)
    server = start_in_thread(injector)
    return Central(server.url, store, token, other, server, injector)


@dataclass
class Counter:
    """One counter: its desk.toml, the environment of its round processes, its officer."""

    number: int
    config: Path
    env: dict[str, str]
    desk: Desk
    clock: Clock

    def close(self) -> None:
        self.desk.close()


def counter(
    tmp_path: Path, central: Central, number: int, token: str, user: str, batch: int
) -> Counter:
    """Counter ``number`` of the demo office, its officer ``user`` signed in."""
    config = make_demo(tmp_path / f"desk{number}")
    text = config.read_text("utf-8").replace("[desk]\nnumber = 1", f"[desk]\nnumber = {number}")
    config.write_text(text, "utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "DESK_CENTRAL__URL": central.url,
        "DESK_CENTRAL__BATCH_SIZE": str(batch),
        "DESK_CENTRAL__TIMEOUT": "5",
        TOKEN_ENV: token,
    }
    clock = Clock(FIXED_NOW)
    settings = load_config(config, env=env).settings
    assert settings.desk.number == number
    return Counter(number, config, env, signed_in(Desk.open(settings, clock=clock), user), clock)


class Agencies:
    """The deciding agencies of the office, each acting with its own token's identity."""

    def __init__(self, central: Central) -> None:
        self.central = central
        self._who: dict[str, AgencyIdentity] = {}
        self.steps = 0

    def _identity(self, role: str) -> AgencyIdentity:
        if role not in self._who:
            token = self.central.store.issue_agency_token(role, OFFICE, now_vn().isoformat())
            found = self.central.store.agency_for(token)
            assert found is not None
            self._who[role] = found
        return self._who[role]

    def dossier(self, code: str) -> Held:
        """The dossier as central holds it now."""
        [row] = self.central.rows(f"SELECT {HELD_COLUMNS} FROM dossiers WHERE code = '{code}'")
        return held(row)

    def act(self, code: str, role: str, step: Step) -> None:
        """``role`` performs ``step`` on ``code``; the service must take it."""
        key = uuid.uuid4().hex
        answer = perform(self.central.store, self._identity(role), key, key, code, step, now_vn())
        assert answer.status == 200, (code, role, step, answer.body)
        self.steps += 1

    def progress(self, code: str, *, leave: int = 0) -> None:
        """Every procedure still to decide done (all but the last ``leave``), with its number."""
        dossier = self.dossier(code)
        formats = _formats(dossier)
        pending = dossier.pending()
        for procedure in pending[: len(pending) - leave]:
            role = dict(dossier.plan)[procedure]
            shape = formats.get(procedure)
            reference = shape.format(number=7, serial="0123456789", year=2026) if shape else None
            self.act(code, role, Step("progress", procedure, reference))

    def ready(self, code: str) -> None:
        dossier = self.dossier(code)
        self.act(code, str(dossier.marks_ready()), Step("ready"))

    def first_role(self, code: str) -> str:
        """The agency of the first procedure still to decide."""
        dossier = self.dossier(code)
        return dict(dossier.plan)[dossier.pending()[0]]

    def request_supplement(self, code: str) -> None:
        reason = "Thiếu bản sao giấy chứng sinh có chứng thực"
        self.act(code, self.first_role(code), Step("request_supplement", reason=reason))

    def refuse(self, code: str) -> None:
        reason = "Thông tin nơi cư trú không khớp cơ sở dữ liệu quốc gia về dân cư"
        self.act(code, self.first_role(code), Step("refuse", reason=reason))


def _formats(dossier: Held) -> dict[str, str | None]:
    from central.agencies import reference_formats_of

    return reference_formats_of(dossier.group, dossier.declarations)


@dataclass
class Launch:
    """One desk process of a round, and where to kill it (None: let it finish)."""

    counter: Counter
    stage: str | None = None
    delay: float = 0.0
    killed: str | None = None
    """The stage it was killed at, once it was."""
    done: str | None = None
    """Its last line when it finished its round ("DONE True")."""


def run_rounds(launches: list[Launch]) -> None:
    """Run one round of each counter at the same time; kill those told to at their stage."""
    procs = [
        RoundProcess(launch.counter.config, launch.counter.config.parent, launch.counter.env)
        for launch in launches
    ]
    give_up = time.monotonic() + ROUND_DEADLINE
    pending = [b""] * len(launches)
    kill_at: list[float | None] = [None] * len(launches)
    try:
        live = {p.stdout.fileno(): n for n, p in enumerate(procs)}
        while live:
            now = time.monotonic()
            assert now < give_up, "a desk process hung in its round"
            due = [kill_at[n] or give_up for n in live.values()]
            ready, _, _ = select.select(list(live), [], [], max(0.0, min(due) - now))
            now = time.monotonic()
            for fd, n in list(live.items()):
                when = kill_at[n]
                if when is not None and now >= when:
                    procs[n].send_signal(signal.SIGKILL)
                    launches[n].killed = launches[n].stage
                    del live[fd]
            for fd in ready:
                if fd not in live:
                    continue
                n = live[fd]
                chunk = os.read(fd, 4096)
                if not chunk:
                    del live[fd]
                    continue
                *lines, pending[n] = (pending[n] + chunk).split(b"\n")
                for line in lines:
                    text = line.decode()
                    if text.startswith("DONE"):
                        launches[n].done = text
                    if launches[n].stage == text and kill_at[n] is None:
                        kill_at[n] = time.monotonic() + launches[n].delay
    finally:
        for proc in procs:
            proc.kill()
            proc.wait(timeout=30)
            proc.stdout.close()


def quiet(central: Central, counters: list[Counter]) -> bool:
    """Nothing left to send, to settle or to read at any counter."""
    [(last,)] = central.rows(f"SELECT coalesce(max(seq), 0) FROM updates WHERE office = '{OFFICE}'")
    return all(
        outbox_size(c.desk.store) == 0
        and not unsettled(c.desk.store)
        and read_cursor(c.desk.store) == last
        for c in counters
    )


@dataclass
class Kills:
    """The kills still to make, and where they landed."""

    left: int
    rng: Random
    hit: Tally[str] = field(default_factory=Tally)
    rounds: int = 0

    def stages(self, c: Counter) -> tuple[str, ...]:
        """Where ``c``'s next round can be killed while sending what it holds (none: nowhere)."""
        waiting = {k for (k,) in c.desk.store.rows("SELECT DISTINCT kind FROM outbox")}
        return (SHIP if "submit" in waiting else ()) + (EVENTS if "event" in waiting else ())

    def office_rounds(
        self,
        central: Central,
        counters: list[Counter],
        kills: int,
        *,
        idle: bool,
        until_quiet: bool = True,
    ) -> None:
        """Rounds of every counter, up to ``kills`` of them killed, then rounds until quiet
        (unless not ``until_quiet``: what is left goes with the next call's rounds).

        A counter with something to send is killed while sending it (one time in five while
        reading the feed instead). Once nothing is left to send, the kills not made wait for
        the next call — unless ``idle``: then rounds with nothing to send are killed in their
        pull, until ``kills`` are made.
        """
        target = min(kills, self.left)
        made = 0
        for _ in range(target * 4):
            sending = {c.number: self.stages(c) for c in counters}
            nothing = not any(sending.values())
            if made >= target or (nothing and not idle):
                break
            launches: list[Launch] = []
            for c in counters:
                stage = None
                aimed = made + sum(x.stage is not None for x in launches) < target
                if aimed and (sending[c.number] or (nothing and self.rng.random() < 0.5)):
                    pull = nothing or self.rng.random() < 0.2
                    stage = self.rng.choice(PULL if pull else sending[c.number])
                delay = self.rng.choice((0, 0, 0.0005, 0.002, 0.005, 0.02))
                launches.append(Launch(c, stage, delay))
            run_rounds(launches)
            self.rounds += 1
            for launch in launches:
                if launch.killed:
                    self.hit[launch.killed] += 1
                    made += 1
        self.left -= made
        if not until_quiet:
            return
        for _ in range(MAX_QUIET_ROUNDS):
            if quiet(central, counters):
                return
            run_rounds([Launch(c) for c in counters])
            self.rounds += 1
        raise AssertionError(f"the office is not quiet after {MAX_QUIET_ROUNDS} rounds")


@dataclass(frozen=True)
class OnCentral:
    """One event as central holds it."""

    id: str
    code: str
    desk: int
    kind: str
    outcome: str
    reason_code: str | None


def central_events(central: Central) -> list[OnCentral]:
    """Every event central holds, in the order it took them."""
    rows = central.rows(
        "SELECT id, code, desk_number, kind, outcome, reason_code FROM events ORDER BY rowid"
    )
    return [
        OnCentral(str(a), str(b), int(str(c)), str(d), str(e), None if f is None else str(f))
        for a, b, c, d, e, f in rows
    ]


def desk_events(c: Counter) -> list[tuple[str, str, int, str, str | None]]:
    """(code, id, seq, kind, central outcome) of the actions this counter recorded."""
    return c.desk.store.rows(
        "SELECT d.code, e.id, e.seq, e.kind, e.central_outcome FROM dossier_events e "
        "JOIN dossiers d ON d.id = e.dossier_id WHERE e.origin_desk IS NULL ORDER BY d.code, e.seq"
    )


def progress_of(raw: object) -> frozenset[str]:
    return frozenset(json.loads(str(raw)))
