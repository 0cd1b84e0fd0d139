"""Getting a rendered receipt onto paper, or at least onto disk.

The PDF is always written to the receipts folder first, under the dossier code, and kept: with no
printer configured that file *is* the outcome (its path is shown); when the printer fails the
officer reprints from lookup or opens the file, and nothing has to be rendered again.

``[printing] command`` in desk.toml is split into arguments like a shell would (no shell runs it,
so a dossier code can never become a command), ``{file}`` in any argument becomes the PDF's path
(the path is appended when no argument has ``{file}``), and a printer that does not answer within
:data:`PRINT_TIMEOUT` seconds counts as a failure instead of freezing the desk. The command
``system`` means the system's own way to print a file: the "print" verb of the file's
association on Windows (what Explorer's "Print" does), ``lp`` elsewhere.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from desk_app.errors import os_reason
from desk_app.private import write_private
from desk_app.receipt import texts
from desk_app.receipt.content import ReceiptError

PRINT_TIMEOUT: Final = 30.0
"""Seconds a print command may take to hand the job to the spooler."""
SYSTEM_COMMAND: Final = "system"
FILE_FIELD: Final = "{file}"

Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """What happened to one receipt, and where its PDF is."""

    status: Literal["printed", "saved", "failed"]
    code: str
    path: Path
    copies: int
    detail: str = ""
    """For a failure: what went wrong, in Vietnamese."""
    unprintable: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        """Whether the receipt reached the printer or, with none configured, the disk."""
        return self.status != "failed"

    @property
    def message(self) -> str:
        """One Vietnamese sentence (two with unprintable characters) for the officer."""
        if self.status == "printed":
            text = texts.PRINTED.format(code=self.code, copies=self.copies)
        elif self.status == "saved":
            text = texts.SAVED.format(code=self.code, path=self.path)
        else:
            text = texts.PRINT_FAILED.format(code=self.code, what=self.detail, path=self.path)
        if self.unprintable:
            text += " " + unprintable_note(self.unprintable)
        return text


def unprintable_note(chars: frozenset[str]) -> str:
    """The sentence naming characters the font could not draw (printed as «?»)."""
    named = " ".join(f"«{c}» (U+{ord(c):04X})" for c in sorted(chars))
    return texts.UNPRINTABLE.format(chars=named)


def write_pdf(pdf: bytes, path: Path) -> Path:
    """Write ``pdf`` to ``path`` whole or not at all (a half-written file never prints)."""
    try:
        partial = path.with_name(path.name + ".part")
        write_private(partial, pdf)  # 0600 in a 0700 folder: a receipt names the citizen
        os.replace(partial, path)
    except OSError as exc:
        raise ReceiptError(texts.CANNOT_SAVE.format(path=path, detail=os_reason(exc))) from None
    return path


def receipt_path(folder: Path, code: str) -> Path:
    """Where the receipt of ``code`` is kept."""
    return folder / f"{code}.pdf"


def command_arguments(command: str, path: Path, *, windows: bool = False) -> list[str]:
    """The argument list of ``command`` for the PDF at ``path`` (ValueError on bad quoting)."""
    args = shlex.split(command, posix=not windows)
    if windows:  # non-POSIX splitting keeps the quotes; the program must not see them
        args = [a[1:-1] if len(a) > 1 and a[0] == a[-1] == '"' else a for a in args]
    if not any(FILE_FIELD in a for a in args):
        args.append(FILE_FIELD)
    return [a.replace(FILE_FIELD, str(path)) for a in args]


def _last_line(output: bytes) -> str:
    lines = [ln.strip() for ln in output.decode("utf-8", "replace").splitlines() if ln.strip()]
    return f": {lines[-1][:200]}" if lines else ""


def run_print_command(
    command: str,
    path: Path,
    *,
    timeout: float = PRINT_TIMEOUT,
    runner: Runner = subprocess.run,
    platform: str = sys.platform,
) -> str | None:
    """Print ``path`` with ``command``; None when it worked, else what happened (Vietnamese)."""
    windows = platform == "win32"
    if command.strip() == SYSTEM_COMMAND:
        if windows:
            return _windows_print(path)
        command = "lp {file}"
    try:
        args = command_arguments(command, path, windows=windows)
    except ValueError as exc:  # shlex's reason is English: say it in Vietnamese
        quote = "quotation" in str(exc)
        return texts.FAILED_SYNTAX.format(
            detail=texts.UNCLOSED_QUOTE if quote else texts.BAD_ESCAPE
        )
    program = args[0]
    try:
        result = runner(
            args, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        return texts.FAILED_NOT_FOUND.format(program=program)
    except subprocess.TimeoutExpired:
        return texts.FAILED_TIMEOUT.format(program=program, seconds=f"{timeout:g}")
    except OSError as exc:
        return texts.FAILED_OS.format(program=program, detail=os_reason(exc))
    if result.returncode != 0:
        detail = _last_line(result.stderr or b"") or _last_line(result.stdout or b"")
        return texts.FAILED_EXIT.format(program=program, status=result.returncode, detail=detail)
    return None


def _windows_print(path: Path) -> str | None:
    """Windows' print verb: the default PDF application prints to the default printer."""
    startfile: Any = getattr(os, "startfile", None)
    if startfile is None:  # pragma: no cover - only reached when tests fake the platform
        return texts.FAILED_SYSTEM.format(detail="os.startfile")
    try:
        startfile(str(path), "print")
    except OSError as exc:
        return texts.FAILED_SYSTEM.format(detail=os_reason(exc))
    return None


def deliver(
    pdf: bytes,
    code: str,
    *,
    folder: Path,
    command: str,
    copies: int,
    unprintable: frozenset[str] = frozenset(),
    runner: Runner = subprocess.run,
    timeout: float = PRINT_TIMEOUT,
) -> PrintOutcome:
    """Keep the PDF in ``folder``, then print it with ``command`` if there is one."""
    path = write_pdf(pdf, receipt_path(folder, code))
    if not command.strip():
        return PrintOutcome("saved", code, path, copies, unprintable=unprintable)
    failure = run_print_command(command, path, timeout=timeout, runner=runner)
    if failure is not None:
        return PrintOutcome("failed", code, path, copies, failure, unprintable)
    return PrintOutcome("printed", code, path, copies, unprintable=unprintable)
