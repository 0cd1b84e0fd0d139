"""The same person among the dossiers in this desk's own store.

Candidates come from the store's search index (``dossier_search``: folded names, ID numbers),
by the keys the group marks ``find``; each candidate's saved declarations then decide, key by
key (:mod:`desk_app.duplicates.keys`). The index narrows a million dossiers to a handful in one
FTS query; no declarations are decoded but those few.

Which dossiers count: every dossier of the group in this store (received here, or fetched from
central for another counter of the office) but the dossier itself and those that ended without
the person being declared: cancelled at the citizen's request, refused by the deciding agency,
or refused and its papers handed back. After a refusal the citizen coming back with the papers
put right is the normal path, not a duplicate; a supervisor confirming each of those would only
teach supervisors to confirm without reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desk_app.duplicates.keys import folded_words, identity, value_at
from desk_app.groups.definition import GroupDefinition
from desk_app.lifecycle import Status
from desk_app.store import DossierRow, Store

ENDED_UNDECLARED = frozenset({Status.CANCELLED, Status.REFUSED, Status.PAPERS_RETURNED})
"""Statuses of a dossier that no longer declares its person (see the module's docstring)."""
CANDIDATES = 50
"""Rows the index may hand over at most; the same person declared more often is already news."""


def _phrase(text: str) -> str:
    """``text`` as one FTS5 string (the tokenizer splits it as it split the indexed value)."""
    return '"' + text.replace('"', '""') + '"'


def match_expression(group: GroupDefinition, declarations: Mapping[str, Any]) -> str | None:
    """The FTS5 query narrowing the store to this dossier's candidates (None: nothing to ask).

    Every ``find`` key must hold: an ID number as a phrase in ``ids``, each folded word of a
    name in ``names``. A group without ``find`` keys narrows by its ``narrow_by_name`` names.
    """
    terms: list[str] = []
    for key in group.duplicate_keys:
        value = value_at(declarations, key.path)
        if key.find is None or value is None:
            continue
        if key.find == "id":
            terms.append(f"ids : {_phrase(value)}")
        else:
            terms += [f"names : {_phrase(w)}" for w in folded_words(value)]
    if not terms:
        for path in group.duplicate_names:
            value = value_at(declarations, path)
            terms += [f"names : {_phrase(w)}" for w in folded_words(value or "")]
    return " AND ".join(terms) or None


def same_person(
    store: Store,
    group: GroupDefinition,
    declarations: Mapping[str, Any],
    *,
    exclude: Iterable[str] = (),
) -> list[DossierRow]:
    """The dossiers of this store about the same person as ``declarations``, newest first."""
    wanted = identity(group, declarations)
    match = match_expression(group, declarations)
    if wanted is None or match is None:
        return []
    ended = ", ".join(f"'{s.value}'" for s in sorted(ENDED_UNDECLARED))
    left_out = {c.upper() for c in exclude}
    rows = store.rows(
        "SELECT d.code FROM dossier_search s JOIN dossiers d ON d.id = s.rowid "
        f"WHERE dossier_search MATCH ? AND d.procedure_group = ? AND d.status NOT IN ({ended}) "
        "ORDER BY s.rowid DESC LIMIT ?",
        (match, group.kind, CANDIDATES),
    )
    found = []
    for (code,) in rows:
        if code in left_out:
            continue
        row = store.get(code)
        if row is not None and identity(group, row.declarations) == wanted:
            found.append(row)
    return found
