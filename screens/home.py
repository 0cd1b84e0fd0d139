"""The home screen: the scan field and the work lists, each a key away.

A citizen hands over a receipt: the officer scans its QR code. A keyboard-wedge scanner types
the payload (the dossier code or a lookup URL) fast and ends with Enter, so home keeps a scan
field focused at all times and opens the dossier named by what arrives. The same field takes
a typed code, ID number or name, and Enter opens the lookup screen with it.

Every printable key is text in that field, from the first one: half the surnames of the
country start with N or Đ, and a scanner or a paste arrives in one burst that no "while the
field is empty" rule can tell from a command. So the commands are on keys nobody types into a
name: Ctrl+N a new dossier, Ctrl+B the drafts (bản nháp), Ctrl+F the lookup screen, and the
work lists (today's dossiers, waiting to sync, rejected by central, due today, overdue,
waiting for the citizen) on function keys, each shown on its tile.

Counts are read in a thread worker (the store may hold a million dossiers) that posts them
back as a message; a timer refreshes them so dossiers saved by another process show up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Header, Input, Label, Static

from desk_app.safe_text import filled, plain
from screens.desk_access import current_desk
from screens.help import HELP_BINDING, key_label
from screens.keymap import key_in_force
from screens.screen_commands import ScreenCommands

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.lookup import LookupResult
    from desk_app.store.queries import WorkCounts

REFRESH_SECONDS = 5.0

TEXT = {
    "scan": "Quét mã QR giấy hẹn, hoặc gõ mã hồ sơ / số định danh / tên, rồi Enter",
    "hint": "{new} hồ sơ mới · {drafts} bản nháp · {search} tra cứu · {help} mọi phím",
    "officer": "Cán bộ tiếp nhận: {officer}",
    "loading": "Đang mở bàn làm việc…",
    "not_open": "Cơ sở dữ liệu chưa mở xong; thử lại sau giây lát.",
    "drafts": "{count} hồ sơ đang nhập dở chờ hoàn thành (Ctrl+B).",
    "not_found_title": "Tra cứu",
}

TILES: tuple[tuple[str, str, str, str], ...] = (
    # (work list, tile id, key, caption: short, the tiles are a third of 80 columns)
    ("today", "count-today", "f2", "Nhận hôm nay"),
    ("waiting_sync", "count-waiting", "f3", "Chờ đồng bộ"),
    ("rejected", "count-rejected", "f4", "Trả lại, cần sửa"),
    ("due_today", "count-due", "f6", "Hẹn trả hôm nay"),
    ("overdue", "count-overdue", "f7", "Quá hạn"),
    ("ready", "count-ready", "f8", "Chờ trả công dân"),
)
TOOLTIPS = {
    "today": "tiếp nhận hôm nay",
    "waiting_sync": "chưa gửi được lên hệ thống trung tâm",
    "rejected": "hệ thống trung tâm trả lại, cần sửa và gửi lại",
    "due_today": "hẹn trả kết quả hôm nay",
    "overdue": "đã qua ngày hẹn mà chưa có kết quả",
    "ready": "có kết quả, hoặc bị từ chối (trả lại hồ sơ): chờ công dân đến nhận",
}
URGENT = frozenset({"rejected", "overdue"})
"""Lists that turn the tile's border red while they are not empty."""


class ScanField(Input):
    """The home field: takes scanner bursts and typed queries; every printable key is text."""


class CountTile(Vertical):
    """One figure with its caption and the key that opens its list."""

    def __init__(self, caption: str, *, id: str) -> None:
        super().__init__(id=id, classes="tile")
        self._caption = caption

    def compose(self) -> ComposeResult:
        """A big number above a caption."""
        yield Digits("…", classes="figure")
        yield Label(plain(self._caption), classes="caption")

    def show(self, value: int, *, urgent: bool = False) -> None:
        """Display ``value``; an urgent list that is not empty stands out."""
        self.query_one(Digits).update(str(value))
        self.set_class(urgent and value > 0, "urgent")


def _tile_binding(which: str, key: str, caption: str) -> Binding:
    return Binding(
        key,
        f"open_list('{which}')",
        caption,
        id=f"home.list.{which}",
        tooltip=f"Mở danh sách hồ sơ: {TOOLTIPS[which]}",
        show=False,  # each tile shows its key; the footer keeps room for the others
    )


class HomeScreen(Screen[None]):
    """The desk's start page."""

    COMMANDS = {ScreenCommands}
    BINDINGS = [
        HELP_BINDING,
        Binding(
            "ctrl+n",
            "app.new_dossier",
            "Hồ sơ mới",
            id="home.new_dossier",
            tooltip="Tiếp nhận hồ sơ liên thông mới của một nhóm thủ tục",
        ),
        Binding(
            "ctrl+b",
            "app.open_drafts",
            "Bản nháp",
            id="home.drafts",
            tooltip="Các hồ sơ đang nhập dở: tiếp tục đúng chỗ, hoặc bỏ",
        ),
        Binding(
            "ctrl+f",
            "search",
            "Tra cứu",
            id="home.search",
            tooltip="Mở màn hình tra cứu: mã hồ sơ, số định danh, tên không dấu",
            show=False,  # the hint line says it; the field itself searches
        ),
        # The App's F9 and F12 work on every screen; home's footer is where they are shown.
        Binding(
            "f9",
            "app.sync_now",
            "Đồng bộ",
            id="home.sync",
            tooltip="Gửi ngay các hồ sơ đang chờ lên hệ thống trung tâm và nhận trạng thái mới",
        ),
        Binding(
            "f12",
            "app.lock",
            "Khóa",
            id="home.lock",
            tooltip="Khóa màn hình ngay (che dữ liệu công dân); nhập lại mật khẩu để làm tiếp",
            priority=True,  # as the App's own F12, which would otherwise stand in for it
        ),
        *(_tile_binding(which, key, caption) for which, _, key, caption in TILES),
        Binding(
            "f10",
            "open_reports",
            "Báo cáo",
            id="home.reports",
            tooltip="Báo cáo tháng và kết thúc ngày làm việc (lãnh đạo bộ phận)",
            show=False,  # an 80-column footer is full; F1 and the palette list it
        ),
        Binding(
            "f5",
            "refresh_counts",
            "Làm mới",
            id="home.refresh",
            tooltip="Đọc lại số liệu từ cơ sở dữ liệu (tự làm mới mỗi 5 giây)",
            show=False,
        ),
    ]

    @dataclass
    class CountsLoaded(Message):
        """Figures read by the worker."""

        counts: WorkCounts
        drafts: int = 0
        """How many drafts wait to be finished (said under the tiles)."""

    @dataclass
    class Resolved(Message):
        """What a scanned or typed query found."""

        text: str
        result: LookupResult

    def compose(self) -> ComposeResult:
        """Header, the scan field, the work lists, the drafts and officer lines, the keys."""
        yield Header()
        with Vertical(id="home-body"):
            yield ScanField(placeholder=TEXT["scan"], id="scan")
            yield Static(self._hint(), id="scan-hint")
            # The tiles are mounted when the desk opens (see _tiles): they have nothing to show
            # before that, and the first frame comes sooner without them.
            yield Grid(id="home")
            # Not "#drafts": that is the drafts screen's table, and "#drafts:empty" hid it.
            yield Static("", id="drafts-waiting")  # shown while drafts wait
            yield Static(TEXT["loading"], id="officer")
        yield Footer(show_command_palette=False)  # Ctrl+P is in F1's list

    async def on_mount(self) -> None:
        """Aim the scanner at the field; read the figures now and every few seconds."""
        self.query_one(ScanField).focus()
        self.set_interval(REFRESH_SECONDS, self.action_refresh_counts)
        if current_desk(self.app) is not None:  # opened before this screen (sign-in)
            await self.on_desk_app_desk_ready()

    def on_screen_resume(self) -> None:
        """Back from a dossier or a list: figures may have changed; the scanner aims here again."""
        self.query_one(ScanField).focus()
        self.action_refresh_counts()

    async def on_desk_app_desk_ready(self) -> None:
        """The desk has just opened: name the officer, lay out the lists, read the figures."""
        desk = current_desk(self.app)
        if desk is None:  # only under another app (the message is the DeskApp's)
            return
        officer = desk.officer
        self.query_one("#officer", Static).update(filled(TEXT["officer"], officer=officer))
        self.query_one("#scan-hint", Static).update(self._hint())  # desk.toml's [keys] now known
        await self._tiles()
        self.action_refresh_counts()
        from desk_app.announcements import TEXT as CALENDAR_TEXT
        from desk_app.announcements import supervisor_notice

        # A supervisor is who can enter an announced Tết in desk.toml: say so while it is missing.
        if notice := supervisor_notice(desk):
            self.notify(
                notice,
                title=CALENDAR_TEXT["tet_title"],
                severity="warning",
                timeout=30,
                markup=False,
            )

    def _key(self, binding_id: str, default: str) -> str:
        """The key that does ``binding_id`` now (desk.toml's ``[keys]`` may move it)."""
        return key_label(key_in_force(self.app, binding_id, default))

    def _hint(self) -> Text:
        """The line under the field, naming the keys in force."""
        return filled(
            TEXT["hint"],
            new=self._key("home.new_dossier", "ctrl+n"),
            drafts=self._key("home.drafts", "ctrl+b"),
            search=self._key("home.search", "ctrl+f"),
            help=self._key("app.help", "f1"),
        )

    async def _tiles(self) -> None:
        """Mount the work-list tiles once, each naming the key that opens its list."""
        grid = self.query_one("#home", Grid)
        if not grid.children:
            await grid.mount_all(
                CountTile(f"{self._key(f'home.list.{which}', key)} · {caption}", id=tile_id)
                for which, tile_id, key, caption in TILES
            )

    def show_drafts(self, count: int) -> None:
        """Say how many drafts are waiting (nothing when there are none)."""
        line = self.query_one("#drafts-waiting", Static)
        line.update(filled(TEXT["drafts"], count=count))
        line.display = count > 0

    # --- figures ------------------------------------------------------------------------------

    def action_refresh_counts(self) -> None:
        """Re-read the figures in the background."""
        desk = current_desk(self.app)
        if desk is not None:
            self._load_counts(desk)

    @work(thread=True, exit_on_error=False, exclusive=True, group="home-counts")
    def _load_counts(self, desk: Desk) -> None:
        from desk_app.lookup import work_counts

        self.post_message(self.CountsLoaded(work_counts(desk), len(desk.store.drafts.list())))

    async def on_home_screen_counts_loaded(self, message: CountsLoaded) -> None:
        """Show the figures the worker read."""
        await self._tiles()
        counts = message.counts
        for which, tile_id, _, _ in TILES:
            tile = self.query_one(f"#{tile_id}", CountTile)
            tile.show(getattr(counts, which), urgent=which in URGENT)
        self.show_drafts(message.drafts)

    # --- scan and search ----------------------------------------------------------------------

    @on(Input.Submitted, "#scan")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.clear()
        desk = current_desk(self.app)
        if not text:
            return
        if desk is None:
            self.notify(TEXT["not_open"], title=TEXT["not_found_title"], markup=False)
            return
        self._resolve(desk, text)

    @work(thread=True, exit_on_error=False, group="home-scan")
    def _resolve(self, desk: Desk, text: str) -> None:
        from desk_app.lookup import lookup

        self.post_message(self.Resolved(text, lookup(desk, text, limit=2)))

    def on_home_screen_resolved(self, message: Resolved) -> None:
        """A scan or a whole code of this desk opens its dossier; anything else (another
        counter's code included) opens the lookup screen, which asks central too."""
        from desk_app.lookup import texts
        from screens.dossier_view import DossierScreen
        from screens.lookup import LookupScreen

        result = message.result
        if result.query.single:
            if result.hits:
                self.app.push_screen(DossierScreen(result.hits[0].code))
                return
            # Not on this desk: the lookup screen asks central (another counter's dossier).
            self.notify(
                texts.NOT_FOUND.format(code=result.query.value),
                title=TEXT["not_found_title"],
                severity="warning",
                markup=False,
            )
        self.app.push_screen(LookupScreen(message.text))

    def action_search(self) -> None:
        """Open the lookup screen with an empty field."""
        from screens.lookup import LookupScreen

        self.app.push_screen(LookupScreen())

    def action_open_reports(self) -> None:
        """Open the supervisor's report screen (an officer is told it is not theirs)."""
        from screens.reports import open_reports

        open_reports(self)

    def action_open_list(self, which: str) -> None:
        """Open the lookup screen showing one work list."""
        from desk_app.store.queries import WorkList
        from screens.lookup import LookupScreen

        if current_desk(self.app) is None:
            self.notify(TEXT["not_open"], title=TEXT["not_found_title"], markup=False)
            return
        self.app.push_screen(LookupScreen(work_list=WorkList(which)))
