"""The reports' page writer: what it is given is what a reader gets back, in every face and
font subset, the same bytes each time, with reportlab's settings left as they were."""

from __future__ import annotations

from unicodedata import category

import pypdfium2
from reportlab import rl_config

from desk_app.receipt.fonts import _covered, faces
from desk_app.receipt.layout import Rule, Text
from desk_app.reports.pdfkit import LANDSCAPE
from desk_app.reports.writer import write_pages


def test_every_drawable_character_comes_back_in_every_face() -> None:
    f = faces()
    # More than 256 distinct characters: a face's later subsets are used too, and one line
    # mixes the first subset with the last.
    chars = [  # letters, digits, marks of punctuation (no ligature a reader would split)
        chr(c) for c in sorted(_covered()) if 32 < c < 0x2000 and category(chr(c))[0] in "LNP"
    ]
    assert len(chars) > 512
    lines = [("".join(chars[i : i + 60])) for i in range(0, len(chars), 60)]
    lines.append(lines[0][:20] + lines[-1][-20:])
    names = (f.regular, f.bold, f.italic)
    ops: list[Text | Rule] = [
        Text(40, 560 - 12 * n, line, names[n % 3], 8) for n, line in enumerate(lines)
    ]
    ops.append(Rule(40, 40, 800, 40))
    kept = rl_config.useA85
    pdf = write_pages([ops, ops[:1]], LANDSCAPE, "Sổ", "Ủy ban")
    assert rl_config.useA85 == kept
    assert write_pages([ops, ops[:1]], LANDSCAPE, "Sổ", "Ủy ban") == pdf
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert len(document) == 2
        assert document[0].get_textpage().get_text_range().split() == lines
        assert document[1].get_textpage().get_text_range().split() == lines[:1]
    finally:
        document.close()
