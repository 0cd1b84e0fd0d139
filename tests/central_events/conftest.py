"""Protocol v2's central side shares tests/sync's fixtures: a real server, SQLite and PostgreSQL."""

from tests.sync.conftest import pytest_generate_tests as pytest_generate_tests
