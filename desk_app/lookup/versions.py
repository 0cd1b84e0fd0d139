"""A dossier's content versions: the list (number, when, who, why) and any old one, read-only.

A correction never overwrites (:mod:`desk_app.corrections`): what was declared at the counter
stays readable for good, because the officer, the citizen or an inspector may have to know
what a printed receipt said. The dossier view lists the versions and shows an old one's
content; ``desk lookup CODE --version N`` prints it. Both read here, and an old version is
labelled by the same walk over the forms models as the current one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table

from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.lookup.detail import Section, declaration_sections, vn_date
from desk_app.safe_text import filled, plain, plain_cells
from desk_app.store import DossierRow, Store

TEXT = {
    "title": "{code} — nội dung phiên bản {number}",
    "versions": "Các phiên bản nội dung",
    "line": "Phiên bản {number}",
    "current": " (đang dùng)",
    "received": "nội dung lúc tiếp nhận",
    "when": "Thời điểm",
    "who": "Cán bộ",
    "reason": "Lý do sửa",
    "no_version": (
        "Hồ sơ {code} không có phiên bản {number}; các phiên bản hiện có: 1–{last}. "
        "Hãy chọn lại số phiên bản (--version)."
    ),
    "not_single": (
        "--version chỉ dùng khi tra cứu đúng một hồ sơ (quét mã hoặc gõ đủ mã hồ sơ); "
        "“{query}” không phải mã hồ sơ."
    ),
}


class NoSuchVersion(DeskError):
    """The dossier has no content version of that number."""


@dataclass(frozen=True, slots=True)
class VersionLine:
    """One content version: its number, when and by whom it was made, and why."""

    number: int
    at: datetime
    officer: str
    reason: str | None
    """None for the content as received."""
    content_hash: str
    current: bool


def versions(store: Store, row: DossierRow) -> tuple[VersionLine, ...]:
    """Every version of ``row``, oldest first (only the one received until a correction)."""
    found = store.rows(
        "SELECT content_version, at, officer, reason, content_hash FROM dossier_versions "
        "WHERE dossier_id = ? ORDER BY content_version",
        (row.id,),
    )
    lines = [
        VersionLine(n, datetime.fromisoformat(at), who, why, digest, n == row.content_version)
        for n, at, who, why, digest in found
    ]
    if not any(v.current for v in lines):  # never corrected (or versions not kept here)
        lines.append(
            VersionLine(
                row.content_version,
                row.updated_at if row.content_version > 1 else row.received_at,
                row.officer,
                None,
                row.content_hash,
                True,
            )
        )
    return tuple(lines)


def version_declarations(store: Store, row: DossierRow, number: int) -> dict[str, Any]:
    """The declarations (the stored envelope) of version ``number``; :class:`NoSuchVersion`."""
    if number == row.content_version:
        return row.declarations
    found = store.rows(
        "SELECT declarations FROM dossier_versions WHERE dossier_id = ? AND content_version = ?",
        (row.id, number),
    )
    if not found:
        raise NoSuchVersion(
            TEXT["no_version"].format(code=row.code, number=number, last=row.content_version)
        )
    loaded: dict[str, Any] = json.loads(found[0][0])
    return loaded


def version_sections(store: Store, row: DossierRow, number: int) -> tuple[Section, ...]:
    """Version ``number`` as labelled sections, as the dossier view shows declarations."""
    envelope = version_declarations(store, row, number)
    inner = envelope.get("declarations")
    return declaration_sections(inner if isinstance(inner, dict) else envelope)


def versions_table(lines: tuple[VersionLine, ...]) -> Table:
    """The versions as the dossier view and the CLI list them (every cell plain text)."""
    table = Table(title=plain(TEXT["versions"]), title_justify="left", show_header=False, box=None)
    for v in lines:
        name = TEXT["line"].format(number=v.number) + (TEXT["current"] if v.current else "")
        why = v.reason if v.reason is not None else TEXT["received"]
        table.add_row(*plain_cells(name, vn_date(v.at), v.officer, why))
    return table


def version_panel(store: Store, row: DossierRow, number: int) -> Panel:
    """Version ``number`` of ``row``: when, who, why, then its declarations, section by section."""
    lines = versions(store, row)
    chosen = next((v for v in lines if v.number == number), None)
    sections = version_sections(store, row, number)
    facts = Table.grid(padding=(0, 2))
    if chosen is not None:
        facts.add_row(*plain_cells(TEXT["when"], vn_date(chosen.at)))
        facts.add_row(*plain_cells(TEXT["who"], chosen.officer))
        if chosen.reason is not None:
            facts.add_row(*plain_cells(TEXT["reason"], chosen.reason))
        else:
            facts.add_row(*plain_cells("", TEXT["received"].capitalize()))
    blocks: list[Any] = [facts]
    for section in sections:
        table = Table(title=plain(section.title), title_justify="left", show_header=False, box=None)
        for label, value in section.lines:
            table.add_row(plain(label, "dim"), plain(value))
        blocks.append(table)
    blocks.append(versions_table(lines))
    title = filled(TEXT["title"], code=row.code, number=number)
    return Panel(Group(*blocks), title=title, title_align="left")


def print_version(desk: Desk, text: str, number: int, console: Console | None = None) -> int:
    """``desk lookup CODE --version N``: print that version (audited as a view); exit status
    0, or 1 when no dossier has that code. A query naming no single dossier is refused."""
    from desk_app.lookup import lookup, open_dossier, texts

    out = console or Console()
    result = lookup(desk, text, limit=2)
    if not result.query.single:
        raise NoSuchVersion(TEXT["not_single"].format(query=text))
    if not result.hits:
        out.print(filled(texts.NOT_FOUND, code=result.query.value))
        return 1
    row = open_dossier(desk, result.hits[0].code).row
    out.print(version_panel(desk.store, row, number))
    return 0
