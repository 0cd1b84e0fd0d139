"""Handing over a death dossier's results: the audit says which originals were kept, in the
group's own words, with no birth-certificate flag; hand-overs audited before that still read.

The audit chain is hash-linked, so old entries are never rewritten: the audit register (what
`desk audit` prints) reads the old ``birth_certificate_original`` flag and the group-neutral
``originals_handed_in`` list alike.
"""

from __future__ import annotations

from pathlib import Path

from desk_app.audit_register import detail_lines
from desk_app.lifecycle import Event
from desk_app.lookup.actions import HandOver, hand_over
from desk_app.lookup.detail import originals_at_pickup
from desk_app.store import Store
from desk_app.store.audit_chain import verify
from tests.death.test_ready import AT, received

FUNERAL = ("death", "residence_removal", "funeral_allowance")


def test_a_death_dossier_s_hand_over_lists_no_birth_certificate(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.sqlite3")
    code = received(store)
    for procedure in FUNERAL:
        store.apply_event(code, Event.PROGRESS, officer="A", at=AT, procedure=procedure)
    store.apply_event(code, Event.READY, officer="A", at=AT)
    shown = {i.id for i in originals_at_pickup(store.require(code))}
    hand_over(store, code, HandOver("Nguyễn Thị Lan", "001194012345", shown), officer="A", at=AT)

    detail = store.audit_events(code)[-1].detail
    assert "birth_certificate_original" not in detail
    assert detail["originals_handed_in"] == []  # the death notice's original is not kept
    said = "\n".join(detail_lines(detail))
    assert "giấy chứng sinh" not in said.lower()
    assert verify(store.conn).ok


def test_the_register_reads_the_old_flag_and_the_new_list() -> None:
    old = {"from": "ready", "to": "handed_over", "birth_certificate_original": True}
    assert "Đã thu bản chính giấy chứng sinh: có" in list(detail_lines(old))
    new = {"from": "ready", "to": "handed_over", "originals_handed_in": ["Giấy chứng sinh"]}
    assert "Bản chính đã thu (cơ quan giữ): Giấy chứng sinh" in list(detail_lines(new))
