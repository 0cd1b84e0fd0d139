"""Two counters hand over the same dossier at the same moment: exactly one wins at central.

Both counters hold the dossier (counter 2 took it from central), the citizen's relatives come
to both, and both officers record the hand-over and ship it at once, in two threads against
the real central. Central orders the two events and refuses the second; that officer is told
who handed it over and when, and after a round both counters show it handed over by the first.
"""

from __future__ import annotations

import re
import threading

from desk_app.lifecycle import Status
from desk_app.lookup import classify, hand_over, open_dossier
from desk_app.lookup.central import ask_central
from desk_app.lookup.confirm import confirm_hand_over
from tests.office.conftest import Counter, Office, hand_over_data, later, received_and_ready

OFFICERS = {1: "Nguyễn Thị Minh Thư", 2: "Phạm Quốc Hưng"}


def test_only_one_hand_over_wins_and_the_other_officer_is_told_by_whom(office: Office) -> None:
    ready = received_and_ready(office)
    code = ready.code
    taken = ask_central(office.two.on(), classify(code), set(), env=office.two.env).opened
    assert taken is not None and taken.status is Status.READY
    later(office.one, 30)
    later(office.two, 31)

    said: dict[int, str] = {}
    start = threading.Barrier(2)

    def counter_hands_over(counter: Counter) -> None:
        desk = counter.on()
        row = desk.store.require(code)
        start.wait()
        hand_over(desk, code, hand_over_data(row, receiver=f"Người nhận {counter.number}"))
        said[counter.number] = confirm_hand_over(desk, code, env=counter.env)

    threads = [
        threading.Thread(target=counter_hands_over, args=(c,)) for c in (office.one, office.two)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert set(said) == {1, 2}

    confirmed = f"Hệ thống trung tâm đã ghi nhận việc trả kết quả hồ sơ {code}."
    winners = [n for n, text in said.items() if text == confirmed]
    assert len(winners) == 1, said
    winner = winners[0]
    loser = 3 - winner
    at = "10:00" if winner == 1 else "10:01"  # 09:30 + 30 / + 31 minutes
    assert said[loser] == (
        "Hệ thống trung tâm KHÔNG ghi nhận việc trả kết quả ở quầy này: hồ sơ đã được trả kết "
        f"quả lúc {at} 24/11/2026 tại quầy {winner} ({OFFICERS[winner]}). "
        "Hãy kiểm tra lại với công dân trước khi giao giấy tờ."
    )
    assert office.central.dossiers()[code][1] == "handed_over"
    [(count,)] = office.central.rows(
        f"SELECT count(*) FROM events WHERE code = '{code}' AND kind = 'hand_over' "
        "AND outcome = 'applied'"
    )
    assert count == 1

    # After a round, both counters show it handed over, and by whom.
    for counter in (office.one, office.two):
        assert counter.sync().ok
        assert counter.on().store.require(code).status is Status.HANDED_OVER
    losing = office.one if loser == 1 else office.two
    timeline = open_dossier(losing.on(), code).timeline
    refusals = [e for e in timeline if e.refused]
    assert len(refusals) == 1
    assert re.search(rf"tại quầy {winner} \({OFFICERS[winner]}\)", refusals[0].detail)
    assert any(
        e.title == "Đã trả kết quả" and e.officer == f"Quầy {winner} – {OFFICERS[winner]}"
        for e in timeline
    ), [(e.title, e.officer) for e in timeline]
