"""A round sends each batch while the answers of the one before are being applied.

The overlap is what keeps a round of thousands of dossiers within a few times the bare cost of
moving them (bench/bench_sync.py): central stores batch N + 1 while the desk writes down what
it answered for batch N. It must not change what arrives, or in which order a batch leaves: one
request in flight at a time, each batch sent once its predecessor was answered.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from desk_app.settings import Settings
from desk_app.store import Store
from desk_app.sync import RetryPolicy, sync_once
from tests.sync.conftest import TOKEN_ENV, Central, for_central, outbox_size, receive

BOTH_BACKENDS = True
"""Every test here that runs central runs on SQLite and on PostgreSQL."""
QUICK = RetryPolicy(attempts=2, base=0.01, cap=0.02)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.paths.database)
    yield opened
    opened.close()


def test_the_next_batch_leaves_before_the_answers_before_it_are_applied(
    central: Central, settings: Settings, store: Store
) -> None:
    codes = receive(store, 7)  # batches of 3: 3 + 3 + 1
    stages: list[tuple[str, str]] = []

    def observe(stage: str) -> None:
        stages.append((stage, threading.current_thread().name))

    report = sync_once(
        store,
        for_central(settings, central.url, batch_size=3),
        env={TOKEN_ENV: central.token},
        policy=QUICK,
        observe=observe,
    )

    assert report.ok, report.error
    assert (report.batches, report.accepted) == (3, 7)
    assert set(central.dossiers()) == set(codes) and outbox_size(store) == 0
    shipping = [s for s, _ in stages if s.startswith("batch-")]
    assert shipping == [
        "batch-prepared",
        "batch-sending",
        "batch-answered",
        "batch-prepared",
        "batch-sending",  # the second batch is on its way …
        "batch-applied",  # … while the first one's answers are written down
        "batch-answered",
        "batch-prepared",
        "batch-sending",
        "batch-applied",
        "batch-answered",
        "batch-applied",
    ]
    # The requests go out from the round's sender thread; the database stays on the round's.
    here = threading.current_thread().name
    assert {t for s, t in stages if s == "batch-sending"} != {here}
    assert {t for s, t in stages if s != "batch-sending"} == {here}
    # Every dossier was sent once and accepted once, whatever overlapped.
    for code in codes:
        actions = [e.action for e in store.audit_events(code)]
        assert actions.count("send") == 1 and actions.count("accept") == 1, (code, actions)
