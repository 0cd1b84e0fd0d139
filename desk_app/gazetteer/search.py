"""Ranked, accent-insensitive search over pre-folded keys.

A key is the folded words of a unit's name, then its aliases, separated by " | "
("thanh pho ho chi minh | ho chi minh | hcm | tphcm"). Keys are stored padded with a space on
each side, so word boundaries are plain substring tests done in C: the whole table is scanned
once with ``in`` and only the matches are ranked. Ranks, best first:

0. the query is whole words of the key ("dong da" in "phuong dong da");
1. the query starts a word ("lang th" in "phuong lang thuong");
2. the query is anywhere ("ang" in "phuong lang");
3. only when no name holds the query as typed: a query of several words whose words each
   start a word of the unit's name or of its parents' names, at least one in its own
   ("lang thuong dong da" and "thuong lang" find Phường Láng Thượng in Quận Đống Đa).

Within a rank, a key whose name without its type word, or one of whose aliases, equals the
query comes first ("dong da" → Phường Đống Đa before Xã Đống Đa Mới) — among those, the one
spelled as typed when the query carries accents ("Văn Lăng" before Văn Lang) — then shorter
names, then the table's order (province, then code).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

from desk_app.gazetteer.names import search_words
from forms.text import nfc

ALIAS_SEPARATOR = " | "
# Folded type words that may precede a unit's own name in its key.
TYPE_WORDS = frozenset(
    {"phuong", "xa", "dac khu", "thi tran", "quan", "huyen", "thi xa", "thanh pho", "tinh"}
)


def pad(key: str) -> str:
    """The stored form of a key: a space on each side makes every word boundary a space."""
    return f" {key} "


def is_exact(padded_key: str, query: str) -> bool:
    """Whether the query is the whole name, the name without its type word, or an alias."""
    parts = padded_key.strip().split(ALIAS_SEPARATOR)
    if query in parts:
        return True
    name = parts[0]
    head = name[: len(name) - len(query) - 1]
    return name.endswith(f" {query}") and head in TYPE_WORDS


class SearchTable:
    """The keys of one kind of unit and the ranking over them."""

    __slots__ = ("_context", "_context_of", "_order", "keys", "names")

    def __init__(
        self,
        keys: Sequence[str],
        names: Sequence[str],
        context_of: Callable[[int], str] | None = None,
    ) -> None:
        """``keys`` padded (see :func:`pad`); ``names`` the display names (tie-breaks);
        ``context_of(i)`` the parents' keys of row ``i``, built on the first query needing it.
        """
        self.keys = list(keys)
        self.names = list(names)
        self._context_of = context_of
        self._context: list[str] | None = None
        # Position of each row when all rows are ordered by (name length, row): ranking a
        # rank's matches is then a C-level lookup per match, not a Python tuple per match.
        lengths = list(map(len, self.names))
        self._order = [0] * len(self.keys)
        for position, row in enumerate(sorted(range(len(self.keys)), key=lengths.__getitem__)):
            self._order[row] = position

    def _best(self, rows: list[int], limit: int) -> list[int]:
        return heapq.nsmallest(limit, rows, key=self._order.__getitem__)

    def _context_keys(self) -> list[str]:
        if self._context is None:
            assert self._context_of is not None
            self._context = [k + self._context_of(i) for i, k in enumerate(self.keys)]
        return self._context

    def _spread(self, q: str, start: int, stop: int, seen: set[int], limit: int) -> list[int]:
        """Rank 3: every word of the query starts a word of the unit's key or of its
        parents' keys, and at least one starts a word of the unit's own key; units holding
        more of the words in their own key first."""
        context = self._context_keys()[start:stop]
        needles = sorted((f" {t}" for t in q.split()), key=len, reverse=True)
        first, rest = needles[0], needles[1:]
        keys, order = self.keys, self._order
        rows = [
            start + n
            for n, ck in enumerate(context)
            if first in ck and all(t in ck for t in rest) and start + n not in seen
        ]
        missing = {}
        for i in rows:
            count = sum(t not in keys[i] for t in needles)
            if count < len(needles):
                missing[i] = count
        return heapq.nsmallest(limit, missing, key=lambda i: (missing[i], order[i]))

    def search(self, query: str, rows: range | None = None, limit: int = 50) -> list[int]:
        """Row numbers of at most ``limit`` matches of ``query`` within ``rows``, best first."""
        q = search_words(query)
        if not q or limit <= 0:
            return []
        keys = self.keys
        start, stop = (0, len(keys)) if rows is None else (rows.start, rows.stop)
        found = [start + n for n, k in enumerate(keys[start:stop]) if q in k]
        word, prefix = f" {q} ", f" {q}"
        whole = [i for i in found if word in keys[i]]
        # Exact names end the name part or an alias: a cheap filter before the exact test.
        exact = [
            i
            for i in whole
            if (keys[i].endswith(word) or f"{word}|" in keys[i]) and is_exact(keys[i], q)
        ]
        if exact:
            # Folding merges Văn Lang and Văn Lăng; whoever typed the accents meant one.
            typed = " ".join(nfc(query).lower().split())
            names, order = self.names, self._order
            exact.sort(key=lambda i: (typed not in names[i].lower(), order[i]))
        result = exact[:limit]
        if exact:
            taken = set(exact)
            whole = [i for i in whole if i not in taken]
        result += self._best(whole, limit - len(result))
        if len(result) < limit:
            starts = [i for i in found if prefix in keys[i] and word not in keys[i]]
            result += self._best(starts, limit - len(result))
        if len(result) < limit:
            inside = [i for i in found if prefix not in keys[i]]
            result += self._best(inside, limit - len(result))
        if not found and " " in q and self._context_of is not None:
            result += self._spread(q, start, stop, set(found), limit - len(result))
        return result
