"""The public status page in a real headless Chromium, with JavaScript switched off, on the
real central on loopback, for a dossier a real desk received and synced.

The browser is Debian's ``chromium`` driven by Playwright (skipped, saying which is missing,
where either is absent: tests/serve/browser.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from desk_app.receipt.qr import qr_payload
from desk_app.settings import Settings
from desk_app.store import DossierRow, Store
from tests.central_public.conftest import PublicCentral, personal_strings, received, synced

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A phone-sized page that runs no JavaScript at all."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


def submit(page: Any, code: str, lookup: str) -> tuple[int, str]:
    """Type both codes into the form and send it, as a citizen does; (status, text shown)."""
    page.fill("#ma", code)
    page.fill("#kiem", lookup)
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    return navigation.value.status, page.inner_text("body")


def test_a_citizen_looks_a_dossier_up_on_a_phone_without_javascript(
    browser: Any,
    phone: Any,
    public: PublicCentral,
    desk_store: Store,
    settings: Settings,
) -> None:
    [row] = received(desk_store)
    synced(desk_store, settings, public.url, public.token)
    secrets = personal_strings(_declarations(desk_store, row))
    assert len(secrets) > 10  # names, ID numbers, phone, e-mail, addresses

    # The form, filled in by hand.
    assert phone.goto(f"{public.url}/tra-cuu").status == 200
    status, shown = submit(phone, row.code, row.lookup_code)
    assert status == 200
    assert "Tình trạng hồ sơ" in shown and row.code in shown
    assert "Đang giải quyết" in shown and "16 giờ 30 phút, ngày 27/11/2026" in shown
    assert "Nơi nhận kết quả" in shown
    assert [s for s in secrets if s in shown or s in phone.content()] == []

    # The receipt's QR code, when the desk's qr_template is the page's URL.
    template = f"{public.url}/tra-cuu?ma={{code}}&kiem={{lookup_code}}"
    answer = phone.goto(qr_payload(template, row.code, row.lookup_code))
    assert answer.status == 200 and row.code in phone.inner_text("body")

    # A wrong lookup code and an unknown dossier: the same page.
    phone.goto(f"{public.url}/tra-cuu")
    wrong = _other(row.lookup_code)
    status, shown = submit(phone, row.code, wrong)
    wrong_page = phone.content()
    assert status == 404 and "Không tìm thấy hồ sơ" in shown and row.code not in wrong_page
    status, _ = submit(phone, row.code[:-4] + "1999", row.lookup_code)
    assert status == 404 and phone.content() == wrong_page

    # Eight more wrong tries make ten in the minute; the eleventh waits.
    for n in range(8):
        assert submit(phone, row.code[:-4] + f"{1990 + n}", wrong)[0] == 404
    status, shown = submit(phone, row.code, wrong)
    assert status == 429
    assert "Vui lòng thử lại sau" in shown and "giây" in shown
    assert phone.goto(qr_payload(template, row.code, row.lookup_code)).status == 429


def test_the_page_fits_a_phone_and_its_style_passes_its_own_policy(
    browser: Any, public: PublicCentral
) -> None:
    context = browser.new_context(viewport=PHONE)  # scripts on, only for the test to measure
    try:
        page = context.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
        page.goto(f"{public.url}/tra-cuu")
        width = page.evaluate("document.documentElement.scrollWidth")
        button = page.evaluate("getComputedStyle(document.querySelector('button')).backgroundColor")
        field = page.evaluate("document.querySelector('#ma').getBoundingClientRect().width")
    finally:
        context.close()
    assert width <= PHONE["width"]  # nothing to scroll sideways
    assert field > PHONE["width"] * 0.8  # the fields take the phone's width
    assert button == "rgb(165, 14, 14)"  # the style sheet applied: its hash is in the policy
    assert refused == []  # no Content-Security-Policy violation


def _declarations(store: Store, row: DossierRow) -> Any:
    text = store.conn.execute(
        "SELECT declarations FROM dossier_content WHERE dossier_id = ?", (row.id,)
    ).fetchone()[0]
    return json.loads(text)


def _other(lookup: str) -> str:
    return "ABCDEF" if lookup != "ABCDEF" else "ABCDEG"
