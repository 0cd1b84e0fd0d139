"""Is this file really the PDF, JPEG or PNG its first bytes claim? Small structural checks.

A scan is recognised by its first bytes, but anything can start with ``%PDF-``: an executable
behind a PDF header would be stored, shipped to central and opened by someone there. So a
file must also have the skeleton of its kind (no image library is needed for that, and none
is a dependency of the desk):

- PDF: a ``%PDF-x.y`` header, and at its end ``startxref`` with an offset that points at the
  cross-reference table (``xref``) or stream (``N G obj``), then ``%%EOF``;
- JPEG: SOI (FFD8), a chain of well-formed segments each with its length, a frame header
  (SOFn) and a scan (SOS), and EOI (FFD9) at the end;
- PNG: the signature, an IHDR chunk first, every chunk's CRC right, IEND last.

A few bytes of padding after the end marker are tolerated (some scanners add them); a second
file glued on after the end is not. The checks read bytes already in memory and never run
anything the file says.
"""

from __future__ import annotations

import re
import struct
import zlib
from typing import Final

KINDS: Final = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
"""First bytes, media type and extension of every kind of scan the desk takes."""

SLACK: Final = 1024
"""Bytes tolerated after a file's end marker (padding, a newline, a scanner's trailer)."""

NAMES: Final = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def sniff(head: bytes) -> tuple[str, str] | None:
    """The media type and extension a file claims by its first bytes, if it is one we take."""
    for magic, media_type, ext in KINDS:
        if head.startswith(magic):
            return media_type, ext
    return None


def defect(data: bytes, media_type: str) -> str | None:
    """What is wrong with ``data`` as a ``media_type`` file (Vietnamese), or None if sound."""
    check = {"application/pdf": _pdf, "image/jpeg": _jpeg, "image/png": _png}[media_type]
    return check(data)


_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
_STARTXREF = re.compile(rb"startxref\s+([0-9]{1,12})\s+%%EOF")
_XREF_AT = re.compile(rb"\s*(?:xref|[0-9]{1,10}\s+[0-9]{1,5}\s+obj)\b")


def _pdf(data: bytes) -> str | None:
    if not _PDF_HEADER.match(data):
        return "phần đầu không đúng dạng %PDF-1.x"
    tail_start = max(0, len(data) - SLACK - 64)
    ends = list(_STARTXREF.finditer(data, tail_start))
    if not ends:
        return "không có phần kết của PDF (startxref … %%EOF), tệp bị cắt dở hoặc không phải PDF"
    last = ends[-1]
    if len(data) - last.end() > SLACK:
        return "có dữ liệu lạ nối sau phần kết của PDF"
    offset = int(last[1])
    if offset >= last.start() or not _XREF_AT.match(data, offset):
        return "bảng tham chiếu của PDF (xref) không nằm ở chỗ phần kết chỉ tới"
    return None


# Markers with no length field: TEM and RST0–7 (the latter inside scans only).
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_SOF = {*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC}
_EOI = 0xD9
_SOS = 0xDA


def _jpeg(data: bytes) -> str | None:
    pos, frame, scan = 2, False, False
    while pos + 2 <= len(data):
        if data[pos] != 0xFF:
            return f"cấu trúc JPEG hỏng ở byte {pos}"
        marker = data[pos + 1]
        if marker == 0xFF:  # a fill byte before a marker
            pos += 1
            continue
        if marker == _EOI:
            if not (frame and scan):
                return "thiếu phần khung hoặc phần dữ liệu ảnh của JPEG"
            if len(data) - (pos + 2) > SLACK:
                return "có dữ liệu lạ nối sau dấu kết thúc ảnh JPEG (FFD9)"
            return None
        if marker in _STANDALONE:
            pos += 2
            continue
        if pos + 4 > len(data):
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2 or pos + 2 + length > len(data):
            return f"đoạn JPEG ở byte {pos} có độ dài sai"
        frame = frame or marker in _SOF
        pos += 2 + length
        if marker == _SOS:  # entropy-coded data runs to the next marker that is not RSTn
            scan = True
            pos = _after_scan(data, pos)
    return "không có dấu kết thúc ảnh JPEG (FFD9), tệp bị cắt dở"


def _after_scan(data: bytes, pos: int) -> int:
    """Where the entropy-coded data that starts at ``pos`` ends: at the next marker (FF then
    neither 00, a stuffed zero, nor D0–D7, a restart), or at the end of the data."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos


def _png(data: bytes) -> str | None:
    pos, first, pixels = 8, True, False
    while pos + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if pos + 12 + length > len(data):
            return f"đoạn PNG {_name(kind)} bị cắt dở"
        body = data[pos + 4 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(body) != crc:
            return f"mã kiểm tra (CRC) của đoạn PNG {_name(kind)} sai, tệp đã bị sửa hoặc hỏng"
        if first and (kind != b"IHDR" or length != 13):
            return "thiếu phần đầu IHDR của ảnh PNG"
        first, pixels = False, pixels or kind == b"IDAT"
        pos += 12 + length
        if kind == b"IEND":
            if len(data) - pos > SLACK:
                return "có dữ liệu lạ nối sau phần kết của ảnh PNG (IEND)"
            return None if pixels else "ảnh PNG không có dữ liệu ảnh (IDAT)"
    return "không có phần kết IEND của ảnh PNG, tệp bị cắt dở"


def _name(kind: bytes) -> str:
    return kind.decode("ascii", "replace") if kind.isalpha() else "?"
