"""The counter of the wizard tests, for the death interlink typed at it."""

from tests.wizard.conftest import counter  # noqa: F401  (a fixture, shared)
