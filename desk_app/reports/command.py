"""`desk report register|summary …` and `desk close-day …`: the reports from the command line.

Only argparse and the texts are imported at start-up (`desk --help` must not pay for reportlab
or openpyxl). The register book names citizens and the summary is a supervisor's, so both need
a supervisor's sign-in (``--as``); the closing slip is signed by the officer who closes the day,
whoever they are (the supervisor signs the paper).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.reports import texts

if TYPE_CHECKING:
    from desk_app.config import LoadedConfig

_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")

AddAs = Callable[[argparse.ArgumentParser], None]
"""Adds the ``--as`` option (who runs the command) to a parser."""


def day_of(option: str) -> Callable[[str], date]:
    """A YYYY-MM-DD parser whose refusal names ``option``, in Vietnamese."""

    def parse(value: str) -> date:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                texts.BAD_DAY.format(option=option, value=value)
            ) from None

    return parse


def month_of(value: str) -> tuple[int, int]:
    """A YYYY-MM argument as (year, month)."""
    found = _MONTH.match(value)
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1900:
        raise argparse.ArgumentTypeError(texts.BAD_MONTH.format(value=value))
    return int(found[1]), int(found[2])


def add_report_arguments(parser: argparse.ArgumentParser, add_as: AddAs) -> None:
    """The subcommands of `desk report`."""
    commands = parser.add_subparsers(dest="report_command", metavar="LỆNH", required=True)
    register = commands.add_parser(
        "register", help=texts.CLI_REGISTER_HELP, description=texts.CLI_REGISTER_HELP + "."
    )
    register.add_argument(
        "--from", dest="start", required=True, type=day_of("--from"), metavar="YYYY-MM-DD",
        help=texts.CLI_FROM,
    )  # fmt: skip
    register.add_argument(
        "--to", dest="end", required=True, type=day_of("--to"), metavar="YYYY-MM-DD",
        help=texts.CLI_TO,
    )  # fmt: skip
    register.add_argument("--out", required=True, type=Path, metavar="TỆP", help=texts.CLI_OUT)
    add_as(register)
    summary = commands.add_parser(
        "summary", help=texts.CLI_SUMMARY_HELP, description=texts.CLI_SUMMARY_HELP
    )
    summary.add_argument(
        "--month", required=True, type=month_of, metavar="YYYY-MM", help=texts.CLI_MONTH
    )
    summary.add_argument("--out", required=True, type=Path, metavar="TỆP", help=texts.CLI_OUT)
    add_as(summary)


def add_close_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `desk close-day` (``--as`` is added by the caller)."""
    parser.add_argument("--date", dest="day", type=day_of("--date"), metavar="YYYY-MM-DD",
                        help=texts.CLI_DATE)  # fmt: skip
    parser.add_argument("--out", type=Path, metavar="TỆP", help=texts.CLI_CLOSE_OUT)


def run_report(loaded: LoadedConfig, args: argparse.Namespace) -> int:
    """`desk report …` for the supervisor ``args.as_user``; 0 when the file is written."""
    from desk_app.cli_progress import TEXT as STOPPED
    from desk_app.cli_progress import watched
    from desk_app.officers.command import signed_in
    from desk_app.progress import Stopped
    from desk_app.reports.api import check_out, check_period, make_register, make_summary
    from forms.arguments import printable

    check_out(args.out)  # before the password is asked: a refused option costs nothing
    if args.report_command == "register":
        check_period(args.start, args.end)
    with signed_in(loaded.settings, args.as_user, supervisor_for=texts.WHAT_REPORTS) as desk:
        try:
            with watched() as progress:  # after the password prompt: Ctrl+C stops safely
                if args.report_command == "register":
                    path, count = make_register(
                        desk, args.start, args.end, args.out, progress=progress
                    )
                    what = texts.WHAT_REGISTER
                else:
                    year, month = args.month
                    path, count = make_summary(desk, year, month, args.out, progress=progress)
                    what = texts.WHAT_SUMMARY
        except Stopped:
            print(printable("desk: " + STOPPED["report"].format(path=args.out)), file=sys.stderr)
            return 130
    print(printable(texts.WRITTEN.format(what=what, count=count, path=path)))
    return 0


def run_close_day(loaded: LoadedConfig, args: argparse.Namespace) -> int:
    """`desk close-day`: 0 when the slip was printed (or kept), 2 when the printer failed."""
    from desk_app.officers.command import signed_in
    from desk_app.reports.api import check_out, close_day
    from forms.arguments import printable

    if args.out is not None:
        check_out(args.out)
    with signed_in(loaded.settings, args.as_user) as desk:
        officer = desk.require_officer()
        supervisor = officer.full_name if officer.is_supervisor else ""
        outcome = close_day(desk, args.day, supervisor=supervisor, out=args.out)
    if not outcome.ok:
        print(printable(f"desk: {outcome.message}"), file=sys.stderr)
        return 2
    print(printable(outcome.message))
    return 0
