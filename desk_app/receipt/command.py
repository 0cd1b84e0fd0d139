"""`desk receipt CODE [--out FILE] --as USER`: a saved dossier's receipt from the command line.

Without ``--out`` the receipt goes where the desk sends every receipt (the configured printer,
or the receipts folder); with it, the PDF is only written to that file. No Textual on this path:
it runs on a machine without a usable terminal, e.g. from a reprint script.

A receipt carries the citizen's data and the secret lookup code, so the officer signs in
(``--as``) and the copy is audited as a reprint by them, like the reprint key on the screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.receipt import texts

if TYPE_CHECKING:
    from desk_app.config import LoadedConfig


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `desk receipt`."""
    parser.add_argument("code", metavar="MÃ_HỒ_SƠ", help=texts.CLI_CODE)
    parser.add_argument("--out", type=Path, metavar="TỆP", help=texts.CLI_OUT)


def run(loaded: LoadedConfig, code: str, out: Path | None, as_user: str) -> int:
    """Render (and print, or write to ``out``) the receipt of ``code`` for the officer
    ``as_user``; 0 on success, else 2.

    A wrong password, a missing dossier, an unreadable one or an unwritable folder raises a
    ``DeskError`` that the `desk` entry point prints as one line. The reprint is audited
    before the receipt is made, as on the screen: what must be provable is who asked.
    """
    from desk_app.lookup import record_reprint
    from desk_app.officers.command import signed_in
    from desk_app.receipt.api import print_receipt, render_receipt
    from desk_app.receipt.printing import unprintable_note, write_pdf

    with signed_in(loaded.settings, as_user) as desk:
        record_reprint(desk, code)
        row = desk.store.require(code)
    if out is not None:
        rendered = render_receipt(row, loaded.settings)
        write_pdf(rendered.pdf, out)
        print(texts.CLI_WRITTEN.format(code=row.code, path=out))
        if rendered.unprintable:
            print(unprintable_note(rendered.unprintable), file=sys.stderr)
        return 0
    outcome = print_receipt(row, loaded.settings)
    if not outcome.ok:
        print(f"desk: {outcome.message}", file=sys.stderr)
        return 2
    print(outcome.message)
    return 0
