"""Old versions stay readable: listed with when, who and why, and printed by
``desk lookup CODE --version N`` (a real process, the demo desk's database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.corrections import correct
from desk_app.demo import make_demo
from desk_app.desk import Desk
from desk_app.lookup import VIEW_ACTION
from desk_app.lookup.versions import NoSuchVersion, version_sections, versions
from desk_app.store import Store
from tests.conftest import signed_in
from tests.corrections.conftest import receive, with_change
from tests.lookup.test_cli import desk_lookup


def _lines(store: Store, code: str, number: int) -> dict[str, str]:
    row = store.require(code)
    return {label: value for s in version_sections(store, row, number) for label, value in s.lines}


def test_the_versions_are_listed_and_an_old_one_reads_as_it_was(counter: Desk) -> None:
    row = receive(counter)
    [only] = versions(counter.store, row)
    assert (only.number, only.current, only.reason) == (1, True, None)
    correct(
        counter.store,
        row.code,
        with_change(row, "requester.phone", "0987654321"),
        "Ghi nhầm số điện thoại",
        officer=counter.officer,
        at=counter.clock(),
    )
    fixed = counter.store.require(row.code)
    first, second = versions(counter.store, fixed)
    assert (first.number, first.current, first.officer) == (1, False, row.officer)
    assert (second.number, second.current, second.reason) == (2, True, "Ghi nhầm số điện thoại")
    assert "0912345678" in _lines(counter.store, row.code, 1).values()
    assert "0987654321" in _lines(counter.store, row.code, 2).values()
    with pytest.raises(NoSuchVersion, match="không có phiên bản 3"):
        version_sections(counter.store, fixed, 3)


def test_desk_lookup_prints_an_old_version(tmp_path: Path) -> None:
    config = make_demo(tmp_path / "demo")
    desk = signed_in(Desk.open(load_config(config, env={}).settings))
    try:
        row = receive(desk)
        correct(
            desk.store,
            row.code,
            with_change(row, "requester.phone", "0987654321"),
            "Ghi nhầm số điện thoại",
            officer=desk.officer,
            at=desk.clock(),
        )
    finally:
        desk.close()

    old = desk_lookup(config, row.code, "--version", "1")
    assert old.returncode == 0, old.stderr
    assert f"{row.code} — nội dung phiên bản 1" in old.stdout
    assert "0912345678" in old.stdout and "0987654321" not in old.stdout.split("Các phiên bản")[0]
    assert "Ghi nhầm số điện thoại" in old.stdout  # the list of versions says why 2 was made

    missing = desk_lookup(config, row.code, "--version", "7")
    assert missing.returncode == 2
    assert "không có phiên bản 7" in missing.stderr and "Traceback" not in missing.stderr

    bad = desk_lookup(config, row.code, "--version", "không")
    assert bad.returncode == 2 and "--version" in bad.stderr and "Traceback" not in bad.stderr

    store = Store.open(load_config(config, env={}).settings.paths.database)
    try:
        views = [e for e in store.audit_events(row.code) if e.action == VIEW_ACTION]
        assert len(views) == 2  # each version read for a person is a view of the dossier
    finally:
        store.close()
