"""Rejected → corrected → resent → accepted, against the real reference central on loopback.

Central sends a dossier back when one of its scans never reached it (the file was lost on this
desk's disk after it was attached). The officer puts the file back, corrects a typo found
meanwhile and resends from the dossier: central takes the corrected content, not the old one.
"""

from __future__ import annotations

import json
from pathlib import Path

from desk_app.attachfiles import store_file
from desk_app.corrections import correct
from desk_app.desk import Desk
from desk_app.lifecycle import Status
from desk_app.sync import RetryPolicy, sync_once
from tests.conftest import FIXED_NOW
from tests.corrections.conftest import good, with_change
from tests.scans import pdf as pdf_scan
from tests.sync.conftest import TOKEN_ENV, for_central, outbox_size, start_central

QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)


def test_a_rejected_dossier_corrected_and_resent_is_accepted_with_its_new_content(
    tmp_path: Path, counter: Desk
) -> None:
    central = start_central(tmp_path)
    try:
        settings = for_central(counter.settings, central.url)
        env = {TOKEN_ENV: central.token}
        scan = tmp_path / "gcs.pdf"
        scan.write_bytes(pdf_scan("giay chung sinh"))
        stored = store_file(scan, settings.paths.attachments, counter.store, at=FIXED_NOW)
        data = good()
        [entry] = [
            i
            for i in data["declarations"]["attachments"]["items"]
            if i["item"] == "birth_certificate"
        ]
        entry["files"] = [stored.sha256]
        row, _ = counter.receive_dossier(data)
        stored.path.unlink()  # lost on this desk's disk before it was sent

        sync_once(counter.store, settings, env=env, policy=QUICK)
        rejected = counter.store.require(row.code)
        assert rejected.status is Status.REJECTED
        assert "birth_certificate" in (rejected.status_reason or "")
        assert row.code not in central.dossiers()

        stored.path.write_bytes(scan.read_bytes())  # put back from the scanner's copy
        fixed = correct(
            counter.store,
            row.code,
            with_change(rejected, "child.full_name", "Trần Minh Khoa"),
            "Sửa tên trẻ theo giấy chứng sinh",
            officer=counter.officer,
            at=counter.clock(),
        )
        assert fixed.status is Status.RECEIVED

        report = sync_once(counter.store, settings, env=env, policy=QUICK)
        assert report.ok and outbox_size(counter.store) == 0
        accepted = counter.store.require(row.code)
        assert accepted.status is Status.ACCEPTED and accepted.central_id
        held = central.dossiers()
        assert held[row.code][0] == fixed.content_hash != row.content_hash
        [(declarations,)] = central.rows(
            f"SELECT declarations FROM dossiers WHERE code = '{row.code}'"
        )
        names = json.loads(str(declarations))["declarations"]["child"]["full_name"]
        assert names == "Trần Minh Khoa"
        actions = [e.action for e in counter.store.audit_events(row.code)]
        assert actions[-4:] == ["correct", "resubmit", "send", "accept"]
    finally:
        central.stop()
