"""The reception wizard screen: pages, navigation, the draft saved on every change.

Enter moves to the next field that still needs the officer and, past the last one, to the
next page (after checking the page against its model, errors placed under their fields and
focus on the first). Esc goes back. Every change is written to the draft in the store, so a
crash, a killed terminal or a closed laptop loses at most the field in hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from desk_app.dossier import Dossier, DossierRejected
from desk_app.drafting import blank_dossier, get_in, prepared, set_in
from desk_app.gazetteer import load as load_gazetteer
from forms.errors import FieldMessage, field_errors
from screens.wizard.editors import Advance, Edited, Picker, Suggestions
from screens.wizard.form import FormPane, draft_path
from screens.wizard.legacy import LegacyDialog
from screens.wizard.pages import AttachmentsPane, FinishPane, ReviewPane
from screens.wizard.scan import ScanDialog, apply_scan, looks_like_scan, place_legacy_address
from screens.wizard.sources import Sources
from screens.wizard.spec import BIRTH_INTERLINK, PORTAL_STEPS, FieldSpec, Step

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.store import DossierRow

SAVE_DELAY = 0.3
"""Seconds of quiet typing before the draft is written (Enter and page changes write at once)."""

TEXT = {
    "bar": "Bước {n}/6 · {portal} — {title}",
    "fix": "Còn {count} chỗ cần sửa trên trang này.",
    "saved": "Đã lưu hồ sơ {code}.",
    "saving": "Đang lưu hồ sơ…",
    "copied": "Đã chép địa chỉ của {who}.",
    "nothing_to_copy": "Chưa có địa chỉ của {who} để chép.",
    "residence_keys": "F7: chép địa chỉ của mẹ · F8: chép địa chỉ của người yêu cầu",
    "address_keys": "F4: chọn theo địa chỉ cũ (tỉnh – huyện – xã)",
    "legacy_unknown": "Không nhận ra đơn vị hành chính cũ: hãy chọn tỉnh và xã hiện nay.",
    "verify_needs": "Cần số định danh, họ tên và ngày sinh của người yêu cầu để xác thực.",
    "verifying": "Đang xác thực với Cơ sở dữ liệu quốc gia về dân cư…",
}


class WizardScreen(Screen[None]):
    """One dossier being received."""

    CSS_PATH = "wizard.tcss"

    BINDINGS = [
        Binding(
            "escape", "back", "Quay lại", id="wizard.back", tooltip="Về trang trước (đã lưu nháp)"
        ),
        Binding(
            "pagedown",
            "next_page",
            "Trang sau",
            show=False,
            id="wizard.next",
            tooltip="Kiểm tra trang này rồi sang trang sau",
        ),
        Binding(
            "pageup",
            "back",
            "Trang trước",
            show=False,
            id="wizard.previous",
            tooltip="Về trang trước",
        ),
        Binding(
            "f2",
            "scan",
            "Quét CCCD",
            id="wizard.scan",
            tooltip="Điền người yêu cầu từ mã QR thẻ căn cước",
        ),
        Binding(
            "f3",
            "verify",
            "Xác thực",
            id="wizard.verify",
            tooltip="Xác thực người yêu cầu với Cơ sở dữ liệu quốc gia về dân cư",
        ),
        Binding(
            "f4",
            "legacy_address",
            "Địa chỉ cũ",
            show=False,
            id="wizard.legacy",
            tooltip="Chọn địa chỉ theo đơn vị hành chính cũ và xem đơn vị hiện nay",
        ),
        Binding(
            "f7",
            "copy_address('mother')",
            "ĐC của mẹ",
            id="wizard.copy_mother",
            tooltip="Chép nơi cư trú của mẹ vào địa chỉ đăng ký thường trú",
        ),
        Binding(
            "f8",
            "copy_address('requester')",
            "ĐC người YC",
            show=False,
            id="wizard.copy_requester",
            tooltip="Chép nơi cư trú của người yêu cầu vào địa chỉ đăng ký thường trú",
        ),
        Binding(
            "f10",
            "finish",
            "Hoàn tất",
            id="wizard.finish",
            tooltip="Kiểm tra toàn bộ hồ sơ và lưu, cấp mã hồ sơ",
        ),
        # The same keys on the pages where the footer has no room to show them: they work
        # everywhere, they are shown where they are most used.
        Binding(
            "f2",
            "scan_anywhere",
            "Quét CCCD",
            show=False,
            id="wizard.scan_anywhere",
            tooltip="Điền người yêu cầu từ mã QR thẻ căn cước",
        ),
        Binding(
            "f10",
            "finish_anywhere",
            "Hoàn tất",
            show=False,
            id="wizard.finish_anywhere",
            tooltip="Kiểm tra toàn bộ hồ sơ và lưu, cấp mã hồ sơ",
        ),
    ]

    SHOW_SCAN = frozenset({"agencies", "requester"})
    SHOW_FINISH = frozenset({"review", "attachments", "delivery"})

    def __init__(
        self,
        desk: Desk,
        *,
        draft_id: int | None = None,
        data: dict[str, Any] | None = None,
        step: str | None = None,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.draft_id = draft_id
        self.data: dict[str, Any] = data if data is not None else blank_dossier(desk.settings)
        province = desk.settings.office.province_code
        self.data.setdefault("ui", {"birth_province": province, "residence_province": province})
        self.steps: tuple[Step, ...] = BIRTH_INTERLINK
        self.sources = Sources(desk.settings, load_gazetteer(), lambda: self.data)
        start = step if step in {s.id for s in self.steps} else self.steps[0].id
        self.current = start
        self.saved: DossierRow | None = None
        self._save_timer: Any = None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Step bar, the pages, the suggestion list, a status line, the keys."""
        yield Static("", id="step-bar")
        with ContentSwitcher(id="pages"):
            pass
        with Vertical(id="suggest-box"):
            yield Suggestions(id="suggestions")
        yield Static("", id="status")
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        """Open on the page the draft was left at."""
        self._warm_up()
        await self.show_step(self.current, focus_from=self.data["ui"].get("focus"))

    @work(thread=True, exit_on_error=False, group="wizard-warm-up")
    def _warm_up(self) -> None:
        """Load the legacy-address parser (~0.4 s) before the first old address needs it."""
        from desk_app.gazetteer.convert import warm_up

        warm_up()

    def on_descendant_focus(self, event: Any) -> None:
        """Under the form: a picker's matches, or the focused field's help."""
        widget = event.widget
        if isinstance(widget, Picker):
            return
        row = next((a for a in widget.ancestors if hasattr(a, "help_text")), None)
        help_text = getattr(row, "help_text", "") or ""
        if self._address_in_focus() is not None:
            help_text = f"{help_text} {TEXT['address_keys']}".strip()
        self.query_one(Suggestions).explain(help_text)

    def _page(self, selector: str) -> Any:
        """The mounted page for ``selector`` (pages are mounted on first visit), or None."""
        found = self.query(selector)
        return found.first() if found else None

    def _step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def _visible_steps(self) -> list[Step]:
        return [s for s in self.steps if s.show is None or s.show(self.data)]

    async def _pane(self, step: Step) -> Any:
        switcher = self.query_one("#pages", ContentSwitcher)
        pane_id = f"page-{step.id}"
        existing = switcher.query(f"#{pane_id}")
        if existing:
            return existing.first()
        if step.kind == "review":
            pane: Any = ReviewPane(self, id=pane_id)
        elif step.kind == "attachments":
            pane = AttachmentsPane(self, id=pane_id)
        elif step.kind == "finish":
            pane = FinishPane(self, id=pane_id)
        else:
            pane = FormPane(step, lambda: self.data, self.sources, id=pane_id)
        await switcher.mount(pane)
        return pane

    async def show_step(self, step_id: str, *, focus_from: Any = None) -> None:
        """Bring page ``step_id`` up and focus the field that needs the officer."""
        step = self._step(step_id)
        self.current = step_id
        if step.id in ("mother", "father"):
            self._parent_from_requester(step.id)
        pane = await self._pane(step)
        if hasattr(pane, "refresh_content"):
            pane.refresh_content()
        self.query_one("#pages", ContentSwitcher).current = pane.id
        self.query_one("#step-bar", Static).update(
            TEXT["bar"].format(
                n=step.portal_step, portal=PORTAL_STEPS[step.portal_step - 1], title=step.title
            )
        )
        self.query_one("#suggest-box").display = step.kind == "form"
        self.refresh_bindings()
        self.query_one("#status", Static).update(
            TEXT["residence_keys"] if step.id == "residence" else ""
        )
        if isinstance(pane, FormPane):
            pane.update_visibility()
            target = None
            if focus_from:
                target = pane.row_for(tuple(focus_from))
            target = target or pane.next_row(None) or (pane.visible_rows() or [None])[0]
            if target is not None:
                target.editor.focus()
                target.scroll_visible(animate=False)
                self.data["ui"]["focus"] = list(target.spec.path)
        else:
            pane.focus()
        self.save_draft()

    # -- editing --------------------------------------------------------------------------

    @on(Edited)
    def _edited(self, event: Edited) -> None:
        spec = self._spec(event.path)
        if spec is None:
            return
        value = event.value
        if spec.kind == "agency" and isinstance(value, str):
            value = self.sources.agency(spec.source or "", value)
            self.query_one(f"#page-{self.current}", FormPane).rows[spec.path].editor.chosen = value  # type: ignore[attr-defined]
        set_in(self.data, draft_path(spec), value)
        self._after_edit(spec)
        self._schedule_save()

    def _after_edit(self, spec: FieldSpec) -> None:
        """Keep dependent fields consistent with the one just changed."""
        agencies = self.data["declarations"].setdefault("agencies", {})
        if spec.path == ("agencies", "birth_agency") or spec.path == (
            "agencies",
            "residence_same_area",
        ):
            birth = agencies.get("birth_agency") or {}
            if agencies.get("residence_same_area") and birth.get("commune_code"):
                agencies["residence_agency"] = self.sources.agency(
                    "residence", birth["commune_code"]
                )
        pane = self._page(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            pane.update_visibility()

    def _spec(self, path: tuple[str | int, ...]) -> FieldSpec | None:
        return next((f for s in self.steps for f in s.fields if f.path == path), None)

    @on(Advance)
    async def _advance(self, event: Advance) -> None:
        pane = self.query_one(f"#page-{self.current}")
        if not isinstance(pane, FormPane):
            return
        row = pane.rows.get(event.path)
        if row is not None and looks_like_scan(getattr(row.editor, "value", "")):
            await self.take_scan(row.editor.value)  # type: ignore[attr-defined]
            return
        if event.path[-1] == "legacy_text":
            self._legacy_entered(event.path, pane)
        nxt = pane.next_row(event.path)
        if nxt is not None:
            nxt.editor.focus()
            nxt.scroll_visible(animate=False)
            # Resuming puts the officer on the field they were about to fill.
            self.data["ui"]["focus"] = list(nxt.spec.path)
            self.save_draft()
        else:
            await self.action_next_page()

    # -- pages ----------------------------------------------------------------------------

    def check_page(self, step: Step) -> list[FieldMessage]:
        """The errors of one page's declaration (cross-page rules wait for the end)."""
        if step.model_path is None:
            return []
        section = get_in(prepared(self.data), ("declarations", *step.model_path))
        try:
            Dossier.model_validate(
                {"declarations": {**self._filler(), step.model_path[0]: section}}
            )
        except ValidationError as exc:
            prefix = ("declarations", *step.model_path)
            return [m for m in field_errors(exc, Dossier) if m.loc[: len(prefix)] == prefix]
        return []

    def _filler(self) -> dict[str, Any]:
        """The other declarations as they stand, so one page can be checked in context."""
        return {k: v for k, v in prepared(self.data)["declarations"].items()}

    def show_errors(self, pane: FormPane, errors: list[FieldMessage]) -> bool:
        """Place errors under their fields and focus the first; False when none could be placed."""
        pane.clear_messages()
        first = None
        for error in errors:
            row = pane.row_for(error.loc[1:])
            if row is None:
                continue
            row.say(error.hint, error=True)
            first = first or row
        if first is not None:
            first.editor.focus()
            first.scroll_visible(animate=False)
            self.query_one("#status", Static).update(TEXT["fix"].format(count=len(errors)))
            return True
        return False

    async def action_next_page(self) -> None:
        """Check this page, then go to the next one."""
        step = self._step(self.current)
        pane = self.query_one(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            errors = self.check_page(step)
            if errors and self.show_errors(pane, errors):
                return
            pane.clear_messages()
        if step.kind == "finish":
            return
        steps = self._visible_steps()
        index = [s.id for s in steps].index(step.id)
        following = steps[index + 1]
        if following.kind == "finish":
            self.action_finish()
            return
        await self.show_step(following.id)

    async def action_back(self) -> None:
        """The previous page; from the first page, leave (the draft stays)."""
        steps = self._visible_steps()
        ids = [s.id for s in steps]
        if self.current == "finish" and self.saved is not None:
            self.dismiss()
            return
        index = ids.index(self.current) if self.current in ids else 0
        if index == 0:
            self.save_draft()
            self.dismiss()
            return
        await self.show_step(ids[index - 1])

    async def go_to(self, step_id: str, loc: tuple[str | int, ...] | None = None) -> None:
        """Jump to a page (from the review or an error), focusing ``loc`` if given."""
        await self.show_step(step_id, focus_from=loc)

    def _parent_from_requester(self, parent: str) -> None:
        """A parent who is also the requester need not be typed twice."""
        decl = self.data["declarations"]
        requester = decl.get("requester") or {}
        person = decl.setdefault(parent, {}) or {}
        if requester.get("relation") != parent or person.get("full_name"):
            return
        person["full_name"] = requester.get("full_name")
        person["date_of_birth"] = requester.get("date_of_birth")
        document = requester.get("id_document") or {}
        person["id_document"] = {"kind": document.get("kind"), "number": document.get("number")}
        if requester.get("residence"):
            person["residence"] = dict(requester["residence"])
        decl[parent] = person
        pane = self._page(f"#page-{parent}")
        if isinstance(pane, FormPane):
            pane.reload()

    def _legacy_entered(self, path: tuple[str | int, ...], pane: FormPane) -> None:
        """An old three-level address was typed: show and fill where it is today."""
        address_path = ("declarations", *path[:-1])
        where = place_legacy_address(self.data, address_path, self.sources.gz)  # type: ignore[arg-type]
        pane.reload()
        row = pane.rows.get(path)
        if row is not None:
            row.say(where or TEXT["legacy_unknown"], error=False)

    def _address_in_focus(self) -> tuple[str | int, ...] | None:
        """The address (path under declarations) that the focused field belongs to."""
        path = getattr(self.focused, "path", None)
        if not path:
            return None
        for cut in range(len(path), 0, -1):
            if path[cut - 1] == "address":
                return tuple(path[:cut])
        return None

    def action_legacy_address(self) -> None:
        """Pick an old three-level address for the focused address, seeing today's unit."""
        address = self._address_in_focus()
        if address is not None:
            self.app.push_screen(
                LegacyDialog(self.sources.gz), lambda r: self._legacy_picked(address, r)
            )

    def _legacy_picked(self, address: tuple[str | int, ...], fields: dict[str, Any] | None) -> None:
        if not fields:
            return
        current = get_in(self.data, ("declarations", *address)) or {}
        set_in(self.data, ("declarations", *address), {**current, **fields})
        self.save_draft()
        pane = self._page(f"#page-{self.current}")
        if isinstance(pane, FormPane):
            pane.reload()
            nxt = pane.next_row(None)
            if nxt is not None:
                nxt.editor.focus()

    # -- verify ---------------------------------------------------------------------------

    def action_verify(self) -> None:
        """Check the requester against the population database (through central)."""
        requester = get_in(self.data, ("declarations", "requester")) or {}
        number = get_in(requester, ("id_document", "number"))
        born = requester.get("date_of_birth")
        if not (number and requester.get("full_name") and born):
            self.notify(TEXT["verify_needs"], severity="warning")
            return
        self.query_one("#status", Static).update(TEXT["verifying"])
        self._verify(number, requester["full_name"], born)

    @work(thread=True, exit_on_error=False, exclusive=True, group="wizard-verify")
    def _verify(self, number: str, name: str, born: str) -> None:
        from datetime import date

        from desk_app.sync.verify import verify_requester

        answer = verify_requester(
            self.desk.settings.central, number, name, date.fromisoformat(born)
        )
        self.app.call_from_thread(self._verified, answer)

    def _verified(self, answer: Any) -> None:
        set_in(self.data, ("declarations", "requester", "verified"), answer.verified)
        self.save_draft()
        self.query_one("#status", Static).update("")
        severity = "information" if answer.verified else "warning"
        self.notify(answer.message, title="Xác thực người yêu cầu", severity=severity, timeout=8)

    # -- scan -----------------------------------------------------------------------------

    def action_scan(self) -> None:
        """Open the scan field: the scanner types the chip card's QR into it."""
        self.app.push_screen(ScanDialog(), self._scanned)

    def action_scan_anywhere(self) -> None:
        """F2 where the footer does not show it: the same scan field."""
        self.action_scan()

    def action_finish_anywhere(self) -> None:
        """F10 where the footer does not show it: the same check and save."""
        self.action_finish()

    async def _scanned(self, payload: str | None) -> None:
        if payload:
            await self.take_scan(payload)

    async def take_scan(self, payload: str) -> None:
        """Fill the requester from a chip card scan, or say what was wrong with it."""
        error = apply_scan(self.data, payload, self.sources.gz)
        if error is not None:
            self.notify(error, title="Quét thẻ căn cước", severity="error")
            pane = self._page(f"#page-{self.current}")
            if isinstance(pane, FormPane):
                pane.reload()
            return
        self.save_draft()
        if self.current != "requester":
            await self.show_step("requester")
        pane = self.query_one("#page-requester", FormPane)
        pane.reload()
        nxt = pane.next_row(None)
        if nxt is not None:
            nxt.editor.focus()

    # -- copy -----------------------------------------------------------------------------

    def action_copy_address(self, who: str) -> None:
        """Copy the mother's or the requester's residence into the CT01 address."""
        source = get_in(self.data, ("declarations", who, "residence", "address"))
        name = "mẹ" if who == "mother" else "người yêu cầu"
        if not isinstance(source, dict) or not source.get("detail"):
            self.notify(TEXT["nothing_to_copy"].format(who=name), severity="warning")
            return
        set_in(self.data, ("declarations", "residence", "address"), dict(source))
        self.save_draft()
        pane = self._page("#page-residence")
        if isinstance(pane, FormPane):
            pane.reload()
        self.notify(TEXT["copied"].format(who=name))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show each key only where it means something."""
        if action == "copy_address":
            return self.current == "residence"
        if action == "legacy_address":
            return self._address_in_focus() is not None
        if action == "verify":
            return self.current == "requester" and self.saved is None
        if action == "scan":
            return self.saved is None and self.current in self.SHOW_SCAN
        if action == "scan_anywhere":
            return self.saved is None and self.current not in self.SHOW_SCAN
        if action == "finish":
            return self.saved is None and self.current in self.SHOW_FINISH
        if action == "finish_anywhere":
            return self.saved is None and self.current not in self.SHOW_FINISH
        if action == "next_page":
            return self.saved is None
        return True

    # -- finish ---------------------------------------------------------------------------

    def action_finish(self) -> None:
        """Check the whole dossier and save it under a new code (in a worker)."""
        if self.saved is not None:
            return
        self.query_one("#status", Static).update(TEXT["saving"])
        self._receive(self._submission())

    def _submission(self) -> dict[str, Any]:
        ready = prepared(self.data)
        return {
            "schema_version": ready.get("schema_version", 1),
            "declarations": ready["declarations"],
        }

    @work(thread=True, exit_on_error=False, exclusive=True, group="wizard-receive")
    def _receive(self, submission: dict[str, Any]) -> None:
        try:
            saved, warnings = self.desk.receive_dossier(submission, draft_id=self.draft_id)
        except DossierRejected as rejected:
            self.app.call_from_thread(self._rejected, rejected.errors)
            return
        self.app.call_from_thread(self._received, saved, warnings)

    async def _rejected(self, errors: list[FieldMessage]) -> None:
        self.query_one("#status", Static).update("")
        for step in self._visible_steps():
            if step.kind == "attachments" and any(
                e.loc[:2] == ("declarations", "attachments") for e in errors
            ):
                await self.show_step(step.id)
                pane = self.query_one(f"#page-{step.id}", AttachmentsPane)
                pane.show_errors(
                    [e for e in errors if e.loc[:2] == ("declarations", "attachments")]
                )
                return
            if step.kind != "form":
                continue
            mine = [e for e in errors if self._owns(step, e.loc[1:])]
            if mine:
                await self.show_step(step.id)
                self.show_errors(self.query_one(f"#page-{step.id}", FormPane), mine)
                return
        self.notify(
            "\n".join(e.message for e in errors), title="Chưa lưu được hồ sơ", severity="error"
        )

    @staticmethod
    def _owns(step: Step, loc: tuple[str | int, ...]) -> bool:
        if not loc:
            return False
        if step.model_path is not None and loc[: len(step.model_path)] == step.model_path:
            return True
        return any(f.path[: len(loc)] == loc or loc[: len(f.path)] == f.path for f in step.fields)

    async def _received(self, saved: DossierRow, warnings: list[FieldMessage]) -> None:
        self.saved = saved
        self.draft_id = None
        self._cancel_save()
        for warning in warnings:
            self.notify(warning.message, title="Lưu ý", severity="warning")
        await self.show_step("finish")
        self.refresh_bindings()

    # -- drafts ---------------------------------------------------------------------------

    def _schedule_save(self) -> None:
        self._cancel_save()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_draft)

    def _cancel_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def save_draft(self) -> None:
        """Write the draft now (a few KB, one small transaction)."""
        self._cancel_save()
        if self.saved is not None:
            return
        self.draft_id = self.desk.store.drafts.save(
            self.draft_id,
            data=self.data,
            step=self.current,
            officer=self.desk.officer,
            at=self.desk.clock(),
        )
