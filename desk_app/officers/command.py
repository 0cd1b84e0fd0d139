"""`desk officer …` and the `--as` sign-in of the other commands: accounts at the command line.

`desk_app.cli` only parses and dispatches; the work is here. A password is never a
command-line argument (it would sit in the shell history and in every user's `ps`): it is
typed at a hidden prompt or, when stdin is not a terminal, read as one line of stdin so
scripts and tests can pipe it (a new password twice, on two lines, as at the prompt). No
password is printed, logged or put in a message.

Signing in goes through :meth:`desk_app.desk.Desk.sign_in`, so the command line counts wrong
passwords and locks accounts exactly like the sign-in screen, and every sign-in is audited.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from rich.console import Console
from rich.table import Table

from desk_app.clock import VN_TZ
from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.officers import texts
from desk_app.officers.accounts import (
    AccountError,
    NotAllowed,
    NotSignedIn,
    Officer,
    Role,
    add,
    all_officers,
    check_full_name,
    get,
    has_accounts,
    normalise_username,
    require_supervisor,
    set_active,
    set_password,
)
from desk_app.officers.history import has_held
from desk_app.safe_text import plain, plain_cells
from desk_app.settings import Settings
from desk_app.store.marking import DamagedDatabase

TEXT = {
    "prompt": "Mật khẩu của {username}: ",
    "prompt_current": "Mật khẩu hiện tại của {username}: ",
    "prompt_new": "Mật khẩu mới cho {username}: ",
    "prompt_again": "Nhập lại mật khẩu mới: ",
    "mismatch": "Hai lần nhập mật khẩu mới không giống nhau; chưa đổi gì, hãy chạy lại lệnh.",
    "no_password": (
        "Không đọc được mật khẩu: stdin đã hết (khi không chạy ở terminal, mỗi mật khẩu "
        "là một dòng của stdin; mật khẩu mới viết hai lần, hai dòng giống nhau)."
    ),
    "no_accounts": (
        "Chưa có tài khoản cán bộ nào. Lãnh đạo bộ phận tạo tài khoản đầu tiên (không cần "
        '--as): desk officer add TÊN_ĐĂNG_NHẬP --name "Họ và tên" --role supervisor'
    ),
    "as_needed": "Cần --as TÊN_ĐĂNG_NHẬP của lãnh đạo bộ phận để {what}.",
    "added": "Đã tạo tài khoản {username}: {name}, {role}.",
    "password_set": "Đã đặt mật khẩu mới cho tài khoản {username}.",
    "disabled": "Đã ngừng sử dụng tài khoản {username} ({name}).",
    "enabled": "Đã cho dùng lại tài khoản {username} ({name}).",
    "title": "Tài khoản cán bộ",
    "username": "Tên đăng nhập",
    "name": "Họ và tên",
    "role": "Vai trò",
    "state": "Trạng thái",
    "locked": "Khóa đến",
    "last": "Đăng nhập gần nhất",
    "active": "đang dùng",
    "inactive": "ngừng sử dụng",
    "none": "—",
}


class PasswordUnread(DeskError):
    """No password could be read, or the new one was typed differently the second time."""


def read_password(prompt: str, *, again: str | None = None) -> str:
    """One password: typed at a hidden ``prompt`` (then at ``again``, which must match), or,
    when stdin is not a terminal, the next line of stdin without its line ending (then, with
    ``again``, the line after it, which must match too).

    A new password is confirmed whichever way it comes: a script that pipes one line where
    two are asked for is told so, rather than setting a password nobody typed twice.
    """
    try:
        if not sys.stdin.isatty():
            typed = _line()
            if again is not None and _line() != typed:
                raise PasswordUnread(TEXT["mismatch"])
            return typed
        typed = getpass.getpass(prompt)
        if again is not None and getpass.getpass(again) != typed:
            raise PasswordUnread(TEXT["mismatch"])
        return typed
    except EOFError:
        raise PasswordUnread(TEXT["no_password"]) from None


def _line() -> str:
    """The next line of stdin without its line ending; :class:`PasswordUnread` at its end."""
    line = sys.stdin.readline()
    if not line:
        raise PasswordUnread(TEXT["no_password"])
    return line.removesuffix("\n").removesuffix("\r")


def read_new_password(username: str) -> str:
    """The new password for ``username``, asked twice (two lines of stdin without a terminal)."""
    return read_password(TEXT["prompt_new"].format(username=username), again=TEXT["prompt_again"])


def sign_in(
    desk: Desk, username: str, *, supervisor_for: str | None = None, prompt: str | None = None
) -> Officer:
    """Ask ``username``'s password and sign them in at ``desk`` (lockout as on the screen).

    With ``supervisor_for`` (what they are about to do), an officer's account is refused
    after the password is checked, naming the rule.
    """
    if not has_accounts(desk.store):
        raise NotSignedIn(texts.HELD_BEFORE if has_held(desk.store) else TEXT["no_accounts"])
    password = read_password((prompt or TEXT["prompt"]).format(username=username))
    officer = desk.sign_in(username, password)
    if supervisor_for is not None:
        require_supervisor(officer, supervisor_for)
    return officer


@contextmanager
def signed_in(
    settings: Settings, username: str, *, supervisor_for: str | None = None
) -> Iterator[Desk]:
    """The desk of ``settings``, open, with ``username`` signed in (see :func:`sign_in`)."""
    desk = Desk.open(settings)
    try:
        sign_in(desk, username, supervisor_for=supervisor_for)
        yield desk
    finally:
        desk.close()


def check_supervisor(settings: Settings, username: str | None, what: str) -> Officer | None:
    """The supervisor ``username`` after checking their password, for a task that needs the
    database closed while it runs (a restore); None when the desk has no account yet.

    A desk without accounts (a new machine whose database is being restored, an older desk
    not yet given accounts, a database whose accounts were wiped) has nobody to check; nor
    has a database the desk can no longer open because a table or column of it is gone.
    Restoring is then the way back, as deleting the damaged file and restoring would be;
    the backup itself must still hold an active supervisor (see :mod:`desk_app.backup`).
    """
    if not settings.paths.database.is_file():
        return None
    try:
        desk = Desk.open(settings)
    except DamagedDatabase:
        return None
    try:
        if not has_accounts(desk.store):
            return None
        if username is None:
            raise NotSignedIn(TEXT["as_needed"].format(what=what))
        return sign_in(desk, username, supervisor_for=what)
    finally:
        desk.close()


def add_officer(
    settings: Settings, username: str, full_name: str, role: str, as_user: str | None
) -> int:
    """`desk officer add`: the first account by anyone (a supervisor), later ones by one.

    The full name is checked first: a refused name asks no password and signs nobody in.
    """
    check_full_name(full_name)
    desk = Desk.open(settings)
    try:
        by = None
        if has_accounts(desk.store):
            if as_user is None:
                raise NotSignedIn(TEXT["as_needed"].format(what=texts.WHAT_MANAGE))
            by = sign_in(desk, as_user, supervisor_for=texts.WHAT_MANAGE)
        elif has_held(desk.store):  # emptied, not new: the first-account door stays shut
            raise AccountError(texts.HELD_BEFORE)
        elif as_user is not None:
            raise NotSignedIn(TEXT["no_accounts"])
        elif role != Role.SUPERVISOR:  # the core says so too, but only after the password
            raise AccountError(texts.FIRST_MUST_SUPERVISE, "role")
        taken = get(desk.store, username)
        if taken is not None:  # before asking a password that would be thrown away
            raise AccountError(
                texts.USERNAME_TAKEN.format(field=texts.USERNAME_FIELD, username=taken.username),
                "username",
            )
        password = read_new_password(normalise_username(username))
        added = add(desk.store, username, full_name, role, password, by=by, at=desk.clock())
    finally:
        desk.close()
    print(
        TEXT["added"].format(username=added.username, name=added.full_name, role=added.role.label)
    )
    return 0


def change_password(settings: Settings, username: str, as_user: str | None) -> int:
    """`desk officer passwd`: one's own (the current password first), or anyone's by a
    supervisor signing in with ``--as``."""
    desk = Desk.open(settings)
    try:
        if as_user is None:
            by = sign_in(desk, username, prompt=TEXT["prompt_current"])
        else:
            by = sign_in(desk, as_user)
        # Refused before looking the name up: an officer must not learn which accounts exist.
        if normalise_username(username) != by.username and not by.is_supervisor:
            raise NotAllowed(texts.OTHERS_PASSWORD)
        target = get(desk.store, username)
        if target is None:
            raise AccountError(texts.NO_SUCH.format(username=normalise_username(username)))
        password = read_new_password(target.username)
        set_password(desk.store, target.username, password, by=by, at=desk.clock())
    finally:
        desk.close()
    print(TEXT["password_set"].format(username=target.username))
    return 0


def set_officer_active(settings: Settings, username: str, active: bool, as_user: str) -> int:
    """`desk officer disable|enable`: a supervisor's task, never the last supervisor."""
    with signed_in(settings, as_user, supervisor_for=texts.WHAT_MANAGE) as desk:
        assert desk.signed_in is not None
        changed = set_active(desk.store, username, active, by=desk.signed_in, at=desk.clock())
    done = TEXT["enabled" if active else "disabled"]
    print(done.format(username=changed.username, name=changed.full_name))
    return 0


def _when(moment: datetime | None) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y") if moment else TEXT["none"]


def officers_table(officers: list[Officer], at: datetime) -> Table:
    """Every account as a table: role, whether it may sign in, its lockout, last sign-in."""
    table = Table(title=plain(TEXT["title"]))
    for key in ("username", "name", "role", "state", "locked", "last"):
        table.add_column(plain(TEXT[key]), overflow="fold", no_wrap=key == "username")
    for officer in officers:
        table.add_row(  # names are data: a full name "[/]" is shown as typed, never as markup
            *plain_cells(
                officer.username,
                officer.full_name,
                officer.role.label,
                TEXT["active" if officer.active else "inactive"],
                _when(officer.locked_until if officer.locked_at(at) else None),
                _when(officer.last_sign_in_at),
            )
        )
    return table


def list_officers(settings: Settings, as_user: str, console: Console | None = None) -> int:
    """`desk officer list`: every account, for a supervisor."""
    with signed_in(settings, as_user, supervisor_for=texts.WHAT_MANAGE) as desk:
        table = officers_table(all_officers(desk.store), desk.clock())
    (console or Console()).print(table)
    return 0
