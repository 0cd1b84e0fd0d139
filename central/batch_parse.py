"""Reading a batch's body: the quick way for what honest desks send, the exact way otherwise.

Reading a batch was most of what central spends on a dossier: pydantic building every
declaration's dicts and strings from JSON, the walk over them for numbers no reader agrees on
(:func:`central.guards.unsafe_number`), the canonical form written again to check the content
hash. The quick way does the same checks with less work: orjson reads the body (refusing NaN,
Infinity and numbers too large for a double by itself), pydantic checks the envelope from
those values, and orjson writes each dossier's declarations in canonical form with integers
held to ±(2^53 − 1) — the walk's own limit — while doing so. When every dossier's text then
hashes to its content hash, that text is the very text its desk hashed: nothing is left to
check, and intake stores it as it is.

Anything else — a body either reader refuses, an integer beyond the limit (orjson would have
read one beyond 64 bits as a float), a float orjson writes otherwise than Python does, a hash
that does not match — sends the whole batch the exact way, as before: read by pydantic, walked
when the byte scan says so, hashed by intake. So a refusal or a rejection says exactly what it
said before; the quick way can only decline.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson
from pydantic import ValidationError
from pydantic_core import from_json

from central.guards import numbers_may_be_unsafe
from central.protocol import SubmitRequest, quick_canonical


@dataclass(frozen=True)
class ReadBatch:
    """A batch as read: the request; the canonical text of each dossier's declarations, each
    known to hash to the dossier's content hash (None when the batch was read the exact way);
    whether the declarations must still be walked for unsafe numbers."""

    request: SubmitRequest
    canonical: tuple[str, ...] | None
    walk: bool


def read_batch(body: bytes) -> ReadBatch:
    """The batch in ``body``; raises pydantic's :class:`ValidationError` exactly as
    ``SubmitRequest.model_validate_json`` does."""
    quick = _quick(body)
    if quick is not None:
        return quick
    return ReadBatch(_exact(body), None, numbers_may_be_unsafe(body))


def _quick(body: bytes) -> ReadBatch | None:
    try:
        request = SubmitRequest.model_validate(orjson.loads(body))
    except (orjson.JSONDecodeError, ValidationError):
        return None
    texts = []
    for dossier in request.dossiers:
        text = quick_canonical(dossier.declarations, dossier.content_hash, strict=True)
        if text is None:
            return None
        texts.append(text.decode())
    return ReadBatch(request, tuple(texts), False)


def _exact(body: bytes) -> SubmitRequest:
    # Reading the JSON first and validating its values is a third quicker than pydantic's
    # JSON mode for free-form declarations, with the same parser (the same values, big
    # integers exact); a refusal is read again in JSON mode for pydantic's own words.
    try:
        return SubmitRequest.model_validate(from_json(body))
    except (ValueError, ValidationError):
        return SubmitRequest.model_validate_json(body)
