"""Named in ``DESK_GROUPS`` by a separate process (``desk lookup``): importing it registers the
toy group there, as importing a shipped group's module registers that group."""

from __future__ import annotations

from tests.groups.toy.definition import install

install()
