"""`desk form 02|03|04 CODE [--reason …] [--new-date YYYY-MM-DD] [--out FILE] [--print] --as USER`.

The counter's other papers from the command line, wired like `desk receipt`: the officer
signs in (``--as``), because a form names the citizen and every issue is audited under their
name. No Textual on this path. Only argparse and the texts are imported at start-up: `desk
--help` must not pay for reportlab.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.documents import texts

if TYPE_CHECKING:
    from desk_app.config import LoadedConfig

FORM_CHOICES = ("02", "03", "04")
"""The forms `desk form` makes (:data:`desk_app.documents.content.FORMS`)."""


def iso_day(value: str) -> date:
    """A YYYY-MM-DD argument, or argparse's error naming the option, in Vietnamese."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(texts.NEW_DATE_SHAPE.format(value=value)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `desk form`."""
    parser.add_argument("form", metavar="MẪU", choices=FORM_CHOICES, help=texts.CLI_FORM)
    parser.add_argument("code", metavar="MÃ_HỒ_SƠ", help=texts.CLI_CODE)
    parser.add_argument("--reason", metavar="LÝ_DO", help=texts.CLI_REASON)
    parser.add_argument(
        "--new-date", dest="new_date", type=iso_day, metavar="YYYY-MM-DD", help=texts.CLI_NEW_DATE
    )
    parser.add_argument("--out", type=Path, metavar="TỆP", help=texts.CLI_OUT)
    parser.add_argument("--print", dest="send", action="store_true", help=texts.CLI_PRINT)


def run(loaded: LoadedConfig, args: argparse.Namespace) -> int:
    """Issue the form ``args`` name for the officer ``args.as_user``; 0 on success, else 2.

    A refused form, a wrong password or a missing dossier raises a ``DeskError`` that the
    `desk` entry point prints as one line (exit 2), before anything is written.
    """
    from desk_app.documents.api import make_form
    from desk_app.documents.content import FormRefused, form_of
    from desk_app.officers.command import signed_in
    from forms.arguments import printable

    form = form_of(args.form)
    out: Path | None = args.out
    if out is not None and not out.parent.is_dir():
        raise FormRefused(texts.OUT_FOLDER.format(folder=out.parent), "out")
    with signed_in(loaded.settings, args.as_user) as desk:
        outcome = make_form(
            desk,
            form,
            args.code,
            reason=args.reason,
            new_date=args.new_date,
            out=out,
            send=args.send,
        )
    if not outcome.ok:
        print(printable(f"desk: {outcome.message}"), file=sys.stderr)
        return 2
    print(printable(outcome.message))
    return 0
