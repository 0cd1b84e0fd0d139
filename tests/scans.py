"""Small, well-formed scans for tests: the desk checks a file's whole structure, not only its
first bytes (desk_app.filekinds), so a test that attaches a "PDF" needs a real one.

``note`` goes inside the file, so different notes give different files (and SHA-256s).
"""

from __future__ import annotations

import io
import struct
import zlib


def pdf(note: str = "scan") -> bytes:
    """A one-page PDF whose info dictionary carries ``note``."""
    text = ("\ufeff" + note).encode("utf-16-be").hex()  # a PDF text string in UTF-16
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Title <" + text.encode("ascii") + b"> >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(note: str = "scan") -> bytes:
    """A 1×1 grey PNG with ``note`` in a tEXt chunk."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"tEXt", b"Comment\x00" + note.encode("utf-8"))
        + _chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + _chunk(b"IEND", b"")
    )


def jpeg(note: str = "scan") -> bytes:
    """An 8×8 grey JPEG with ``note`` as its comment (Pillow comes with reportlab)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (8, 8), 128).save(out, "JPEG", comment=note.encode("utf-8"))
    return out.getvalue()
