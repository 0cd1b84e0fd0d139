"""Making the reports and the closing slip: the calls the CLI and the screens' workers make.

Everything here blocks (queries, rendering, a sync round, the print command): screens call it
from a worker. Arguments are checked before anything is read (:class:`ReportRefused` names the
option), files are written whole or not at all, readable by the desk's user only (a register
book names citizens), and the closing slip goes through the receipt's print path
(``[printing] command``, :func:`desk_app.receipt.printing.run_print_command`).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from desk_app.clock import local_date
from desk_app.desk import Desk
from desk_app.errors import DeskError, os_reason
from desk_app.private import private_dir, write_private
from desk_app.progress import Progress, steps
from desk_app.receipt.printing import Runner, run_print_command
from desk_app.reports import texts
from desk_app.reports.closing import Anchors, ClosingFacts, Syncer, anchor_line, closing_facts
from desk_app.reports.closing import sync_first as default_sync
from desk_app.reports.closing_pdf import closing_pdf
from desk_app.reports.register import MAX_DAYS, register_book
from desk_app.reports.render import register_pdf, summary_pdf
from desk_app.reports.summary import Summary, monthly_summary
from desk_app.reports.xlsx import register_xlsx, summary_xlsx

Kind = Literal["pdf", "xlsx"]


class ReportRefused(DeskError):
    """A report cannot be made with these arguments; ``field`` names the option."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def kind_of(out: Path) -> Kind:
    """The format ``out``'s suffix asks for (.pdf or .xlsx), or :class:`ReportRefused`."""
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".xlsx":
        return "xlsx"
    raise ReportRefused(texts.BAD_SUFFIX.format(path=out), "out")


def check_out(out: Path) -> Kind:
    """Check ``--out`` before any work: its suffix and its folder."""
    kind = kind_of(out)
    if not out.parent.is_dir():
        raise ReportRefused(texts.OUT_FOLDER.format(folder=out.parent), "out")
    return kind


def write_file(data: bytes, path: Path) -> Path:
    """Write ``data`` whole (a temporary file renamed), private to the desk's user."""
    partial = path.with_name(path.name + ".part")
    try:
        write_private(partial, data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ReportRefused(
            texts.CANNOT_SAVE.format(path=path, detail=os_reason(exc)), "out"
        ) from None
    except BaseException:  # Ctrl+C: no half-written file is left beside the report
        partial.unlink(missing_ok=True)
        raise
    return path


def check_period(start: date, end: date) -> None:
    """A period the book can cover: in order, and not absurdly long."""
    if start > end:
        raise ReportRefused(
            texts.BAD_PERIOD.format(start=start.isoformat(), end=end.isoformat()), "from"
        )
    days = (end - start).days + 1
    if days > MAX_DAYS:
        raise ReportRefused(texts.LONG_PERIOD.format(days=days, limit=MAX_DAYS), "from")


REPORT_STEPS = ("report_read", "report_render", "report_write")
"""The stages a report file is made in, as its progress reports them."""


def make_register(
    desk: Desk, start: date, end: date, out: Path, *, progress: Progress | None = None
) -> tuple[Path, int]:
    """Write the register book of ``start``–``end`` to ``out``; (path, rows).

    ``progress`` is told each stage; a stop it raises leaves no file (nothing is written
    before the last stage, and that one is a rename)."""
    kind = check_out(out)
    check_period(start, end)
    step = steps(progress, REPORT_STEPS)
    step(0)
    book = register_book(desk.store, start, end)
    step(1)
    if kind == "xlsx":
        data = register_xlsx(book)
    else:
        data = register_pdf(book, desk.settings, desk.clock()).pdf
    step(2)
    written = write_file(data, out)
    step(3)
    return written, len(book.rows)


def summary_of(desk: Desk, year: int, month: int) -> Summary:
    """The summary of ``month`` of ``year`` as it stands now (what the screen shows)."""
    return monthly_summary(desk.store, year, month, desk.clock())


def make_summary(
    desk: Desk, year: int, month: int, out: Path, *, progress: Progress | None = None
) -> tuple[Path, int]:
    """Write the monthly summary to ``out``; (path, dossiers received in the month)."""
    kind = check_out(out)
    step = steps(progress, REPORT_STEPS)
    step(0)
    summary = summary_of(desk, year, month)
    step(1)
    if kind == "xlsx":
        data = summary_xlsx(summary)
    else:
        data = summary_pdf(summary, desk.settings, desk.clock()).pdf
    step(2)
    written = write_file(data, out)
    step(3)
    return written, summary.total.received


def summary_path(folder: Path, year: int, month: int, kind: Kind) -> Path:
    """Where the supervisor's screen keeps the report of a month (beside the printed papers)."""
    return folder / f"bao-cao-thang-{year}-{month:02d}.{kind}"


def save_summary(
    desk: Desk, year: int, month: int, kind: Kind, *, progress: Progress | None = None
) -> tuple[Path, int]:
    """Write the month's report into the desk's papers folder (made if missing); the same
    file `desk report summary --out` writes."""
    folder = desk.settings.paths.receipts
    try:
        private_dir(folder)
        path = summary_path(folder, year, month, kind)
        return make_summary(desk, year, month, path, progress=progress)
    except OSError as exc:
        raise ReportRefused(texts.SAVE_FAILED.format(path=folder, detail=os_reason(exc))) from None
    except ReportRefused as exc:  # no --out on a screen: the sentence without the option's name
        raise ReportRefused(exc.message.removeprefix("--out: ")) from None


@dataclass(frozen=True)
class ClosingOutcome:
    """The closing slip made: its facts, where its PDF is, and what printing did."""

    facts: ClosingFacts
    path: Path
    status: Literal["written", "printed", "saved", "failed"]
    detail: str = ""

    @property
    def ok(self) -> bool:
        """Whether the slip reached the file (and the printer, when asked to print)."""
        return self.status != "failed"

    @property
    def message(self) -> str:
        """One Vietnamese sentence for the officer."""
        template = {
            "written": texts.CLOSING_WRITTEN,
            "printed": texts.CLOSING_PRINTED,
            "saved": texts.CLOSING_NO_PRINTER,
            "failed": texts.CLOSING_PRINT_FAILED,
        }[self.status]
        return template.format(day=f"{self.facts.day:%d/%m/%Y}", path=self.path, what=self.detail)


def closing_path(folder: Path, day: date, desk_number: int) -> Path:
    """Where the desk keeps the slip of ``day`` (beside the receipts)."""
    return folder / f"ket-thuc-ngay-{day.isoformat()}-ban{desk_number}.pdf"


def close_day(
    desk: Desk,
    day: date | None = None,
    *,
    supervisor: str = "",
    out: Path | None = None,
    syncer: Syncer = default_sync,
    anchors: Anchors = anchor_line,
    runner: Runner = subprocess.run,
) -> ClosingOutcome:
    """Sync, gather, render, keep and (without ``out``) print the closing slip of ``day``.

    The slip is audited (``day.close``, with the counts it printed) so the trail shows who
    closed which day and what the slip said.
    """
    if out is not None:
        check_out(out)
    chosen = day or local_date(desk.clock())
    facts = closing_facts(desk, chosen, supervisor=supervisor, syncer=syncer, anchors=anchors)
    rendered = closing_pdf(facts, desk.settings)
    folder = desk.settings.paths.receipts
    path = write_file(rendered.pdf, out or closing_path(folder, chosen, facts.desk_number))
    desk.store.record(
        "day.close",
        officer=desk.officer,
        at=desk.clock(),
        detail={
            "day": chosen.isoformat(),
            "issued": len(facts.issued),
            "gaps": [g.code for g in facts.gaps],
            "waiting": len(facts.waiting),
            "chain": facts.chain[0] if facts.chain else 0,
        },
    )
    if out is not None:
        return ClosingOutcome(facts, path, "written")
    command = desk.settings.printing.command
    if not command.strip():
        return ClosingOutcome(facts, path, "saved")
    failure = run_print_command(command, path, runner=runner)
    if failure is not None:
        return ClosingOutcome(facts, path, "failed", failure)
    return ClosingOutcome(facts, path, "printed")
