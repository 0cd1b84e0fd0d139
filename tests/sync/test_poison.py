"""One dossier central will never take does not stop the others: it is set aside, said why.

Against the real reference central: a dossier refused as a whole request (a field central
finds invalid, a body too large), one with more scans than central takes, one whose scan
changed on this disk. Each is set aside with a Vietnamese reason and what to do, every other
dossier reaches central, the officer sees it (footer, `desk sync`), and it can be sent again
once fixed; a set-aside dossier cancelled at the counter leaves the outbox for good.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.attachfiles import store_file
from desk_app.errors import DeskError
from desk_app.lifecycle import Event, Status
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.store.sync_held import held, held_of, release
from desk_app.sync import RetryPolicy, footer_line, read_state, summary, sync_once
from forms.limits import MAX_FILES_PER_DOSSIER
from tests.conftest import FIXED_NOW, sample_dossier
from tests.scans import pdf
from tests.sync.conftest import OFFICE, TOKEN_ENV, Central, for_central, outbox_size, receive

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""
QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)
LATER = datetime(2026, 11, 24, 10, 0, tzinfo=FIXED_NOW.tzinfo)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.paths.database)
    yield opened
    opened.close()


def scans(tmp_path: Path, store: Store, root: Path, count: int, tag: str) -> list[str]:
    """``count`` distinct real scans stored in the attachment store; their hashes."""
    hashes = []
    for i in range(count):
        source = tmp_path / f"{tag}-{i}.pdf"
        source.write_bytes(pdf(f"{tag} {i}"))
        hashes.append(store_file(source, root, store, at=FIXED_NOW).sha256)
    return hashes


def receive_with(store: Store, files: list[tuple[str, str, bool]], child: str) -> str:
    """A dossier saved through the store with these (item, sha256, sighted) files."""
    new = replace(sample_dossier(child=child), files=files)
    return store.save_dossier(
        new, agency_code=OFFICE, desk_number=1, officer="Nguyễn Thị Minh Thư", received_at=FIXED_NOW
    ).code


def round_(store: Store, settings: Settings, central: Central):  # type: ignore[no-untyped-def]
    return sync_once(
        store,
        for_central(settings, central.url, batch_size=10),
        env={TOKEN_ENV: central.token},
        policy=QUICK,
    )


def test_a_dossier_central_refuses_alone_is_set_aside_and_every_other_one_arrives(
    tmp_path: Path, central: Central, settings: Settings, store: Store
) -> None:
    before = receive(store, 4)
    # Central takes checklist item ids of at most 100 characters: this dossier's whole batch is
    # refused (422), today at every round, taking every later dossier down with it.
    [sha] = scans(tmp_path, store, settings.paths.attachments, 1, "poison")
    poison = receive_with(store, [("x" * 101, sha, False)], "Bé Lỗi")
    after = receive(store, 4, start=10)

    report = round_(store, settings, central)

    assert report.ok, report.error
    assert set(central.dossiers()) == set(before + after)  # everyone else got through
    assert report.set_aside == [poison]
    assert [code for code, _ in report.held] == [poison]
    reason = report.held[0][1]
    assert "Hệ thống trung tâm từ chối nhận hồ sơ này (HTTP 422" in reason
    assert "Gửi lại" in reason and "bộ phận kỹ thuật" in reason
    assert store.require(poison).status is Status.RECEIVED  # not sent, not "rejected"
    assert outbox_size(store) == 1
    state = read_state(store)
    assert (state.waiting, state.held) == (0, 1)
    assert "Tạm giữ: 1" in footer_line(state, running=False, now=FIXED_NOW)
    printed = summary(report, central.url)
    assert f"Tạm giữ, chưa gửi: 1 hồ sơ — cần cán bộ xử lý:\n    {poison}: " in printed
    assert [e.action for e in store.audit_events(poison)] == ["receive", "sync.held"]

    # The next round does not try it again, and the counter goes on.
    more = receive(store, 2, start=20)
    again = round_(store, settings, central)
    assert again.ok and again.set_aside == [] and set(central.dossiers()) >= set(more)

    # Released without a fix, it is refused alone again and set aside again (audited twice).
    release(store, poison, officer="Phạm Quốc Hưng", at=LATER)
    assert held_of(store, poison) is None and read_state(store).waiting == 1
    third = round_(store, settings, central)
    assert third.ok and third.set_aside == [poison]
    actions = [e.action for e in store.audit_events(poison)]
    assert actions == ["receive", "sync.held", "sync.released", "sync.held"]

    # Cancelled at the counter, it leaves the outbox for good: nothing is waiting any more.
    store.apply_event(poison, Event.CANCEL, officer="Phạm Quốc Hưng", at=LATER, reason="rút")
    last = round_(store, settings, central)
    assert last.ok and last.held == [] and outbox_size(store) == 0
    assert store.audit_events(poison)[-1].action == "sync.dropped"
    assert poison not in central.dossiers()


def test_too_many_scans_is_set_aside_before_sending_with_what_to_do(
    tmp_path: Path, central: Central, settings: Settings, store: Store
) -> None:
    files = scans(tmp_path, store, settings.paths.attachments, MAX_FILES_PER_DOSSIER + 1, "p")
    # Received before the counter enforced the limit (forms allowed 50 per item).
    linked = [("birth_certificate", sha, False) for sha in files[:25]]
    linked += [("ct01", sha, False) for sha in files[25:]]
    heavy = receive_with(store, linked, "Bé Nhiều Trang")
    others = receive(store, 3)

    report = round_(store, settings, central)

    assert report.ok and set(central.dossiers()) == set(others)
    [(code, reason)] = report.held
    assert code == heavy
    assert (
        f"Hồ sơ có {MAX_FILES_PER_DOSSIER + 1} tệp quét, quá {MAX_FILES_PER_DOSSIER} tệp" in reason
    )
    assert "hủy hồ sơ này và tiếp nhận lại" in reason
    # Not one of its scans was uploaded: it never left the desk.
    assert not any(central.store.files.root.rglob(files[0]))


def test_a_scan_changed_on_disk_sets_its_dossier_aside_until_it_is_restored(
    tmp_path: Path, central: Central, settings: Settings, store: Store
) -> None:
    [good, bad] = scans(tmp_path, store, settings.paths.attachments, 2, "scan")
    fine = receive_with(store, [("birth_certificate", good, True)], "Bé Một")
    damaged = receive_with(store, [("birth_certificate", bad, True)], "Bé Hai")
    [path] = settings.paths.attachments.rglob(f"{bad}.*")
    original = path.read_bytes()
    path.write_bytes(original[:-10] + b"0000000000")  # a disk fault, a careless tool

    report = round_(store, settings, central)

    assert report.ok and set(central.dossiers()) == {fine}
    [(code, reason)] = report.held
    assert code == damaged
    assert reason.startswith("Tệp quét của giấy tờ “Giấy chứng sinh (")
    assert "đã bị thay đổi hoặc hỏng trên máy này" in reason and "Gửi lại" in reason
    assert not any(central.store.files.root.rglob(bad))  # a damaged file is never uploaded

    # The file is restored from a backup; the officer sends the dossier again.
    path.write_bytes(original)
    release(store, damaged, officer="Nguyễn Thị Minh Thư", at=LATER)
    again = round_(store, settings, central)
    assert again.ok and again.held == [] and set(central.dossiers()) == {fine, damaged}
    assert store.require(damaged).status is Status.ACCEPTED


def test_a_body_too_large_for_central_sets_only_its_dossier_aside(
    tmp_path: Path,
    central: Central,
    settings: Settings,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A small limit stands for central's 32 MiB: the batch of eleven passes it only split up,
    # and the one dossier bigger than it on its own is set aside.
    monkeypatch.setattr("central.app.MAX_BODY_BYTES", 12_000)
    codes = receive(store, 10)
    big = sample_dossier(child="Bé Lớn")
    declarations = dict(big.declarations)
    declarations["note"] = "ghi chú " * 2_000
    huge = store.save_dossier(
        replace(big, declarations=declarations),
        agency_code=OFFICE,
        desk_number=1,
        officer="Nguyễn Thị Minh Thư",
        received_at=FIXED_NOW,
    ).code

    report = round_(store, settings, central)

    assert report.ok and set(central.dossiers()) == set(codes)
    [(code, reason)] = report.held
    assert code == huge and "HTTP 413" in reason and "quá lớn" in reason


def test_only_a_supervisor_releases_a_dossier_held_for_tampering(
    central: Central, settings: Settings, store: Store
) -> None:
    from desk_app.desk import Desk
    from desk_app.sync.held import WHAT_RELEASE_TAMPERED, retry_held, retry_refusal
    from tests.conftest import signed_in

    [code] = receive(store, 1)
    store.conn.execute(
        "UPDATE dossier_content SET declarations = json_set(declarations, '$.note', 'sửa') "
        "WHERE dossier_id = (SELECT id FROM dossiers WHERE code = ?)",
        (code,),
    )
    assert round_(store, settings, central).held[0][0] == code
    desk = signed_in(Desk(settings, store, clock=lambda: LATER))
    assert WHAT_RELEASE_TAMPERED in (retry_refusal(desk, code) or "")
    with pytest.raises(DeskError):
        retry_held(desk, code)
    assert held_of(store, code) is not None  # still held: nothing changed
    chief = signed_in(Desk(settings, store, clock=lambda: LATER), "lanhdao")
    assert retry_refusal(chief, code) is None
    retry_held(chief, code)
    # The next round checks again from scratch: still tampered, so held again.
    assert round_(store, settings, central).held[0][0] == code
    assert code not in central.dossiers()
    assert [h.code for h in held(store)] == [code]


def test_the_counter_refuses_more_scans_than_central_takes_before_saving(
    settings: Settings, store: Store
) -> None:
    import central.protocol
    from desk_app.desk import Desk
    from desk_app.dossier import DossierRejected
    from tests.conftest import signed_in
    from tests.hostile.support import store_picture
    from tests.lookup.conftest import good

    # One number on both sides: what the counter allows is what central takes.
    assert central.protocol.MAX_ATTACHMENTS == MAX_FILES_PER_DOSSIER
    schema = central.protocol.DossierIn.model_json_schema()
    assert schema["properties"]["attachments"]["maxItems"] == MAX_FILES_PER_DOSSIER

    data = good()
    items = data["declarations"]["attachments"]["items"]
    items[0]["files"] = [f"{i:064x}" for i in range(30)]  # each item within its own limit
    items[1]["files"] = [f"{i + 100:064x}" for i in range(21)]
    desk = signed_in(Desk(settings, store, clock=lambda: FIXED_NOW))
    before = store_picture(settings.paths.database)
    with pytest.raises(DossierRejected) as refused:
        desk.receive_dossier(data)
    [error] = refused.value.errors
    assert error.label == "Danh sách giấy tờ"  # the attachments step names the field
    assert "có 51 tệp quét, quá 50 tệp mỗi hồ sơ mà hệ thống trung tâm nhận" in error.message
    assert store_picture(settings.paths.database) == before
