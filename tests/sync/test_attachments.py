"""Scanned documents travel with their dossier: uploaded once by hash, or the dossier flagged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desk_app.attachfiles import store_file
from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import RetryPolicy, sync_once
from tests.conftest import FIXED_NOW, sample_dossier
from tests.scans import pdf as pdf_scan
from tests.scans import png as png_scan
from tests.sync.conftest import OFFICE, TOKEN_ENV, Central, for_central, outbox_size

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""

QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)


def test_scans_are_uploaded_once_and_a_missing_one_flags_its_dossier(
    tmp_path: Path, central: Central, settings: Settings
) -> None:
    store = Store.open(settings.paths.database)
    root = settings.paths.attachments
    scans = []
    for name, body in (
        ("gcs.pdf", pdf_scan("giay chung sinh")),
        ("ct01.png", png_scan("CT01")),
    ):
        (tmp_path / name).write_bytes(body)
        scans.append(store_file(tmp_path / name, root, store, at=FIXED_NOW).sha256)
    (tmp_path / "lost.pdf").write_bytes(pdf_scan("a scan whose file was lost"))
    lost = store_file(tmp_path / "lost.pdf", root, store, at=FIXED_NOW)
    lost.path.unlink()  # the disk of this desk lost it after it was attached
    files = (("birth_certificate", scans[0], True), ("ct01", scans[1], False))
    codes = []
    for i, linked in enumerate((files, files[:1], (("birth_certificate", lost.sha256, True),))):
        new = replace(sample_dossier(child=f"Bé {i}"), files=linked)
        codes.append(
            store.save_dossier(
                new, agency_code=OFFICE, desk_number=1, officer="A", received_at=FIXED_NOW
            ).code
        )
    try:
        report = sync_once(
            store, for_central(settings, central.url), env={TOKEN_ENV: central.token}, policy=QUICK
        )
        assert report.ok and outbox_size(store) == 0
        assert [store.require(c).status for c in codes] == [
            Status.ACCEPTED,
            Status.ACCEPTED,
            Status.REJECTED,
        ]
        assert "birth_certificate" in (store.require(codes[2]).status_reason or "")
        # Each file is on central once, byte for byte, though two dossiers list the first.
        for sha, name in zip(scans, ("gcs.pdf", "ct01.png"), strict=True):
            [held] = list(central.store.files.root.rglob(sha))
            assert held.read_bytes() == (tmp_path / name).read_bytes()
    finally:
        store.close()
