"""The protocol documents describe the server that runs."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.routing import Route

from central.app import create_app
from central.openapi import render
from central.store import CentralStore

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_openapi_document_is_generated_from_the_protocol_models() -> None:
    assert (DOCS / "openapi.json").read_text(encoding="utf-8") == render(), (
        "regenerate with: python -m central.openapi > docs/openapi.json"
    )


def test_every_route_is_documented_and_nothing_else(tmp_path: Path) -> None:
    store = CentralStore(tmp_path / "c.sqlite3")
    try:
        app = create_app(store)
    finally:
        store.close()
    served = {
        (route.path, method.lower())
        for route in app.routes
        if isinstance(route, Route)
        for method in route.methods or ()
        # Starlette answers HEAD wherever it answers GET; only a HEAD of its own is documented.
        if method != "HEAD" or "GET" not in (route.methods or ())
    }
    paths = json.loads((DOCS / "openapi.json").read_text(encoding="utf-8"))["paths"]
    documented = {(path, method) for path, ops in paths.items() for method in ops}
    assert documented == served
    narrative = (DOCS / "sync-protocol.md").read_text(encoding="utf-8")
    for path, method in served:
        assert f"{method.upper()}" in narrative and path.split("{")[0] in narrative, path
