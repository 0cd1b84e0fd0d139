"""Verifying a requester against the population register (ID + full name + date of birth).

The wizard calls :func:`verify_requester` from a worker and shows one of three answers:
verified, not matching, or offline (the officer then asks for the ID card copy instead, as the
checklist says) — or "too many tries": central paces each desk's verifications, so the
register cannot be searched by guessing, and says when the next one will be answered. It
never raises for the network, the token or a strange answer: the counter must be able to go
on without central. One quick attempt and one retry only: a citizen is waiting at the counter.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desk_app.settings import Central
from desk_app.sync.client import CentralClient, RateLimited, SyncError, read_token
from desk_app.sync.retry import RetryPolicy
from forms.text import nfc

VERIFY_POLICY = RetryPolicy(attempts=2, base=0.3, cap=1.0, max_retry_after=2.0)


class VerificationStatus(StrEnum):
    """The three answers the wizard shows."""

    VERIFIED = "verified"
    NOT_MATCHING = "not_matching"
    OFFLINE = "offline"
    RATE_LIMITED = "rate_limited"


MESSAGES = {
    VerificationStatus.VERIFIED: "Đã xác thực với Cơ sở dữ liệu quốc gia về dân cư.",
    VerificationStatus.NOT_MATCHING: (
        "Số định danh, họ tên và ngày sinh không khớp Cơ sở dữ liệu quốc gia về dân cư; "
        "kiểm tra lại từng trường với căn cước của người nộp."
    ),
    VerificationStatus.OFFLINE: (
        "Chưa xác thực được vì không liên lạc được hệ thống ({why}); "
        "tiếp tục tiếp nhận và thu bản chụp giấy tờ tùy thân."
    ),
    VerificationStatus.RATE_LIMITED: (
        "Bàn đã xác thực quá nhiều lần trong thời gian ngắn; hãy chờ khoảng {seconds} giây rồi "
        "bấm F3 lại, hoặc tiếp tục tiếp nhận và thu bản chụp giấy tờ tùy thân."
    ),
}


@dataclass(frozen=True)
class Verification:
    """The answer and the Vietnamese sentence that goes with it."""

    status: VerificationStatus
    message: str

    @property
    def verified(self) -> bool:
        """Whether the identity document copy can be skipped."""
        return self.status is VerificationStatus.VERIFIED


def verify_requester(
    central: Central,
    personal_id: str,
    full_name: str,
    date_of_birth: date,
    *,
    env: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
) -> Verification:
    """Ask central whether the register holds this person; never raises on network failure."""
    body = {
        "personal_id": personal_id.replace(" ", ""),
        "full_name": " ".join(nfc(full_name).split()),
        "date_of_birth": date_of_birth.isoformat(),
    }
    try:
        with CentralClient(
            central, read_token(central, env), policy=VERIFY_POLICY, stop=stop
        ) as client:
            answer = client.request("POST", "/v1/verify", json=body).json()
        result = VerificationStatus(answer["result"])
        if result not in (VerificationStatus.VERIFIED, VerificationStatus.NOT_MATCHING):
            raise ValueError(result)
    except RateLimited as exc:
        seconds = max(1, round(exc.seconds))
        return Verification(
            VerificationStatus.RATE_LIMITED,
            MESSAGES[VerificationStatus.RATE_LIMITED].format(seconds=seconds),
        )
    except SyncError as exc:
        return _offline(exc.message)
    except (ValueError, KeyError, TypeError):
        return _offline("phản hồi không đúng giao thức")
    return Verification(result, MESSAGES[result])


def _offline(why: str) -> Verification:
    return Verification(
        VerificationStatus.OFFLINE,
        MESSAGES[VerificationStatus.OFFLINE].format(why=why.rstrip(".")),
    )
