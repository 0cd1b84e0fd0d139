"""The page vocabulary of the wizard, kept importable from here for the screens.

Pages are pure data and live in the core (:mod:`desk_app.groups.pages`); each group's page list
lives with its definition (``desk_app/groups/<kind>.py``) and reaches the wizard through
:class:`desk_app.groups.GroupDefinition`.
"""

from __future__ import annotations

from desk_app.groups.pages import PORTAL_STEPS, Draft, FieldSpec, Kind, Path, Step

__all__ = ["PORTAL_STEPS", "Draft", "FieldSpec", "Kind", "Path", "Step"]
