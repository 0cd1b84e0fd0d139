"""The legacy three-level picker: province → district → commune as on pre-2025 papers.

Old birth certificates, ID cards and household books name units that no longer exist. The
officer picks the old address as written and sees, before accepting, the 2025 commune it
became; accepting fills the old text and the current units together.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from desk_app.gazetteer import Gazetteer
from desk_app.gazetteer.convert import convert_legacy_commune
from desk_app.safe_text import plain
from screens.wizard.editors import Advance, Edited, Picker, PickerSource, Suggestions

LIMIT = 100

TEXT = {
    "title": "Địa chỉ theo giấy tờ cũ (trước 01/7/2025)",
    "province": "Tỉnh/Thành phố cũ",
    "district": "Quận/Huyện cũ",
    "commune": "Xã/Phường/Thị trấn cũ",
    "now": "→ Nay là: {where}",
    "divided": " (xã cũ đã chia cho: {others}; hỏi lại công dân)",
    "hint": "Gõ vài chữ (không cần dấu), ↑↓ chọn, Enter. Esc để đóng.",
}


class LegacyDialog(ModalScreen[dict[str, Any] | None]):
    """Pick a legacy commune; returns the address fields to fill, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Đóng", id="legacy.close", tooltip="Đóng, không chọn"),
    ]

    def __init__(self, gazetteer: Gazetteer) -> None:
        super().__init__()
        self.gz = gazetteer
        self.chosen: dict[str, str | None] = {"province": None, "district": None, "commune": None}

    def compose(self) -> ComposeResult:
        """Three pickers, where the commune is today, the matches."""
        gz = self.gz
        sources = {
            "province": PickerSource(
                search=lambda q: [(p.code, p.label) for p in gz.search_legacy_provinces(q, LIMIT)],
                label=lambda c: gz.legacy_province(c).label,
            ),
            "district": PickerSource(
                search=lambda q: [
                    (d.code, d.label)
                    for d in gz.search_legacy_districts(q, self.chosen["province"], LIMIT)
                ],
                label=lambda c: gz.legacy_district(c).label,
            ),
            "commune": PickerSource(
                search=lambda q: [
                    (c.code, c.label)
                    for c in gz.search_legacy_communes(
                        q, self.chosen["province"], self.chosen["district"], LIMIT
                    )
                ],
                label=lambda c: gz.legacy_commune(c).label,
            ),
        }
        with Vertical(id="legacy-box"):
            yield Label(TEXT["title"], classes="screen-title")
            for level, source in sources.items():
                with Horizontal(classes="field-line"):
                    yield Label(TEXT[level], classes="field-label")
                    yield Picker((level,), None, source, id=f"legacy-{level}")
            yield Static("", id="legacy-now")
            yield Suggestions(id="legacy-suggestions")
            yield Static(TEXT["hint"], classes="hint")

    @on(Edited)
    def _picked(self, event: Edited) -> None:
        event.stop()
        level = str(event.path[0])
        self.chosen[level] = event.value
        if level == "province":
            self.chosen["district"] = self.chosen["commune"] = None
        elif level == "district":
            self.chosen["commune"] = None
            district = self.gz.legacy_district(event.value)
            self.chosen["province"] = district.province.code
        elif level == "commune":
            self._show_now(event.value)

    def on_option_list_option_highlighted(self, event: Any) -> None:
        """As the officer moves through old communes, say where each one is today."""
        if self.focused is self.query_one("#legacy-commune") and event.option.id:
            self._show_now(event.option.id)

    def _show_now(self, code: str) -> None:
        found = convert_legacy_commune(self.gz, code)
        where = found.commune.label if found.commune else found.province.name
        text = TEXT["now"].format(where=where)
        if found.also:
            text += TEXT["divided"].format(others=", ".join(c.name for c in found.also))
        self.query_one("#legacy-now", Static).update(plain(text))

    @on(Advance)
    def _next(self, event: Advance) -> None:
        event.stop()
        level = str(event.path[0])
        if level == "province":
            self.query_one("#legacy-district", Picker).focus()
        elif level == "district":
            self.query_one("#legacy-commune", Picker).focus()
        elif self.chosen["commune"]:
            self.dismiss(self.result(self.chosen["commune"]))

    def result(self, code: str) -> dict[str, Any]:
        """The address fields for the legacy commune ``code``."""
        legacy = self.gz.legacy_commune(code)
        found = convert_legacy_commune(self.gz, code)
        return {
            "legacy_text": legacy.label,
            "country": "VN",
            "province_code": found.province.code,
            "commune_code": found.commune.code if found.commune else None,
        }
