"""Drawing forms 02, 03 and 04 with the receipt's fonts, paper, header and signature blocks.

Everything that makes the receipt safe to print is reused, not redone: the embedded IBM Plex
Serif faces and their "?" for a character they lack (:mod:`desk_app.receipt.fonts`), the layout
engine that wraps every value inside the margins and starts a new page rather than write past
the bottom (:mod:`desk_app.receipt.layout`), the A4/A5 styles, letterhead, signature columns
and the deterministic PDF writer (:mod:`desk_app.receipt.pdf`). Only the body of each form and
its footer ("code · mẫu 02 · trang 1/1") are drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from desk_app.documents import texts
from desk_app.documents.content import (
    Apology,
    FormContent,
    Identity,
    RefusalNotice,
    SupplementRequest,
)
from desk_app.receipt import texts as receipt_texts
from desk_app.receipt.fonts import faces, printable
from desk_app.receipt.layout import Cell, Layout, Op, Run, Text
from desk_app.receipt.pdf import (
    HEADROOM,
    LEADING,
    STYLES,
    Paper,
    Style,
    draw,
    footer_reserve,
    footer_size,
    letterhead,
    signatures,
)


@dataclass(frozen=True, slots=True)
class RenderedForm:
    """A rendered form: the PDF, its page count and any character the font could not draw."""

    pdf: bytes
    pages: int
    unprintable: frozenset[str]


class _Composer:
    """Lays out one form with the faces and sizes of one paper."""

    def __init__(self, style: Style) -> None:
        self.s = style
        self.f = faces()
        self.unprintable: set[str] = set()
        self.layout = Layout(
            style.geometry, LEADING, reserve=footer_reserve(style), headroom=style.body * HEADROOM
        )

    def run(self, text: str, face: str = "regular") -> Run:
        clean, missing = printable(text)
        self.unprintable |= missing
        return Run(clean, getattr(self.f, face))

    def line(self, *runs: Run, indent: float = 0.0) -> None:
        self.layout.paragraph(list(runs), self.s.body, indent=indent)

    def field(self, label: str, value: str, indent: float = 6 * mm) -> None:
        self.line(self.run(f"{label}:"), self.run(value, "bold"), indent=indent)

    def top(self, who: Identity, left: tuple[str, ...], number: str = "") -> None:
        s, layout = self.s, self.layout
        letterhead(layout, s, self.run, left, who.place_date)
        if number:
            layout.paragraph([self.run(number)], s.body)
        layout.space(s.gap)
        layout.paragraph([self.run(texts.TITLES[who.form], "bold")], s.title, align="center")
        layout.space(s.gap)

    def requester(self, who: Identity) -> None:
        """Name, code, address, contact and the request, as on the receipt (a dossier refused
        at the counter was never saved and has no code: no empty "Mã hồ sơ:" line)."""
        self.field(texts.REQUESTER, who.requester_name)
        if who.code:
            self.field(texts.CODE, who.code)
        self.field(texts.ADDRESS, who.address)
        self.contact(who)
        self.request(who)

    def contact(self, who: Identity) -> None:
        """Phone, and e-mail when the requester gave one (no stray separator otherwise)."""
        r = self.run
        contact = [r(f"{texts.PHONE}:"), r(who.phone, "bold")]
        if who.email:
            contact = [r(f"{texts.PHONE}:"), r(f"{who.phone};", "bold")]
            contact += [r(f"{texts.EMAIL}:"), r(who.email, "bold")]
        self.line(*contact, indent=6 * mm)

    def request(self, who: Identity, indent: float = 6 * mm) -> None:
        r = self.run
        self.line(r(f"{texts.REQUESTED}:"), r(who.requested[0], "bold"), indent=indent)
        label, name = who.subject
        if label:
            self.field(label, name, indent + 6 * mm)
        for procedure in who.requested[1:]:
            self.line(r(texts.PROCEDURE_ITEM.format(label=procedure)), indent=indent + 6 * mm)

    def sign(self, signers: list[tuple[str, str, str] | None]) -> None:
        self.layout.space(self.s.gap * 1.5)
        signatures(self.layout, self.s, self.run, signers)


def _supplement(c: _Composer, form: SupplementRequest) -> None:
    s, r, layout, who = c.s, c.run, c.layout, form.identity
    c.top(
        who, (who.governing, receipt_texts.RECEPTION_UNIT), texts.NUMBER.format(number=form.number)
    )
    c.line(r(texts.RECEIVED_FROM.format(unit=who.unit)))
    c.requester(who)
    layout.space(s.gap / 2)
    c.line(r(texts.TO_COMPLETE, "bold"))
    g = s.geometry
    total = g.x1 - g.x0
    widths = [0.07 * total, 0.55 * total, 0.16 * total, 0.22 * total]
    size, pad = s.small, 1.2 * mm

    def header(target: Layout) -> None:
        target.table_row(
            [Cell([r(h, "bold")], "center") for h in texts.ITEMS_HEAD], widths, size, pad
        )

    header(layout)
    layout.on_new_page = header
    for n, item in enumerate(form.items, 1):
        layout.table_row(
            [
                Cell([r(str(n))], "center"),
                Cell([r(item.label)]),
                Cell([r(item.original)], "center"),
                Cell([r(item.copies)], "center"),
            ],
            widths,
            size,
            pad,
        )
    layout.on_new_page = None
    if not form.items:
        layout.paragraph([r(texts.NO_ITEMS, "italic")], size)
    layout.space(s.gap / 2)
    c.line(r(f"{texts.REASON}:", "bold"), r(form.reason))
    c.line(r(form.contact))
    c.sign([None, (texts.GUIDE, receipt_texts.SIGN_HINT, form.officer_name)])


def _refusal(c: _Composer, form: RefusalNotice) -> None:
    r, who = c.run, form.identity
    c.top(who, (who.governing, receipt_texts.RECEPTION_UNIT))
    c.line(r(texts.RECEIVED_FROM.format(unit=who.unit)))
    c.requester(who)
    c.layout.space(c.s.gap / 2)
    c.line(r(texts.REFUSAL.format(unit=who.unit)))
    c.line(r(form.reason, "bold"), indent=6 * mm)
    c.line(r(texts.REFUSAL_END))
    c.sign([None, (texts.RECEIVING_OFFICER, receipt_texts.SIGN_HINT, form.officer_name)])


def _apology(c: _Composer, form: Apology) -> None:
    r, who = c.run, form.identity
    c.top(who, (who.governing,))
    c.line(r(texts.ADDRESSEE), r(who.requester_name, "bold"))
    c.field(texts.ADDRESS, who.address)
    c.contact(who)
    c.layout.space(c.s.gap / 2)
    c.line(r(form.received_on))
    c.request(who, indent=0.0)
    c.field(texts.CODE, who.code, 0.0)
    c.field(texts.APPOINTMENT, form.appointment, 0.0)
    c.line(r(texts.DELAY))
    c.line(r(form.reason, "bold"), indent=6 * mm)
    c.line(r(texts.APOLOGY.format(agency=form.agency)))
    c.line(r(form.new_appointment, "bold"), indent=6 * mm)
    c.line(r(texts.APOLOGY_AGAIN.format(agency=form.agency)))
    c.sign(
        [
            (texts.MADE_BY, receipt_texts.SIGN_HINT, form.officer_name),
            (texts.HEAD, texts.SEAL_HINT, ""),
        ]
    )


def _footer(pages: list[list[Op]], who: Identity, style: Style) -> None:
    """Mark every page with the code, the form and "page n/m", inside the margins."""
    g, size, italic = style.geometry, footer_size(style), faces().italic
    for n, page in enumerate(pages, 1):
        footer = texts.FOOTER if who.code else texts.FOOTER_AT_COUNTER
        text = footer.format(code=who.code, form=who.form, page=n, pages=len(pages))
        clean, _ = printable(text)
        page.append(Text(g.x0, g.bottom + 0.35 * size, clean, italic, size))


def lay_out(content: FormContent, paper: Paper) -> tuple[list[list[Op]], frozenset[str]]:
    """Every page of the form as drawing operations, and the characters replaced."""
    style = STYLES[paper]
    composer = _Composer(style)
    if isinstance(content, SupplementRequest):
        _supplement(composer, content)
    elif isinstance(content, RefusalNotice):
        _refusal(composer, content)
    else:
        _apology(composer, content)
    pages = composer.layout.pages
    _footer(pages, content.identity, style)
    return pages, frozenset(composer.unprintable)


def render_form(content: FormContent, paper: Paper = "A4") -> RenderedForm:
    """The PDF of a form whose content is worked out."""
    pages, unprintable = lay_out(content, paper)
    who = content.identity
    heading = texts.TITLES[who.form].capitalize()
    title = (
        texts.PDF_TITLE.format(title=heading, code=who.code)
        if who.code
        else texts.PDF_TITLE_AT_COUNTER.format(title=heading, name=who.requester_name)
    )
    pdf = draw(pages, STYLES[paper], title, who.governing)
    return RenderedForm(pdf, len(pages), unprintable)
