"""Officers' accounts as the audit trail says they should be, against the ``officers`` table.

Whoever can write the database file can make an officer a supervisor, enable a disabled
account or put in a password hash they know, with one UPDATE and no event. The chain then
still verifies, because nothing in it changed. So ``desk audit verify`` replays the account
events of the trail (who was added with which role, disabled, enabled, and which password
hash each password event set: see :mod:`desk_app.officers.history`) and reports every account
whose role, active state or password hash is not what the last such event left.

What this cannot see: a change made together with a forged event appended to the chain and
rehashed. That rewrite is what anchoring the chain at central catches (:mod:`desk_app.audit`).
Failed attempts and lockouts are not compared: they change with every wrong password and are
harmless to forge (a lockout ends by itself; a supervisor can lift it).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from desk_app.officers import history
from desk_app.officers.texts import ROLE_LABELS

TEXT = {
    "ok": "Tài khoản cán bộ khớp nhật ký kiểm toán: {count} tài khoản.",
    "unchecked": (
        "Chưa đối chiếu được mật khẩu của {names}: các sự kiện cũ không ghi dấu vân tay mật "
        "khẩu; sẽ đối chiếu được từ lần đặt mật khẩu tới."
    ),
    "different": "Tài khoản cán bộ KHÔNG KHỚP nhật ký kiểm toán ({count} chỗ):",
    "no_event": (
        "Tài khoản {username}: không có sự kiện tạo tài khoản trong nhật ký (được thêm thẳng "
        "vào cơ sở dữ liệu)."
    ),
    "role": "Tài khoản {username}: vai trò là {now}, nhật ký ghi {then} (sự kiện số {event}).",
    "active": ("Tài khoản {username}: đang {now}, nhật ký ghi {then} (sự kiện số {event})."),
    "password": (
        "Tài khoản {username}: mật khẩu đã bị thay ngoài desk (không khớp dấu vân tay ghi ở "
        "sự kiện số {event})."
    ),
    "gone": (
        "Tài khoản {username}: có trong nhật ký (tạo ở sự kiện số {event}) nhưng không còn "
        "trong cơ sở dữ liệu (tài khoản không bao giờ bị xóa)."
    ),
    "orphan": ("Sự kiện số {event} thay đổi tài khoản {username} khi tài khoản đó chưa được tạo."),
    "in_use": "hoạt động",
    "stopped": "ngừng sử dụng",
}


@dataclass
class Expected:
    """One account as the trail leaves it, and the event that said each part last."""

    role: str | None
    role_event: int
    active: bool
    active_event: int
    password: str | None
    """The fingerprint of the hash last set; None when the event did not record one."""
    password_event: int


@dataclass(frozen=True)
class OfficerCheck:
    """What :func:`check_officers` found."""

    accounts: int
    differences: list[str]
    unchecked: list[str]
    """Usernames whose password hash no event fingerprints yet (events from before it)."""

    @property
    def ok(self) -> bool:
        """Whether every account is what its events say."""
        return not self.differences

    def lines(self) -> list[str]:
        """The verdict as Vietnamese lines for `desk audit verify`."""
        if self.differences:
            out = [TEXT["different"].format(count=len(self.differences)), *self.differences]
        else:
            out = [TEXT["ok"].format(count=self.accounts)]
        if self.unchecked:
            out.append(TEXT["unchecked"].format(names=", ".join(self.unchecked)))
        return out


def replay(conn: sqlite3.Connection) -> tuple[dict[str, Expected], list[str]]:
    """The accounts the trail's events leave, and events that change an account never added."""
    marks = ", ".join("?" * len(history.ACCOUNT_EVENTS))
    expected: dict[str, Expected] = {}
    orphans: list[str] = []
    rows = conn.execute(
        f"SELECT id, action, detail FROM audit WHERE action IN ({marks}) ORDER BY id",
        history.ACCOUNT_EVENTS,
    )
    for event_id, action, raw in rows:
        detail = _detail(raw)
        username = detail.get("username")
        if not isinstance(username, str):
            continue
        fingerprint = detail.get(history.FINGERPRINT)
        if not isinstance(fingerprint, str):
            fingerprint = None
        if action == history.ADDED:
            role = detail.get("role")
            expected[username] = Expected(
                role if isinstance(role, str) else None,
                event_id,
                True,
                event_id,
                fingerprint,
                event_id,
            )
            continue
        account = expected.get(username)
        if account is None:
            orphans.append(TEXT["orphan"].format(event=event_id, username=username))
        elif action == history.PASSWORD:
            account.password, account.password_event = fingerprint, event_id
        elif action in (history.DISABLED, history.ENABLED):
            account.active, account.active_event = action == history.ENABLED, event_id
        elif fingerprint is not None:  # a sign-in that rehashed the password
            account.password, account.password_event = fingerprint, event_id
    return expected, orphans


def _detail(raw: object) -> dict[str, object]:
    try:
        value = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        value = None
    return value if isinstance(value, dict) else {}


def check_officers(conn: sqlite3.Connection) -> OfficerCheck:
    """Compare every account with what the trail says; see the module doc."""
    expected, differences = replay(conn)
    unchecked: list[str] = []
    rows = conn.execute(
        "SELECT username, role, active, password_hash FROM officers ORDER BY username"
    ).fetchall()
    present = set()
    for username, role, active, encoded in rows:
        present.add(username)
        want = expected.get(username)
        if want is None:
            differences.append(TEXT["no_event"].format(username=username))
            continue
        if want.role is not None and role != want.role:
            differences.append(
                TEXT["role"].format(
                    username=username,
                    now=ROLE_LABELS.get(str(role), str(role)),
                    then=ROLE_LABELS.get(want.role, want.role),
                    event=want.role_event,
                )
            )
        if bool(active) != want.active:
            differences.append(
                TEXT["active"].format(
                    username=username,
                    now=TEXT["in_use" if active else "stopped"],
                    then=TEXT["in_use" if want.active else "stopped"],
                    event=want.active_event,
                )
            )
        if want.password is None:
            unchecked.append(username)
        elif not isinstance(encoded, str) or (
            history.password_fingerprint(encoded) != want.password
        ):
            differences.append(
                TEXT["password"].format(username=username, event=want.password_event)
            )
    for username, want in sorted(expected.items()):
        if username not in present:
            differences.append(TEXT["gone"].format(username=username, event=want.role_event))
    return OfficerCheck(len(rows), differences, unchecked)
