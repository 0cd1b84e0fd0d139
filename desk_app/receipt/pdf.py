"""Drawing the receipt: form no. 01 laid out on A4 or A5 and written as a PDF with reportlab.

All copies of one print job are pages of one PDF (copy 1 kept by the office, copy 2 for the
citizen), each copy starting on a new page and marked as such on every page, so a printer
that jams between copies still leaves papers that say which copy they are.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.receipt import texts
from desk_app.receipt.content import ReceiptContent
from desk_app.receipt.fonts import Faces, faces, printable
from desk_app.receipt.layout import A4, A5, Cell, Geometry, Layout, Op, Qr, Rule, Run, Text
from desk_app.receipt.qr import QUIET_MODULES, qr_grid

Paper = Literal["A4", "A5"]


@dataclass(frozen=True, slots=True)
class Style:
    """Sizes for one paper: A5 is the same form at a smaller scale."""

    geometry: Geometry
    body: float
    small: float
    title: float
    qr_side: float
    """Side of the QR square in points, quiet zone included."""
    gap: float
    """Space between sections, in points."""


STYLES: Final = {
    "A4": Style(A4, body=10.5, small=8.5, title=13.5, qr_side=32 * mm, gap=4.0),
    "A5": Style(A5, body=7.8, small=6.6, title=10.0, qr_side=27 * mm, gap=2.5),
}
LEADING: Final = 1.25
HEADROOM: Final = 0.2
"""Of the body size, kept under the top margin for the stacked marks of capitals."""


@dataclass(frozen=True, slots=True)
class RenderedReceipt:
    """A rendered receipt: the PDF, its page count and any character the font could not draw."""

    pdf: bytes
    pages: int
    unprintable: frozenset[str]


class _Composer:
    """Lays out one receipt's copies with the faces and sizes of one paper."""

    def __init__(self, content: ReceiptContent, style: Style, f: Faces) -> None:
        self.c = content
        self.s = style
        self.f = f
        self.unprintable: set[str] = set()

    def run(self, text: str, face: str = "regular") -> Run:
        clean, missing = printable(text)
        self.unprintable |= missing
        return Run(clean, getattr(self.f, face))

    def copy(self, marking: str) -> list[list[Op]]:
        """Every page of one copy."""
        s, c, r = self.s, self.c, self.run
        layout = Layout(s.geometry, LEADING, reserve=footer_reserve(s), headroom=s.body * HEADROOM)
        letterhead(layout, s, r, (c.governing, texts.RECEPTION_UNIT), c.place_date)
        layout.space(s.gap)
        layout.paragraph([r(texts.TITLE, "bold")], s.title, align="center")
        layout.paragraph([r(f"({marking})", "italic")], s.body, align="center")
        if c.version_note:  # a corrected dossier: which content this paper shows
            layout.paragraph([r(c.version_note, "bold")], s.body, align="center")
        layout.space(s.gap)
        self._codes(layout)
        layout.space(s.gap)
        self._body(layout)
        layout.space(s.gap * 1.5)
        signatures(
            layout,
            s,
            r,
            [
                (texts.SUBMITTER, texts.SIGN_HINT, c.requester_name),
                (texts.OFFICER, texts.SIGN_HINT, c.officer_name),
            ],
        )
        return layout.pages

    def _codes(self, layout: Layout) -> None:
        """The codes and how to look the dossier up; the QR code floats at the right."""
        s, c, r = self.s, self.c, self.run
        grid = qr_grid(c.qr_payload)
        side = max(s.qr_side, grid.side_mm() * mm)
        x, top = layout.float_right(side, side, 4 * mm)
        layout.pages[-1].append(Qr(x, top - side, side, grid.size, QUIET_MODULES, grid.dark))
        how = texts.LOOKUP_HOW_URL if c.qr_is_url else texts.LOOKUP_HOW_CODE
        layout.paragraph([r(texts.CODE.format(code=c.code), "bold")], s.body + 1)
        layout.paragraph(
            [r(texts.LOOKUP_CODE.format(lookup_code=c.lookup_code), "bold")], s.body + 1
        )
        layout.paragraph([r(how, "italic")], s.small)

    def _body(self, layout: Layout) -> None:
        s, c, r = self.s, self.c, self.run
        size = s.body
        indent = 6 * mm

        def field(label: str, value: str) -> None:
            layout.paragraph([r(f"{label}:"), r(value, "bold")], size, indent=indent)

        layout.paragraph([r(c.received_by)], size)
        field(texts.RECEIVED_FROM, c.requester_name)
        field(texts.ADDRESS, c.address)
        contact = [r(f"{texts.PHONE}:"), r(c.phone, "bold")]
        if c.email:
            contact = [r(f"{texts.PHONE}:"), r(f"{c.phone};", "bold")]
            contact += [r(f"{texts.EMAIL}:"), r(c.email, "bold")]
        layout.paragraph(contact, size, indent=indent)
        layout.paragraph([r(f"{texts.REQUESTED}:"), r(c.requested[0], "bold")], size)
        label, name = c.subject
        if label:
            field(label, name)
        for label in c.requested[1:]:
            layout.paragraph([r(texts.PROCEDURE_ITEM.format(label=label))], size, indent=indent)
        layout.space(s.gap / 2)
        layout.paragraph([r(texts.DOCUMENTS, "bold")], size)
        self._documents(layout)
        layout.space(s.gap / 2)
        layout.paragraph([r(texts.SETS.format(sets=c.sets), "bold")], size)
        layout.paragraph([r(texts.STATUTORY.format(days=c.statutory), "bold")], size)
        for part in c.statutory_parts:
            layout.paragraph([r(f"- {part}")], size, indent=indent)
        layout.paragraph(
            [r(texts.RECEIVED_AT.format(when=""), "bold"), r(c.received_at, "bold")], size
        )
        layout.paragraph(
            [r(texts.APPOINTMENT.format(when=""), "bold"), r(c.appointment, "bold")], size
        )
        layout.paragraph([r(texts.DELIVERY, "bold")], size)
        for procedure, how in c.deliveries:
            layout.paragraph(
                [r(texts.DELIVERY_ITEM.format(procedure=procedure, method=how))],
                size,
                indent=indent,
            )
        layout.space(s.gap / 2)
        layout.paragraph([r(c.register, "italic")], size)

    def _documents(self, layout: Layout) -> None:
        s, r, g = self.s, self.run, self.s.geometry
        total = g.x1 - g.x0
        widths = [0.07 * total, 0.53 * total, 0.10 * total, 0.30 * total]
        size, pad = s.small, 1.2 * mm

        def header(target: Layout) -> None:
            target.table_row(
                [Cell([r(h, "bold")], "center") for h in texts.DOCUMENT_HEAD], widths, size, pad
            )

        header(layout)
        layout.on_new_page = header
        if not self.c.documents:
            layout.on_new_page = None
            layout.paragraph([r(texts.NO_DOCUMENTS, "italic")], size)
            return
        for n, doc in enumerate(self.c.documents, 1):
            layout.table_row(
                [
                    Cell([r(str(n))], "center"),
                    Cell([r(doc.label)]),
                    Cell([r(f"{doc.copies:02d}")], "center"),
                    Cell([r(doc.note, "italic")]),
                ],
                widths,
                size,
                pad,
            )
        layout.on_new_page = None


RunMaker = Callable[[str, str], Run]
"""Text in a face ("regular", "bold", "italic"), with characters the font lacks replaced."""


def letterhead(
    layout: Layout, style: Style, run: RunMaker, left: Sequence[str], place_date: str
) -> None:
    """The top of every paper the counter hands out (forms 01 to 04 of Circular 01/2018).

    ``left``: the authority (regular) then the unit (bold), with a short rule under them;
    the national name and motto at the right; then the place and date.
    """
    weights = ["regular", *["bold"] * (len(left) - 1)]
    layout.columns(
        [
            [([run(line, face)], style.body) for line, face in zip(left, weights, strict=True)],
            [([run(texts.COUNTRY, "bold")], style.body), ([run(texts.MOTTO, "bold")], style.body)],
        ],
        underline=0.4,
    )
    layout.space(style.gap)
    layout.paragraph([run(place_date, "italic")], style.body, align="right")


def signatures(
    layout: Layout,
    style: Style,
    run: RunMaker,
    signers: Sequence[tuple[str, str, str] | None],
) -> None:
    """Side-by-side signature blocks: (who, hint, name) each, None for an empty column.

    The name is printed below room for the hand-written signature (and a seal)."""
    blank: tuple[list[Run], float] = ([], style.body * 2.5)
    layout.columns(
        [
            []
            if signer is None
            else [
                ([run(signer[0], "bold")], style.body),
                ([run(signer[1], "italic")], style.small),
                blank,
                ([run(signer[2], "bold")], style.body),
            ]
            for signer in signers
        ]
    )


def footer_size(style: Style) -> float:
    """Font size of the page footer."""
    return style.small - 1


def footer_reserve(style: Style) -> float:
    """Room the body leaves above the bottom margin for the footer."""
    return footer_size(style) * 2.2


def _footer(
    pages: list[list[Op]], content: ReceiptContent, marking: str, style: Style, f: Faces
) -> None:
    """Mark every page of a copy with the code, the copy and "page n/m", inside the margins."""
    g = style.geometry
    size = footer_size(style)
    copy_word = marking.split(":", 1)[0]
    for n, page in enumerate(pages, 1):
        text = texts.CONTINUED.format(code=content.code, copy=copy_word, page=n, pages=len(pages))
        clean, _ = printable(text)
        # The baseline sits above the margin by more than the face's descent.
        page.append(Text(g.x0, g.bottom + 0.35 * size, clean, f.italic, size))


def lay_out(content: ReceiptContent, paper: Paper) -> tuple[list[list[Op]], frozenset[str]]:
    """Every page of the print job as drawing operations, and the characters replaced."""
    style = STYLES[paper]
    f = faces()
    composer = _Composer(content, style, f)
    pages: list[list[Op]] = []
    for marking in content.copies:
        copy_pages = composer.copy(marking)
        _footer(copy_pages, content, marking, style, f)
        pages.extend(copy_pages)
    return pages, frozenset(composer.unprintable)


def _draw_qr(canvas: Canvas, op: Qr) -> None:
    module = op.side / (op.size + 2 * op.quiet)
    path = canvas.beginPath()
    rows: dict[int, list[int]] = {}
    for row, col in op.dark:
        rows.setdefault(row, []).append(col)
    for row, cols in rows.items():  # one rectangle per horizontal run: no seams between modules
        cols.sort()
        start = prev = cols[0]
        for following in [*cols[1:], None]:
            if following is not None and following == prev + 1:
                prev = following
                continue
            x = op.x + (op.quiet + start) * module
            y = op.y + op.side - (op.quiet + row + 1) * module
            path.rect(x, y, (prev - start + 1) * module, module)
            if following is not None:
                start = prev = following
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)


def new_canvas(buffer: io.BytesIO, g: Geometry, title: str, author: str) -> Canvas:
    """A canvas of the desk's documents on paper ``g``: the same bytes for the same input
    (``invariant``), compressed, titled, and starting in our own face — otherwise every page
    names Helvetica, a font not embedded."""
    canvas = Canvas(
        buffer,
        pagesize=(g.width, g.height),
        invariant=1,
        pageCompression=1,
        # types-reportlab declares this argument a float; reportlab takes the font's name.
        initialFontName=faces().regular,  # type: ignore[arg-type]
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(title)
    return canvas


def draw(pages: Sequence[Sequence[Op]], style: Style, title: str, author: str) -> bytes:
    """Write laid-out pages as a PDF: fonts subset and embedded; same input, same bytes."""
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, style.geometry, title, author)
    for page in pages:
        for op in page:
            if isinstance(op, Text):
                canvas.setFont(op.font, op.size)
                canvas.drawString(op.x, op.y, op.text)
            elif isinstance(op, Rule):
                canvas.setLineWidth(op.width)
                canvas.line(op.x0, op.y0, op.x1, op.y1)
            else:
                _draw_qr(canvas, op)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_content(content: ReceiptContent, paper: Paper = "A4") -> RenderedReceipt:
    """The PDF of a receipt whose content is already worked out."""
    pages, unprintable = lay_out(content, paper)
    title = texts.PDF_TITLE.format(code=content.code)
    pdf = draw(pages, STYLES[paper], title, content.governing)
    return RenderedReceipt(pdf, len(pages), unprintable)
