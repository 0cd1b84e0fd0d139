"""Who a dossier is about, as the groups' data say, and which dossiers count (no screen)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from desk_app import groups
from desk_app.desk import Desk
from desk_app.duplicates import ACTION, ApprovalRefused, approve, before_save, find
from desk_app.duplicates.keys import identity
from desk_app.duplicates.local import same_person
from desk_app.groups.definition import _duplicate_keys
from desk_app.lifecycle import Event
from tests.conftest import signed_in
from tests.duplicates.conftest import OFFICER, SUPERVISOR, birth, death, without_ui
from tests.lookup.conftest import answered

BIRTH = "birth_interlink"


def _found(desk: Desk, data: dict) -> list[str]:
    return list(before_save(desk, without_ui(data)).codes)


def test_every_shipped_group_says_who_its_dossiers_are_about_with_an_exact_key() -> None:
    for group in groups.registered():
        keys = group.duplicate_keys
        assert keys, group.kind
        assert any(k.match == "exact" for k in keys), "folding never decides alone"
        assert any(k.find for k in keys), "candidates can be looked up"


def test_a_rule_of_names_alone_is_refused() -> None:
    with pytest.raises(ValueError, match="exact"):
        _duplicate_keys({"keys": [{"path": "child.full_name", "match": "folded"}]})
    with pytest.raises(ValueError):
        _duplicate_keys({"keys": [{"path": "child.full_name", "match": "fuzzy"}]})


def test_folding_narrows_but_the_date_and_the_mothers_id_decide(desk: Desk) -> None:
    first, _ = desk.receive_dossier(without_ui(birth()))
    assert _found(desk, birth(full_name="tran minh an")) == [first.code]
    assert _found(desk, birth(full_name="Trần Minh Ân")) == [first.code], "accents aside"
    assert _found(desk, birth(date_of_birth="2026-11-14")) == []
    other_mother = birth()
    other_mother["declarations"]["mother"]["id_document"]["number"] = "001194012346"
    assert _found(desk, other_mother) == []
    assert _found(desk, birth(full_name="Trần Minh Anh")) == [], "another name"


def test_a_child_whose_mother_is_not_known_is_not_checked(desk: Desk) -> None:
    group = groups.get(BIRTH)
    declarations = without_ui(birth())["declarations"]
    assert identity(group, declarations) is not None
    assert identity(group, {**declarations, "mother": None}) is None


def test_cancelled_and_refused_dossiers_no_longer_declare_their_person(desk: Desk) -> None:
    cancelled, _ = desk.receive_dossier(without_ui(birth()))
    refused, _ = desk.receive_dossier(without_ui(birth()))
    handed, _ = desk.receive_dossier(without_ui(birth()))
    at = desk.clock() + timedelta(hours=1)
    desk.store.apply_event(
        cancelled.code, Event.CANCEL, officer=OFFICER[2], at=at, reason="Công dân rút hồ sơ"
    )
    answered(desk, refused.code, Event.ACCEPT)
    desk.store.apply_event(refused.code, Event.REFUSE, officer="Hệ thống", at=at, reason="Sai")
    assert _found(desk, birth()) == [handed.code]


def test_the_dossier_itself_and_a_group_without_a_rule_are_left_out(desk: Desk) -> None:
    saved, _ = desk.receive_dossier(without_ui(birth()))
    declarations = saved.declarations
    assert find(desk, BIRTH, declarations, ask_central=False).codes == (saved.code,)
    assert find(desk, BIRTH, declarations, exclude=(saved.code,), ask_central=False).codes == ()
    bare = dataclasses.replace(groups.get(BIRTH), data={**groups.get(BIRTH).data})
    del bare.data["duplicates"]  # type: ignore[attr-defined]
    assert bare.duplicate_keys == ()
    assert same_person(desk.store, bare, declarations) == []


def test_a_death_is_the_deceased_id_whatever_the_name(desk: Desk) -> None:
    first, _ = desk.receive_dossier(death())
    assert _found(desk, death(name="Nguyễn Văn Thanh")) == [first.code]
    assert _found(desk, death(number="001048003457")) == []


def test_only_a_supervisor_confirms_and_the_audit_names_both_codes(desk: Desk) -> None:
    first, _ = desk.receive_dossier(without_ui(birth()))
    check = before_save(desk, without_ui(birth()))
    with pytest.raises(ApprovalRefused) as refused:
        approve(desk, check)  # the officer at the desk is not a supervisor
    assert refused.value.field == "username"
    with pytest.raises(ApprovalRefused) as refused:
        approve(desk, check, OFFICER[0], OFFICER[1])
    assert refused.value.field == "username" and "lãnh đạo" in refused.value.message
    confirmation = approve(desk, check, SUPERVISOR[0], SUPERVISOR[1])
    second, _ = desk.receive_dossier(without_ui(birth()), audit=confirmation.audit())
    [event] = [e for e in desk.store.audit_events(second.code) if e.action == ACTION]
    assert event.detail["duplicate_of"] == [first.code]
    assert event.detail["supervisor"] == SUPERVISOR[2]
    signed_in(desk, SUPERVISOR[0])
    assert approve(desk, check).username == SUPERVISOR[0], "a supervisor at the desk: the key"
