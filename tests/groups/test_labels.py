"""Every field of every group's pages is shown under its own Vietnamese label and heading.

The wizard describes a field by its path under the union of the groups' declarations, without
the group's tag; two groups sharing a part (``delivery``) once made the second group's rows
fall back to their bare keys (``death``, ``method``, ``funeral_allowance``) on screen.
"""

from __future__ import annotations

import pytest

from desk_app import groups
from desk_app.dossier import Dossier
from forms.errors import describe, field_info
from screens.wizard.form import heading_of, label_of

CASES = [
    pytest.param(group.kind, spec, id=f"{group.kind}:{step.id}:{'.'.join(map(str, spec.path))}")
    for group in groups.registered()
    for step in group.pages
    for spec in step.fields
    if spec.label is None
]


@pytest.mark.parametrize(("kind", "spec"), CASES)
def test_a_field_reads_as_its_own_groups_model_names_it(kind: str, spec: object) -> None:
    path = ("declarations", *spec.path)  # type: ignore[attr-defined]
    tagged = ("declarations", kind, *spec.path)  # type: ignore[attr-defined]
    own_label, own_sections = describe(Dossier, tagged)
    label, _ = label_of(spec, kind)  # type: ignore[arg-type]
    assert label == own_label
    heading = heading_of(spec, kind)  # type: ignore[arg-type]
    assert heading == (own_sections[-1] if own_sections else "")
    keys = {str(part) for part in spec.path}  # type: ignore[attr-defined]
    assert label not in keys and not set(own_sections) & keys, (label, own_sections)
    assert field_info(Dossier, tagged) is not None
    assert field_info(Dossier, path) is not None
