"""The closing slip on A4 with the receipt's letterhead and signature blocks."""

from __future__ import annotations

from reportlab.lib.units import mm

from desk_app.receipt import texts as receipt_texts
from desk_app.receipt.content import office_place
from desk_app.receipt.pdf import letterhead, signatures
from desk_app.reports import texts
from desk_app.reports.closing import ClosingFacts, when
from desk_app.reports.pdfkit import PORTRAIT, Composer, RenderedReport, finish
from desk_app.settings import Settings
from forms.text import for_print

INDENT = 6 * mm
"""The items under a heading."""


def _codes(c: Composer, facts: ClosingFacts) -> None:
    c.para(texts.CODES_HEAD, "bold")
    if facts.issued:
        first, last = facts.issued[0], facts.issued[-1]
        c.para(
            texts.CODES_RANGE.format(first=first, last=last, count=len(facts.issued)), indent=INDENT
        )
    else:
        c.para(texts.CODES_NONE, indent=INDENT)
    if facts.allocated:
        c.para(texts.CODES_ALLOCATED.format(last=facts.allocated), indent=INDENT)
    if not facts.gaps:
        if facts.allocated or facts.issued:
            c.para(texts.GAPS_NONE, indent=INDENT)
        return
    restore = texts.GAP_RESTORE.format(at=when(facts.restore_at)) if facts.restore_at else ""
    for gap in facts.gaps:
        number = f"{facts.desk_number * 1000 + gap.number:04d}"
        if gap.received_at is not None:
            line = texts.GAP_DELETED.format(number=number, code=gap.code, at=when(gap.received_at))
        else:
            line = texts.GAP_UNUSED.format(number=number, code=gap.code, restore=restore)
        c.para(f"- {line}", indent=INDENT)


def _waiting(c: Composer, facts: ClosingFacts) -> None:
    c.para(texts.WAITING_HEAD, "bold")
    c.para(facts.sync_line, "italic", indent=INDENT)
    if not facts.waiting:
        c.para(texts.WAITING_NONE, indent=INDENT)
        return
    c.para(texts.WAITING_COUNT.format(count=len(facts.waiting)), indent=INDENT)
    for code, at, reason in facts.waiting:
        held = texts.WAITING_HELD.format(reason=reason) if reason else ""
        c.para("- " + texts.WAITING_ROW.format(code=code, at=when(at), held=held), indent=INDENT)


def _prints(c: Composer, facts: ClosingFacts) -> None:
    c.para(texts.PRINTS_HEAD, "bold")
    c.para(texts.PRINTS_RECEIPTS.format(count=facts.receipts), indent=INDENT)
    codes = f" ({', '.join(facts.reprints)})" if facts.reprints else ""
    c.para(texts.PRINTS_REPRINTS.format(count=len(facts.reprints), codes=codes), indent=INDENT)
    c.para(texts.PRINTS_FORMS.format(count=facts.forms), indent=INDENT)


def _audit(c: Composer, facts: ClosingFacts) -> None:
    c.para(texts.AUDIT_HEAD, "bold")
    if facts.chain is None:
        c.para(texts.AUDIT_EMPTY, indent=INDENT)
    else:
        events, head = facts.chain
        c.para(texts.AUDIT_CHAIN.format(events=events, head=head), indent=INDENT)
    c.para(facts.anchor_line, indent=INDENT)


def closing_pdf(facts: ClosingFacts, settings: Settings) -> RenderedReport:
    """The slip of ``facts.day``: four sections, then the officer's and supervisor's signatures."""
    c = Composer(PORTRAIT)
    s, day = c.style, facts.day
    place = receipt_texts.PLACE_DATE.format(
        place=office_place(settings), day=day.day, month=day.month, year=day.year
    )
    left = (for_print(settings.office.governing), receipt_texts.RECEPTION_UNIT)
    letterhead(c.layout, s, c.run, left, place)
    c.layout.space(s.gap)
    c.para(texts.CLOSING_TITLE, "bold", size=s.title, align="center")
    shown = f"{day:%d/%m/%Y}"
    c.para(texts.CLOSING_DAY.format(day=shown, desk=facts.desk_number), align="center")
    c.layout.space(s.gap)
    for section in (_codes, _waiting, _prints, _audit):
        section(c, facts)
        c.layout.space(s.gap / 2)
    c.layout.space(s.gap)
    signatures(
        c.layout,
        s,
        c.run,
        [
            (texts.SIGN_OFFICER, texts.SIGN_HINT, facts.officer),
            (texts.SIGN_SUPERVISOR, texts.SIGN_HINT, facts.supervisor),
        ],
    )

    def footer(page: int, pages: int) -> str:
        return texts.CLOSING_FOOTER.format(
            day=shown, desk=facts.desk_number, page=page, pages=pages
        )

    title = f"{texts.CLOSING_TITLE} {shown}"
    return finish(c, footer, title, for_print(settings.office.governing))
