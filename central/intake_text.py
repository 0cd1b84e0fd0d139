"""What accepting a batch writes, made once per batch (or per batch size) and filled in.

Every dossier of a batch gets the same answer but for its code and central id, the same
``submit`` entry in the office feed but for its code and content hash, and the same row of
parameters in the one ``INSERT`` but for their numbers. Serialising a model, a dict or a
list of parameter names again for each dossier cost more than SQLite takes to store it
(:mod:`central.intake`), so each is written once, as text, and the dossiers' own values are
put in; tests check the result is what the model (or :func:`canonical_json`) would write.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from central.feed import Entry
from central.protocol import DossierIn, canonical_json
from central.store import DeskIdentity

ACCEPTED = (
    '{{"code":"{code}","outcome":"accepted","central_id":"{central_id}",'
    '"reason_code":null,"reason":null}}'
)
"""A new dossier's answer, as pydantic writes its :class:`central.protocol.DossierResult`:
the code passed :data:`central.protocol.DOSSIER_CODE` and the central id is the UUID just
made, so neither needs escaping. Duplicates and refusals, rarer, go through the model."""


def answer(key: str, results: list[str]) -> str:
    """The JSON of the :class:`central.protocol.SubmitResponse` of batch ``key``, given the
    JSON of its results in order."""
    return f'{{"batch":{canonical_json(key)},"results":[{",".join(results)}]}}'


ROW = (
    "(:cid{i}, :code{i}, :office, :desk_number, :hash{i}, :group{i}, :recv{i}, :at, "
    ":decl{i}, 'accepted', :plan{i}, :due{i}, :look{i}, :appt{i})"
)
"""One new dossier's row; the office and desk are the caller's (:mod:`central.scope`)."""
ROW_NAMES = ("cid", "code", "hash", "group", "recv", "decl", "plan", "due", "look", "appt")
"""A row's own parameters, in the order :func:`central.intake._insert` lists their values."""


@lru_cache(maxsize=16)
def dossier_rows(count: int) -> tuple[str, tuple[str, ...]]:
    """The ``VALUES`` rows of ``count`` new dossiers, and their own parameters' names, row by
    row: made once for a batch size (some 500 names for a batch of 50)."""
    rows = ", ".join(ROW.format(i=i) for i in range(count))
    return rows, tuple(f"{name}{i}" for i in range(count) for name in ROW_NAMES)


_CODE, _HASH = "\ue000code", "\ue000hash"
"""Stand-ins for a dossier's code and hash in the template of its feed body (private-use
characters: written as they are by :func:`canonical_json`, and in no code or hash)."""


def submit_entries(desk: DeskIdentity, now: datetime) -> Callable[[int, DossierIn], Entry]:
    """The office feed's entry (version 0, event ``submit``) for each dossier of this batch
    just accepted: the body is serialised once, as a template, and each dossier's code and
    hash are put in."""
    body = {
        "code": _CODE,
        "version": 0,
        "event": "submit",
        "procedure": None,
        "at": now.isoformat(),
        "state": {
            "status": "accepted",
            "progress": {},
            "reason": None,
            "due": None,
            "content_version": 1,
            "content_hash": _HASH,
        },
        "by": {"office": desk.office, "desk": desk.desk_number, "officer": None},
        "detail": None,
    }
    head, rest = canonical_json(body).split(canonical_json(_CODE))
    middle, tail = rest.split(canonical_json(_HASH))

    def entry(dossier_id: int, d: DossierIn) -> Entry:
        text = f"{head}{canonical_json(d.code)}{middle}{canonical_json(d.content_hash)}{tail}"
        return Entry(dossier_id, desk.office, desk.desk_number, 0, text, v1=False)

    return entry


def central_id() -> str:
    """A new dossier's central id: a time-ordered UUID (version 7, RFC 9562).

    48 bits of Unix milliseconds, then 74 random bits: as opaque and as unique as a random
    UUID, but a batch's ids go in at the end of their unique index, on one or two pages,
    instead of on a random page each — pages the commit would write out again.
    """
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10)) >> 6  # 74 random bits: 12 of rand_a, 62 of rand_b
    value = millis << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | rand & (1 << 62) - 1
    return str(uuid.UUID(int=value))
