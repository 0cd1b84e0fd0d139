"""`desk demo`: a complete, throw-away desk in a temporary folder, with no questions asked.

The demo office is Phường Láng, Hà Nội. Its agency codes have the QCVN 102 shape but are
examples, not the real codes of those agencies.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desk_app.private import private_dir

DEMO_OFFICER = ("thu", "motcua2026", "Nguyễn Thị Minh Thư")
"""The demo desk's counter officer: username, password, name (shown on its sign-in screen)."""
DEMO_SUPERVISOR = ("lanhdao", "lanhdao2026", "Phạm Quốc Hưng")
"""The demo office's supervisor, who may also cancel dossiers and read the audit trail."""

_DEMO_HASHES = {
    # Argon2id hashes of the two passwords above, made once: creating a demo desk (and every
    # test desk built from it) then costs no hashing. Their passwords are public by design.
    "thu": "$argon2id$v=19$m=47104,t=4,p=2$rOPODbwxscAOo9ns3spGCg"
    "$afWsPZYb3b/eSey5HHL2C8JWIDHq97OI6QZQ2HvKLWU",
    "lanhdao": "$argon2id$v=19$m=47104,t=4,p=2$RV8oW5OU7Qnl1JPsnooGkA"
    "$N3SJgl4c/35xDw7ZXKZfF6WwuFdMBjvYzAlOVDBZLQc",
}

DEMO_SIGN_IN_HINT = (
    f"Bàn mẫu — cán bộ: {DEMO_OFFICER[0]} / {DEMO_OFFICER[1]} · "
    f"lãnh đạo: {DEMO_SUPERVISOR[0]} / {DEMO_SUPERVISOR[1]}"
)
"""What the demo's sign-in screen shows, so anyone can try the desk without setup."""

DEMO_POPULATION = (2026, 20_000)
"""Seed and size of the synthetic population register the demo's central system answers F3
from (central/population.py): always the same people, none of them real."""

DEMO_REGISTER_PEOPLE = (
    ("092179500837", "Hoàng Mỹ Thảo", "26/09/1979"),
    ("052183728959", "Đỗ Thị Thảo", "26/09/1983"),
    ("048169604915", "Phạm Thu Giang", "19/04/1969"),
)
"""The register's first people (a test keeps this list equal to the register): a requester
typed with these three facts is verified by F3."""

DEMO_REGISTER_HINT = (
    "Thử F3 (xác thực người yêu cầu, ở trang Người yêu cầu): hệ thống trung tâm của bàn mẫu\n"
    "có một cơ sở dữ liệu dân cư giả lập (20.000 người, không ai có thật). Nhập đúng số định\n"
    "danh, họ tên và ngày sinh của một người trong đó, ví dụ:\n"
    + "".join(f"  {number}  {name:<16} {born}\n" for number, name, born in DEMO_REGISTER_PEOPLE)
    + "Người khác (kể cả thẻ quét thử) được báo là không khớp cơ sở dữ liệu."
)
"""What `desk demo --help` (and the README) say about trying F3 in the demo."""

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

[office.agencies.home_affairs]
code = "000.00.05.H26"
name = "Sở Nội vụ thành phố Hà Nội"

[desk]
number = 1

[paths]
database = "desk.sqlite3"
attachments = "attachments"
receipts = "receipts"
scanner_inbox = "scans"

[central]
# `desk demo` starts a central system of its own on this machine and points the desk at it.
url = "http://127.0.0.1:8765"
token_env = "DESK_CENTRAL_TOKEN"
sync_interval = 15
"""


def make_demo(root: Path | None = None) -> Path:
    """Create a demo desk under ``root`` (a new temporary folder if None); return its desk.toml."""
    base = Path(tempfile.mkdtemp(prefix="desk-demo-")) if root is None else root
    private_dir(base)
    for folder in ("attachments", "receipts", "scans"):
        private_dir(base / folder)
    config = base / "desk.toml"
    config.write_text(DEMO_TOML, encoding="utf-8")
    add_demo_officers(base / "desk.sqlite3")
    return config


def add_demo_officers(database: Path) -> None:
    """Create the demo's supervisor and officer in ``database`` unless it has accounts."""
    from desk_app.clock import now
    from desk_app.officers import Role, add, has_accounts
    from desk_app.store import Store

    store = Store.open(database)
    try:
        if has_accounts(store):
            return
        at = now()
        chief = add(
            store,
            DEMO_SUPERVISOR[0],
            DEMO_SUPERVISOR[2],
            Role.SUPERVISOR,
            "",
            by=None,
            at=at,
            password_hash=_DEMO_HASHES[DEMO_SUPERVISOR[0]],
        )
        add(
            store,
            DEMO_OFFICER[0],
            DEMO_OFFICER[2],
            Role.OFFICER,
            "",
            by=chief,
            at=at,
            password_hash=_DEMO_HASHES[DEMO_OFFICER[0]],
        )
    finally:
        store.close()


DEMO_SIMULATION_STEP = 20.0
"""Seconds between two simulated agency decisions: progress shows within a minute or two."""


@contextmanager
def demo_central(folder: Path) -> Iterator[str]:
    """A reference central server for the demo desk, on a free loopback port, while in use.

    It runs on a daemon thread of the desk process (so it dies with it), keeps its database
    and log in the demo folder, and knows the demo desk by a token made up for this run. The
    token and the server's address reach the desk the way a real desk's do, through the
    environment (DESK_CENTRAL_TOKEN, DESK_CENTRAL__URL); both are restored on the way out.
    """
    from central.agencies import Simulation
    from central.app import create_app, now_vn
    from central.server import start_in_thread
    from central.store import CentralStore

    store = CentralStore(folder / "central" / "central.sqlite3")
    token = store.issue_token("000.00.01.H26", 1, now_vn().isoformat())
    app = create_app(
        store,
        Simulation(step_seconds=DEMO_SIMULATION_STEP, supplement_rate=0.1, refuse_rate=0.05),
        population=DEMO_POPULATION,
    )
    server = start_in_thread(app, log_file=folder / "central" / "central.log")
    saved = {name: os.environ.get(name) for name in ("DESK_CENTRAL_TOKEN", "DESK_CENTRAL__URL")}
    os.environ["DESK_CENTRAL_TOKEN"] = token
    os.environ["DESK_CENTRAL__URL"] = server.url
    try:
        yield server.url
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()
        store.close()
