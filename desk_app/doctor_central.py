"""`desk doctor`'s questions to central: does it answer and take this desk's token, and does
its clock agree with this machine's (central's ``Date`` header; a wrong clock puts a wrong day
in dossier codes and appointments)?

Central is asked for a dossier code no desk ever issues, a read answered "not found" once the
token is accepted, so the check writes nothing anywhere.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from desk_app.clock import Clock
from desk_app.doctor import Finding
from desk_app.doctor_texts import TEXT

if TYPE_CHECKING:
    from desk_app.settings import Settings

CLOCK_FAULT = timedelta(minutes=2)
"""A clock further off than this puts wrong times on receipts: a fault."""
CLOCK_WARNING = timedelta(seconds=30)
PROBE_CODE = "{agency}-000000-0000"
"""A dossier code no desk ever issues (no day 00/00/00): central answers "not found"."""


def check_central(
    settings: Settings, env: Mapping[str, str], clock: Clock
) -> tuple[Finding, Finding]:
    """Central answers and takes the token; and its clock (``Date``) against the desk's."""
    from desk_app.sync.client import (
        CentralClient,
        CentralRefused,
        CentralUnavailable,
        SyncError,
        read_token,
    )
    from desk_app.sync.retry import RetryPolicy

    central = settings.central
    url = central.url
    unknown = Finding("clock", "warning", TEXT["clock_unknown"])
    try:
        token = read_token(central, env)
        client = CentralClient(central, token, policy=RetryPolicy(attempts=1))
    except CentralRefused as exc:
        fix = TEXT["no_token_fix"].format(env=central.token_env)
        refused = Finding("central", "fault", TEXT["no_token"].format(reason=exc.message), fix)
        return refused, _clock_without_token(settings, clock) or unknown
    code = PROBE_CODE.format(agency=settings.office.agencies.receiving.code)
    with client:
        before = clock()
        started = time.monotonic()
        try:
            answer = client.request("GET", f"/v1/dossiers/{code}")
        except CentralUnavailable as exc:
            return Finding(
                "central",
                "fault",
                TEXT["central_down"].format(url=url, reason=exc.message),
                TEXT["central_down_fix"],
            ), unknown
        except SyncError as exc:
            return Finding(
                "central",
                "fault",
                TEXT["central_refused"].format(url=url, reason=exc.message),
                TEXT["central_refused_fix"].format(env=central.token_env),
            ), unknown
        desk_time = before + timedelta(seconds=(time.monotonic() - started) / 2)
    reached = Finding("central", "ok", TEXT["central_ok"].format(url=url))
    return reached, _clock_finding(answer.headers.get("date"), desk_time)


def _clock_without_token(settings: Settings, clock: Clock) -> Finding | None:
    """Central's clock from its health answer, which needs no token (None: no answer)."""
    import httpx

    from desk_app.sync.client import tls_context

    central = settings.central
    try:
        before = clock()
        started = time.monotonic()
        answer = httpx.get(
            central.url.rstrip("/") + "/v1/health",
            timeout=central.timeout,
            verify=tls_context(central.verify_tls),
        )
    except httpx.HTTPError:
        return None
    desk_time = before + timedelta(seconds=(time.monotonic() - started) / 2)
    return _clock_finding(answer.headers.get("date"), desk_time)


def _clock_finding(date_header: str | None, desk_time: datetime) -> Finding:
    try:
        central_time = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError):
        central_time = None
    if central_time is None or central_time.tzinfo is None:
        return Finding("clock", "warning", TEXT["clock_no_date"])
    # The Date header counts whole seconds: half a second either way is no drift.
    offset = desk_time - central_time
    size = abs(offset) - timedelta(seconds=1)
    shown = _duration(abs(offset))
    if size <= CLOCK_WARNING:
        return Finding("clock", "ok", TEXT["clock_ok"].format(offset=shown))
    direction = TEXT["fast"] if offset > timedelta(0) else TEXT["slow"]
    message = TEXT["clock_off"].format(offset=shown, direction=direction)
    if size <= CLOCK_FAULT:
        return Finding("clock", "warning", message)
    return Finding("clock", "fault", message, TEXT["clock_fix"])


def _duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} giây"
    if seconds < 7200:
        return f"{seconds // 60} phút"
    return f"{seconds // 3600} giờ {seconds % 3600 // 60} phút"
