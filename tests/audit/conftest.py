"""The log check runs after every other test, so it sees every log file the suite wrote."""

from __future__ import annotations

import pytest

LAST = "tests/audit/test_logs.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the log check to the end of the run, whatever else was collected."""
    items.sort(key=lambda item: item.nodeid.startswith(LAST))
