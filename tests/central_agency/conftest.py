"""The agency tests share tests/sync's fixtures: a real server, on SQLite and PostgreSQL."""

from tests.sync.conftest import central as central
from tests.sync.conftest import pytest_generate_tests as pytest_generate_tests
