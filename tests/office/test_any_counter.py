"""Any counter of the office serves any of its dossiers; another office sees none of them.

Against the real reference central on loopback: a dossier received at counter 1 is found at
counter 2 by scan and by name while counter 1 is switched off, handed over there, and counter 1
shows it handed over (by counter 2) after its next round. Counter 3, of another office, finds it
by nothing (code, ID number, name) and never sees it in its feed.
"""

from __future__ import annotations

from desk_app.lifecycle import Status
from desk_app.lookup import classify, hand_over, lookup, open_dossier
from desk_app.lookup.central import ask_central, take_from_central
from desk_app.lookup.confirm import confirm_hand_over
from desk_app.lookup.detail import declarations_of
from desk_app.store.foreign import NO_LOOKUP_CODE
from tests.office.conftest import Office, hand_over_data, later, received_and_ready

CHILD = "Trần Minh Ánh"


def test_counter_two_finds_and_hands_over_what_counter_one_received(office: Office) -> None:
    ready = received_and_ready(office, child__full_name=CHILD)
    code = ready.code
    requester_id = declarations_of(ready)["requester"]["id_document"]["number"]
    office.one.off()  # counter 1 is switched off: only central can tell counter 2 anything

    two = office.two.on()
    # By name, typed without diacritics: not on this desk, found at central, "ở quầy 1".
    query = classify("tran minh anh")
    assert lookup(two, "tran minh anh").hits == []
    by_name = ask_central(two, query, set(), env=office.two.env)
    assert by_name.offline is None
    assert [(h.code, h.desk, h.status) for h in by_name.hits] == [(code, 1, Status.READY)]
    # By the requester's ID number, the same dossier.
    by_id = ask_central(two, classify(requester_id), set(), env=office.two.env)
    assert [h.code for h in by_id.hits] == [code]

    # By scan: taken from central and kept here, as counter 1 received it.
    scanned = ask_central(two, classify(code), set(), env=office.two.env)
    assert scanned.opened is not None
    kept = scanned.opened
    assert (kept.code, kept.status, kept.origin_desk, kept.desk_number) == (
        code,
        Status.READY,
        1,
        1,
    )
    assert kept.declarations == ready.declarations and kept.content_hash == ready.content_hash
    assert kept.subject_name == CHILD and kept.requester_name == ready.requester_name
    assert kept.done == ready.done
    assert kept.appointment_at == ready.appointment_at  # the office calendar, counted again
    assert kept.lookup_code == NO_LOOKUP_CODE  # the citizen's secret never left counter 1
    assert [h.code for h in lookup(two, "tran minh anh").hits] == [code]  # found here now
    detail = open_dossier(two, code)
    lines = [(e.title, e.officer) for e in detail.timeline]
    assert ("Tiếp nhận tại quầy", "Quầy 1") in lines  # central is not told the officer
    assert ("Có kết quả, chờ trả", "Hệ thống trung tâm") in lines
    assert ("Lấy hồ sơ từ hệ thống trung tâm về bàn này", "Hệ thống trung tâm") in lines

    # Taken again: refreshed, never doubled.
    again = take_from_central(two, code, env=office.two.env)
    assert again.id == kept.id
    assert two.store.rows("SELECT count(*) FROM dossiers")[0][0] == 1
    events = two.store.rows("SELECT count(*) FROM dossier_events")[0][0]
    take_from_central(two, code, env=office.two.env)
    assert two.store.rows("SELECT count(*) FROM dossier_events")[0][0] == events

    # Handed over at counter 2, and confirmed with central at once.
    later(office.two, 30)
    row = hand_over(two, code, hand_over_data(kept))
    assert row.status is Status.HANDED_OVER
    said = confirm_hand_over(two, code, env=office.two.env)
    assert said == f"Hệ thống trung tâm đã ghi nhận việc trả kết quả hồ sơ {code}."
    assert office.central.dossiers()[code][1] == "handed_over"

    # Counter 1 is switched on again: after its round it shows who handed it over.
    office.one.off()
    assert office.one.sync().ok
    one = office.one.on()
    assert one.store.require(code).status is Status.HANDED_OVER
    history = [(e.title, e.officer) for e in open_dossier(one, code).timeline]
    assert any(
        title == "Đã trả kết quả" and officer == "Quầy 2 – Phạm Quốc Hưng"
        for title, officer in history
    ), history


def test_another_office_cannot_find_or_see_it(office: Office) -> None:
    ready = received_and_ready(office, child__full_name=CHILD)
    requester_id = declarations_of(ready)["requester"]["id_document"]["number"]
    other = office.other.on()
    for text in (ready.code, requester_id, "tran minh anh"):
        answer = ask_central(other, classify(text), set(), env=office.other.env)
        assert answer.offline is None, text  # central answered: it has nothing for this office
        assert answer.hits == [] and answer.opened is None, text
    assert office.other.sync().ok
    assert other.store.rows("SELECT count(*) FROM dossiers")[0][0] == 0
    with office.central.http(office.other.token) as http:
        feed = http.get("/v1/updates", params={"after": 0, "scope": "office"}).json()
        assert [u for u in feed["updates"] if u["code"] == ready.code] == []
        assert http.get(f"/v1/dossiers/{ready.code}", params={"full": 1}).status_code == 404
