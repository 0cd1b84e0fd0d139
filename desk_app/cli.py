"""The `desk` command line.

Textual is imported only when a screen is about to open, so `desk config check` and the
other subcommands start fast and work on a machine without a usable terminal. For the
screen itself, even settings are loaded lazily: the first frame comes before pydantic.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.cli_parser import build_parser
from desk_app.errors import DeskError, os_reason
from forms.arguments import printable

if TYPE_CHECKING:
    from desk_app.config import LoadedConfig
    from desk_app.desk import Desk
    from desk_app.serve import ServePlan

TEXT = {
    "not_text": (
        "tham số thứ {n} không phải văn bản UTF-8 hợp lệ (có byte không đọc được); "
        "hãy gõ lại tham số đó."
    ),
    "os": "không thực hiện được với {path}: {reason}.",
    "os_plain": "không thực hiện được: {reason}.",
    "interrupted": "đã dừng theo yêu cầu (Ctrl+C); việc đang làm dở không được ghi.",
    "unexpected": (
        "lỗi ngoài dự kiến, lệnh đã dừng (không có thông báo riêng cho trường hợp này). "
        "Hãy báo bộ phận kỹ thuật kèm lệnh vừa chạy; chạy lại với biến môi trường "
        "DESK_DEBUG=1 để có chi tiết kỹ thuật."
    ),
}
"""What `desk` itself says when a command cannot even start or stops unexpectedly."""


def say(message: str) -> None:
    """One line of `desk`'s own on stderr; text a person or a file supplied is never obeyed
    by the terminal (control characters are shown, not sent)."""
    print(printable(f"desk: {message}"), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `desk` console script; returns the exit status.

    No traceback reaches an officer: a person's mistake is a :class:`DeskError` (exit 2), a
    file the system refuses is an ``OSError`` told in Vietnamese (exit 2), Ctrl+C stops
    quietly (130), and anything else is one Vietnamese sentence (70) unless ``DESK_DEBUG``
    asks for the details.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    for n, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:  # bytes that were not UTF-8 reach Python as surrogates
            say(TEXT["not_text"].format(n=n))
            return 2
    try:
        return _run(build_parser().parse_args(arguments))
    except DeskError as exc:
        say(exc.message)
        return 2
    except OSError as exc:
        reason = os_reason(exc)
        path = exc.filename
        say(
            TEXT["os"].format(path=path, reason=reason)
            if path
            else TEXT["os_plain"].format(reason=reason)
        )
        return 2
    except KeyboardInterrupt:
        say(TEXT["interrupted"])
        return 130
    except Exception:
        if os.environ.get("DESK_DEBUG"):
            raise
        say(TEXT["unexpected"])
        return 70


def _run(args: argparse.Namespace) -> int:
    """Run the command ``args`` names."""
    if args.command == "demo":
        from desk_app.demo import DEMO_SIGN_IN_HINT, demo_central, make_demo

        config = make_demo(args.dir)
        with demo_central(config.parent):
            status = run_ui(config, sign_in_hint=DEMO_SIGN_IN_HINT)
        print(f"Bàn mẫu (cấu hình, cơ sở dữ liệu, biên nhận) nằm ở: {config.parent}")
        return status
    if args.command == "sync":
        return sync(args.config)
    if args.command == "lookup":
        text = " ".join(args.query)
        return lookup(args.config, text, args.limit, args.as_user, args.content_version)
    if args.command == "officer":
        return officer(args)
    if args.command == "central":
        from central.cli import run

        return run(args)
    if args.command == "receipt":
        from desk_app.config import load_config
        from desk_app.receipt.command import run as receipt

        return receipt(load_config(args.config), args.code, args.out, args.as_user)
    if args.command == "form":
        from desk_app.config import load_config
        from desk_app.documents.command import run as form

        return form(load_config(args.config), args)
    if args.command in ("report", "close-day"):
        from desk_app.config import load_config
        from desk_app.reports.command import run_close_day, run_report

        chosen = run_report if args.command == "report" else run_close_day
        return chosen(load_config(args.config), args)
    if args.command == "audit":
        return audit(args)
    if args.command in ("backup", "restore"):
        return backup_or_restore(args)
    if args.command == "doctor":
        from desk_app.doctor import run as doctor

        return doctor(args.config, as_json=args.json, send_test_page=not args.no_print)
    if args.command == "config":
        from desk_app.config import load_config

        return config_check(load_config(args.config))
    if args.command == "serve":
        return serve(args)
    if args.demo_accounts:
        from desk_app.demo import DEMO_SIGN_IN_HINT

        return run_ui(args.config, sign_in_hint=DEMO_SIGN_IN_HINT)
    return run_ui(args.config)


def serve(args: argparse.Namespace) -> int:
    """`desk serve`: the desk in a browser, on loopback unless told otherwise with TLS."""
    from desk_app.config import load_config
    from desk_app.serve import TEXT, plan
    from desk_app.settings import Serve

    options = {
        "host": args.host,
        "port": args.port,
        "certfile": args.certfile,
        "keyfile": args.keyfile,
        "allow_network": args.allow_network,
    }
    if not args.demo:
        loaded = load_config(args.config)
        return run(plan(loaded.settings.serve, loaded.path, **options))
    from desk_app.demo import demo_central, make_demo

    plan(Serve(), Path("desk.toml"), **options)  # a refused address creates no demo folder
    config = make_demo(args.dir)
    settings = load_config(config).settings
    checked = plan(settings.serve, config, demo=True, **options)
    print(TEXT["demo_folder"].format(folder=config.parent))
    with demo_central(config.parent):  # the sessions inherit its address and token
        return run(checked)


def run(serve_plan: ServePlan) -> int:
    """Serve until Ctrl+C (or SIGTERM); 0 once stopped. The web server is the presentation
    layer's (:mod:`screens.web_server`): the core only decides where it may listen."""
    from desk_app.serve import TEXT
    from screens.web_server import DeskServer

    DeskServer(serve_plan).serve()
    print(TEXT["stopped"])
    return 0


def config_check(loaded: LoadedConfig) -> int:
    """Check what loading leaves out (the office's units exist), then print the effective
    settings, one key per line, with the token masked."""
    from desk_app.config import check_references, mask_token

    check_references(loaded)
    check_keymap(loaded)
    settings = loaded.settings
    print(f"# {loaded.path}: hợp lệ")
    for name in loaded.overrides:
        print(f"# ghi đè từ biến môi trường: {name}")
    for key, value in _flatten(settings.model_dump(mode="json")):
        print(f"{key} = {value}")
    token_env = settings.central.token_env
    print(f"# token ({token_env}): {mask_token(os.environ.get(token_env))}")
    return 0


def check_keymap(loaded: LoadedConfig) -> None:
    """Refuse a ``[keys]`` that names no key or makes two share one (:mod:`desk_app.keymap`).

    The ids live in the screens' bindings, so the screens are read here, lazily, and only
    when desk.toml moves a key.
    """
    if not loaded.settings.keys:
        return
    from desk_app.config import read_config_text
    from desk_app.keymap import check_keys
    from screens.keymap import catalogue

    text = read_config_text(loaded.path)
    check_keys(loaded.path, text, loaded.settings.keys, catalogue())


def sync(config: Path | None) -> int:
    """`desk sync`: one full round, a Vietnamese summary; 0 when central was reached."""
    from desk_app.cli_progress import TEXT as STOPPED
    from desk_app.cli_progress import watched
    from desk_app.config import load_config
    from desk_app.progress import Stopped
    from desk_app.store import Store
    from desk_app.store.sync_state import read_state
    from desk_app.sync import summary, sync_once

    settings = load_config(config).settings
    store = Store.open(settings.paths.database)
    try:
        before = read_state(store).waiting
        try:
            with watched() as progress:
                report = sync_once(store, settings, progress=progress)
        except Stopped:
            waiting = read_state(store).waiting
            say(STOPPED["sync"].format(sent=max(0, before - waiting), waiting=waiting))
            return 130
    finally:
        store.close()
    print(summary(report, settings.central.url))
    return 0 if report.ok else 1


def lookup(
    config: Path | None, text: str, limit: int, as_user: str, version: int | None = None
) -> int:
    """`desk lookup`: the lookup screen's answer, printed; 0 found, 1 nothing found.

    With ``--version N``: that content version of the one dossier named (corrections keep
    every version readable)."""
    from desk_app.config import load_config
    from desk_app.lookup.report import print_lookup
    from desk_app.lookup.versions import print_version
    from desk_app.officers.command import signed_in

    with signed_in(load_config(config).settings, as_user) as desk:
        if version is not None:
            return print_version(desk, text, version)
        return print_lookup(desk, text, max(1, limit))


def officer(args: argparse.Namespace) -> int:
    """`desk officer add|passwd|disable|enable|list`."""
    from desk_app.config import load_config
    from desk_app.officers import command

    settings = load_config(args.config).settings
    username = getattr(args, "username", "")
    match args.officer_command:
        case "add":
            return command.add_officer(settings, username, args.name, args.role, args.as_user)
        case "passwd":
            return command.change_password(settings, username, args.as_user)
        case "disable" | "enable":
            active = args.officer_command == "enable"
            return command.set_officer_active(settings, username, active, args.as_user)
    return command.list_officers(settings, args.as_user)


def audit(args: argparse.Namespace) -> int:
    """`desk audit verify` (no sign-in: it prints no personal data) or `show` (supervisors)."""
    from desk_app import audit as trail
    from desk_app.config import load_config
    from desk_app.officers.command import signed_in
    from desk_app.officers.texts import WHAT_AUDIT

    settings = load_config(args.config).settings
    if args.audit_command == "verify":
        return trail.run_verify(settings.paths.database, settings=settings)
    trail.require_database(settings.paths.database)
    with signed_in(settings, args.as_user, supervisor_for=WHAT_AUDIT) as desk:
        return trail.run_show(
            desk.store, dossier=args.dossier, officer=args.officer, hashes=args.hashes
        )


def backup_or_restore(args: argparse.Namespace) -> int:
    """`desk backup FILE` (no sign-in: it runs from cron) / `desk restore FILE [--force]`
    (a supervisor's) on the database desk.toml names; Ctrl+C stops either safely
    (:mod:`desk_app.cli_progress`)."""
    from desk_app import backup as copies
    from desk_app.cli_progress import TEXT as STOPPED
    from desk_app.cli_progress import watched
    from desk_app.config import load_config
    from desk_app.progress import Stopped

    settings = load_config(args.config).settings
    database = settings.paths.database
    if args.command == "backup":
        try:
            with watched() as progress:
                checked = copies.backup(database, args.file, progress=progress)
        except Stopped:
            say(STOPPED["backup"].format(path=args.file))
            return 130
        done = copies.TEXT["backed_up"]
    else:
        from desk_app.clock import now
        from desk_app.officers.command import check_supervisor
        from desk_app.officers.texts import WHAT_RESTORE

        # The file first (a refused file asks no password), then the supervisor, checked on
        # the database being replaced, which must be closed again before restoring.
        try:
            with watched() as progress:
                staged = copies.stage(database, args.file, progress=progress)
        except Stopped:
            say(STOPPED["restore"].format(path=args.file))
            return 130
        try:
            by = check_supervisor(settings, args.as_user, WHAT_RESTORE)
        except BaseException:
            staged.discard()
            raise
        with watched(show=False):  # once begun, the rename and its record are one step
            checked = staged.put_in_place(force=args.force)
            copies.record_restore(
                database, args.file, officer=by.full_name if by else None, force=args.force,
                at=now(),
            )  # fmt: skip
        done = copies.TEXT["restored"]
    if checked.chain.broken is not None:  # only a backup gets here with a broken chain
        from desk_app.audit import describe

        print(describe(checked.chain))
        return 1
    print(done.format(path=args.file, dossiers=checked.dossiers, events=checked.chain.events))
    return 0


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        out: list[tuple[str, str]] = []
        for key, inner in value.items():
            out.extend(_flatten(inner, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, bool):
        return [(prefix, "true" if value else "false")]
    return [(prefix, repr(value) if isinstance(value, str) else str(value))]


def run_ui(config: Path | None, *, sign_in_hint: str = "") -> int:
    """Run the Textual app until the officer quits; return its exit status.

    The app paints first and then reads desk.toml and opens the database in a worker (see
    screens.app); a bad desk.toml ends it with the same one message as `desk config check`.
    ``sign_in_hint`` is shown under the sign-in box (the demo's accounts). Quitting signs
    the officer out, on the record.
    """
    from screens.app import DeskApp

    def open_desk() -> Desk:
        from desk_app.config import load_config
        from desk_app.desk import Desk

        loaded = load_config(config)
        check_keymap(loaded)
        return Desk.open(loaded.settings)

    app = DeskApp(open_desk, sign_in_hint=sign_in_hint)
    try:
        app.run()
    finally:
        if app.desk is not None:
            app.desk.sign_out()
            app.desk.close()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
