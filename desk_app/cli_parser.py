"""The `desk` command line's arguments: every subcommand, option and help text, in Vietnamese.

Kept apart from :mod:`desk_app.cli` (which runs the commands) because this is the part that
grows with each command and is read as documentation; it imports only argparse and
:mod:`forms.arguments`, so `desk --help` loads nothing else.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk_app import __version__
from desk_app.demo import DEMO_REGISTER_HINT
from forms.arguments import VietnameseParser, whole

DESCRIPTION = (
    "Bàn tiếp nhận hồ sơ liên thông khai sinh – thường trú – thẻ BHYT cho trẻ dưới 6 tuổi "
    "tại bộ phận một cửa. Không có lệnh con: mở màn hình làm việc của bàn theo desk.toml. "
    "Lệnh cho xem dữ liệu công dân (lookup, receipt, form, audit show) và lệnh của lãnh đạo bộ "
    "phận (officer, restore) cần --as TÊN_ĐĂNG_NHẬP; mật khẩu không bao giờ là tham số: "
    "được hỏi kín, hoặc đọc từng dòng từ stdin khi không chạy ở terminal."
)

AS_METAVAR = "TÊN_ĐĂNG_NHẬP"
AS_HELP = (
    "người chạy lệnh: tài khoản {who}; mật khẩu được hỏi kín "
    "(không chạy ở terminal: đọc một dòng từ stdin)"
)


def add_as(parser: argparse.ArgumentParser, who: str, *, required: bool = True) -> None:
    """The ``--as`` option: who runs the command (signed in with their password)."""
    parser.add_argument(
        "--as",
        dest="as_user",
        required=required,
        metavar=AS_METAVAR,
        help=AS_HELP.format(who=who),
    )


MAX_LIMIT = 1000
"""The most rows `desk lookup` prints: a person reads a few hundred at most."""

EVERYONE = "cán bộ hoặc lãnh đạo bộ phận"
SUPERVISOR = "lãnh đạo bộ phận"
FIRST_FREE = "lãnh đạo bộ phận, bắt buộc khi bàn đã có tài khoản"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also what `--help` prints)."""
    parser = VietnameseParser(prog="desk", description=DESCRIPTION)
    parser.add_argument(
        "--version",
        action="version",
        version=f"desk {__version__}",
        help="in số phiên bản rồi thoát",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="ĐƯỜNG_DẪN",
        help="tệp cấu hình (mặc định: $DESK_CONFIG, ./desk.toml, rồi thư mục cấu hình người dùng)",
    )
    # Internal: `desk serve --demo` runs each browser session with the demo's sign-in hint.
    parser.add_argument("--demo-accounts", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")
    demo = commands.add_parser(
        "demo",
        help="mở một bàn mẫu trong thư mục tạm (cấu hình và cơ sở dữ liệu riêng, không hỏi gì)",
        description="Tạo một bàn mẫu (desk.toml + SQLite riêng) rồi mở màn hình làm việc.",
        epilog=DEMO_REGISTER_HINT,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # one person a line
    )
    demo.add_argument(
        "--dir", type=Path, metavar="THƯ_MỤC", help="đặt bàn mẫu ở đây thay vì thư mục tạm"
    )
    commands.add_parser(
        "sync",
        help="đồng bộ một lượt với hệ thống trung tâm rồi in kết quả (cho tác vụ định kỳ)",
        description=(
            "Gửi các hồ sơ đang chờ lên hệ thống trung tâm, nhận trạng thái mới, in tóm tắt. "
            "Mã thoát 0: thành công; 1: chưa đồng bộ xong (mất kết nối, token sai…)."
        ),
    )
    lookup = commands.add_parser(
        "lookup",
        help="tra cứu hồ sơ: mã hồ sơ, nội dung mã QR giấy hẹn, số định danh, tên không dấu",
        description=(
            "In kết quả tra cứu như màn hình tra cứu: một hồ sơ (khi quét mã hoặc gõ đủ mã) "
            "hoặc bảng kết quả, mới nhất trước. Xem một hồ sơ được ghi vào nhật ký kiểm toán "
            "dưới tên cán bộ --as. Mã thoát 0: tìm thấy; 1: không thấy."
        ),
    )
    lookup.add_argument("query", nargs="+", metavar="TỪ_KHÓA", help="nội dung cần tra cứu")
    lookup.add_argument(
        "--limit",
        type=whole(1, MAX_LIMIT),
        default=50,
        metavar="N",
        help=f"số dòng tối đa, 1–{MAX_LIMIT} (mặc định 50)",
    )
    lookup.add_argument(
        "--version",
        type=whole(1, 9999),
        default=None,
        metavar="N",
        dest="content_version",
        help="in nội dung phiên bản N của hồ sơ (1: lúc tiếp nhận; mỗi lần sửa thêm một)",
    )
    add_as(lookup, EVERYONE)
    audit = commands.add_parser(
        "audit",
        help="kiểm tra và xem nhật ký kiểm toán (chuỗi mã băm)",
        description=(
            "Nhật ký kiểm toán ghi mọi thao tác trên hồ sơ và tài khoản, nối thành chuỗi mã "
            "băm. Chỉ lãnh đạo bộ phận được xem (show --as); verify không in dữ liệu cá nhân "
            "nên chạy được không cần đăng nhập."
        ),
    )
    audit_cmds = audit.add_subparsers(dest="audit_command", metavar="LỆNH", required=True)
    audit_cmds.add_parser(
        "verify",
        help="kiểm tra chuỗi mã băm, tài khoản cán bộ, và đối chiếu với hệ thống trung tâm",
        description=(
            "Kiểm tra chuỗi mã băm (báo sự kiện đầu tiên bị sửa, xóa hoặc chèn), đối chiếu "
            "vai trò, trạng thái và mật khẩu của từng tài khoản với nhật ký, và khi liên lạc "
            "được thì đối chiếu với các mốc hệ thống trung tâm giữ (cần token như desk sync). "
            "Mã thoát 0: nguyên vẹn (kể cả khi không liên lạc được trung tâm: có ghi rõ); "
            "1: có chỗ không khớp."
        ),
    )
    show = audit_cmds.add_parser(
        "show",
        help="in các sự kiện, cũ nhất trước (chỉ lãnh đạo bộ phận)",
        description=(
            "In các sự kiện của nhật ký cho lãnh đạo bộ phận (--as). "
            "Mã thoát 0: có sự kiện; 1: không có."
        ),
    )
    show.add_argument("--dossier", metavar="MÃ_HỒ_SƠ", help="chỉ sự kiện của hồ sơ này")
    show.add_argument(
        "--officer",
        metavar="TÊN",
        help="chỉ sự kiện của cán bộ này: tên đăng nhập hoặc họ và tên",
    )
    show.add_argument(
        "--hashes",
        action="store_true",
        help="in cả mã băm của từng sự kiện và các mã kỹ thuật (mã băm nội dung, lô gửi…)",
    )
    add_as(show, SUPERVISOR)
    made = commands.add_parser(
        "backup",
        help="sao lưu cơ sở dữ liệu ra TỆP (chạy được khi bàn đang làm việc)",
        description=(
            "Chép toàn bộ cơ sở dữ liệu ra TỆP bằng cơ chế sao lưu trực tuyến của SQLite, "
            "kể cả khi bàn đang nhận hồ sơ, rồi kiểm tra bản chép. Không cần đăng nhập "
            "(không in dữ liệu cá nhân; chạy được từ tác vụ định kỳ). TỆP phải là tệp mới "
            "hoặc một bản sao lưu trước của chính bàn này; không bao giờ ghi đè tệp khác, thư "
            "mục, thiết bị, liên kết hay cơ sở dữ liệu đang dùng. Mã thoát 0: thành công; "
            "1: đã chép nhưng nhật ký kiểm toán trong cơ sở dữ liệu đã bị phá vỡ."
        ),
    )
    made.add_argument("file", type=Path, metavar="TỆP")
    back = commands.add_parser(
        "restore",
        help="khôi phục cơ sở dữ liệu từ TỆP sao lưu (lãnh đạo bộ phận; đóng mọi chương "
        "trình desk trước)",
        description=(
            "Kiểm tra TỆP (là bản sao lưu của desk, toàn vẹn, chuỗi nhật ký kiểm toán, có "
            "lãnh đạo bộ phận đang hoạt động) rồi mới thay cơ sở dữ liệu. "
            "Từ chối khi desk đang mở cơ sở dữ liệu, và khi bản sao lưu cũ hơn dữ liệu hiện "
            "tại (trừ khi có --force; khi đó bộ đếm mã hồ sơ giữ số hiện tại). Chỉ lãnh đạo "
            "bộ phận (--as); không cần --as khi chưa có cơ sở dữ liệu hoặc chưa có tài khoản "
            "nào (máy mới). Lần khôi phục được ghi vào nhật ký của dữ liệu đã khôi phục."
        ),
    )
    back.add_argument("file", type=Path, metavar="TỆP")
    back.add_argument(
        "--force",
        action="store_true",
        help="vẫn khôi phục bản sao lưu cũ hơn (mất hồ sơ nhận sau lần sao lưu)",
    )
    add_as(back, FIRST_FREE, required=False)
    add_officer_commands(commands)
    add_serve_command(commands)
    from central.cli import add_arguments as central_arguments

    central_arguments(
        commands.add_parser(
            "central",
            help="chạy hệ thống trung tâm mẫu (để thử và kiểm thử đồng bộ)",
            description=(
                "Hệ thống trung tâm mẫu: nhận hồ sơ theo lô, mô phỏng ba cơ quan giải quyết, "
                "xác thực người nộp với sổ dân cư mô phỏng."
            ),
        )
    )
    from desk_app.receipt.command import add_arguments as receipt_arguments
    from desk_app.receipt.texts import CLI_DESCRIPTION, CLI_HELP

    receipt = commands.add_parser("receipt", help=CLI_HELP, description=CLI_DESCRIPTION)
    receipt_arguments(receipt)
    add_as(receipt, EVERYONE)
    from desk_app.documents.command import add_arguments as form_arguments
    from desk_app.documents.texts import CLI_DESCRIPTION as FORM_DESCRIPTION
    from desk_app.documents.texts import CLI_HELP as FORM_HELP

    form = commands.add_parser("form", help=FORM_HELP, description=FORM_DESCRIPTION)
    form_arguments(form)
    add_as(form, EVERYONE)
    from desk_app.reports import texts as report_texts
    from desk_app.reports.command import add_close_arguments, add_report_arguments

    report = commands.add_parser(
        "report",
        help=report_texts.CLI_REPORT_HELP,
        description=report_texts.CLI_REPORT_DESCRIPTION,
    )
    add_report_arguments(report, lambda p: add_as(p, SUPERVISOR))
    close = commands.add_parser(
        "close-day",
        help=report_texts.CLI_CLOSE_HELP,
        description=report_texts.CLI_CLOSE_DESCRIPTION,
    )
    add_close_arguments(close)
    add_as(close, EVERYONE)
    add_doctor_command(commands)
    config = commands.add_parser("config", help="cấu hình của bàn")
    config_cmds = config.add_subparsers(dest="config_command", metavar="LỆNH", required=True)
    config_cmds.add_parser(
        "check",
        help="kiểm tra desk.toml và in cấu hình đang có hiệu lực (token được che)",
        description="Kiểm tra desk.toml (và các biến DESK_…) rồi in cấu hình có hiệu lực.",
    )
    return parser


def add_serve_command(commands: Any) -> None:
    """`desk serve`: the desk in a browser (:mod:`desk_app.serve`)."""
    serve = commands.add_parser(
        "serve",
        help="mở bàn trong trình duyệt (mỗi phiên trình duyệt là một chương trình desk riêng)",
        description=(
            "Phục vụ chính màn hình làm việc của bàn qua trình duyệt (textual-serve), cho máy "
            "chỉ có trình duyệt hoặc ki-ốt: cùng desk.toml, cùng cơ sở dữ liệu; đăng nhập, tự "
            "khóa màn hình, F12 và nhật ký kiểm toán như ở terminal. Mặc định chỉ nghe trên máy "
            "này (127.0.0.1). Địa chỉ khác chỉ được dùng khi có --allow-network và chứng chỉ "
            "TLS (--certfile, --keyfile hoặc mục [serve] của desk.toml). Dừng bằng Ctrl+C."
        ),
    )
    serve.add_argument(
        "--host",
        metavar="ĐỊA_CHỈ",
        help="địa chỉ lắng nghe (mặc định 127.0.0.1, hoặc [serve] host)",
    )
    serve.add_argument(
        "--port",
        type=whole(1, 65_535),
        metavar="CỔNG",
        help="cổng, 1–65535 (mặc định 8000, hoặc [serve] port)",
    )
    serve.add_argument(
        "--allow-network",
        action="store_true",
        help="cho phép địa chỉ không phải máy này (bắt buộc kèm chứng chỉ TLS)",
    )
    serve.add_argument(
        "--certfile", type=Path, metavar="TỆP", help="chứng chỉ TLS dạng PEM (trang dùng https)"
    )
    serve.add_argument("--keyfile", type=Path, metavar="TỆP", help="khóa riêng của chứng chỉ (PEM)")
    serve.add_argument(
        "--demo",
        action="store_true",
        help="phục vụ một bàn mẫu (như desk demo) thay vì bàn của desk.toml",
    )
    serve.add_argument("--dir", type=Path, metavar="THƯ_MỤC", help="với --demo: đặt bàn mẫu ở đây")


def add_doctor_command(commands: Any) -> None:
    """`desk doctor`: the counter PC's checks before the first citizen."""
    doctor = commands.add_parser(
        "doctor",
        help="kiểm tra máy của bàn trước giờ làm việc: cấu hình, dữ liệu, ổ đĩa, đồng hồ, "
        "hệ thống trung tâm, máy in, phông chữ, thư mục máy quét",
        description=(
            "Kiểm tra từng mục và in một dòng cho mỗi mục (đạt / cảnh báo / lỗi), kèm cách xử "
            "lý khi có lỗi: desk.toml hợp lệ; cơ sở dữ liệu và các thư mục riêng tư (0600/0700) "
            "và ghi được; dung lượng trống; đồng hồ so với hệ thống trung tâm (lệch quá 2 phút "
            "là lỗi); hệ thống trung tâm liên lạc được và nhận token; lệnh in chạy được (in một "
            "trang thử); thư mục máy quét đọc được và tài khoản khác không ghi được; phông chữ "
            "được nhúng trong PDF. Không thay đổi dữ liệu của bàn. Mã thoát 0: không có lỗi "
            "(có thể có cảnh báo); 1: có lỗi (cho tác vụ định kỳ)."
        ),
    )
    doctor.add_argument(
        "--json",
        action="store_true",
        help="in kết quả dạng JSON (mỗi mục: check, status ok/warning/fault, message, fix)",
    )
    doctor.add_argument(
        "--no-print",
        action="store_true",
        help="không in trang thử (cho kiểm tra định kỳ): chỉ xem chương trình in có trên máy",
    )


def add_officer_commands(commands: Any) -> None:
    """`desk officer add|passwd|disable|enable|list`: officer accounts."""
    officer = commands.add_parser(
        "officer",
        help="tài khoản cán bộ: tạo, đặt mật khẩu, ngừng hoặc cho dùng lại, liệt kê",
        description=(
            "Tài khoản cán bộ đăng nhập tại bàn. Vai trò officer (cán bộ tiếp nhận): tiếp "
            "nhận, tra cứu, trả kết quả; supervisor (lãnh đạo bộ phận): những việc đó, và hủy "
            "hồ sơ, xem nhật ký kiểm toán, quản lý tài khoản, khôi phục dữ liệu. Mật khẩu "
            "được hỏi kín (mật khẩu mới hỏi hai lần); không chạy ở terminal thì mỗi mật khẩu "
            "là một dòng của stdin, theo thứ tự hỏi."
        ),
    )
    officer_cmds = officer.add_subparsers(dest="officer_command", metavar="LỆNH", required=True)
    add = officer_cmds.add_parser(
        "add",
        help="tạo tài khoản (tài khoản đầu tiên: lãnh đạo bộ phận, không cần --as)",
        description=(
            "Tạo tài khoản rồi hỏi mật khẩu của nó. Tài khoản đầu tiên của bàn phải là lãnh đạo "
            "bộ phận (--role supervisor) và không cần --as; sau đó chỉ lãnh đạo bộ phận tạo "
            "được tài khoản."
        ),
    )
    add.add_argument("username", metavar=AS_METAVAR, help="ví dụ thu.nguyen")
    add.add_argument(
        "--name",
        required=True,
        metavar='"HỌ TÊN"',
        help="họ và tên đầy đủ: in trên giấy tiếp nhận và trong nhật ký kiểm toán",
    )
    add.add_argument(
        "--role",
        choices=("officer", "supervisor"),
        default="officer",
        help="officer: cán bộ tiếp nhận (mặc định); supervisor: lãnh đạo bộ phận",
    )
    add_as(add, FIRST_FREE, required=False)
    passwd = officer_cmds.add_parser(
        "passwd",
        help="đặt mật khẩu mới (của mình, hoặc của người khác nếu là lãnh đạo bộ phận)",
        description=(
            "Không có --as: cán bộ đổi mật khẩu của chính mình (hỏi mật khẩu hiện tại trước). "
            "Với --as: lãnh đạo bộ phận đặt mật khẩu cho bất kỳ tài khoản nào (cũng gỡ khóa "
            "do nhập sai nhiều lần)."
        ),
    )
    passwd.add_argument("username", metavar=AS_METAVAR)
    add_as(
        passwd,
        (
            "lãnh đạo bộ phận đặt mật khẩu cho người khác (không có --as: chính chủ tài "
            "khoản, hỏi mật khẩu hiện tại)"
        ),
        required=False,
    )
    for name, what in (
        ("disable", "ngừng sử dụng tài khoản (không xóa: nhật ký vẫn mang tên người đó)"),
        ("enable", "cho dùng lại tài khoản đã ngừng"),
    ):
        changed = officer_cmds.add_parser(
            name, help=what, description=what[0].upper() + what[1:] + "."
        )
        changed.add_argument("username", metavar=AS_METAVAR)
        add_as(changed, SUPERVISOR)
    listed = officer_cmds.add_parser(
        "list",
        help="liệt kê tài khoản: vai trò, trạng thái, khóa, lần đăng nhập gần nhất",
        description="Bảng mọi tài khoản của bàn, cho lãnh đạo bộ phận.",
    )
    add_as(listed, SUPERVISOR)
