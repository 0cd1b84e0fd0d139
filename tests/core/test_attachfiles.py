"""Scanned files: sniffed by content, size-limited, stored once by hash, linked on save."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from desk_app.attachfiles import MAX_BYTES, AttachmentRefused, inbox, store_file
from desk_app.desk import Desk
from desk_app.dossier import DossierRejected
from tests import scans
from tests.conftest import FIXED_NOW

GOOD = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "good_dossiers.json").read_text("utf-8")
)
PDF = scans.pdf("giấy chứng sinh")
PNG = scans.png("tờ khai CT01")


def dossier() -> dict[str, Any]:
    return copy.deepcopy(GOOD[0]["dossier"])


def test_inbox_lists_newest_first(tmp_path: Path) -> None:
    for age, name in enumerate(["new.pdf", "older.png", "oldest.jpg"]):
        path = tmp_path / name
        path.write_bytes(PDF)
        os.utime(path, (1_700_000_000 - age * 60, 1_700_000_000 - age * 60))
    (tmp_path / ".hidden").write_bytes(PDF)
    assert [f.name for f in inbox(tmp_path)] == ["new.pdf", "older.png", "oldest.jpg"]
    assert inbox(tmp_path / "absent") == []


def test_files_are_sniffed_by_content_not_name(desk: Desk, tmp_path: Path) -> None:
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(AttachmentRefused, match="không phải PDF, JPEG hay PNG"):
        store_file(fake, tmp_path / "store", desk.store, at=FIXED_NOW)
    png = tmp_path / "scan.dat"
    png.write_bytes(PNG)
    stored = store_file(png, tmp_path / "store", desk.store, at=FIXED_NOW)
    assert stored.media_type == "image/png" and stored.path.suffix == ".png"


def test_oversized_file_is_refused(desk: Desk, tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(AttachmentRefused, match="quá giới hạn"):
        store_file(big, tmp_path / "store", desk.store, at=FIXED_NOW)
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").rglob("*.pdf"))


def test_same_scan_is_stored_once_and_linked_on_save(desk: Desk, tmp_path: Path) -> None:
    scan = tmp_path / "gcs.pdf"
    scan.write_bytes(PDF)
    root = desk.settings.paths.attachments
    first = store_file(scan, root, desk.store, at=FIXED_NOW)
    again = store_file(scan, root, desk.store, at=FIXED_NOW)
    assert first == again and first.path.read_bytes() == PDF
    assert len(list(root.rglob("*.pdf"))) == 1
    data = dossier()
    data["declarations"]["attachments"]["items"][0]["files"] = [first.sha256]
    saved, _ = desk.receive_dossier(data)
    linked = desk.store.conn.execute(
        "SELECT item, sha256 FROM dossier_attachments WHERE dossier_id = ?", (saved.id,)
    ).fetchall()
    assert linked == [("birth_certificate", first.sha256)]


def test_a_file_not_in_the_store_is_refused_at_save(desk: Desk) -> None:
    data = dossier()
    data["declarations"]["attachments"]["items"][0]["files"] = ["ab" * 32]
    with pytest.raises(DossierRejected, match="tệp đính kèm chưa có trong kho"):
        desk.receive_dossier(data)
    assert desk.counts().today == 0
