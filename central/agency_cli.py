"""`desk central agency …`: a deciding agency works with central from a shell.

The same API an agency's own system calls (:mod:`central.agency_api`), driven by hand or by a
script: list what waits for the agency, record a procedure done with its reference, ask for
a supplement, refuse, report the result ready. The token is read from an environment variable
(never an argument: arguments show in the process list and the shell's history). Each step is
sent under one Idempotency-Key, tried again with that same key when the connection fails, so
a step is recorded once however often it is sent.

Exit status: 0 done; 1 central refused the step (the reason is printed); 2 wrong usage, or the
token missing or not accepted; 3 central could not be reached.

Only argparse at import time: `desk --help` builds this parser without loading httpx.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from central.store import CentralStore

DEFAULT_URL = "http://127.0.0.1:8765"
ROLE_OFFICE = re.compile(
    r"^([a-z][a-z0-9_]{0,39})(?:@(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}))?$", re.ASCII
)
TOKEN_ID = re.compile(r"^[0-9]{1,9}$")
TOKEN_ENV = "DESK_AGENCY_TOKEN"
ATTEMPTS = 3

TEXT = {
    "help": "việc của cơ quan giải quyết: xem hồ sơ chờ, ghi kết quả, yêu cầu bổ sung, từ chối",
    "description": (
        "Cơ quan giải quyết (UBND cấp xã, công an, bảo hiểm xã hội, nội vụ…) làm việc với hệ "
        "thống trung tâm bằng token của mình, đọc từ biến môi trường (--token-env). Mã thoát "
        "0: đã ghi nhận; 1: trung tâm từ chối (in lý do); 2: sai cách dùng, thiếu hoặc sai "
        "token; 3: không liên lạc được trung tâm."
    ),
    "url": "địa chỉ hệ thống trung tâm (mặc định {default})",
    "token_env": "biến môi trường chứa token của cơ quan (mặc định {default})",
    "key": (
        "khóa Idempotency-Key của yêu cầu (mặc định: tạo mới); gửi lại cùng khóa thì trung "
        "tâm trả lời lại, không ghi hai lần"
    ),
    "list": "liệt kê hồ sơ đang chờ cơ quan (cũ nhất trước)",
    "status": "chỉ hồ sơ ở trạng thái này mà cơ quan có thủ tục (mặc định: hồ sơ đang chờ)",
    "limit": "số hồ sơ tối đa (1–200, mặc định 50)",
    "after": "con trỏ: chỉ hồ sơ sau số này (lấy từ dòng cuối của lần liệt kê trước)",
    "progress": "ghi nhận một thủ tục đã có kết quả, với số hiệu kết quả",
    "procedure": "mã thủ tục (vd birth, residence, insurance, death…)",
    "reference": "số hiệu kết quả (số đăng ký, số thẻ, số quyết định…)",
    "supplement": "yêu cầu công dân bổ sung giấy tờ",
    "reason": "lý do, bằng tiếng Việt (người dân và cán bộ đọc)",
    "refuse": "từ chối giải quyết hồ sơ",
    "refuse_procedure": "thủ tục bị từ chối (mặc định: thủ tục của cơ quan chưa giải quyết)",
    "ready": "báo hồ sơ đã có kết quả (mọi thủ tục đã xong)",
    "code": "mã hồ sơ, vd 000.00.01.H26-261124-1001",
    "no_token": (
        "desk central agency: chưa có token của cơ quan trong biến môi trường {env}; hãy đặt "
        "token do bộ phận vận hành cấp (desk central --issue-agency-token)."
    ),
    "unreachable": (
        "desk central agency: không liên lạc được hệ thống trung tâm tại {url} ({why}); kiểm "
        "tra địa chỉ (--url) và mạng. Yêu cầu có thể gửi lại với --idempotency-key {key}."
    ),
    "unreachable_list": (
        "desk central agency: không liên lạc được hệ thống trung tâm tại {url} ({why}); kiểm "
        "tra địa chỉ (--url) và mạng."
    ),
    "refused": "Trung tâm từ chối: {message}",
    "bad_answer": "desk central agency: trung tâm trả lời không đúng dạng (HTTP {status}).",
    "done": "Đã ghi nhận: hồ sơ {code} — {status} (phiên bản {version}).",
    "replayed": " Yêu cầu với khóa này đã được ghi nhận trước đó; đây là câu trả lời lần đó.",
    "reference_line": "  {procedure}: {reference}",
    "no_reference": "(không có số)",
    "none_waiting": "Không có hồ sơ nào đang chờ cơ quan.",
    "header": "mã hồ sơ\ttrạng thái\tthủ tục chờ cơ quan\tnhận lúc",
    "ready_to_mark": "báo có kết quả",
    "more": "Còn hồ sơ khác: chạy lại với --after {cursor}.",
    "role_office": (
        "desk central: --issue-agency-token cần dạng VAI_TRÒ hoặc VAI_TRÒ@MÃ_CƠ_QUAN, vd "
        "police@000.00.01.H26; vai trò là một trong: {roles}."
    ),
    "agency_id": "desk central: --revoke-agency-token cần số thứ tự token trong --list-tokens.",
    "agency_issued": (
        "Đã cấp token cho cơ quan {which} và lưu vào cơ sở dữ liệu {target}; cơ quan đặt token "
        "vào biến môi trường (mặc định DESK_AGENCY_TOKEN) để dùng desk central agency."
    ),
    "agency_revoked": "Đã thu hồi token số {what} của cơ quan; từ giờ token đó bị từ chối (401).",
    "agency_nothing_revoked": "desk central: không có token cơ quan còn hiệu lực số {what}.",
}

STATUS = {
    "accepted": "đã tiếp nhận",
    "in_progress": "đang giải quyết",
    "supplement_requested": "chờ bổ sung",
    "ready": "đã có kết quả",
    "refused": "từ chối giải quyết",
    "handed_over": "đã trả kết quả",
    "papers_returned": "đã trả lại hồ sơ",
    "cancelled": "đã hủy",
}


def add_agency_command(commands: Any) -> None:
    """`agency list|progress|supplement|refuse|ready` under `desk central`."""
    from forms.arguments import whole

    agency = commands.add_parser("agency", help=TEXT["help"], description=TEXT["description"])
    agency.add_argument(
        "--url",
        default=DEFAULT_URL,
        metavar="URL",
        help=TEXT["url"].format(default=DEFAULT_URL),
    )
    agency.add_argument(
        "--token-env",
        default=TOKEN_ENV,
        metavar="TÊN_BIẾN",
        help=TEXT["token_env"].format(default=TOKEN_ENV),
    )
    steps = agency.add_subparsers(dest="agency_command", metavar="LỆNH", required=True)
    listing = steps.add_parser("list", help=TEXT["list"], description=TEXT["list"] + ".")
    listing.add_argument(
        "--status", choices=tuple(STATUS), metavar="TRẠNG_THÁI", help=TEXT["status"]
    )
    listing.add_argument("--limit", type=whole(1, 200), default=50, metavar="N", help=TEXT["limit"])
    listing.add_argument(
        "--after", type=whole(0, 2**62), default=0, metavar="SỐ", help=TEXT["after"]
    )

    def step(name: str, what: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = steps.add_parser(
            name, help=what, description=what[0].upper() + what[1:] + "."
        )
        parser.add_argument("code", metavar="MÃ_HỒ_SƠ", help=TEXT["code"])
        parser.add_argument("--idempotency-key", dest="key", metavar="KHÓA", help=TEXT["key"])
        return parser

    progress = step("progress", TEXT["progress"])
    progress.add_argument("procedure", metavar="THỦ_TỤC", help=TEXT["procedure"])
    progress.add_argument("--reference", metavar="SỐ", help=TEXT["reference"])
    supplement = step("supplement", TEXT["supplement"])
    supplement.add_argument("--reason", required=True, metavar="LÝ_DO", help=TEXT["reason"])
    refuse = step("refuse", TEXT["refuse"])
    refuse.add_argument("--reason", required=True, metavar="LÝ_DO", help=TEXT["reason"])
    refuse.add_argument("--procedure", metavar="THỦ_TỤC", help=TEXT["refuse_procedure"])
    step("ready", TEXT["ready"])


PATHS = {
    "progress": "progress",
    "supplement": "request-supplement",
    "refuse": "refuse",
    "ready": "ready",
}


def _body(args: argparse.Namespace) -> dict[str, Any]:
    command = args.agency_command
    if command == "progress":
        return {"procedure": args.procedure, "reference": args.reference}
    if command == "supplement":
        return {"reason": args.reason}
    if command == "refuse":
        body = {"reason": args.reason}
        return body | ({"procedure": args.procedure} if args.procedure else {})
    return {}


def run(args: argparse.Namespace) -> int:
    """Do what `desk central agency …` asks; the exit status."""
    import httpx

    from forms.arguments import printable

    token = os.environ.get(args.token_env, "").strip()
    if not token:
        print(TEXT["no_token"].format(env=args.token_env), file=sys.stderr)
        return 2
    url = args.url.rstrip("/")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        if args.agency_command == "list":
            params: dict[str, Any] = {"limit": args.limit, "after": args.after}
            if args.status:
                params["status"] = args.status
            try:
                response = http.get("/v1/agency/dossiers", params=params)
            except httpx.HTTPError as exc:
                why = type(exc).__name__
                print(TEXT["unreachable_list"].format(url=url, why=why), file=sys.stderr)
                return 3
            failed = _failure(response)
            if failed is not None:
                return failed
            return _print_page(response.json(), printable)
        key = args.key or uuid.uuid4().hex
        path = f"/v1/agency/dossiers/{_quote(args.code)}/{PATHS[args.agency_command]}"
        content = json.dumps(_body(args), ensure_ascii=False).encode()
        sent = {"Content-Type": "application/json", "Idempotency-Key": key}
        last: str = ""
        for _ in range(ATTEMPTS):  # the same key each time: recorded once whatever happens
            try:
                response = http.post(path, content=content, headers=sent)
            except httpx.HTTPError as exc:
                last = type(exc).__name__
                continue
            if response.status_code < 500:
                break
            last = f"HTTP {response.status_code}"
        else:
            print(TEXT["unreachable"].format(url=url, why=last, key=key), file=sys.stderr)
            return 3
        failed = _failure(response)
        if failed is not None:
            return failed
        answer = response.json()
        state = answer["state"]
        line = TEXT["done"].format(
            code=printable(str(answer["code"])),
            status=STATUS.get(state["status"], printable(str(state["status"]))),
            version=int(answer["version"]),
        )
        if response.headers.get("idempotent-replayed") == "true":
            line += TEXT["replayed"]
        print(line)
        for procedure, reference in state["progress"].items():
            shown = printable(str(reference)) if reference else TEXT["no_reference"]
            print(TEXT["reference_line"].format(procedure=printable(procedure), reference=shown))
        return 0


def _quote(code: str) -> str:
    from urllib.parse import quote

    return quote(code, safe="")


def _failure(response: Any) -> int | None:
    """None for a 2xx answer; else print central's Vietnamese message and the exit status."""
    from forms.arguments import printable

    if response.status_code < 300:
        return None
    try:
        message = str(response.json()["message"])
    except (ValueError, KeyError, TypeError):
        print(TEXT["bad_answer"].format(status=response.status_code), file=sys.stderr)
        return 3
    if response.status_code in (401, 403):
        print(f"desk central agency: {printable(message)}", file=sys.stderr)
        return 2
    print(TEXT["refused"].format(message=printable(message)), file=sys.stderr)
    return 1 if response.status_code < 500 else 3


def _print_page(page: dict[str, Any], printable: Any) -> int:
    dossiers = page["dossiers"]
    if not dossiers:
        print(TEXT["none_waiting"])
    else:
        print(TEXT["header"])
    for d in dossiers:
        waiting = ", ".join(d["pending"]) or (TEXT["ready_to_mark"] if d["marks_ready"] else "")
        status = STATUS.get(d["status"], str(d["status"]))
        print("\t".join(printable(str(v)) for v in (d["code"], status, waiting, d["received_at"])))
    if page["more"]:
        print(TEXT["more"].format(cursor=int(page["cursor"])))
    return 0


def issue_token(store: CentralStore, what: str, db: str) -> int:
    """`--issue-agency-token ROLE[@OFFICE]`: a new token for a deciding agency."""
    from central.agency_tokens import known_roles
    from central.app import now_vn
    from central.db import redact

    roles = known_roles()
    match = ROLE_OFFICE.fullmatch(what)
    if match is None or match[1] not in roles:
        print(TEXT["role_office"].format(roles=", ".join(roles)), file=sys.stderr)
        return 2
    token = store.issue_agency_token(match[1], match[2], now_vn().isoformat())
    print(token)  # alone on stdout, for scripts
    print(TEXT["agency_issued"].format(which=what, target=redact(db)), file=sys.stderr)
    return 0


def revoke_token(store: CentralStore, what: str) -> int:
    """`--revoke-agency-token N`: one agency token by its number in `--list-tokens`."""
    if not TOKEN_ID.fullmatch(what):
        print(TEXT["agency_id"], file=sys.stderr)
        return 2
    if store.revoke_agency_token(int(what)) == 0:
        print(TEXT["agency_nothing_revoked"].format(what=what), file=sys.stderr)
        return 1
    print(TEXT["agency_revoked"].format(what=what))
    return 0
