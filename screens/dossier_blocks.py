"""The blocks of the dossier view, as Rich renderables: where it stands, its three procedures,
its papers, its history and its declarations.

Pure functions of a :class:`desk_app.lookup.DossierDetail` (and of why it is set aside from
sync, if it is), so :mod:`screens.dossier_view` only places them. Every name, reason and note
is data: it reaches Rich as ``Text`` (appended, or through :mod:`desk_app.safe_text`), never as
markup. Tables are laid out to read at 80 columns: the history puts each event in words beside
its time and its detail under it, rather than folding a reason into a narrow fourth column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from desk_app import groups
from desk_app.safe_text import filled, plain, plain_cells

if TYPE_CHECKING:
    from desk_app.lookup import DossierDetail
    from desk_app.store.sync_held import HeldDossier

TEXT = {
    "status": "Trạng thái: {status}",
    "reason": "Lý do: {reason}",
    "received": "Tiếp nhận: {when} · Cán bộ: {officer}",
    "appointment": "Hẹn trả kết quả: {when}",
    "no_appointment": "Chưa có ngày hẹn trả",
    "new_date": " · hẹn lại: {day} (thư xin lỗi, mẫu 04)",
    "propose_04": "Đã quá hẹn: phím L in thư xin lỗi và hẹn lại ngày trả (mẫu 04)",
    "people": "{who}: {subject} · Người yêu cầu: {requester}",
    "progress": "Tiến độ ba thủ tục",
    "done": "xong {when}",
    "pending": "chưa có kết quả",
    "timeline": "Lịch sử hồ sơ",
    "attachments": "Giấy tờ đã nộp",
    "supplement": "bổ sung",
    "copies": "{count} bản",
    "files": "{count} tệp",
    "sighted": "đã xem bản chính",
    "originals": "Khi trả kết quả cần thu/đối chiếu bản chính: {items}",
    "held": "Tạm giữ, chưa gửi lên hệ thống: {reason}",
    "foreign": (
        "Hồ sơ do quầy {desk} tiếp nhận, lấy từ hệ thống trung tâm; tệp đính kèm lưu ở hệ "
        "thống trung tâm."
    ),
}
URGENCY_STYLE = {"overdue": "bold red", "due_today": "bold yellow"}


def _titled(title: str) -> Table:
    return Table(title=plain(title), title_justify="left", show_header=False, box=None)


def head(d: DossierDetail, held: HeldDossier | None) -> Text:
    """Code, subject and requester, status (and why), reception, appointment."""
    from desk_app.lookup import texts
    from desk_app.lookup.detail import vn_date

    row = d.row
    told = Text()
    told.append(row.code + "\n", style="bold")
    who = groups.subject_short(row.procedure_group)
    people = TEXT["people"].format(who=who, subject=row.subject_name, requester=row.requester_name)
    told.append(people + "\n")
    told.append(TEXT["status"].format(status=d.status_label), style="bold")
    if d.urgency is not None:
        told.append(f" · {texts.URGENCY[d.urgency]}", style=URGENCY_STYLE[d.urgency.value])
    told.append("\n")
    if row.status_reason:
        told.append(TEXT["reason"].format(reason=row.status_reason) + "\n", style="italic")
    if held is not None:  # Text.append: central's words stay plain text
        told.append(TEXT["held"].format(reason=held.reason) + "\n", style="bold red")
    told.append(TEXT["received"].format(when=vn_date(row.received_at), officer=row.officer) + "\n")
    if row.origin_desk is not None:
        told.append(TEXT["foreign"].format(desk=row.origin_desk) + "\n", style="italic")
    # The urgency's colour goes on the date that decides it: form 04's new date when one was
    # given (the receipt's appointment stays written, with its time), else the appointment.
    urgent = URGENCY_STYLE[d.urgency.value] if d.urgency else ""
    if row.appointment_at is not None:
        when = vn_date(row.appointment_at)
        told.append(TEXT["appointment"].format(when=when), style="" if row.due_on else urgent)
    else:
        told.append(TEXT["no_appointment"])
    if row.due_on is not None:
        new_date = TEXT["new_date"].format(day=vn_date(row.due_on))
        told.append(new_date, style=urgent or "bold")
    if d.urgency is not None and d.urgency.value == "overdue":
        # The decree's apology is due (again, when a new date has passed too): the key for it.
        told.append("\n" + TEXT["propose_04"], style="bold")
    return told


def progress(d: DossierDetail) -> Table:
    """Each procedure: done (when, and its result's number) or not yet."""
    from desk_app.lookup.detail import vn_date

    table = _titled(TEXT["progress"])
    for p in d.procedures:
        state = TEXT["done"].format(when=vn_date(p.done_at)) if p.done_at else TEXT["pending"]
        table.add_row(
            Text("✔" if p.done_at else "·", style="green" if p.done_at else "dim"),
            *plain_cells(p.label, state, p.reference),
        )
    return table


def papers(d: DossierDetail) -> RenderableType:
    """The papers received (copies, files, original seen, supplement), and the originals to
    collect at pick-up."""
    table = _titled(TEXT["attachments"])
    for a in d.attachments:
        facts = [TEXT["copies"].format(count=a.copies)] if a.copies else []
        facts += [TEXT["files"].format(count=a.files)] if a.files else []
        facts += [TEXT["sighted"]] if a.original_sighted else []
        facts += [TEXT["supplement"]] if a.supplement else []
        table.add_row(*plain_cells(a.label, ", ".join(facts)))
    if not d.originals:
        return table
    items = "; ".join(o.label for o in d.originals)
    return Group(table, filled(TEXT["originals"], items=items, style="italic"))


def history(d: DossierDetail) -> Table:
    """Every event, oldest first: its time, then what happened and who, its detail below."""
    from desk_app.lookup.detail import vn_date

    table = _titled(TEXT["timeline"])
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for e in d.timeline:
        if e.refused:  # central's refusal of this desk's action: who did it first, and when
            what = plain(f"{e.title}: {e.detail}", "bold red")
        else:
            what = plain(e.title, "bold")
            what.append(f" · {e.officer}")
            if e.detail:
                what.append(f"\n{e.detail}", style="italic")
        table.add_row(*plain_cells(vn_date(e.at), what))
    return table


def declarations(d: DossierDetail) -> Group:
    """The declarations, section by section, labelled by the forms' own titles."""
    blocks = []
    for section in d.sections:
        table = _titled(section.title)
        for label, value in section.lines:
            table.add_row(plain(label, "dim"), plain(value))
        blocks.append(table)
    return Group(*blocks)
