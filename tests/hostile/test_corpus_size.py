"""The hostile corpus covers every class of issue 13 with at least 300 cases."""

from __future__ import annotations

import json

from tests.hostile.support import CORPUS


def test_the_corpus_holds_at_least_300_cases_with_unique_ids() -> None:
    ids: list[str] = []
    for path in sorted(CORPUS.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        ids.extend(f"{path.stem}/{case['id']}" for case in cases)
    assert len(ids) == len(set(ids)), "two cases share an id"
    assert len(ids) >= 300, f"only {len(ids)} hostile cases"
