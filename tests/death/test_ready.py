"""A death dossier is ready when the procedures *it* asked for are done, not any combination.

The group allows death + removal on its own, so "two done" is a legal combination; but a
dossier that asked for death + removal + funeral allowance is not ready until the allowance is
decided too. Checked on both paths a lifecycle event takes: one event at a time
(``Store.apply_event``) and central's status updates applied in bulk (``bulk.Journal``, through
``apply_updates``), which must agree.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.errors import IllegalTransition
from desk_app.lifecycle import Event, Status
from desk_app.store import Store
from desk_app.store.records import NewDossier
from desk_app.store.sync_updates import StatusUpdate, apply_updates
from tests.conftest import FIXED_NOW
from tests.death.corpus import good

THREE = "si-funeral-pensioner-bank"  # death + removal + funeral allowance
TWO = {"death": "12/2026", "residence_removal": None}
AT = FIXED_NOW + timedelta(minutes=5)


def received(store: Store, name: str = THREE) -> str:
    """A death dossier from the corpus, received at the counter and accepted by central."""
    dossier = good(name)
    decl = dossier["declarations"]
    code = store.save_dossier(
        NewDossier(
            declarations=dossier,
            requester_name=decl["requester"]["full_name"],
            subject_name=decl["deceased"]["full_name"],
            procedure_group="death_interlink",
        ),
        agency_code="000.00.01.H26",
        desk_number=1,
        officer="A",
        received_at=FIXED_NOW,
    ).code
    for event in (Event.SEND, Event.ACCEPT):
        store.apply_event(code, event, officer="A", at=AT)
    return code


def update(code: str, version: int, progress: dict[str, str | None]) -> StatusUpdate:
    """Central says the dossier is ready with ``progress`` done."""
    return StatusUpdate(
        seq=version,
        code=code,
        version=version,
        event="ready",
        at=AT,
        status=Status.READY,
        progress=progress,
    )


def test_one_event_at_a_time_needs_the_dossier_s_own_procedures(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.sqlite3")
    code = received(store)
    for procedure, reference in TWO.items():
        store.apply_event(
            code, Event.PROGRESS, officer="A", at=AT, procedure=procedure, reference=reference
        )
    with pytest.raises(IllegalTransition) as refused:
        store.apply_event(code, Event.READY, officer="A", at=AT)
    assert "Mai táng phí" in str(refused.value)  # what is still missing, by its label
    with pytest.raises(IllegalTransition) as unasked:  # one it did not ask for cannot be done
        store.apply_event(code, Event.PROGRESS, officer="A", at=AT, procedure="survivor_benefit")
    assert "không đề nghị thủ tục “Trợ cấp tử tuất”" in str(unasked.value)
    assert store.require(code).status is Status.IN_PROGRESS
    store.apply_event(code, Event.PROGRESS, officer="A", at=AT, procedure="funeral_allowance")
    assert store.apply_event(code, Event.READY, officer="A", at=AT).status is Status.READY


def test_central_s_ready_with_two_of_three_done_is_taken_as_central_says(tmp_path: Path) -> None:
    """No chain of lifecycle events leads there (the dossier asked for three procedures), but
    central is the office's memory: the desk shows its state, audited as converged (issue 16)."""
    store = Store.open(tmp_path / "desk.sqlite3")
    code, other = received(store), received(store, "removal-child-head-deceased")

    tally = apply_updates(store, [update(code, 1, TWO), update(other, 1, TWO)], 2)

    assert (tally.applied, tally.converged) == (2, 1)
    assert store.require(other).status is Status.READY  # it asked for those two only
    mine = store.require(code)
    assert mine.status is Status.READY and mine.done == frozenset(TWO)
    assert store.audit_events(code)[-1].action == "sync.converged"

    three = {**TWO, "funeral_allowance": "15/QĐ-BHXH"}
    tally = apply_updates(store, [update(code, 2, three)], 3)
    assert tally.applied == 1
    back = store.require(code)
    assert back.status is Status.READY and back.done == set(three)
