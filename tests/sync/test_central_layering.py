"""central is a service of its own: no screens, no Textual, and it starts without them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.core.test_layering import imported_modules

REPO = Path(__file__).resolve().parents[2]


def test_central_imports_no_screens_and_no_textual() -> None:
    offenders = {
        f: sorted(names & {"textual", "screens"})
        for f, names in imported_modules("central").items()
        if names & {"textual", "screens"}
    }
    assert offenders == {}
    assert any("starlette" in names for names in imported_modules("central").values())


def test_server_and_sync_client_load_without_textual() -> None:
    code = (
        "import sys, central.app, central.server, desk_app.sync;sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0
