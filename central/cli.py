"""`desk central` (also `python -m central`): run the reference central server, manage tokens.

Only argparse at import time: `desk --help` builds this parser without loading the server.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from central.store import CentralStore

DEFAULT_PORT = 8765
OFFICE_DESK = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})/([1-9])$", re.ASCII)
TOKEN_ID = re.compile(r"^[0-9]{1,9}$")
ROLE_OFFICE = re.compile(
    r"^([a-z][a-z0-9_]{0,39})(?:@(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}))?$", re.ASCII
)

TEXT = {
    "tls_pair": "desk central: cần cả --certfile và --keyfile để chạy https.",
    "rate": "desk central: tỷ lệ phải nằm trong khoảng 0–1.",
    "office_desk": ("desk central: {option} cần dạng MÃ_CƠ_QUAN/SỐ_BÀN, vd 000.00.01.H26/1{more}."),
    "or_id": " (hoặc số thứ tự token trong --list-tokens)",
    "revoked": "Đã thu hồi {count} token ({what}); từ giờ token đó bị từ chối (401).",
    "nothing_revoked": "desk central: không có token còn hiệu lực nào khớp {what}.",
    "no_tokens": "Chưa cấp token nào.",
    "agency_header": ("số\tcơ quan (vai trò@đơn vị)\tcấp lúc\ttrạng thái\tdấu vân tay (sha-256)"),
    "every_office": "mọi đơn vị",
    "issued": (
        "Đã cấp token cho {which} và lưu vào cơ sở dữ liệu {target}; hệ thống trung tâm phải "
        "chạy trên chính cơ sở dữ liệu này (--db) thì token mới dùng được."
    ),
    "header": "số\tđơn vị/bàn\tcấp lúc\ttrạng thái\tdấu vân tay (sha-256)",
    "active": "còn hiệu lực",
    "revoked_state": "đã thu hồi",
    "stopped": "Đã dừng hệ thống trung tâm mẫu.",
    "integer": "phải là số nguyên từ {low} đến {high}",
    "number": "phải là số từ {low} đến {high}",
    "no_desks": "Chưa có bàn nào được cấp token hay liên lạc.",
    "desks_header": (
        "đơn vị/bàn\ttoken còn hiệu lực\tliên lạc lần cuối\thồ sơ chờ gửi\thồ sơ tạm giữ"
    ),
    "never": "chưa liên lạc",
    "db_unreachable": (
        "desk central: không kết nối được cơ sở dữ liệu {target} ({why}); kiểm tra địa chỉ, "
        "tài khoản và máy chủ PostgreSQL."
    ),
    "db_unopenable": "desk central: không mở được tệp cơ sở dữ liệu {target} ({why}).",
    "schema_newer": (
        "desk central: cơ sở dữ liệu {target} đã được một phiên bản mới hơn nâng cấp "
        "(lược đồ số {found}, bản này chỉ biết đến số {known}); hãy dùng phiên bản mới."
    ),
    "no_driver": (
        "desk central: thiếu thư viện psycopg để dùng PostgreSQL; cài lại gói desk "
        "(pip install desk)."
    ),
}


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer in [low, high], refused in Vietnamese otherwise."""

    def parse(raw: str) -> int:
        text = raw.strip()
        if not (text.lstrip("-").isascii() and text.lstrip("-").isdigit()) or len(text) > 20:
            raise argparse.ArgumentTypeError(TEXT["integer"].format(low=low, high=high))
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(TEXT["integer"].format(low=low, high=high))
        return value

    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number in [low, high], refused in Vietnamese otherwise."""

    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(TEXT["number"].format(low=low, high=high))
        return value

    return parse


def default_db() -> Path:
    """central.sqlite3 in the user's data folder, beside a desk's own database."""
    import platformdirs

    return Path(platformdirs.user_data_dir("desk", appauthor=False)) / "central.sqlite3"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `desk central`."""
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ĐỊA_CHỈ",
        help="địa chỉ lắng nghe (mặc định 127.0.0.1)",
    )
    parser.add_argument(
        "--port",
        type=bounded_int(0, 65535),
        default=DEFAULT_PORT,
        metavar="CỔNG",
        help=f"cổng (mặc định {DEFAULT_PORT}; 0: tự chọn)",
    )
    parser.add_argument(
        "--db",
        metavar="TỆP|URL",
        help="tệp SQLite của hệ thống trung tâm mẫu (mặc định), hoặc cơ sở dữ liệu PostgreSQL "
        "dạng postgresql://TÀI_KHOẢN@MÁY:CỔNG/TÊN_CSDL",
    )
    parser.add_argument(
        "--files",
        type=Path,
        metavar="THƯ_MỤC",
        help="thư mục lưu tệp đính kèm (mặc định: cạnh tệp SQLite; với PostgreSQL: thư mục "
        "dữ liệu của người dùng); nhiều tiến trình dùng chung một thư mục",
    )
    parser.add_argument(
        "--pool-size",
        type=bounded_int(1, 500),
        default=10,
        metavar="SỐ",
        help="số kết nối PostgreSQL tối đa của tiến trình này (mặc định 10)",
    )
    parser.add_argument(
        "--key-retention-days",
        type=bounded_float(0.01, 3650.0),
        default=30.0,
        metavar="NGÀY",
        help="giữ câu trả lời của mỗi lô theo khóa Idempotency-Key bao nhiêu ngày (mặc định 30)",
    )
    parser.add_argument(
        "--certfile", type=Path, metavar="TỆP", help="chứng chỉ TLS (PEM): phục vụ qua https"
    )
    parser.add_argument(
        "--keyfile", type=Path, metavar="TỆP", help="khóa riêng của chứng chỉ TLS (PEM)"
    )
    parser.add_argument(
        "--issue-token",
        metavar="MÃ_CƠ_QUAN/SỐ_BÀN",
        help="cấp token mới cho một bàn (vd 000.00.01.H26/1), in ra một lần duy nhất rồi thoát",
    )
    parser.add_argument(
        "--revoke-token",
        metavar="MÃ_CƠ_QUAN/SỐ_BÀN|SỐ",
        help="thu hồi mọi token của một bàn (vd 000.00.01.H26/1), hoặc một token theo số "
        "thứ tự của --list-tokens, rồi thoát",
    )
    parser.add_argument(
        "--issue-agency-token",
        metavar="VAI_TRÒ[@MÃ_CƠ_QUAN]",
        help="cấp token mới cho một cơ quan giải quyết theo vai trò (people_committee, police, "
        "social_insurance, home_affairs), của một đơn vị hoặc mọi đơn vị (vd "
        "police@000.00.01.H26), in ra một lần duy nhất rồi thoát",
    )
    parser.add_argument(
        "--revoke-agency-token",
        metavar="SỐ",
        help="thu hồi một token cơ quan theo số thứ tự của --list-tokens, rồi thoát",
    )
    parser.add_argument(
        "--list-tokens",
        action="store_true",
        help="liệt kê các token đã cấp cho bàn và cơ quan (không bao giờ in token, chỉ dấu "
        "vân tay) rồi thoát",
    )
    parser.add_argument(
        "--list-desks",
        action="store_true",
        help="liệt kê các bàn: token còn hiệu lực, lần liên lạc cuối, số hồ sơ chờ gửi và "
        "tạm giữ (theo nhịp báo cuối mỗi lượt đồng bộ) rồi thoát",
    )
    parser.add_argument(
        "--sample-people",
        type=bounded_int(1, 1_000_000),
        metavar="N",
        help="in N người đầu tiên của sổ dân cư mô phỏng (để thử xác thực) rồi thoát",
    )
    sim = parser.add_argument_group("mô phỏng ba cơ quan giải quyết")
    sim.add_argument(
        "--seed",
        type=bounded_int(0, 2**63 - 1),
        default=2026,
        metavar="SỐ",
        help="hạt giống: cùng hạt, cùng kết quả",
    )
    sim.add_argument(
        "--population",
        type=bounded_int(0, 10_000_000),
        default=20_000,
        metavar="SỐ_NGƯỜI",
        help="số người trong sổ dân cư",
    )
    sim.add_argument(
        "--step-seconds",
        type=bounded_float(0.01, 86_400.0),
        default=30.0,
        metavar="GIÂY",
        help="thời gian trung bình giữa hai bước (giây)",
    )
    sim.add_argument(
        "--supplement-rate",
        type=bounded_float(0.0, 1.0),
        default=0.05,
        metavar="TỶ_LỆ",
        help="tỷ lệ yêu cầu bổ sung",
    )
    sim.add_argument(
        "--refuse-rate",
        type=bounded_float(0.0, 1.0),
        default=0.02,
        metavar="TỶ_LỆ",
        help="tỷ lệ từ chối giải quyết",
    )
    sim.add_argument(
        "--no-simulation",
        action="store_true",
        help="không mô phỏng: chỉ cơ quan có token (desk central agency) chuyển trạng thái hồ sơ",
    )
    from central.agency_cli import add_agency_command

    add_agency_command(parser.add_subparsers(dest="central_command", metavar="LỆNH"))


def build_parser() -> argparse.ArgumentParser:
    """The parser of `python -m central`."""
    from forms.arguments import VietnameseParser  # Vietnamese usage, help and errors

    parser = VietnameseParser(
        prog="desk central", description="Hệ thống trung tâm mẫu cho việc đồng bộ của bàn."
    )
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Do what the options ask; return the exit status (Ctrl+C: a clean stop, no traceback)."""
    try:
        return _run(args)
    except KeyboardInterrupt:
        print(TEXT["stopped"], flush=True)
        return 130


def _run(args: argparse.Namespace) -> int:
    if getattr(args, "central_command", None) == "agency":
        from central.agency_cli import run as agency

        return agency(args)
    from central.agencies import Simulation
    from central.app import create_app, now_vn
    from central.population import people
    from central.server import serve

    if (args.certfile is None) != (args.keyfile is None):
        print(TEXT["tls_pair"], file=sys.stderr)
        return 2
    for rate in (args.supplement_rate, args.refuse_rate):
        if not 0 <= rate <= 1:
            print(TEXT["rate"], file=sys.stderr)
            return 2
    if args.sample_people:
        for p in people(args.seed, min(args.sample_people, args.population)):
            print(f"{p.personal_id}\t{p.full_name}\t{p.date_of_birth.isoformat()}\t{p.sex}")
        return 0
    store = open_store(args)
    if isinstance(store, int):
        return store
    try:
        if args.issue_token:
            match = OFFICE_DESK.fullmatch(args.issue_token)
            if match is None:
                print(TEXT["office_desk"].format(option="--issue-token", more=""), file=sys.stderr)
                return 2
            token = store.issue_token(match[1], int(match[2]), now_vn().isoformat())
            print(token)  # alone on stdout, for scripts; where it was stored goes to stderr
            from central.db import redact

            where = redact(args.db if args.db is not None else str(default_db()))
            print(TEXT["issued"].format(which=args.issue_token, target=where), file=sys.stderr)
            return 0
        if args.revoke_token is not None:
            return revoke(store, args.revoke_token)
        if args.issue_agency_token is not None:
            from central.agency_cli import issue_token

            where = args.db if args.db is not None else str(default_db())
            return issue_token(store, args.issue_agency_token, where)
        if args.revoke_agency_token is not None:
            from central.agency_cli import revoke_token

            return revoke_token(store, args.revoke_agency_token)
        if args.list_tokens:
            return list_tokens(store)
        if args.list_desks:
            return list_desks(store)
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
        app = create_app(
            store,
            simulation,
            population=(args.seed, args.population),
            key_retention=args.key_retention_days * 86_400,
        )
        serve(
            app, args.host, args.port, tls=(args.certfile, args.keyfile) if args.certfile else None
        )
        return 0
    finally:
        store.close()


def open_store(args: argparse.Namespace) -> CentralStore | int:
    """The store ``--db`` names (migrated), or the exit status after saying why not."""
    from central.db import is_postgres, redact
    from central.schema import SchemaTooNew
    from central.store import CentralStore

    target = args.db if args.db is not None else str(default_db())
    shown = redact(target)
    try:
        return CentralStore(target, files=args.files, pool_size=args.pool_size)
    except SchemaTooNew as exc:
        print(
            TEXT["schema_newer"].format(target=shown, found=exc.found, known=exc.known),
            file=sys.stderr,
        )
        return 1
    except ImportError:
        print(TEXT["no_driver"], file=sys.stderr)
        return 1
    except Exception as exc:  # the driver's own words are English: only its kind is shown
        key = "db_unreachable" if is_postgres(target) else "db_unopenable"
        print(TEXT[key].format(target=shown, why=type(exc).__name__), file=sys.stderr)
        return 1


def revoke(store: CentralStore, what: str) -> int:
    """`--revoke-token`: every token of a desk, or one by its number in `--list-tokens`."""
    match = OFFICE_DESK.fullmatch(what)
    if match is not None:
        count = store.revoke(desk=(match[1], int(match[2])))
    elif TOKEN_ID.fullmatch(what):
        count = store.revoke(token_id=int(what))
    else:
        more = TEXT["or_id"]
        print(TEXT["office_desk"].format(option="--revoke-token", more=more), file=sys.stderr)
        return 2
    if count == 0:
        print(TEXT["nothing_revoked"].format(what=what), file=sys.stderr)
        return 1
    print(TEXT["revoked"].format(count=count, what=what))
    return 0


def list_tokens(store: CentralStore) -> int:
    """`--list-tokens`: one line per token issued, tab-separated; the agencies' after the
    desks', under their own header (their numbers are their own)."""
    rows = store.tokens()
    agencies = store.agency_tokens()
    if not rows and not agencies:
        print(TEXT["no_tokens"])
        return 0
    if rows:
        print(TEXT["header"])
    for r in rows:
        state = TEXT["revoked_state"] if r.revoked else TEXT["active"]
        print(f"{r.id}\t{r.office}/{r.desk_number}\t{r.created_at}\t{state}\t{r.fingerprint}")
    if agencies:
        print(("\n" if rows else "") + TEXT["agency_header"])
    for a in agencies:
        state = TEXT["revoked_state"] if a.revoked else TEXT["active"]
        which = f"{a.role}@{a.office or TEXT['every_office']}"
        print(f"{a.id}\t{which}\t{a.created_at}\t{state}\t{a.fingerprint}")
    return 0


def list_desks(store: CentralStore) -> int:
    """`--list-desks`: each desk's tokens and what its last heartbeat said, tab-separated."""
    rows = store.desks()
    if not rows:
        print(TEXT["no_desks"])
        return 0
    print(TEXT["desks_header"])
    for r in rows:
        seen = r.last_contact or TEXT["never"]
        waiting = "" if r.waiting is None else str(r.waiting)
        held = "" if r.held is None else str(r.held)
        print(f"{r.office}/{r.desk_number}\t{r.active_tokens}\t{seen}\t{waiting}\t{held}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m central`."""
    return run(build_parser().parse_args(argv))
