"""``desk lookup QUERY``: the lookup screen's answers printed for scripts and for an officer
without the UI.

A query naming one dossier (a scanned payload, a whole code) prints that dossier as a panel:
status, appointment, the three procedures, papers and history. Any other query prints the
result table, newest first, with the columns the screen would show at the terminal's width
(:mod:`desk_app.lookup.columns`): dates are never cut, long names end in "…". Rich only, no
Textual.
Exit status: 0 when something was found, 1 when nothing was.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from desk_app import groups
from desk_app.desk import Desk
from desk_app.lookup import lookup, open_dossier, texts, today
from desk_app.lookup.central import ask_central, remote_cells
from desk_app.lookup.columns import fitted, layout, row_cells
from desk_app.lookup.detail import DossierDetail, vn_date
from desk_app.safe_text import filled, plain, plain_cells
from desk_app.sync.remote import RemoteHit

TEXT = {
    "status": "Trạng thái",
    "reason": "Lý do",
    "requester": "Người yêu cầu",
    "received": "Tiếp nhận",
    "appointment": "Hẹn trả kết quả",
    "new_date": "Hẹn lại (thư xin lỗi, mẫu 04)",
    "progress": "Tiến độ",
    "pending": "chưa có kết quả",
    "papers": "Giấy tờ",
    "history": "Lịch sử",
}
URGENCY_STYLE = {"overdue": "bold red", "due_today": "bold yellow"}


def dossier_panel(detail: DossierDetail) -> Panel:
    """One dossier as a panel: where it stands, its procedures, its papers, its history.

    Every cell is a ``Text``: names, reasons and notes are data, never markup.
    """
    row = detail.row
    facts = Table.grid(padding=(0, 2))
    facts.add_row(*plain_cells(groups.subject_short(row.procedure_group), row.subject_name))
    facts.add_row(*plain_cells(TEXT["requester"], row.requester_name))
    status = Text(detail.status_label, style="bold")
    if detail.urgency is not None:
        status.append(
            f" · {texts.URGENCY[detail.urgency]}", style=URGENCY_STYLE[detail.urgency.value]
        )
    facts.add_row(*plain_cells(TEXT["status"], status))
    if row.status_reason:
        facts.add_row(*plain_cells(TEXT["reason"], row.status_reason))
    facts.add_row(*plain_cells(TEXT["received"], vn_date(row.received_at)))
    facts.add_row(
        *plain_cells(
            TEXT["appointment"], vn_date(row.appointment_at) if row.appointment_at else "—"
        )
    )
    if row.due_on is not None:  # the day the dossier is now due (form 04 moved it)
        facts.add_row(*plain_cells(TEXT["new_date"], vn_date(row.due_on)))

    progress = _block(TEXT["progress"])
    for p in detail.procedures:
        progress.add_row(
            *plain_cells(
                "✔" if p.done_at else "·",
                p.label,
                vn_date(p.done_at) if p.done_at else TEXT["pending"],
                p.reference,
            )
        )
    papers = _block(TEXT["papers"])
    for a in detail.attachments:
        papers.add_row(*plain_cells(a.label, a.copies or "", "✔" if a.original_sighted else ""))
    # Two columns, the event in words under its time: at 80 columns, four would fold the
    # officer's name and the event's title over three lines each.
    history = _block(TEXT["history"])
    history.add_column(no_wrap=True)
    history.add_column()
    for e in detail.timeline:
        if e.refused:  # this desk's action central did not take: who did it first
            what = Text(f"{e.title}: {e.detail}", style="bold red")
        else:
            what = Text(e.title, style="bold")
            what.append(f" · {e.officer}")
            if e.detail:
                what.append(f"\n{e.detail}", style="italic")
        history.add_row(*plain_cells(vn_date(e.at), what))
    return Panel(Group(facts, progress, papers, history), title=plain(row.code), title_align="left")


def _block(title: str) -> Table:
    return Table(title=plain(title), title_justify="left", show_header=False, box=None)


def results_table(desk: Desk, text: str, limit: int, width: int = 80) -> tuple[Table | None, str]:
    """The result table of a query for a terminal ``width`` wide (None when nothing was
    found), and its caption."""
    result = lookup(desk, text, limit)
    caption = texts.QUERY_KINDS[result.query.kind].format(value=result.query.value)
    if not result.hits:
        return None, caption
    on = today(desk)
    rows = [row_cells(hit, on) for hit in result.hits]
    # A column costs its padding (1 + 1) and a border; the table, its left edge.
    columns = layout(rows, width, per_column=3, fixed=1)
    # The caption quotes what was typed: a Text, so "[/]" in a query is shown, not parsed.
    table = Table(title=plain(caption), title_justify="left")
    for column in columns:
        table.add_column(plain(column.label), width=column.width, no_wrap=True, overflow="ellipsis")
    for hit, cells in zip(result.hits, rows, strict=True):
        urgency = hit.urgency(on)
        table.add_row(
            *(fitted(cells[c.key]) for c in columns),
            style=URGENCY_STYLE[urgency.value] if urgency else None,
        )
    if result.truncated:
        table.caption = filled(texts.MORE, shown=len(result.hits))
    return table, caption


def central_table(hits: list[RemoteHit], width: int = 80) -> Table:
    """Central's matches from other counters, each marked with its counter ("ở quầy 2")."""
    rows = [remote_cells(hit) for hit in hits]
    columns = layout(rows, width, per_column=3, fixed=1)
    table = Table(title=filled(texts.FOUND_AT_CENTRAL, count=len(hits)), title_justify="left")
    for column in columns:
        table.add_column(plain(column.label), width=column.width, no_wrap=True, overflow="ellipsis")
    for cells in rows:
        table.add_row(*(fitted(cells[c.key]) for c in columns))
    return table


def print_lookup(desk: Desk, text: str, limit: int, console: Console | None = None) -> int:
    """Print the answer to ``text``; return the exit status (0 found, 1 nothing found).

    What this desk does not hold is asked of central too (another counter's dossiers): a
    whole code is then taken from central and printed like a dossier of this desk; names and
    ID numbers list central's matches under the desk's own.
    """
    out = console or Console()
    result = lookup(desk, text, limit=2)
    if result.query.single:
        if not result.hits:
            answer = ask_central(desk, result.query, set())
            if answer.opened is not None:
                row = answer.opened
                out.print(filled(texts.FETCHED, code=row.code, desk=row.origin_desk or "?"))
                out.print(dossier_panel(open_dossier(desk, row.code)))
                return 0
            out.print(filled(texts.NOT_FOUND, code=result.query.value))
            if answer.offline:
                out.print(plain(answer.offline))
            return 1
        out.print(dossier_panel(open_dossier(desk, result.hits[0].code)))
        return 0
    table, caption = results_table(desk, text, limit, out.width)
    local = {hit.code for hit in lookup(desk, text, limit).hits} if table is not None else set()
    answer = ask_central(desk, result.query, local)
    if table is None:
        out.print(plain(f"{caption}: {texts.NO_RESULTS}"))
    else:
        out.print(table)
    if answer.hits:
        out.print(central_table(answer.hits, out.width))
    if answer.offline:
        out.print(plain(answer.offline))
    return 0 if table is not None or answer.hits else 1
