"""`desk serve` in a real headless Chromium: sign in by keys, start a dossier, lock with F12.

The server is the real command (`desk serve --demo` on a free loopback port), each browser
session a real `desk` process, the browser Debian's Chromium (skipped, with the reason, where
there is none: tests/serve/browser.py).
"""

from __future__ import annotations

from typing import Any

from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.officers.texts import WRONG
from tests.serve.browser import Page, Served, hook_terminal, wait_until

THU, THU_PASSWORD, THU_NAME = DEMO_OFFICER


def open_desk(browser: Any, served: Served) -> Page:
    page = browser.new_page(viewport={"width": 1100, "height": 700})
    page.route("**/static/js/textual.js", hook_terminal)
    page.goto(served.url)
    desk = Page(page)
    desk.wait_for("Tên đăng nhập")
    page.locator(".xterm-helper-textarea").focus()
    return desk


def test_signs_in_starts_a_dossier_and_locks_with_f12(browser: Any, served: Served) -> None:
    desk = open_desk(browser, served)
    assert "Bàn mẫu — cán bộ: thu" in desk.screen()
    desk.type(THU)
    desk.press("Enter")
    desk.type(THU_PASSWORD)
    desk.press("Enter")
    home = desk.wait_for(f"Cán bộ tiếp nhận: {THU_NAME}")
    assert "Ctrl+N hồ sơ mới" in home

    desk.press("Control+n")
    chooser = desk.wait_for("chọn nhóm thủ tục")
    assert "1. Liên thông đăng ký khai sinh" in chooser
    desk.press("1")
    first_page = desk.wait_for("Bước 1/6")
    assert "Cơ quan thực hiện đăng ký" in first_page

    desk.press("F12")
    locked = desk.wait_for("Màn hình đã khóa")
    assert f"{THU_NAME} ({THU}) nhập mật khẩu để làm tiếp" in locked
    assert desk.gone("Cơ quan thực hiện đăng ký"), "the dossier shows through the lock"

    desk.type(THU_PASSWORD)
    desk.press("Enter")
    assert "Cơ quan thực hiện đăng ký" in desk.wait_for("Bước 1/6"), "back at the same page"

    actions = served.audit_actions()
    assert ("officer.sign_in", THU_NAME) in actions
    assert ("officer.screen_locked", THU_NAME) in actions

    desk.page.close()  # the session's desk quits, signing its officer out on the record
    wait_until(lambda: ("officer.sign_out", THU_NAME) in served.audit_actions())


def test_each_browser_session_is_its_own_desk(browser: Any, served: Served) -> None:
    """Two tabs, two officers: each signs in on its own, as at two terminals."""
    first = open_desk(browser, served)
    second = open_desk(browser, served)
    first.type(THU)
    first.press("Enter")
    first.type(THU_PASSWORD)
    first.press("Enter")
    first.wait_for(f"Cán bộ tiếp nhận: {THU_NAME}")
    assert "Tên đăng nhập" in second.screen(), "the second tab is still at the sign-in"
    second.page.locator(".xterm-helper-textarea").focus()
    second.type(DEMO_SUPERVISOR[0])
    second.press("Enter")
    second.type("sai-mat-khau")
    second.press("Enter")
    second.wait_for(WRONG)
    assert f"Cán bộ tiếp nhận: {THU_NAME}" in first.screen()
