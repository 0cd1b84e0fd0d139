"""A thousand dossiers live their lives at two counters, through a faulty network and 50 kills.

The acceptance of issue 16. Counter 1 of an office receives 1,000 dossiers; the real
reference central (behind a layer failing ~30 % of requests: resets, 500s, 503s, lost
answers, duplicated deliveries, damaged bodies) takes them, and counter 2 of the same office
keeps them from the office's feed (or, for one no agency has touched yet, by scanning its
code: fetched from central and kept). Each dossier then gets a random life, the test acting as
the officers of both counters and as the deciding agencies (through central's agency
service): a supplement asked for and brought to either counter (sometimes with a scan), a
correction at either counter, a cancellation, a refusal and the papers handed back, the
result handed over at counter 2 — the counter that did not receive it — receipts reprinted;
and a few that two counters act on at once: both hand the result over (central takes the
first), or counter 1, not yet told the result is ready, cancels it (central refuses).

Every sync round runs in a process of its own (tests/sync/desk_child.py: the round `desk sync`
runs), both counters' at the same time, and 50 of them are killed (SIGKILL) at random stages,
after random delays; rounds then run until the office is quiet. Then: every action each
counter recorded is on central exactly once, in the order the counter recorded it per
dossier, answered as central decided (applied, or refused for exactly the contested ones);
each life ended as lived; and every dossier's status, progress and content are the same at
both counters as at central. About two minutes on a 2-core machine.
"""

from __future__ import annotations

import random
import time
from collections import Counter as Tally
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from central.faults import FaultPlan
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.lifecycle import Status
from tests.conftest import FIXED_NOW
from tests.sync.conftest import OFFICE
from tests.sync_events.lives import (
    EVENTS,
    PULL,
    SHIP,
    Agencies,
    Kills,
    OnCentral,
    central_events,
    counter,
    desk_events,
    progress_of,
    start_central,
)
from tests.sync_events.lives_at_counter import (
    LIVED,
    Life,
    Office,
    bring_supplement,
    cancel_at,
    correct_at,
    draw,
    give_back,
    hand_over_at,
    later,
    maybe_reprint,
    receive,
)

DOSSIERS = 1000
KILLS = 50
BATCH = 25
FAULTS = FaultPlan(
    rates={
        "reset": 0.05,
        "error": 0.05,
        "unavailable": 0.04,
        "lost": 0.07,
        "slow": 0.02,
        "duplicate": 0.05,
        "corrupt": 0.02,
    },
    seed=24,
    retry_after="0",
    slow_seconds=0.05,
)
"""30 % of requests meet a fault."""


@pytest.fixture
def office_of_two(tmp_path: Path) -> Iterator[Office]:
    """Central behind the faults, counters 1 and 2 of its office, the agencies."""
    central = start_central(tmp_path, FAULTS)
    two = central.store.issue_token(OFFICE, 2, FIXED_NOW.isoformat())
    rng = random.Random(1016)
    built = Office(
        central,
        counter(tmp_path, central, 1, central.token, DEMO_OFFICER[0], BATCH),
        counter(tmp_path, central, 2, two, DEMO_SUPERVISOR[0], BATCH),
        Agencies(central),
        Kills(KILLS, rng),
        rng,
        tmp_path / "scans",
    )
    built.scans.mkdir()
    yield built
    for c in built.counters:
        c.close()
    central.stop()


def once_in_order(
    office: Office, lives: dict[str, Life], on_central: list[OnCentral]
) -> Tally[str]:
    """Every action of each counter on central exactly once, in that counter's order per
    dossier, answered as central decided; refused exactly where two counters collided; each
    life ended by one action. Returns how many actions of each kind the counters took."""
    assert len({e.id for e in on_central}) == len(on_central)
    for c in office.counters:
        mine = desk_events(c)
        theirs = [e for e in on_central if e.desk == c.number]
        assert sorted(i for _, i, *_ in mine) == sorted(e.id for e in theirs), c.number
        outcome = {e.id: e.outcome for e in theirs}
        told = {"applied": {"applied", "duplicate"}, "refused": {"refused"}}
        for code, event_id, _, kind, answered in mine:
            assert answered in told[outcome[event_id]], (c.number, code, kind, answered)
        order: dict[str, list[str]] = {}
        for e in theirs:
            order.setdefault(e.code, []).append(e.id)
        for code in {code for code, *_ in mine}:
            assert order[code] == [i for k, i, *_ in mine if k == code], (c.number, code)
    # Refused: exactly the second of two hand-overs, and counter 1's cancel of a ready result.
    refused = [e for e in on_central if e.outcome == "refused"]
    contested = {life.code for life in lives.values() if life.end in ("stale_cancel", "contested")}
    assert sorted(e.code for e in refused) == sorted(contested)
    assert {(e.kind, e.reason_code) for e in refused} <= {
        ("hand_over", "state"),
        ("cancel", "state"),
    }
    # Each life ended as it was lived, by one action each.
    applied = Tally((e.code, e.kind) for e in on_central if e.outcome == "applied")
    ending = {
        "handed_over": "hand_over",
        "cancelled": "cancel",
        "papers_returned": "return_papers",
    }
    finals = {str(c): str(s) for c, s in office.central.rows("SELECT code, status FROM dossiers")}
    for life in lives.values():
        status = finals[life.code]
        assert status == LIVED[life.end], (life, status)
        assert applied[(life.code, ending[status])] == 1, life
        assert applied[(life.code, "supplement_received")] == (1 if life.supplement else 0), life
    kinds = Tally(kind for c in office.counters for *_, kind, _ in desk_events(c))
    assert set(kinds) == {
        "supplement_received",
        "correction",
        "cancel",
        "hand_over",
        "return_papers",
        "reprint",
    }, kinds
    return kinds


def same_everywhere(office: Office, codes: list[str]) -> None:
    """Both counters hold every dossier with central's status, progress and content."""
    held = {
        str(code): (str(status), progress_of(progress), str(digest), int(str(version)))
        for code, status, progress, digest, version in office.central.rows(
            "SELECT code, status, progress, content_hash, content_version FROM dossiers"
        )
    }
    assert set(held) == set(codes)
    for c in office.counters:
        local = {str(code) for (code,) in c.desk.store.rows("SELECT code FROM dossiers")}
        assert local == set(codes), c.number
        for code in codes:
            row = c.desk.store.require(code)
            status, progress, digest, version = held[code]
            assert (row.status.value, row.done) == (status, progress), (c.number, code)
            assert (row.content_hash, row.content_version) == (digest, version), (c.number, code)
    statuses = Tally(status for status, *_ in held.values())
    assert set(statuses) == {"handed_over", "cancelled", "papers_returned"}, statuses


def test_a_thousand_lives_reach_central_once_in_order_and_every_counter_agrees(
    office_of_two: Office,
) -> None:
    office = office_of_two
    started = time.monotonic()
    timings: dict[str, float] = {}
    rng, agencies, one, two = office.rng, office.agencies, office.one, office.two

    # Reception at counter 1 over two days (a counter's codes are 999 a day), shipped and kept
    # at counter 2 through rounds killed meanwhile.
    codes: list[str] = []
    for chunk in range(10):
        one.clock.at = FIXED_NOW - timedelta(days=1 if chunk < 5 else 0)
        codes += receive(one, rng, DOSSIERS // 10)
        office.rounds(2, until_quiet=chunk == 9)
    timings["received"] = time.monotonic() - started
    lives = {code: draw(rng, code) for code in codes}

    # The agencies' first decisions.
    for life in lives.values():
        if life.supplement:
            agencies.request_supplement(life.code)
        elif life.end == "refuse_early":
            agencies.refuse(life.code)
        elif life.correction is None and rng.random() < 0.5:
            agencies.progress(life.code, leave=2)
    office.rounds(5, idle=True)
    timings["first decisions"] = time.monotonic() - started

    # The officers: papers brought, typos corrected, papers handed back, cancellations.
    later(office, 60)
    for life in lives.values():
        if life.supplement:
            bring_supplement(office, life)
        if life.correction:
            correct_at(office, life)
        if life.end == "refuse_early" and not life.supplement:
            give_back(office, life)
        elif life.end == "cancel":
            cancel_at(office.at(life.at), life.code)
        maybe_reprint(office, life.code)
    office.rounds(12)
    timings["first actions"] = time.monotonic() - started

    # The agencies decide the rest; counter 1 cancels some whose result it does not know ready.
    for life in lives.values():
        if life.end == "cancel" or (life.end == "refuse_early" and not life.supplement):
            continue
        if life.end in ("refuse_early", "refuse_late"):
            agencies.progress(life.code, leave=1)
            agencies.refuse(life.code)
        else:
            agencies.progress(life.code)
            agencies.ready(life.code)
    later(office, 120)
    for life in lives.values():
        if life.end == "stale_cancel":
            assert one.desk.store.require(life.code).status is not Status.READY
            cancel_at(one, life.code)
    office.rounds(5)
    timings["results"] = time.monotonic() - started

    # The citizens come back: results handed over at counter 2 (twice at once for some),
    # papers of refused dossiers handed back.
    later(office, 180)
    for life in lives.values():
        if life.end in ("hand_over", "stale_cancel", "contested"):
            hand_over_at(two, life.code)
            if life.end == "contested":
                hand_over_at(one, life.code)
        elif life.end in ("refuse_early", "refuse_late") and (
            life.supplement or life.end == "refuse_late"
        ):
            give_back(office, life)
        maybe_reprint(office, life.code)
    office.rounds(KILLS, idle=True)  # every kill not made yet
    timings["handed over"] = time.monotonic() - started

    on_central = central_events(office.central)
    kinds = once_in_order(office, lives, on_central)
    same_everywhere(office, codes)
    # 50 kills, all over the round.
    assert office.kills.left == 0 and sum(office.kills.hit.values()) == KILLS, office.kills.hit
    hit = office.kills.hit
    assert len(hit) >= 9, hit
    assert sum(hit[s] for s in EVENTS) >= 10 and sum(hit[s] for s in SHIP) >= 5, hit
    assert sum(hit[s] for s in PULL) >= 5, hit
    injected = office.central.faults.injected if office.central.faults else Tally()
    assert set(injected) >= {"reset", "error", "unavailable", "lost", "duplicate", "corrupt"}, (
        injected
    )

    print(  # for the record, with -s
        f"\n{DOSSIERS} dossiers, {len(on_central)} events on central {dict(kinds)}, "
        f"{agencies.steps} agency steps, {office.kills.rounds} rounds, kills {dict(hit)}, "
        f"faults {dict(injected)}, seconds { ({k: round(v) for k, v in timings.items()}) }"
    )
