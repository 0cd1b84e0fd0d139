"""`desk demo`: a complete, throw-away desk in a temporary folder, with no questions asked.

The demo office is Phường Láng, Hà Nội. Its agency codes have the QCVN 102 shape but are
examples, not the real codes of those agencies.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

DEMO_TOML = """\
# Bàn mẫu do `desk demo` tạo ra: dữ liệu chỉ để thử, xóa thư mục này là mất.
[office]
name = "Bộ phận Một cửa phường Láng (bàn mẫu)"
province_code = "01"
commune_code = "00187"

[office.agencies.receiving]
code = "000.00.01.H26"
name = "Bộ phận Tiếp nhận và Trả kết quả phường Láng"

[office.agencies.people_committee]
code = "000.00.02.H26"
name = "UBND phường Láng"

[office.agencies.police]
code = "000.00.03.H26"
name = "Công an phường Láng"

[office.agencies.social_insurance]
code = "000.00.04.H26"
name = "Bảo hiểm xã hội cơ sở Đống Đa"

[desk]
number = 1
officer = "Nguyễn Thị Minh Thư"

[paths]
database = "desk.sqlite3"
attachments = "attachments"
receipts = "receipts"
scanner_inbox = "scans"

[central]
url = "http://127.0.0.1:8765"
token_env = "DESK_CENTRAL_TOKEN"
"""


def make_demo(root: Path | None = None) -> Path:
    """Create a demo desk under ``root`` (a new temporary folder if None); return its desk.toml."""
    base = Path(tempfile.mkdtemp(prefix="desk-demo-")) if root is None else root
    base.mkdir(parents=True, exist_ok=True)
    for folder in ("attachments", "receipts", "scans"):
        (base / folder).mkdir(exist_ok=True)
    config = base / "desk.toml"
    config.write_text(DEMO_TOML, encoding="utf-8")
    return config
