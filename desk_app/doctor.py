"""`desk doctor`: is this counter PC ready for the first citizen of the day?

Each check answers one question a technician would otherwise find out in front of a citizen:
desk.toml is valid; the database and the folders with citizens' files are private (0600/0700)
and writable; the disk has room; the clock agrees with central's (a wrong clock puts a wrong
day in dossier codes and appointments); central answers and accepts this desk's token; the
print command prints (a test page in the receipt's typeface); the scanner's folder can be read
and is not writable by every account; the receipt's fonts are embedded in the PDF. Each prints
one Vietnamese line, đạt / cảnh báo / lỗi, and with a fault what to do. The exit status is 0
when nothing is at fault (warnings allowed) and 1 otherwise, for a scheduled check.

Nothing here changes the desk's data: the database is only opened for a write lock that is
rolled back, folders get a probe file that is removed, and central is asked for a dossier code
no desk ever issues (a read, answered "not found" once the token is accepted).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from desk_app.clock import Clock, now
from desk_app.doctor_texts import TEST_PAGE_LINES, TEXT
from desk_app.errors import DeskError, os_reason
from desk_app.settings import Settings
from forms.arguments import printable

Status = Literal["ok", "warning", "fault"]

MIN_FREE = 200 * 1024**2
"""Below this the desk may fail to save a dossier (scans are up to 20 MB each): a fault."""
LOW_FREE = 1024**3
"""Below this, a warning: a day of scans and a backup may not fit."""
SUBSET_TAG = re.compile(rb"/BaseFont\s*/([A-Z]{6}\+)?([^\s/<>\[\]()]+)")


@dataclass(frozen=True)
class Finding:
    """The answer to one check."""

    check: str
    status: Status
    message: str
    fix: str = ""


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit in ("B", "KB") else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _checks_modes() -> bool:
    """File modes mean nothing on Windows (access follows the profile's ACLs)."""
    return sys.platform != "win32"


def check_database(database: Path) -> Iterator[Finding]:
    """The database exists, is private (0600), and a write lock can be taken on it."""
    if not database.exists():
        yield Finding(
            "database",
            "fault",
            TEXT["db_missing"].format(path=database),
            TEXT["db_missing_fix"],
        )
        return
    if _checks_modes() and _mode(database) & 0o077:
        yield Finding(
            "database",
            "fault",
            TEXT["not_private"].format(
                what=TEXT["database"], path=database, mode=f"{_mode(database):04o}"
            ),
            TEXT["not_private_fix"].format(want="600", path=database),
        )
        return
    try:
        conn = sqlite3.connect(f"{database.as_uri()}?mode=rw", uri=True, timeout=5)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        reason = _sqlite_reason(exc)
        yield Finding(
            "database",
            "fault",
            TEXT["db_open"].format(path=database, reason=reason),
            TEXT["db_open_fix"],
        )
        return
    yield Finding("database", "ok", TEXT["db_ok"].format(path=database))


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "đang bị một chương trình khác khóa"
    if "readonly" in text or "read-only" in text:
        return "chỉ đọc được, không ghi được"
    if "unable to open" in text:
        return "không mở được tệp"
    if "not a database" in text or "malformed" in text:
        return "tệp không phải cơ sở dữ liệu của desk hoặc đã hỏng"
    return "lỗi SQLite"


def check_folder(name: str, folder: Path) -> Finding:
    """A folder of citizens' files: private (0700) and writable (a probe file comes and goes)."""
    what = TEXT[name]
    if not folder.exists():
        return Finding(name, "warning", TEXT["folder_missing"].format(what=what, path=folder))
    if _checks_modes() and _mode(folder) & 0o077:
        return Finding(
            name,
            "fault",
            TEXT["not_private"].format(what=what, path=folder, mode=f"{_mode(folder):04o}"),
            TEXT["not_private_fix"].format(want="700", path=folder),
        )
    try:
        fd, probe = tempfile.mkstemp(prefix=".desk-doctor-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return Finding(
            name,
            "fault",
            TEXT["folder_bad"].format(what=what, path=folder, reason=os_reason(exc)),
            TEXT["folder_bad_fix"],
        )
    return Finding(name, "ok", TEXT["folder_ok"].format(what=what, path=folder))


def check_disk(path: Path) -> Finding:
    """Free space where the database lives."""
    probe = path.parent
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if free < MIN_FREE:
        return Finding(
            "disk",
            "fault",
            TEXT["disk_low"].format(free=_size(free), path=probe),
            TEXT["disk_fix"].format(need=_size(LOW_FREE)),
        )
    status: Status = "warning" if free < LOW_FREE else "ok"
    key = "disk_low" if status == "warning" else "disk_ok"
    return Finding("disk", status, TEXT[key].format(free=_size(free), path=probe))


def test_page(settings: Settings) -> bytes:
    """A one-page PDF in the receipt's three faces, on the desk's paper."""
    from desk_app.receipt.fonts import faces
    from desk_app.receipt.layout import Text
    from desk_app.receipt.pdf import STYLES, draw

    style = STYLES[settings.printing.paper]
    g = style.geometry
    names = faces()
    x = 20 * 72 / 25.4
    y = g.height - 30 * 72 / 25.4
    ops = [Text(x, y, TEXT["test_page_title"], names.bold, style.title)]
    for n, line in enumerate(TEST_PAGE_LINES, start=1):
        face = names.italic if n == 1 else names.regular
        ops.append(Text(x, y - n * style.title * 2, line, face, style.body))
    ops.append(Text(x, y - 6 * style.title * 2, settings.office.name, names.regular, style.body))
    return draw([ops], style, TEXT["test_page_title"], settings.office.name)


def check_printing(
    settings: Settings, pdf: bytes, *, send: bool, runner: Callable[..., object] | None = None
) -> Finding:
    """The print command runs on a test page (or, with ``send`` off, its program exists)."""
    from desk_app.receipt.printing import (
        SYSTEM_COMMAND,
        command_arguments,
        run_print_command,
        write_pdf,
    )

    command = settings.printing.command
    if not command.strip():
        return Finding("printing", "warning", TEXT["print_none"])
    fix = TEXT["print_fix"]
    if not send:
        if command.strip() == SYSTEM_COMMAND:
            program = "lp" if sys.platform != "win32" else ""
        else:
            program = command_arguments(command, Path("x"))[0]
        if program and shutil.which(program) is None:
            return Finding("printing", "fault", TEXT["print_missing"].format(program=program), fix)
        return Finding("printing", "ok", TEXT["print_found"].format(program=program or command))
    folder = settings.paths.receipts
    target = folder if folder.is_dir() else Path(tempfile.mkdtemp(prefix="desk-doctor-"))
    try:
        path = write_pdf(pdf, target / "trang-in-thu.pdf")
    except DeskError as exc:
        return Finding("printing", "fault", TEXT["print_bad"].format(reason=exc.message), fix)
    kwargs = {"runner": runner} if runner is not None else {}
    failure = run_print_command(command, path, **kwargs)  # type: ignore[arg-type]
    if failure is not None:
        return Finding("printing", "fault", TEXT["print_bad"].format(reason=failure), fix)
    return Finding("printing", "ok", TEXT["print_ok"].format(path=path, command=command))


def check_fonts(pdf: bytes) -> Finding:
    """Every font the test page names is embedded, as a subset (``ABCDEF+Name``), and has
    every letter of the page."""
    from desk_app.receipt.fonts import missing_glyphs

    lacking = missing_glyphs("".join(TEST_PAGE_LINES))
    named = SUBSET_TAG.findall(pdf)
    loose = sorted({name.decode("latin-1") for tag, name in named if not tag})
    embedded = pdf.count(b"/FontFile2") + pdf.count(b"/FontFile3") + pdf.count(b"/FontFile ")
    if lacking:
        reason = TEXT["fonts_missing_glyphs"].format(chars=" ".join(sorted(lacking)))
    elif loose or not named or embedded < len(named):
        reason = TEXT["fonts_not_embedded"].format(names=", ".join(loose) or "?")
    else:
        return Finding("fonts", "ok", TEXT["fonts_ok"].format(count=len(named)))
    return Finding("fonts", "fault", TEXT["fonts_bad"].format(reason=reason), TEXT["fonts_fix"])


def check_scanner(folder: Path) -> Finding:
    """The scanner's folder: there, readable, and not writable by every account."""
    if not folder.is_dir():
        return Finding(
            "scanner",
            "fault",
            TEXT["scanner_missing"].format(path=folder),
            TEXT["scanner_missing_fix"],
        )
    try:
        with os.scandir(folder) as entries:
            next(entries, None)
    except OSError as exc:
        return Finding(
            "scanner",
            "fault",
            TEXT["scanner_unreadable"].format(path=folder, reason=os_reason(exc)),
            TEXT["scanner_unreadable_fix"],
        )
    if _checks_modes():
        mode = _mode(folder)
        if mode & 0o002:
            return Finding(
                "scanner",
                "fault",
                TEXT["scanner_world"].format(path=folder, mode=f"{mode:04o}"),
                TEXT["scanner_world_fix"].format(path=folder),
            )
        if mode & 0o020:
            shown = f"{mode:04o}"
            return Finding(
                "scanner", "warning", TEXT["scanner_group"].format(path=folder, mode=shown)
            )
    return Finding("scanner", "ok", TEXT["scanner_ok"].format(path=folder))


def examine(
    config: Path | None,
    env: Mapping[str, str] | None = None,
    *,
    clock: Clock = now,
    send_test_page: bool = True,
    runner: Callable[..., object] | None = None,
) -> list[Finding]:
    """Every check, in the order a technician would fix them; stops after desk.toml when it
    cannot be read (every other check needs it)."""
    from desk_app.config import check_references, load_config

    env = os.environ if env is None else env
    try:
        loaded = load_config(config, env)
        check_references(loaded)
        from desk_app.cli import check_keymap

        check_keymap(loaded)
    except DeskError as exc:
        return [
            Finding(
                "config", "fault", TEXT["config_bad"].format(reason=exc.message), TEXT["config_fix"]
            )
        ]
    settings = loaded.settings
    paths = settings.paths
    found = [Finding("config", "ok", TEXT["config_ok"])]
    found.extend(check_database(paths.database))
    if _checks_modes() and paths.database.parent.exists():
        found.append(check_folder("database_folder", paths.database.parent))
    found.append(check_folder("attachments", paths.attachments))
    found.append(check_folder("receipts", paths.receipts))
    found.append(check_disk(paths.database))
    from desk_app.doctor_central import check_central

    reached, clock_finding = check_central(settings, env, clock)
    found.extend((reached, clock_finding))
    try:
        pdf = test_page(settings)
    except Exception as exc:  # a broken font package: said, not a traceback
        reason = TEXT["fonts_render"].format(reason=type(exc).__name__)
        found.append(
            Finding("fonts", "fault", TEXT["fonts_bad"].format(reason=reason), TEXT["fonts_fix"])
        )
    else:
        found.append(check_printing(settings, pdf, send=send_test_page, runner=runner))
        found.append(check_fonts(pdf))
    found.append(check_scanner(paths.scanner_inbox))
    return found


def render(findings: list[Finding], config: str) -> str:
    """The findings as lines for a person: one per check, the fix under a fault."""
    width = max(len(TEXT[s]) for s in ("ok", "warning", "fault")) + 2
    lines = [TEXT["title"].format(config=config)]
    for finding in findings:
        label = f"[{TEXT[finding.status]}]".ljust(width + 1)
        lines.append(f"{label}{finding.message}")
        if finding.fix:
            lines.append(" " * (width + 1) + TEXT["fix"].format(fix=finding.fix))
    counts = {s: sum(f.status == s for f in findings) for s in ("ok", "warning", "fault")}
    lines.append(TEXT["summary"].format(**counts))
    lines.append(TEXT["unhealthy"] if counts["fault"] else TEXT["healthy"])
    return printable("\n".join(lines))


def run(config: Path | None, *, as_json: bool = False, send_test_page: bool = True) -> int:
    """`desk doctor`: print the findings; 0 when nothing is at fault, 1 otherwise."""
    from desk_app.config import resolve_config_path

    findings = examine(config, send_test_page=send_test_page)
    if as_json:
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        print(render(findings, str(resolve_config_path(config, os.environ))))
    return 1 if any(f.status == "fault" for f in findings) else 0
