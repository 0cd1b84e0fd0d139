"""No personal ID number, password or token in any log file the test suite produced.

The passwords are all those the suite typed anywhere (tests/conftest.py notes each one handed
to Argon2), not a list kept by hand.

Runs last (see this folder's conftest). It first makes sure there is something to read: a
central server logging to a file receives a dossier whose ID numbers are real-looking
12-digit numbers, through the desk's own sync, with a bearer token. Then every ``*.log``
under this run's temporary folders and the repository is searched.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from central.app import create_app, now_vn
from central.server import start_in_thread
from central.store import CentralStore
from desk_app.demo import DEMO_OFFICER
from desk_app.desk import Desk
from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import sync_once
from tests.conftest import FIXED_NOW, PASSWORDS_SEEN, sample_dossier

TALKATIVE = ("desk.sync", "httpx", "httpcore")
REPO = Path(__file__).resolve().parents[2]
PERSONAL_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")
SECRET = re.compile(r"Bearer\s+\S+|(?<![\w-])(?=[\w-]*[g-zG-Z_-])[\w-]{43}(?![\w-])")
"""A bearer header, or a 43-character url-safe token (what ``secrets.token_urlsafe(32)``
gives); a hex digest has no letter past f, so hashes in a log are not mistaken for one."""


def leaks(text: str, secrets: Sequence[str] = ()) -> list[str]:
    """The personal ID numbers, known secrets and token-like strings found in ``text``."""
    found = PERSONAL_ID.findall(text) + SECRET.findall(text)
    return found + [s for s in secrets if s and s in text]


def log_files(roots: list[Path]) -> list[Path]:
    """Every ``*.log`` under ``roots``, the virtual environment excepted."""
    return sorted(
        p for root in roots if root.exists() for p in root.rglob("*.log") if ".venv" not in p.parts
    )


def test_the_detector_finds_what_it_is_for() -> None:
    assert leaks("cccd 001090000001 ok") == ["001090000001"]
    assert leaks("Authorization: Bearer abc") == ["Bearer abc"]
    assert leaks("sha " + "ab" * 32) == []  # a 64-digit hex digest is no secret
    assert leaks("t=" + "x" * 43) == ["x" * 43]


def test_no_log_file_holds_personal_data_or_secrets(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings
) -> None:
    central_store = CentralStore(tmp_path / "central" / "central.sqlite3")
    token = central_store.issue_token("000.00.01.H26", 1, now_vn().isoformat())
    log = tmp_path / "central" / "central.log"
    server = start_in_thread(create_app(central_store), log_file=log)
    desk_log = logging.FileHandler(tmp_path / "desk.log", encoding="utf-8")
    for name in TALKATIVE:  # everything the desk side could say, at its most verbose
        logging.getLogger(name).addHandler(desk_log)
        logging.getLogger(name).setLevel(logging.DEBUG)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        store = Store.open(tmp_path / "desk.sqlite3")
        store.save_dossier(
            sample_dossier(),
            agency_code="000.00.01.H26",
            desk_number=1,
            officer="A",
            received_at=FIXED_NOW,
        )
        central = settings.central.model_copy(update={"url": server.url})
        os.environ[settings.central.token_env] = token
        try:
            report = sync_once(store, settings.model_copy(update={"central": central}))
        finally:
            os.environ.pop(settings.central.token_env, None)
            store.close()
        assert report.ok
    finally:
        server.stop()
        central_store.close()
        for name in (*TALKATIVE, "uvicorn", "uvicorn.error"):
            logging.getLogger(name).removeHandler(desk_log)
            logging.getLogger(name).setLevel(logging.NOTSET)
        desk_log.close()
    desk = Desk.open(settings)  # at least one real sign-in in any run of this test
    try:
        desk.sign_in(*DEMO_OFFICER[:2])
    finally:
        desk.close()
    assert DEMO_OFFICER[1] in PASSWORDS_SEEN
    files = log_files([tmp_path_factory.getbasetemp(), REPO])
    assert {log, tmp_path / "desk.log"} <= set(files)
    assert (tmp_path / "desk.log").stat().st_size > 0 and log.stat().st_size > 0
    texts = {str(p): p.read_text("utf-8", "replace") for p in files}
    secrets = [token, *PASSWORDS_SEEN]
    found = {name: hits for name, text in texts.items() if (hits := leaks(text, secrets))}
    assert found == {}
