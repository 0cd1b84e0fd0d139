"""After a round the counter shows what central holds, whatever the order things arrived in.

Central is the office's memory: a state the counter's lifecycle cannot reach from where it
stands (ready with one of two procedures done; handed over at another counter while this one
cancelled) is taken as it is and audited, an action central refused is reported with who got
there first, and a desk installed new (or restored from an older backup) catches up from
central.
"""

from __future__ import annotations

import random
from pathlib import Path

from desk_app.lifecycle import Status
from desk_app.lookup.actions import cancel, hand_over
from desk_app.store import Store
from desk_app.store.sync_updates import StatusUpdate, apply_updates
from desk_app.sync.messages import summary
from desk_app.sync.wire import parse_updates
from tests.lookup.conftest import receive
from tests.office.conftest import Office, hand_over_data, later


def central_states(office: Office) -> dict[str, tuple[str, frozenset[str]]]:
    return {c: (s, frozenset(p)) for c, (_, s, p) in office.central.dossiers().items()}


def local_states(store: Store) -> dict[str, tuple[str, frozenset[str]]]:
    out = {}
    for (code,) in store.rows("SELECT code FROM dossiers"):
        row = store.require(code)
        out[code] = (row.status.value, row.done)
    return out


def test_a_cancel_refused_because_another_counter_handed_over_shows_who_and_converges(
    office: Office,
) -> None:
    one, two = office.one, office.two
    saved = receive(one.on())
    assert one.sync().ok
    assert one.on().store.require(saved.code).status is Status.ACCEPTED
    office.central.finish_everything()  # ready at central; counter 1 has not heard yet
    assert two.sync().ok  # counter 2 keeps the office's dossiers
    ready = two.on().store.require(saved.code)
    assert ready.status is Status.READY
    later(two, 5)
    hand_over(
        two.on().store, saved.code, hand_over_data(ready), officer="Trần Thị Bình", at=two.clock()
    )
    assert two.sync().ok
    later(one, 10)
    cancel(
        one.on().store, saved.code, "Công dân rút hồ sơ", officer="Nguyễn Văn An", at=one.clock()
    )

    report = one.sync()

    assert report.ok
    [refused] = report.refused_events
    assert (refused.code, refused.kind) == (saved.code, "cancel")
    assert refused.by is not None and "quầy 2" in refused.by
    text = summary(report, office.central.url)
    assert f"{saved.code}: Hủy hồ sơ" in text and "quầy 2" in text
    store = one.on().store
    assert store.require(saved.code).status is Status.HANDED_OVER  # central's, not "cancelled"
    actions = [e.action for e in store.audit_events(saved.code)]
    assert "sync.event_refused" in actions and "sync.converged" in actions
    hand_over_audit = next(e for e in store.audit_events(saved.code) if e.action == "hand_over")
    assert hand_over_audit.officer.startswith("Quầy 2 – ")
    assert local_states(store)[saved.code] == central_states(office)[saved.code]


def test_updates_shuffled_doubled_and_with_gaps_still_end_at_central_s_state(
    office: Office, tmp_path: Path
) -> None:
    one = office.one
    for _ in range(12):
        receive(one.on())
    assert one.sync().ok
    office.central.finish_everything()
    with office.central.http(one.token) as http:
        after = int(
            one.on().store.rows("SELECT value FROM sync_state WHERE key = 'updates_cursor'")[0][0]
        )
        body = http.get(
            "/v1/updates", params={"after": after, "limit": 1000, "scope": "office"}
        ).json()
    updates, cursor, more = parse_updates(body, after)
    assert updates and not more
    rng = random.Random(4)
    last = {u.code: u for u in updates}  # every dossier's newest is delivered at least once
    delivered: list[StatusUpdate] = [
        u
        for u in updates
        if u is last[u.code] or rng.random() > 0.3  # gaps
    ]
    delivered += rng.sample(delivered, len(delivered) // 3)  # duplicates
    rng.shuffle(delivered)
    store = one.on().store
    for start in range(0, len(delivered), 5):
        apply_updates(store, delivered[start : start + 5], cursor, desk=1)

    assert local_states(store) == central_states(office)
    statuses = {s for s, _ in central_states(office).values()}
    assert len(statuses) > 1  # several ends were met (ready, refused, supplement, ...)


def test_a_desk_installed_new_catches_up_with_its_office_from_central(office: Office) -> None:
    one = office.one
    codes = [receive(one.on()).code for i in range(4)]
    assert one.sync().ok
    office.central.finish_everything()
    assert office.two.sync().ok  # a counter installed new: cursor 0, empty database

    store = office.two.on().store
    assert sorted(local_states(store)) == sorted(codes)
    assert local_states(store) == central_states(office)
    assert office.other.sync().ok  # another office's counter learns nothing of them
    assert local_states(office.other.on().store) == {}


def test_dossiers_no_agency_has_touched_reach_every_counter_and_a_reinstalled_desk(
    office: Office, tmp_path: Path
) -> None:
    """Acceptance itself is on the office feed: counter 2 holds a dossier the moment central
    took it, and counter 1 installed again from scratch takes its own dossiers back and never
    hands out one of their codes again."""
    from dataclasses import replace

    from desk_app.demo import make_demo

    one = office.one
    codes = [receive(one.on()).code for _ in range(3)]
    assert one.sync().ok
    assert office.two.sync().ok
    assert sorted(local_states(office.two.on().store)) == sorted(codes)
    assert {s for s, _ in local_states(office.two.on().store).values()} == {"accepted"}

    one.off()
    again = replace(one, folder=tmp_path / "desk1-again", desk=None)
    make_demo(again.folder)  # a new PC for counter 1: empty database, the same token
    assert again.sync().ok
    store = again.on().store
    assert sorted(local_states(store)) == sorted(codes)
    assert receive(again.on()).code.endswith("-1004")  # 1001–1003 are taken
    again.off()
