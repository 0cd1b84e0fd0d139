"""Two counters handing over one dossier at the same moment: central orders them, one wins."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.central_events.helpers import (
    OFFICER,
    OTHER_OFFICER,
    desk_token,
    event,
    full,
    post_events,
    start,
    submit,
)

BOTH_BACKENDS = True
ROUNDS = 5


def test_two_simultaneous_hand_overs_one_applied_the_other_told_who_and_when(
    tmp_path: Path, central_target: str
) -> None:
    central = start(tmp_path, central_target, outcome="ready")
    try:
        codes = [submit(central, n) for n in range(1, ROUNDS + 1)]
        central.finish_everything()
        tokens = {OFFICER: central.token, OTHER_OFFICER: desk_token(central, 2)}
        for code in codes:
            assert full(central, central.token, code).json()["state"]["status"] == "ready"
            barrier = threading.Barrier(2)
            answers: dict[str, dict] = {}

            def hand_over(officer: str, code: str = code, barrier=barrier, answers=answers) -> None:
                with central.http(tokens[officer]) as http:
                    barrier.wait()
                    sent = post_events(http, [event(code, "hand_over", {"receiver": "A"}, officer)])
                answers[officer] = sent.json()["results"][0]

            threads = [threading.Thread(target=hand_over, args=(o,)) for o in tokens]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=30)
            outcomes = sorted(a["outcome"] for a in answers.values())
            assert outcomes == ["applied", "refused"], answers
            [winner] = [o for o, a in answers.items() if a["outcome"] == "applied"]
            [loser] = [a for a in answers.values() if a["outcome"] == "refused"]
            assert loser["reason_code"] == "state"
            assert loser["by"]["officer"] == winner and loser["by"]["kind"] == "hand_over"
            assert winner in loser["reason"] and "trả kết quả" in loser["reason"]
            assert loser["version"] == answers[winner]["version"]
            [(applied,)] = central.rows(
                f"SELECT count(*) FROM events WHERE code = '{code}' AND outcome = 'applied'"
            )
            assert applied == 1
    finally:
        central.stop()
