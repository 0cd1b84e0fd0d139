"""The HTTP client of the central system: token, TLS, timeouts and retries in one place.

Every request goes through :meth:`CentralClient.request`, which sets the bearer token, uses
the configured timeout for every phase (connect, write, read, pool), and retries what is safe
to retry (every endpoint is idempotent: batches carry an Idempotency-Key). Plain http:// is
refused except to this machine, so a token never crosses a network in clear; certificates are
verified unless desk.toml says otherwise. The token lives only in this object and in the
Authorization header: it is never part of a message, a repr or a log line.

A refusal of the request itself (413, 422: central will never take this body) raises
:class:`RequestRefused`, which the round answers by setting the dossier at fault aside; a
body central received damaged (``digest_mismatch``) is a transport fault and is simply sent
again, like a reset connection.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import re
import ssl
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from desk_app.errors import DeskError
from desk_app.settings import Central
from desk_app.sync.retry import RETRYABLE_STATUS, RetryPolicy, parse_retry_after

USER_AGENT = "desk-sync/1"
RETRYABLE_ERRORS = frozenset({"digest_mismatch"})
"""Error codes of 4xx answers that mean "it arrived damaged, send it again" (see the protocol)."""
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9._~+/-]+=*")
"""What a bearer token may hold (RFC 6750 b64token): ASCII, no spaces, nothing else."""
MAX_REASON = 300
"""Characters of central's message kept in a reason an officer reads."""

TEXT = {
    "no_token": (
        "Chưa đặt token của bàn: biến môi trường {env} đang trống. "
        "Hãy nhờ bộ phận kỹ thuật cấp token cho bàn này."
    ),
    "bad_token": (
        "Token của bàn trong biến môi trường {env} có ký tự không hợp lệ (dấu tiếng Việt, "
        "dấu cách hoặc ký hiệu lạ); token chỉ gồm chữ Latin không dấu, chữ số và các dấu "
        "- . _ ~ + /. Hãy chép lại token đúng như bộ phận kỹ thuật đã cấp."
    ),
    "refused": "Hệ thống trung tâm từ chối yêu cầu (HTTP {status}): {message}",
    "no_message": "không kèm lời giải thích",
    "limited": (
        "Hệ thống trung tâm tạm ngừng nhận yêu cầu của bàn này, hẹn thử lại sau {seconds} giây."
    ),
}


class SyncError(DeskError):
    """Sync could not go on; the message says why, in Vietnamese, without any secret."""


class CentralUnavailable(SyncError):
    """Central could not be reached (or kept failing) after every retry: the desk is offline."""


class CentralRefused(SyncError):
    """Central refused the desk (missing or wrong token) or the request (a protocol error)."""


class RequestRefused(CentralRefused):
    """Central refused this request itself (4xx but 401): sending it again will not help."""

    def __init__(self, message: str, status: int, error: str | None, detail: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        """Central's error code (``invalid_request``, ``too_large``…), if it gave one."""
        self.detail = detail
        """Central's own message (Vietnamese, shortened)."""


class RateLimited(CentralUnavailable):
    """Central asked this desk to slow down (429) for longer than the request may wait."""

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class Cancelled(SyncError):
    """The desk is closing: the round stops between two requests."""


def read_token(central: Central, env: Mapping[str, str] | None = None) -> str:
    """This desk's token from the environment variable desk.toml names.

    A token that cannot travel in an HTTP header (a Vietnamese letter pasted in, a space) is
    refused here with a message, rather than crashing the HTTP client.
    """
    token = (os.environ if env is None else env).get(central.token_env, "").strip()
    if not token:
        raise CentralRefused(TEXT["no_token"].format(env=central.token_env))
    if not TOKEN_SHAPE.fullmatch(token):
        raise CentralRefused(TEXT["bad_token"].format(env=central.token_env))
    return token


def check_url(url: str) -> None:
    """Refuse plain http:// to anything but this machine: the token would travel in clear."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise CentralRefused(
            f"Địa chỉ hệ thống trung tâm ({parts.scheme}://{host}) phải dùng https://; "
            "http:// chỉ được dùng với chính máy này (127.0.0.1)."
        )


def _describe(exc: httpx.HTTPError) -> str:
    """A short Vietnamese reason for a transport failure (never the request headers)."""
    if isinstance(exc, httpx.TimeoutException):
        return "hết thời gian chờ phản hồi"
    cause: BaseException | None = exc
    for _ in range(5):  # httpx wraps httpcore, which wraps the ssl error
        cause = cause.__cause__ or cause.__context__ if cause else None
        if isinstance(cause, ssl.SSLCertVerificationError):
            return "chứng chỉ TLS của hệ thống trung tâm không được tin cậy"
    if isinstance(exc, httpx.ConnectError):
        return "không kết nối được"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "kết nối bị ngắt giữa chừng"
    return f"lỗi mạng ({type(exc).__name__})"


@functools.cache
def tls_context(verify: bool) -> ssl.SSLContext:
    """The TLS settings of every connection to central, made once a process.

    What httpx makes of ``verify`` for each new client, loading the certificate authorities
    (the system's, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``) each time: some 50 ms, and the
    App's worker makes a client every round. A context is safe to share between clients and
    threads; the authorities are read once, when the first client is made.
    """
    return httpx.create_ssl_context(verify=verify)


class CentralClient:
    """One desk's connection to central, for one round or one verification."""

    def __init__(
        self,
        central: Central,
        token: str,
        *,
        policy: RetryPolicy | None = None,
        stop: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        check_url(central.url)
        self.policy = policy or RetryPolicy()
        self.stop = stop or threading.Event()
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=central.url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT},
            timeout=httpx.Timeout(central.timeout),
            verify=tls_context(central.verify_tls),
            transport=transport,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"CentralClient({self._http.base_url!s})"

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait(self, seconds: float) -> None:
        """Wait between retries; raise :class:`Cancelled` if the desk is closing meanwhile."""
        if self._sleep is not None:
            self._sleep(seconds)
            if self.stop.is_set():
                raise Cancelled("Đã dừng đồng bộ vì chương trình đang đóng.")
        elif self.stop.wait(seconds):
            raise Cancelled("Đã dừng đồng bộ vì chương trình đang đóng.")

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send one request, retrying transport failures and 429/5xx; return a 2xx/404 answer.

        Raises :class:`CentralUnavailable` when every attempt failed, :class:`CentralRefused`
        for 401 and other 4xx answers.
        """
        attempts = self.policy.attempts
        reason = ""
        limited: float | None = None
        for attempt in range(attempts):
            if self.stop.is_set():
                raise Cancelled("Đã dừng đồng bộ vì chương trình đang đóng.")
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.HTTPError as exc:
                reason = _describe(exc)
                delay = self.policy.backoff(attempt)
            else:
                status = response.status_code
                if status < 300 or status == 404:
                    return response
                if status == 401:
                    raise CentralRefused(
                        "Hệ thống trung tâm không chấp nhận token của bàn (401). "
                        "Hãy kiểm tra token với bộ phận kỹ thuật."
                    )
                error, message = _error(response)
                if status not in RETRYABLE_STATUS and error not in RETRYABLE_ERRORS:
                    refused = TEXT["refused"].format(status=status, message=message)
                    raise RequestRefused(refused, status, error, message)
                reason = f"hệ thống trung tâm báo lỗi HTTP {status}"
                asked = parse_retry_after(response.headers.get("retry-after"), datetime.now(UTC))
                limited = (asked or 1.0) if status == 429 else None
                if asked is not None and asked > self.policy.max_retry_after:
                    if status == 429:
                        raise RateLimited(TEXT["limited"].format(seconds=f"{asked:.0f}"), asked)
                    raise CentralUnavailable(
                        f"Hệ thống trung tâm tạm ngừng phục vụ, hẹn thử lại sau {asked:.0f} giây."
                    )
                delay = (
                    self.policy.after(asked) if asked is not None else self.policy.backoff(attempt)
                )
            if attempt + 1 < attempts:
                self.wait(delay)
        if limited is not None:
            raise RateLimited(TEXT["limited"].format(seconds=f"{limited:.0f}"), limited)
        raise CentralUnavailable(
            f"Không liên lạc được với hệ thống trung tâm sau {attempts} lần thử: {reason}."
        )

    def put_attachment(self, sha256: str, content: bytes) -> httpx.Response:
        """Upload one document under its own SHA-256 (central checks the bytes hash to it)."""
        return self.request(
            "PUT",
            f"/v1/attachments/{sha256}",
            content=content,
            headers={"Content-Type": "application/octet-stream"},
        )


def _error(response: httpx.Response) -> tuple[str | None, str]:
    """(error code, Vietnamese message) of a protocol error body; central's text kept short.

    The message is data from central: it is cut to a sensible length and stripped of
    anything unprintable before it can reach a reason an officer reads.
    """
    try:
        body = response.json()
    except ValueError:
        return None, TEXT["no_message"]
    if not isinstance(body, dict):
        return None, TEXT["no_message"]
    error = body.get("error") if isinstance(body.get("error"), str) else None
    message = body.get("message")
    text = message if isinstance(message, str) and message.strip() else TEXT["no_message"]
    text = "".join(c if c.isprintable() else " " for c in text).strip()
    return error, text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"
