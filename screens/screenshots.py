"""`python -m screens.screenshots`: the README's pictures of the real screens, made by the app.

The pictures in ``docs/screens/`` are not drawn by hand: the desk's own App runs headless
(Textual's ``run_test`` and pilot) on a throw-away demo desk through a morning at the counter —
sign in, home, Ctrl+N, the wizard's pages, F10, later a scanned receipt and a search — and one
SVG is written per step at 100×32. tests/screens/test_screenshots.py makes them again and fails
when the committed ones differ, so the README never shows a screen the desk no longer has.

A second run writes the same bytes: the desk's clock is stopped (Wednesday 25 November 2026,
09:30), the dossiers and their secret lookup codes (random by design) are fixed, so is the sync
line's last success, Textual's per-picture ids are removed (as pytest-textual-snapshot does)
and cursors do not blink. Central is never reached: the desk has no token, so each round ends
at once, offline, whatever runs on the machine; central's answers about the older dossiers are
applied as a sync round applies them (:mod:`desk_app.store.sync_outbox`, ``sync_updates``).
"""

from __future__ import annotations

import asyncio
import copy
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest import mock

from textual.pilot import Pilot
from textual.widgets import Input

from desk_app.clock import VN_TZ

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from screens.app import DeskApp

SIZE = (100, 32)
"""Columns × rows of every picture: a common counter terminal (80×24 is the smallest)."""

OUT = Path(__file__).resolve().parents[1] / "docs" / "screens"
"""Where the README finds the pictures."""

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)
"""The desk's clock in every picture."""

PICTURES: dict[str, str] = {
    "sign-in": "Đăng nhập",
    "home": "Màn hình chính",
    "new-dossier": "Ctrl+N: chọn nhóm thủ tục",
    "wizard-requester": "Trang người yêu cầu",
    "wizard-child": "Trang của trẻ",
    "wizard-attachments": "Trang giấy tờ nộp kèm",
    "review": "Trang xem lại",
    "confirm": "Xác nhận trước khi lưu",
    "saved": "Đã lưu: mã hồ sơ, hẹn trả, mã QR",
    "dossier": "Một hồ sơ và tiến độ ở hệ thống trung tâm",
    "lookup": "Tra cứu theo tên",
}
"""Every picture, by file name (``<name>.svg``), in the order of the walkthrough."""

TEXT = {
    "usage": (
        "Cách dùng: python -m screens.screenshots [THƯ_MỤC]\n"
        "Vẽ lại các hình màn hình của README từ chính ứng dụng, vào THƯ_MỤC "
        "(mặc định: docs/screens của dự án)."
    ),
    "wrote": "Đã ghi {count} hình vào {folder}",
}
"""What the command prints (a support person may run it: Vietnamese, as everything else)."""

TOKEN_ENV = "DESK_SCREENSHOTS_NO_TOKEN"
"""The token variable the pictures' desk reads: never set, so no round reaches any central."""

LOOKUP_CODES = ("K7M2QX", "H4TN8R", "P3WC6Z", "M9RD2F", "T6XQ4K", "B8NV3S")
"""The secret lookup codes the dossiers get, in the order they are saved."""

PATIENCE = 120.0
"""Seconds a step may take on a loaded machine before the walk gives up on it."""

_ID = re.compile(r"\bterminal-\d+-([\w-]+)")


def normalise(svg: str) -> str:
    """Drop the number Rich puts in every id and class of an SVG (as pytest-textual-snapshot)."""
    return _ID.sub(r"terminal-\1", svg)


# --- the desk ---------------------------------------------------------------------------------


def _declarations(**changes: Any) -> dict[str, Any]:
    """The demo office's sample birth dossier with ``changes`` ("child__full_name": …)."""
    from desk_app.groups.birth_interlink_sample import DECLARATIONS

    data = copy.deepcopy(DECLARATIONS)
    for item in data["attachments"]["items"]:
        item["files"] = []  # the sample names scans no desk holds
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        target = data
        for part in parents:
            target = target[part]
        target[leaf] = value
    return data


def _november(day: int, hour: int, minute: int) -> datetime:
    """A moment of the pictures' month, in Vietnam's time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=VN_TZ)


OLDER: tuple[tuple[datetime, str, str, str, str], ...] = (
    # received at, the child, the mother (who asks), the father, what central has done since
    (_november(16, 14, 5), "Lê Minh Anh", "Vũ Thị Ngọc Lan", "Lê Văn Hùng", "ready"),
    (_november(19, 10, 20), "Trần Gia Minh", "Hoàng Thị Mai", "Trần Quốc Toản", "in_progress"),
    (_november(23, 15, 40), "Phạm Minh Châu", "Bùi Thanh Hương", "Phạm Đức Long", "accepted"),
    (_november(25, 8, 10), "Đỗ Hoàng Minh", "Đặng Thu Trang", "Đỗ Văn Khải", "received"),
)
"""The dossiers the desk already holds: a few days of work, some decided by the agencies."""

SHOWN_DOSSIER = "Trần Gia Minh"
"""The dossier whose receipt is scanned later in the morning (central's progress under way)."""

SEARCH = "minh"
"""What the officer types into the lookup screen (Ctrl+F) to find dossiers by name."""


class Clock:
    """The desk's clock, moved by hand while the older dossiers are received."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@contextmanager
def fixed_lookup_codes() -> Iterator[None]:
    """Give the dossiers saved in this block the lookup codes of :data:`LOOKUP_CODES`."""
    codes = iter(LOOKUP_CODES)
    with mock.patch("desk_app.store.store.new_lookup_code", lambda: next(codes)):
        yield


def open_desk(folder: Path) -> Desk:
    """The demo desk in ``folder``, its clock at :data:`NOW`, its earlier dossiers in place."""
    from desk_app.config import load_config
    from desk_app.demo import make_demo
    from desk_app.desk import Desk

    env = {
        "DESK_CENTRAL__TOKEN_ENV": TOKEN_ENV,
        "DESK_CENTRAL__SYNC_INTERVAL": "86400",  # one round at the start, none mid-picture
        "DESK_SECURITY__IDLE_LOCK_MINUTES": "60",  # a slow machine never locks the screen
    }
    settings = load_config(make_demo(folder), env=env).settings
    clock = Clock(NOW)
    desk = Desk.open(settings, clock=clock)
    _receive_older(desk, clock)
    clock.at = NOW
    return desk


def _receive_older(desk: Desk, clock: Clock) -> None:
    """Receive :data:`OLDER` as the demo officer, and apply central's answers to them."""
    from desk_app.demo import DEMO_OFFICER
    from desk_app.lifecycle import Status
    from desk_app.officers import get
    from desk_app.store.sync_outbox import Answer, apply_answers, next_batch
    from desk_app.store.sync_state import record_round
    from desk_app.store.sync_updates import StatusUpdate, apply_updates

    desk.signed_in = get(desk.store, DEMO_OFFICER[0])
    progress = {
        "in_progress": {"birth": "125/2026", "residence": None},
        "ready": {"birth": "118/2026", "residence": None, "insurance": "TE1010123456789"},
    }
    updates: list[StatusUpdate] = []
    for n, (at, child, mother, father, state) in enumerate(OLDER, start=1):
        clock.at = at
        mother_id, father_id = f"00119402{n:04d}", f"00109005{n:04d}"  # born 1994 and 1990
        declarations = _declarations(
            child__full_name=child,
            child__date_of_birth=(at - timedelta(days=14)).date().isoformat(),
            requester__full_name=mother,
            requester__id_document__number=mother_id,
            mother__full_name=mother,
            mother__id_document__number=mother_id,
            father__full_name=father,
            father__id_document__number=father_id,
            residence__household_head_name=father,
            residence__household_head_id=father_id,
        )
        saved, _ = desk.receive_dossier({"schema_version": 1, "declarations": declarations})
        if state == "received":
            continue
        answered = at + timedelta(minutes=2)
        batch = next_batch(desk.store, 10, answered)
        assert batch is not None
        answers = {
            d.code: Answer(d.code, "accepted", central_id=f"TW-{d.dossier_id}")
            for d in batch.dossiers
        }
        apply_answers(desk.store, batch, answers, answered)
        if state in progress:
            seq = len(updates) + 1
            updates.append(
                StatusUpdate(
                    seq=seq,
                    code=saved.code,
                    version=seq,
                    event="ready" if state == "ready" else "progress",
                    at=at + timedelta(days=2, hours=1),
                    status=Status(state),
                    progress=progress[state],
                )
            )
    apply_updates(desk.store, updates, cursor=len(updates), desk=desk.settings.desk.number)
    record_round(desk.store, at=NOW - timedelta(minutes=20), error=None)
    desk.signed_in = None


# --- the walk ---------------------------------------------------------------------------------


@dataclass
class Camera:
    """Takes the pictures of one app run into ``shots``."""

    app: DeskApp
    pilot: Pilot[None]
    shots: dict[str, str]

    async def settle(self) -> None:
        """Wait until the workers are done and their messages handled (twice: one may start
        another), then steady every cursor and clear the notifications."""
        for _ in range(2):
            await self.app.workers.wait_for_complete()
            await self.pilot.pause()
        for field in self.app.screen.query(Input):
            field.cursor_blink = False
        self.app.clear_notifications()
        await self.pilot.pause()

    async def until(self, ready: Callable[[], bool], what: str) -> None:
        """Wait until ``ready()`` (a screen came up, a page was reached), settling in between;
        give up after :data:`PATIENCE` seconds, naming what never came."""
        deadline = time.monotonic() + PATIENCE
        while True:
            await self.settle()
            if ready():
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the screen never showed {what}")

    async def shoot(self, name: str) -> None:
        """Take the picture ``name`` of the screen as it is now."""
        assert name in PICTURES, name
        await self.settle()
        await self.pilot.wait_for_scheduled_animations()
        self.shots[name] = normalise(self.app.export_screenshot(title=PICTURES[name]))


async def walk(desk: Desk, shots: dict[str, str]) -> None:
    """Drive the app through the morning, taking every picture of :data:`PICTURES`."""
    from desk_app.demo import DEMO_OFFICER, DEMO_SIGN_IN_HINT
    from screens.app import DeskApp
    from screens.dossier_view import DossierScreen
    from screens.home import HomeScreen
    from screens.lookup import LookupScreen
    from screens.wizard.choose import GroupChooser
    from screens.wizard.confirm import ConfirmSave
    from screens.wizard.screen import WizardScreen

    app = DeskApp.for_desk(desk, sign_in_hint=DEMO_SIGN_IN_HINT)
    async with app.run_test(size=SIZE) as pilot:
        camera = Camera(app, pilot, shots)
        await camera.until(lambda: app.desk is not None, "the sign-in screen")
        await pilot.press(*DEMO_OFFICER[0], "enter", *DEMO_OFFICER[1])
        await camera.shoot("sign-in")
        await pilot.press("enter")
        await camera.until(lambda: isinstance(app.screen, HomeScreen), "home")
        await camera.shoot("home")

        await pilot.press("ctrl+n")
        await camera.until(lambda: isinstance(app.screen, GroupChooser), "the group chooser")
        await camera.shoot("new-dossier")
        await pilot.press("escape")
        await camera.until(lambda: isinstance(app.screen, HomeScreen), "home")

        # The citizen's papers, as typed page after page (typing them key by key is the wizard
        # tests' business): the wizard opens on them, as on a draft resumed with Ctrl+B.
        data = {"schema_version": 1, "declarations": _declarations()}
        wizard = WizardScreen(desk, data=data, step="requester")
        await app.push_screen(wizard)
        await camera.until(lambda: wizard.current == "requester", "the requester's page")
        await camera.shoot("wizard-requester")
        await pilot.press("enter")  # Enter skips what is filled: on a filled page, the next page
        await camera.until(lambda: wizard.current == "child", "the child's page")
        await camera.shoot("wizard-child")
        # The parents', residence and insurance pages go the same way; the picture goes on at
        # the review page (mounting four more pages would only slow the pictures down).
        await wizard.show_step("review")
        await camera.shoot("review")
        await pilot.press("enter")
        await camera.until(lambda: wizard.current == "attachments", "the attachments page")
        await camera.shoot("wizard-attachments")
        await pilot.press("enter")
        await camera.until(lambda: wizard.current == "delivery", "the delivery page")
        await pilot.press("enter")  # past the last page: what will be saved
        await camera.until(lambda: isinstance(app.screen, ConfirmSave), "the confirmation")
        await camera.shoot("confirm")
        await pilot.press("f10")
        await camera.until(lambda: wizard.saved is not None and app.screen is wizard, "the code")
        await pilot.press("f9")  # the sync line counts the new dossier among those waiting
        await camera.shoot("saved")
        await pilot.press("escape")
        await camera.until(lambda: isinstance(app.screen, HomeScreen), "home")

        code = desk.store.rows(
            "SELECT code FROM dossiers WHERE subject_name = ?", (SHOWN_DOSSIER,)
        )[0][0]
        scan = app.screen.query_one("#scan", Input)
        scan.value = code  # a scanner types the receipt's QR in one burst
        await pilot.press("enter")
        await camera.until(lambda: isinstance(app.screen, DossierScreen), "the dossier")
        await camera.shoot("dossier")
        await pilot.press("escape")
        await camera.until(lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("ctrl+f", *SEARCH)  # the list follows the keys as they are typed
        await camera.until(
            lambda: (
                isinstance(app.screen, LookupScreen)
                and app.screen.query_one("#lookup-query", Input).value == SEARCH
                and bool(app.screen.hits)
            ),
            "the dossiers found",
        )
        await camera.shoot("lookup")


def make_pictures() -> dict[str, str]:
    """Every picture, by name: normalised SVG text."""
    shots: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="desk-screens-") as tmp, fixed_lookup_codes():
        desk = open_desk(Path(tmp) / "desk")
        try:
            asyncio.run(walk(desk, shots))
        finally:
            desk.close()
    missing = [name for name in PICTURES if name not in shots]
    assert not missing, missing
    return shots


def write_pictures(folder: Path) -> list[Path]:
    """Make every picture and write it into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, svg in make_pictures().items():
        path = folder / f"{name}.svg"
        path.write_text(svg, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def differences(made: Path, committed: Path) -> list[str]:
    """The pictures of ``committed`` that are not what ``made`` holds: changed, missing from
    either folder, or left over from a picture the walk no longer takes (file names, sorted).

    Both sides are normalised first, so only what the screens show counts.
    """

    def pictures(folder: Path) -> dict[str, str]:
        return {
            path.name: normalise(path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.svg"))
        }

    new, old = pictures(made), pictures(committed)
    return sorted(name for name in new.keys() | old.keys() if new.get(name) != old.get(name))


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pictures into docs/screens, or into the one folder named."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(TEXT["usage"], file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    folder = Path(args[0]) if args else OUT
    written = write_pictures(folder)
    print(TEXT["wrote"].format(count=len(written), folder=folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
