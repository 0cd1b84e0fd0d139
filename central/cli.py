"""`desk central` (also `python -m central`): run the reference central server, issue tokens.

Only argparse at import time: `desk --help` builds this parser without loading the server.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_PORT = 8765
OFFICE_DESK = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})/([1-9])$")


def default_db() -> Path:
    """central.sqlite3 in the user's data folder, beside a desk's own database."""
    import platformdirs

    return Path(platformdirs.user_data_dir("desk", appauthor=False)) / "central.sqlite3"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `desk central`."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"cổng (mặc định {DEFAULT_PORT}; 0: tự chọn)"
    )
    parser.add_argument("--db", type=Path, help="tệp SQLite của hệ thống trung tâm mẫu")
    parser.add_argument("--certfile", type=Path, help="chứng chỉ TLS (PEM): phục vụ qua https")
    parser.add_argument("--keyfile", type=Path, help="khóa riêng của chứng chỉ TLS (PEM)")
    parser.add_argument(
        "--issue-token",
        metavar="MÃ_CƠ_QUAN/SỐ_BÀN",
        help="cấp token mới cho một bàn (vd 000.00.01.H26/1), in ra một lần duy nhất rồi thoát",
    )
    parser.add_argument(
        "--sample-people",
        type=int,
        metavar="N",
        help="in N người đầu tiên của sổ dân cư mô phỏng (để thử xác thực) rồi thoát",
    )
    sim = parser.add_argument_group("mô phỏng ba cơ quan giải quyết")
    sim.add_argument("--seed", type=int, default=2026, help="hạt giống: cùng hạt, cùng kết quả")
    sim.add_argument("--population", type=int, default=20_000, help="số người trong sổ dân cư")
    sim.add_argument(
        "--step-seconds", type=float, default=30.0, help="thời gian trung bình giữa hai bước (giây)"
    )
    sim.add_argument("--supplement-rate", type=float, default=0.05, help="tỷ lệ yêu cầu bổ sung")
    sim.add_argument("--refuse-rate", type=float, default=0.02, help="tỷ lệ từ chối giải quyết")
    sim.add_argument(
        "--no-simulation", action="store_true", help="không chuyển trạng thái hồ sơ nào"
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of `python -m central`."""
    parser = argparse.ArgumentParser(
        prog="desk central", description="Hệ thống trung tâm mẫu cho việc đồng bộ của bàn."
    )
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Do what the options ask; return the exit status."""
    from central.agencies import Simulation
    from central.app import create_app, now_vn
    from central.population import people
    from central.server import serve
    from central.store import CentralStore

    if (args.certfile is None) != (args.keyfile is None):
        print("desk central: cần cả --certfile và --keyfile để chạy https.", file=sys.stderr)
        return 2
    for rate in (args.supplement_rate, args.refuse_rate):
        if not 0 <= rate <= 1:
            print("desk central: tỷ lệ phải nằm trong khoảng 0–1.", file=sys.stderr)
            return 2
    if args.sample_people:
        for p in people(args.seed, min(args.sample_people, args.population)):
            print(f"{p.personal_id}\t{p.full_name}\t{p.date_of_birth.isoformat()}\t{p.sex}")
        return 0
    store = CentralStore(args.db or default_db())
    try:
        if args.issue_token:
            match = OFFICE_DESK.fullmatch(args.issue_token)
            if match is None:
                print(
                    "desk central: --issue-token cần dạng MÃ_CƠ_QUAN/SỐ_BÀN, vd 000.00.01.H26/1.",
                    file=sys.stderr,
                )
                return 2
            token = store.issue_token(match[1], int(match[2]), now_vn().isoformat())
            print(token)
            return 0
        simulation = (
            None
            if args.no_simulation
            else Simulation(
                seed=args.seed,
                step_seconds=args.step_seconds,
                supplement_rate=args.supplement_rate,
                refuse_rate=args.refuse_rate,
            )
        )
        app = create_app(store, simulation, population=(args.seed, args.population))
        serve(
            app, args.host, args.port, tls=(args.certfile, args.keyfile) if args.certfile else None
        )
        return 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m central`."""
    return run(build_parser().parse_args(argv))
