"""`desk serve` as a real process, and a real headless Chromium that uses it.

The browser is Debian's ``chromium`` driven by Playwright (``executable_path``: Playwright never
downloads a browser here). Without either, the browser tests skip saying which is missing, and
the run's summary says how many browser tests ran or were skipped
(:func:`pytest_terminal_summary`), so CI shows they ran.

Reading the screen: textual-serve draws the terminal with xterm.js on a canvas, so its text is
in no DOM node. The test serves the page's own textual.js with one statement added that keeps
a reference to its xterm.js ``Terminal``, and reads the rows from xterm's buffer: the text the
officer sees, cell by cell, whatever the renderer.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BROWSER_TESTS = ("tests/serve/test_browser.py", "tests/central_public/test_browser.py")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
SKIP_PREFIX = "browser tests skipped: "

HOOK = "this.terminal.open(e),"
"""Where textual.js opens its xterm.js terminal; the test keeps a reference to it there."""
READ_SCREEN = """() => {
  const t = window.deskTerminal;
  if (!t) return "";
  const rows = [];
  for (let y = 0; y < t.rows; y++) {
    const line = t.buffer.active.getLine(y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def chromium() -> str | None:
    """The system's Chromium, or None."""
    for path in (os.environ.get("DESK_TEST_CHROMIUM"), *CHROMIUM_CANDIDATES):
        if path and Path(path).is_file() and os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    return found


def require_browser() -> tuple[Any, str]:
    """Playwright's sync API and the Chromium to drive, or skip saying what is missing."""
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip(SKIP_PREFIX + "Playwright is not installed (pip install -e '.[test]')")
    path = chromium()
    if path is None:
        pytest.skip(
            SKIP_PREFIX + "no Chromium (apt-get install chromium; .ci/run installs it as root)"
        )
    return sync_api, path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A running `desk serve --demo`."""

    process: subprocess.Popen[str]
    url: str
    folder: Path

    def audit_actions(self) -> list[tuple[str, str]]:
        """(action, officer) of every audit event of the served desk, oldest first."""
        import sqlite3

        with sqlite3.connect(self.folder / "desk.sqlite3") as conn:
            rows = conn.execute("SELECT action, officer FROM audit ORDER BY id").fetchall()
        return [(str(a), str(o)) for a, o in rows]


def serve_demo(folder: Path, *extra: str) -> Iterator[Served]:
    """`desk serve --demo` in ``folder`` on a free loopback port, until the test ends."""
    port = free_port()
    command = [sys.executable, "-m", "desk_app.cli", "serve", "--demo", "--dir", str(folder)]
    process = subprocess.Popen(
        [*command, "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        seen = []
        for line in process.stdout:  # ends when the process does
            seen.append(line)
            if found := re.search(r"(https?://\S+)", line):
                listening(port)  # the address is printed just before the server listens
                yield Served(process, found.group(1), folder)
                break
        else:
            pytest.fail("desk serve did not start:\n" + "".join(seen))
    finally:
        stop(process)


def listening(port: int, seconds: float = 30) -> None:
    """Wait until something accepts connections on the loopback ``port``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM (the sessions quit, signing out), then make sure it is gone."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def hook_terminal(route: Any) -> None:
    """Serve textual.js with its terminal kept in ``window.deskTerminal``."""
    response = route.fetch()
    body = response.text()
    assert body.count(HOOK) == 1, (
        "textual-serve's textual.js changed: update tests.serve.browser.HOOK"
    )
    route.fulfill(
        response=response, body=body.replace(HOOK, HOOK + "window.deskTerminal=this.terminal,")
    )


class Page:
    """The desk's page in the browser, read as the officer sees it."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def screen(self) -> str:
        """Every row of the terminal now."""
        return str(self.page.evaluate(READ_SCREEN))

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """Until ``text`` is on the screen (xterm.js's buffer); the screen then."""
        try:
            self.page.wait_for_function(
                f"(text) => ({READ_SCREEN})().includes(text)", arg=text, timeout=timeout * 1000
            )
        except Exception as exc:
            raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}") from exc
        return self.screen()

    def gone(self, text: str, timeout: float = 10) -> bool:
        """Whether ``text`` leaves the screen within ``timeout`` (a frame is drawn in pieces:
        the first piece of a new screen may arrive before the rest of the old one is gone)."""
        try:
            self.page.wait_for_function(
                f"(text) => !({READ_SCREEN})().includes(text)", arg=text, timeout=timeout * 1000
            )
        except Exception:
            return False
        return True

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line: how many browser tests ran in Chromium, or were skipped and why (this
    module is registered as a plugin by tests/conftest.py, so the line shows under xdist)."""
    stats = terminalreporter.stats
    ran = [
        r
        for key in ("passed", "failed")
        for r in stats.get(key, [])
        if getattr(r, "when", "") == "call" and r.nodeid.startswith(BROWSER_TESTS)
    ]
    skipped = [r for r in stats.get("skipped", []) if r.nodeid.startswith(BROWSER_TESTS)]
    if ran:
        terminalreporter.write_line(
            f"{len(ran)} browser tests ran in headless Chromium (desk serve, public page)",
            bold=True,
        )
    if skipped:
        why = str(skipped[0].longrepr[-1]) if isinstance(skipped[0].longrepr, tuple) else ""
        terminalreporter.write_line(
            f"{len(skipped)} browser tests skipped: {why.removeprefix('Skipped: ')}",
            yellow=True,
            bold=True,
        )


def wait_until(check: Any, timeout: float = 20) -> None:
    """Poll ``check`` (a file a process writes) until true or fail."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright (skips when either is missing); a
    fixture of every test, as this module is registered as a plugin (tests/conftest.py)."""
    sync_api, path = require_browser()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True)
        try:
            yield launched
        finally:
            launched.close()
