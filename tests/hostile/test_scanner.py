"""The scanner's folder as a careless or hostile hand fills it: every file that is not a sound
PDF, JPEG or PNG of its own is refused with a Vietnamese message naming it, and nothing is
stored (no database row, no file in the attachment store, no temporary file left).

The cases are data (corpus/scanner.json): headers followed by an executable, real scans with
something glued on after their end, cut short, with a broken segment or CRC; programs and
archives under a scan's name; links, pipes, folders, sockets; a file over the limit. Beside
them: real scans of every kind are still taken, and the size limit and the link refusal hold
even when the file changes between being looked at and being read.
"""

from __future__ import annotations

import io
import os
import random
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_app.attachfiles import MAX_BYTES, AttachmentRefused, inbox, store_file
from desk_app.desk import Desk
from tests import scans
from tests.conftest import FIXED_NOW
from tests.hostile.desks import assert_vietnamese
from tests.hostile.support import case_id, load_corpus, store_picture

CASES = load_corpus("scanner")


def _content(case: dict[str, Any]) -> bytes:
    base = case.get("base")
    data = bytearray(
        {"pdf": scans.pdf, "png": scans.png, "jpeg": scans.jpeg}[base]("bản quét")
        if base
        else bytes.fromhex(case.get("hex", ""))
    )
    noise = random.Random(case["id"])
    for op, *args in case.get("ops", []):
        if op == "truncate":
            del data[args[0] :]
        elif op == "append_hex":
            data += bytes.fromhex(args[0])
        elif op == "append_random":
            data += noise.randbytes(args[0])
        elif op == "append_text":
            data += args[0].encode()
        elif op == "set_hex":
            patch = bytes.fromhex(args[1])
            data[args[0] : args[0] + len(patch)] = patch
        elif op == "replace_text":
            data = bytearray(bytes(data).replace(args[0].encode(), args[1].encode()))
        elif op == "startxref":
            data = bytearray(re.sub(rb"startxref\n\d+", b"startxref\n%d" % args[0], bytes(data)))
        else:
            raise AssertionError(op)
    return bytes(data)


def _place(case: dict[str, Any], folder: Path, elsewhere: Path) -> Path:
    """Put the case's entry in the scanner's folder; return its path."""
    path = folder / case["name"]
    match case.get("kind", "file"):
        case "file":
            path.write_bytes(_content(case))
        case "sparse_big":
            with path.open("wb") as handle:
                handle.write(scans.pdf("lớn"))
                handle.truncate(MAX_BYTES + 1)
        case "symlink":
            target = elsewhere / "that.pdf"
            target.write_bytes(scans.pdf("ở chỗ khác"))
            path.symlink_to(target)
        case "symlink_system":
            path.symlink_to("/etc/passwd")
        case "dangling":
            path.symlink_to(elsewhere / "khong-co.pdf")
        case "symlink_dir":
            path.symlink_to(elsewhere)
        case "fifo":
            os.mkfifo(path)
        case "directory":
            path.mkdir()
        case "socket":
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            short = Path(os.getcwd())  # AF_UNIX paths are short: bind relative to the folder
            os.chdir(folder)
            try:
                server.bind(case["name"])
            finally:
                os.chdir(short)
            server.close()
        case "missing":
            pass
        case other:
            raise AssertionError(other)
    return path


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.fixture
def folders(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    inbox_folder = tmp_path / "scans"
    elsewhere = tmp_path / "elsewhere"
    inbox_folder.mkdir()
    elsewhere.mkdir()
    yield inbox_folder, elsewhere


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_bad_scan_is_refused_naming_the_file_and_nothing_is_stored(
    case: dict[str, Any], desk: Desk, folders: tuple[Path, Path]
) -> None:
    folder, elsewhere = folders
    root = desk.settings.paths.attachments
    source = _place(case, folder, elsewhere)
    before, files = store_picture(desk.settings.paths.database), _files(root)

    listed = [f.name for f in inbox(folder)]
    assert (case["name"] in listed) == case.get("listed", True)
    with pytest.raises(AttachmentRefused) as refused:
        store_file(source, root, desk.store, at=FIXED_NOW)

    message = refused.value.message
    for expected in case["expect"]:
        assert expected in message, f"{expected!r} not in {message!r}"
    assert_vietnamese(message.replace(case["name"], " "), ignore=(str(folder),))
    assert store_picture(desk.settings.paths.database) == before
    assert _files(root) == files  # not even a temporary file left behind


def _real_scans() -> Iterator[tuple[str, bytes]]:
    from PIL import Image
    from reportlab.pdfgen import canvas

    noisy = Image.frombytes("RGB", (160, 120), random.Random(7).randbytes(160 * 120 * 3))
    for name, fmt, options in (
        ("baseline.jpg", "JPEG", {}),
        ("progressive.jpg", "JPEG", {"progressive": True}),
        ("restart-markers.jpg", "JPEG", {"restart_marker_blocks": 1}),
        ("with-exif.jpg", "JPEG", {"exif": Image.Exif().tobytes()}),
        ("scan.png", "PNG", {}),
        ("pillow.pdf", "PDF", {"save_all": True, "append_images": [noisy]}),
    ):
        out = io.BytesIO()
        noisy.save(out, fmt, **options)
        yield name, out.getvalue()
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 720, "Giấy chứng sinh")
    pdf.save()
    yield "reportlab.pdf", out.getvalue()
    yield "padded.pdf", scans.pdf("đệm") + b"\r\n" + b"\x00" * 500  # a scanner's padding
    yield "tiny.pdf", scans.pdf("nhỏ")
    yield "tiny.png", scans.png("nhỏ")
    yield "tiny.jpg", scans.jpeg("nhỏ")


@pytest.mark.parametrize(("name", "data"), list(_real_scans()), ids=lambda v: str(v)[:20])
def test_real_scans_of_every_kind_are_taken(
    name: str, data: bytes, desk: Desk, folders: tuple[Path, Path]
) -> None:
    folder, _ = folders
    (folder / name).write_bytes(data)
    stored = store_file(folder / name, desk.settings.paths.attachments, desk.store, at=FIXED_NOW)
    assert stored.path.read_bytes() == data and stored.size == len(data)


def test_the_size_limit_holds_while_copying_a_file_that_grew(
    desk: Desk, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scanner is still writing: the size looked at is small, the file read is not."""
    folder, _ = folders
    growing = folder / "dang-quet.pdf"
    with growing.open("wb") as handle:
        handle.write(scans.pdf("đang quét"))
        handle.truncate(MAX_BYTES + 4096)
    real_lstat = os.lstat

    def small(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        info = real_lstat(path, *args, **kwargs)
        fields = list(info)
        fields[6] = 1000  # st_size when the folder was looked at
        return os.stat_result(fields)

    monkeypatch.setattr("desk_app.attachfiles.os.lstat", small)
    read = []
    real_fdopen = os.fdopen

    def counted(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)
        real_read = handle.read
        handle.read = lambda size=-1: read.append(len(got := real_read(size))) or got
        return handle

    monkeypatch.setattr("desk_app.attachfiles.os.fdopen", counted)
    root = desk.settings.paths.attachments
    before = store_picture(desk.settings.paths.database)
    with pytest.raises(AttachmentRefused, match=r"dang-quet\.pdf lớn quá giới hạn 20 MB"):
        store_file(growing, root, desk.store, at=FIXED_NOW)
    assert sum(read) <= MAX_BYTES + 1  # never more than the limit read, whatever the size
    assert store_picture(desk.settings.paths.database) == before and _files(root) == []


def test_a_file_swapped_for_a_link_after_being_looked_at_is_refused(
    desk: Desk, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, elsewhere = folders
    decoy = folder / "that.pdf"
    decoy.write_bytes(scans.pdf("thật"))
    swapped = folder / "doi.pdf"
    (elsewhere / "secret.pdf").write_bytes(scans.pdf("bí mật"))
    swapped.symlink_to(elsewhere / "secret.pdf")
    real_lstat = os.lstat

    def looked_before_swap(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return real_lstat(decoy if Path(path) == swapped else path, *args, **kwargs)

    monkeypatch.setattr("desk_app.attachfiles.os.lstat", looked_before_swap)
    with pytest.raises(AttachmentRefused, match=r"doi\.pdf là một liên kết"):
        store_file(swapped, desk.settings.paths.attachments, desk.store, at=FIXED_NOW)


def test_a_file_replaced_after_being_looked_at_is_refused(
    desk: Desk, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = folders
    first, second = folder / "a.pdf", folder / "b.pdf"
    first.write_bytes(scans.pdf("a"))
    second.write_bytes(scans.pdf("b"))
    real_lstat = os.lstat
    monkeypatch.setattr(
        "desk_app.attachfiles.os.lstat",
        lambda path, *a, **k: real_lstat(first if Path(path) == second else path, *a, **k),
    )
    with pytest.raises(AttachmentRefused, match=r"b\.pdf bị thay đổi trong lúc đọc"):
        store_file(second, desk.settings.paths.attachments, desk.store, at=FIXED_NOW)


def test_an_unreadable_scanner_folder_lists_nothing_instead_of_failing(tmp_path: Path) -> None:
    regular = tmp_path / "not-a-folder"
    regular.write_bytes(b"x")
    assert inbox(regular) == [] and inbox(tmp_path / "absent") == []
