"""The citizen's public status page: ``GET /tra-cuu`` (a form) and ``GET /tra-cuu?ma=…&kiem=…``.

A citizen types the dossier code and the secret lookup code printed on the receipt, or opens
the receipt's QR code when the desk's ``qr_template`` is this page's URL
(``https://central.example/tra-cuu?ma={code}&kiem={lookup_code}``), and sees only the status of
each procedure, when the result is due and where to collect it — never a name, an ID number or
anything else the declarations hold (the declarations are read only for which procedures the
dossier asked for). Central never holds the lookup code itself: a desk sends a verifier of it
(``lookup_digest``, docs/sync-protocol.md) and the page compares the verifier of what was typed
with it in constant time. A dossier without one (an older desk, an adopted dossier) is simply
never found here.

A wrong lookup code and an unknown dossier get the same answer, byte for byte (status, headers,
body), and cost the same work: the comparison is made against a stand-in digest when there is
no dossier, and both count as one wrong try (:mod:`central.public_limits`). A code of the wrong
*shape* is answered at once with what is wrong (that says nothing about any dossier).

Central does not know an office's name or address (only its receiving agency code), so where
to collect the result is the office's counter by its code and item 6 of the receipt, which the
citizen holds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from central import office_contacts
from central import public_html as page
from central.protocol import DOSSIER_CODE
from central.public_html import STATUS, STEP, TEXT, Found, Step
from central.public_limits import WRONG_TRIES, Limits, client_key, code_key, decide
from central.store import CentralStore
from desk_app import groups

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
log = logging.getLogger("central.public")

LOOKUP_DIGEST_PREFIX = "desk-lookup-v1\n"
"""The same definition as the desk's (desk_app.sync.wire.lookup_digest); central computes it
on its own, as the protocol document describes it."""
LOOKUP_CODE = re.compile(r"[A-Z0-9]{4,16}", re.ASCII)
"""The shape a lookup code may have (desks print 6 of A–Z, 2–9 without I and O)."""
MAX_PARAM = 100
_STAND_IN = "0" * 64
"""Compared against when no dossier has the code, so both cases do the same work."""


def lookup_digest(code: str, lookup_code: str) -> str:
    """The verifier a desk sends of ``lookup_code`` for the dossier ``code``."""
    text = f"{LOOKUP_DIGEST_PREFIX}{code}\n{lookup_code.upper()}"
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(raw: str) -> str:
    """A typed dossier code as stored: compatibility forms folded (full-width digits from a
    phone keyboard), spaces dropped, letters upper-case."""
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


def normalise_lookup(raw: str) -> str:
    """A typed lookup code: the same folding, and the hyphens or spaces a person adds dropped."""
    return "".join(unicodedata.normalize("NFKC", raw).split()).replace("-", "").upper()


def _params(request: Request) -> tuple[str, str, list[str]] | None:
    """(code, lookup code, problems) from the query; None for the blank form."""
    raw_code = request.query_params.get(page.CODE_PARAM)
    raw_lookup = request.query_params.get(page.LOOKUP_PARAM)
    if raw_code is None and raw_lookup is None:
        return None
    code = normalise_code((raw_code or "")[:MAX_PARAM])
    lookup = normalise_lookup((raw_lookup or "")[:MAX_PARAM])
    problems = []
    if not code:
        problems.append(TEXT["code_missing"])
    elif not DOSSIER_CODE.fullmatch(code):
        problems.append(TEXT["code_bad"])
    if not lookup:
        problems.append(TEXT["lookup_missing"])
    elif not LOOKUP_CODE.fullmatch(lookup):
        problems.append(TEXT["lookup_bad"])
    return code, lookup, problems


def _read(store: CentralStore, code: str) -> tuple[str | None, Found | None]:
    """(stored lookup digest, what the page would show) of ``code``; (None, None) if unknown."""
    with store.db.read() as tx:
        row = tx.one(
            "SELECT lookup_digest, procedure_group, status, progress, due, appointment_at, "
            "received_at, office, declarations FROM dossiers WHERE code = :code",
            {"code": code},
        )
    if row is None:
        return None, None
    digest, group_kind, status, progress, due, appointment, received, office, decl = row
    group = groups.find(group_kind)
    done = set(json.loads(progress or "{}"))
    steps: tuple[Step, ...] = ()
    title = group_kind
    if group is not None:
        title = group.title
        asked = group.requested(json.loads(decl)) if group.requested_field else None
        steps = tuple(
            Step(p.label, STEP["done"] if p.id in done else STEP.get(status, STEP["working"]))
            for p in group.procedures
            if asked is None or p.id in asked
        )
    found = Found(
        code=code,
        group=title,
        received=_day(received),
        status=STATUS.get(status) or str(status),
        due=_due(due, appointment),
        office=office,
        steps=steps,
        contact=office_contacts.contact(store.db, office),
    )
    return digest, found


def _day(iso: str) -> str:
    at = datetime.fromisoformat(iso).astimezone(VN_TZ)
    return f"{at:%d/%m/%Y}"


def _due(new_date: str | None, appointment: str | None) -> str:
    """A new appointment's date if the office set one, else the receipt's; else item 5."""
    if new_date:
        d = date.fromisoformat(new_date)
        return TEXT["due_new"].format(day=d.day, month=d.month, year=d.year)
    if appointment:
        at = datetime.fromisoformat(appointment).astimezone(VN_TZ)
        return TEXT["due_time"].format(
            hour=at.hour, minute=at.minute, day=at.day, month=at.month, year=at.year
        )
    return TEXT["due_receipt"]


def _html(body: bytes, status: int, extra: dict[str, str] | None = None) -> Response:
    return Response(
        body,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={**page.HEADERS, **(extra or {})},
    )


def routes(
    store: CentralStore, clock: Callable[[], datetime], limits: Limits | None = None
) -> list[Route]:
    """The page's route, over ``store`` and central's ``clock``."""
    allowed = limits or Limits()

    async def answer(request: Request) -> Response:
        asked = _params(request)
        if asked is None:
            return _html(page.form_page(), 200)
        code, lookup, problems = asked
        if problems:
            given = (request.query_params.get(page.CODE_PARAM) or "")[:MAX_PARAM]
            typed = (request.query_params.get(page.LOOKUP_PARAM) or "")[:MAX_PARAM]
            return _html(page.form_page(problems, given, typed), 400)
        stored, found = await run_in_threadpool(_read, store, code)
        matched = hmac.compare_digest(lookup_digest(code, lookup), stored or _STAND_IN)
        verdict = await run_in_threadpool(
            decide,
            store.db,
            client_key(request.client.host if request.client else None),
            code_key(code),
            matched and found is not None,
            clock().timestamp(),
            allowed,
        )
        if verdict.retry_after is not None:
            seconds = verdict.retry_after
            return _html(page.limited_page(seconds), 429, {"Retry-After": str(seconds)})
        if not verdict.found or found is None:
            return _html(page.not_found_page(), 404)
        return _html(page.found_page(found), 200)

    async def endpoint(request: Request) -> Response:
        try:
            return await answer(request)
        except Exception as exc:  # a citizen gets a page in Vietnamese, never a traceback
            log.error("public status page failed: %s", type(exc).__name__)
            return _html(page.error_page(), 503, {"Retry-After": "60"})

    return [Route(page.PATH, endpoint, methods=["GET"])]


def openapi_paths() -> dict[str, object]:
    """The page in docs/openapi.json (central.openapi): HTML for people, no token."""
    text = {"text/html": {"schema": {"type": "string"}}}
    retry = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}}
    query = [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": {"type": "string", "maxLength": MAX_PARAM},
        }
        for name, description in (
            (page.CODE_PARAM, "the dossier code (case and spaces ignored)"),
            (page.LOOKUP_PARAM, "the receipt's secret lookup code (case, spaces, '-' ignored)"),
        )
    ]
    return {
        page.PATH: {
            "get": {
                "summary": "The citizen's public status page (HTML, Vietnamese, no script)",
                "description": "Without parameters: the form. With both: the status of each "
                "procedure, the appointment and where to collect the result, when `kiem` "
                "matches the dossier's `lookup_digest`; never a name or an ID number. A wrong "
                "lookup code and an unknown dossier get the same 404 page. Wrong tries are "
                f"limited to {WRONG_TRIES} a minute per client and per dossier code "
                "(central/public_limits.py). Every answer carries Content-Security-Policy "
                "(no script), X-Content-Type-Options, Referrer-Policy: no-referrer and "
                "Cache-Control: no-store.",
                "security": [],
                "parameters": query,
                "responses": {
                    "200": {"description": "The form, or the dossier's status.", "content": text},
                    "400": {
                        "description": "A code of the wrong shape (says which).",
                        "content": text,
                    },
                    "404": {"description": "No dossier with these two codes.", "content": text},
                    "429": {
                        "description": "Too many wrong tries; the codes were not compared.",
                        "content": text,
                        "headers": retry,
                    },
                    "503": {
                        "description": "Temporarily unavailable.",
                        "content": text,
                        "headers": retry,
                    },
                },
            }
        }
    }
