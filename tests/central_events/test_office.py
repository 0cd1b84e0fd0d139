"""The office's shared memory: full record, search, office feed; nothing of it beyond the office,
and a v1 desk's answers exactly as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central_events.helpers import (
    OTHER_OFFICER,
    correction,
    desk_token,
    envelope,
    event,
    full,
    office_feed,
    send,
    start,
    submit,
    v1_feed,
)
from tests.sync.conftest import Central

BOTH_BACKENDS = True
V1_UPDATE_KEYS = {"seq", "code", "version", "event", "procedure", "at", "state"}
V1_STATE_KEYS = {"status", "progress", "reason"}


@pytest.fixture
def central(tmp_path: Path, central_target: str) -> Iterator[Central]:
    running = start(tmp_path, central_target, outcome="ready")
    yield running
    running.stop()


def test_another_office_sees_no_record_no_search_hit_and_no_feed_entry(central: Central) -> None:
    code = submit(central)
    central.finish_everything()
    send(central, central.token, event(code, "hand_over", {"receiver": "A"}))
    theirs, missing = (
        full(central, central.other_token, code),
        full(central, central.other_token, code[:-4] + "1999"),
    )
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    with central.http(central.other_token) as http:
        by_id = http.get("/v1/dossiers", params={"personal_id": "001194012345"}).json()
        by_name = http.get("/v1/dossiers", params={"name": "Trần Minh Khuê"}).json()
    assert by_id == by_name == {"dossiers": []}
    assert office_feed(central, central.other_token) == []


def test_any_desk_of_the_office_finds_a_dossier_by_id_number_or_folded_name_prefix(
    central: Central,
) -> None:
    older = submit(central, 1)
    newer = submit(central, 2, envelope(child__full_name="Lê Thị Đào"))
    desk2 = desk_token(central, 2)
    with central.http(desk2) as http:
        by_id = http.get("/v1/dossiers", params={"personal_id": "001194012345"}).json()
        by_name = http.get("/v1/dossiers", params={"name": "le thi dao"}).json()
        by_prefix = http.get("/v1/dossiers", params={"name": "NGUYỄN hằ"}).json()
        bad = http.get("/v1/dossiers", params={"personal_id": "12345"})
    assert [d["code"] for d in by_id["dossiers"]] == [newer, older]
    assert [d["code"] for d in by_name["dossiers"]] == [newer]
    assert by_name["dossiers"][0]["subject_name"] == "Lê Thị Đào"
    assert by_name["dossiers"][0]["requester_name"] == "Nguyễn Thị Thu Hằng"
    assert {d["code"] for d in by_prefix["dossiers"]} == {older, newer}
    assert bad.status_code == 422 and "personal_id" in bad.json()["message"]


def test_the_full_record_holds_the_timeline_of_agencies_and_every_desk(central: Central) -> None:
    code = submit(central)
    central.finish_everything()
    desk2 = desk_token(central, 2)
    send(central, desk2, event(code, "hand_over", {"receiver": "A"}, OTHER_OFFICER))
    record = full(central, central.token, code).json()
    timeline = record["timeline"]
    assert timeline[0]["event"] == "submit" and timeline[0]["version"] == 0
    assert timeline[0]["by"]["desk"] == 1
    assert [t["version"] for t in timeline] == list(range(len(timeline)))
    assert {t["event"] for t in timeline[1:-1]} <= {"progress", "ready"}
    assert timeline[-1]["event"] == "hand_over"
    assert timeline[-1]["by"] == {"office": "000.00.01.H26", "desk": 2, "officer": OTHER_OFFICER}
    assert record["desk_number"] == 1 and record["content_version"] == 1
    assert [v["content_version"] for v in record["versions"]] == [1]


def test_a_v1_desk_reads_exactly_what_it_read_before(central: Central) -> None:
    code = submit(central)
    central.finish_everything()
    send(central, central.token, event(code, "hand_over", {"receiver": "A"}))
    send(central, central.token, correction(code, envelope(delivery={})))  # refused: final
    updates = v1_feed(central, central.token)
    assert updates and {u["event"] for u in updates} <= {"progress", "ready"}
    assert all(set(u) == V1_UPDATE_KEYS and set(u["state"]) == V1_STATE_KEYS for u in updates)
    with central.http(central.token) as http:
        view = http.get(f"/v1/dossiers/{code}").json()
    assert set(view["state"]) == V1_STATE_KEYS
    assert view["state"]["status"] == "handed_over"
    everything = office_feed(central, central.token)
    assert len(everything) == len(updates) + 2  # the office also reads its acceptance
    assert everything[0]["event"] == "submit" and everything[-1]["event"] == "hand_over"


def test_the_office_page_spliced_from_stored_bodies_is_the_validated_page(
    central: Central,
) -> None:
    """The office feed is served from the stored bodies as they are; it says exactly what
    validating every row and writing it out again says (submission, agencies, a desk's event)."""
    import json

    from central import office
    from central.protocol import UpdatesResponse

    code = submit(central)
    central.finish_everything()
    send(
        central, desk_token(central, 2), event(code, "hand_over", {"receiver": "A"}, OTHER_OFFICER)
    )
    desk = central.store.desk_for(central.token)
    assert not isinstance(desk, str) and desk is not None
    for after, limit in ((0, 1000), (0, 2), (2, 3)):
        validated = office.updates_after(central.store, desk, after, limit, office_wide=True)
        spliced = UpdatesResponse.model_validate(
            json.loads(office.office_page_json(central.store, desk, after, limit))
        )
        assert spliced == validated
    assert {u.event for u in validated.updates} >= {"ready"}
    wide = office.updates_after(central.store, desk, 0, 1000, office_wide=True).updates
    assert {u.event for u in wide} >= {"submit", "progress", "ready", "hand_over"}
