"""Deciding agencies are real parties: they call central with their own tokens.

Against a real central on loopback (SQLite and PostgreSQL): an agency sees the dossiers that
wait for its role, records its procedure with the reference it issued, and the agency of the
last procedure reports the result ready; a desk's round then shows the dossier ready with
those references. What does not apply — another agency's procedure, a step the dossier's
status does not allow, another office's dossier, a desk's token — is refused in Vietnamese
and changes nothing; a request sent again under its key is answered again, never applied twice.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from central import agencies
from central.app import now_vn
from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.queries import progress
from desk_app.sync import RetryPolicy, sync_once
from tests.central_agency.agency import dossier_rows, issue, step, submit, waiting
from tests.sync.conftest import OTHER_OFFICE, TOKEN_ENV, Central, for_central, receive

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""

FAST = RetryPolicy(attempts=3, base=0.01, cap=0.02)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.paths.database)
    yield opened
    opened.close()


def test_three_agencies_decide_a_dossier_and_the_desk_s_round_shows_it_ready(
    central: Central, settings: Settings, store: Store
) -> None:
    settings = for_central(settings, central.url)
    (code,) = receive(store, 1)
    assert sync_once(store, settings, env={TOKEN_ENV: central.token}, policy=FAST).ok
    committee = issue(central, "people_committee")
    police = issue(central, "police", None)  # a province-wide agency: every office
    insurance = issue(central, "social_insurance")

    listed = waiting(central, committee)["dossiers"]
    assert [(d["code"], d["pending"], d["marks_ready"]) for d in listed] == [
        (code, ["birth"], False)
    ]
    assert "Trần Thị Bé 0" in str(listed[0]["declarations"])  # what it decides on
    assert (
        step(
            central, committee, code, "progress", {"procedure": "birth", "reference": "125/2026"}
        ).status_code
        == 200
    )
    assert step(central, police, code, "progress", {"procedure": "residence"}).status_code == 200
    done = step(
        central,
        insurance,
        code,
        "progress",
        {"procedure": "insurance", "reference": "TE1010000000042"},
    )
    assert done.status_code == 200
    assert done.json()["state"]["status"] == "in_progress" and done.json()["version"] == 3
    assert [d["marks_ready"] for d in waiting(central, insurance)["dossiers"]] == [True]
    assert waiting(central, committee)["dossiers"] == []  # nothing left for it
    ready = step(central, insurance, code, "ready")
    assert ready.status_code == 200 and ready.json()["state"]["status"] == "ready"

    assert sync_once(store, settings, env={TOKEN_ENV: central.token}, policy=FAST).ok
    row = store.require(code)
    assert row.status is Status.READY
    assert {p.procedure: p.reference for p in progress(store, row.id)} == {
        "birth": "125/2026",
        "residence": None,
        "insurance": "TE1010000000042",
    }


def test_what_does_not_apply_is_refused_in_vietnamese_and_changes_nothing(
    central: Central,
) -> None:
    (code,) = submit(central)
    committee = issue(central, "people_committee")
    police = issue(central, "police")
    home_affairs = issue(central, "home_affairs")
    stranger = issue(central, "people_committee", OTHER_OFFICE)
    before = dossier_rows(central)

    refusals = [
        # another agency's procedure
        (
            step(central, police, code, "progress", {"procedure": "birth", "reference": "1/2026"}),
            409,
            "people_committee",
        ),
        # a procedure the group does not have
        (
            step(central, police, code, "progress", {"procedure": "marriage"}),
            409,
            "không yêu cầu thủ tục",
        ),
        # a register number is what a birth's agency issues: it may not be left out
        (
            step(central, committee, code, "progress", {"procedure": "birth"}),
            409,
            "số Giấy khai sinh",
        ),
        # ready while procedures are still to be decided
        (step(central, committee, code, "ready"), 409, "còn thủ tục chưa có kết quả"),
        # an agency that decides nothing in this dossier, another office's: as if it did not exist
        (
            step(central, home_affairs, code, "refuse", {"reason": "Không đủ điều kiện."}),
            404,
            "Không có hồ sơ này",
        ),
        (
            step(
                central, stranger, code, "progress", {"procedure": "birth", "reference": "1/2026"}
            ),
            404,
            "Không có hồ sơ này",
        ),
        (step(central, committee, f"{code[:-4]}9999", "ready"), 404, "Không có hồ sơ này"),
        # a desk's token opens no agency endpoint, an unknown one nothing
        (step(central, central.token, code, "ready"), 403, "Token của bàn tiếp nhận"),
        (step(central, "not-a-token", code, "ready"), 401, "token của cơ quan"),
        (step(central, None, code, "ready"), 401, "token của cơ quan"),
        # malformed: an unknown key, control characters in a reason
        (
            step(central, committee, code, "refuse", {"reason": "x", "why": 1}),
            422,
            "trường không có trong giao thức",
        ),
        (step(central, committee, code, "refuse", {"reason": "a\x1b[31mb"}), 422, "reason"),
    ]
    for answer, status, words in refusals:
        assert answer.status_code == status, answer.text
        assert words in answer.json()["message"], answer.json()
    with central.http(committee) as http:
        assert http.get("/v1/updates").status_code == 403  # an agency's token opens no desk's
        assert "Token của cơ quan giải quyết" in http.get("/v1/updates").json()["message"]
    assert dossier_rows(central) == before

    # A state the dossier has left: refused once it is refused, with what it is now.
    assert (
        step(
            central, police, code, "refuse", {"reason": "Địa chỉ thường trú không có thật."}
        ).status_code
        == 200
    )
    late = step(central, committee, code, "progress", {"procedure": "birth", "reference": "7/2026"})
    assert late.status_code == 409 and late.json()["error"] == "agency_state"
    assert "đã bị từ chối giải quyết" in late.json()["message"]
    twice = step(central, police, code, "request-supplement", {"reason": "Thiếu giấy tờ."})
    assert twice.status_code == 409 and "đã bị từ chối" in twice.json()["message"]


def test_a_request_sent_again_under_its_key_is_answered_again_never_applied_twice(
    central: Central,
) -> None:
    first, second = submit(central, 2)
    committee = issue(central, "people_committee")
    body = {"procedure": "birth", "reference": "88/2026"}
    answer = step(central, committee, first, "progress", body, key="agency-key-1")
    assert answer.status_code == 200 and "idempotent-replayed" not in answer.headers
    after = dossier_rows(central)
    again = step(central, committee, first, "progress", body, key="agency-key-1")
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == answer.json()
    assert dossier_rows(central) == after  # one version, one feed entry
    # The same key for another body, or another dossier: refused, nothing done.
    other = step(
        central, committee, first, "progress", {**body, "reference": "89/2026"}, key="agency-key-1"
    )
    elsewhere = step(central, committee, second, "progress", body, key="agency-key-1")
    for refused in (other, elsewhere):
        assert refused.status_code == 422 and refused.json()["error"] == "key_reused"
    assert dossier_rows(central) == after
    # A refusal is an answer too: the same request again gets the same refusal.
    late = step(central, committee, first, "progress", body, key="agency-key-2")
    assert (
        late.status_code == 409
        and "đã được ghi nhận kết quả (số 88/2026)" in late.json()["message"]
    )
    assert (
        step(central, committee, first, "progress", body, key="agency-key-2").json() == late.json()
    )


def test_the_simulation_goes_through_the_same_rules_and_stops_where_an_agency_decided(
    central: Central,
) -> None:
    """A dossier an agency refused over the API is not taken on by the simulated agencies:
    their next step would not apply, so they stop, and central keeps the agency's word."""
    refused, left = submit(central, 2)
    police = issue(central, "police")
    reason = "Địa chỉ thường trú không có thật."
    assert step(central, police, refused, "refuse", {"reason": reason}).status_code == 200
    central.finish_everything()
    held = central.dossiers()
    assert held[refused][1:] == ("refused", {})
    [(reason_held, version)] = central.rows(
        f"SELECT reason, version FROM dossiers WHERE code = '{refused}'"
    )
    assert (reason_held, version) == (reason, 1)
    assert held[left][1] in ("ready", "refused")  # the untouched one is simulated to its end
    assert agencies.advance(central.store, now_vn()) == 0


def test_the_list_pages_by_cursor_and_filters_by_status(central: Central) -> None:
    codes = submit(central, 5)
    committee = issue(central, "people_committee")
    first = waiting(central, committee, limit=2)
    assert [d["code"] for d in first["dossiers"]] == codes[:2] and first["more"]
    rest = waiting(central, committee, after=first["cursor"], limit=10)
    assert [d["code"] for d in rest["dossiers"]] == codes[2:] and not rest["more"]
    ref = {"procedure": "birth", "reference": "3/2026"}
    assert step(central, committee, codes[0], "progress", ref).status_code == 200
    assert [d["code"] for d in waiting(central, committee)["dossiers"]] == codes[1:]
    in_progress = waiting(central, committee, status="in_progress")["dossiers"]
    assert [(d["code"], d["pending"]) for d in in_progress] == [(codes[0], [])]
    with central.http(committee) as http:
        bad = http.get("/v1/agency/dossiers", params={"status": "lost"})
        assert bad.status_code == 422 and "status" in bad.json()["message"]
