"""Any screen prints a receipt through the App: in a worker, with an outcome and a notification."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.worker import WorkerFailed

from desk_app.desk import Desk
from desk_app.store import DossierRow
from desk_app.sync.retry import RetryPolicy
from screens.app import DeskApp
from tests.notices import Caught, Notices
from tests.receipt.conftest import page_count, scan_qr


def quick_app(desk: Desk) -> DeskApp:
    """The app over ``desk``; its first sync round (no central here) gives up at once."""
    app = DeskApp.for_desk(desk)
    app.sync_policy = RetryPolicy(attempts=1)
    return app


async def test_print_receipt_saves_it_and_tells_the_screen_and_the_officer(
    saved: DossierRow, desk: Desk
) -> None:
    seen = Caught(DeskApp.ReceiptDone)
    notices = Notices(then=seen.hook)
    app = quick_app(desk)
    async with app.run_test(message_hook=notices.hook) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        asking = app.screen
        app.print_receipt(saved.code)
        await app.workers.wait_for_complete()
        await pilot.pause()
        [done] = seen
        assert done.code == saved.code and done.outcome.status == "saved"
        path = desk.settings.paths.receipts / f"{saved.code}.pdf"
        assert done.outcome.path == path
        assert scan_qr(path.read_bytes()) == [saved.code] and page_count(path.read_bytes()) == 2
        assert app.screen is asking  # nothing was pushed or popped on the officer
        [note] = notices.titled("Giấy tiếp nhận")
        assert str(path) in note.message


async def test_failed_print_is_an_error_notification_that_keeps_the_pdf(
    saved: DossierRow, desk: Desk, tmp_path: Path
) -> None:
    printing = desk.settings.printing.model_copy(update={"command": "khong-co-lenh-in {file}"})
    desk.settings = desk.settings.model_copy(update={"printing": printing})
    app = quick_app(desk)
    notices = Notices()
    async with app.run_test(message_hook=notices.hook) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.print_receipt(saved.code)
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = notices.titled("Không in được giấy tiếp nhận")
        assert note.severity == "error"
        assert "không tìm thấy chương trình in «khong-co-lenh-in»" in note.message
        assert (desk.settings.paths.receipts / f"{saved.code}.pdf").exists()


async def test_unknown_dossier_is_reported_by_the_worker_error_handler(desk: Desk) -> None:
    app = quick_app(desk)
    notices = Notices()
    async with app.run_test(message_hook=notices.hook) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.print_receipt("000.00.01.H26-261124-9999")
        with pytest.raises(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Không có hồ sơ mã 000.00.01.H26-261124-9999." in notices.messages
