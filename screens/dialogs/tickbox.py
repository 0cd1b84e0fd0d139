"""A check box whose mark says ticked or not in its shape, and whose label is never cut.

Textual's Checkbox draws the same "X" ticked or not and tells them apart by colour alone: on a
monochrome counter terminal, or to a colour-blind officer, every box looks ticked. Its label is
one line cut at the dialog's edge, and the papers it names are long ("Giấy chứng sinh (nếu
không có: …)"). This one shows "[✔]" or "[ ]" and wraps its label over as many lines as the
dialog's width needs.
"""

from __future__ import annotations

from typing import cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import Checkbox

TICKED, UNTICKED = "[✔] ", "[ ] "


class TickBox(Checkbox):
    """A Checkbox that reads "[✔]" when ticked, "[ ]" when not; Space toggles it."""

    DEFAULT_CSS = """
    TickBox {
        width: 1fr;
        height: auto;
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    def render(self) -> Content:
        """The mark, then the label (wrapped by the widget's width)."""
        mark = (TICKED, "bold") if self.value else (UNTICKED, "")
        label = self.label.stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(mark, label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the mark and the whole label (the layout narrows it to the dialog)."""
        return len(TICKED) + self.label.cell_length

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the label needs at ``width``."""
        # The styles answer the rule look-ups a RulesMap does (Textual's own widgets cast so).
        return self.render().get_height(cast(RulesMap, self.styles), width)
