"""Fixtures of tests/sync_events: the desk (tests/conftest.py), a real central on loopback
(tests/sync/conftest.py) and an office of several counters (tests/office/conftest.py)."""

from tests.lookup.conftest import clock, counter  # noqa: F401 - fixtures used here
from tests.office.conftest import office  # noqa: F401
from tests.sync.conftest import central  # noqa: F401
