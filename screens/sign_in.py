"""The sign-in screen: the first screen of the app, and the lock over everything else.

Signing in: username and password, checked against the desk's accounts in a worker (Argon2
takes a tenth of a second, the screen must not freeze). Unlocking: the same screen pushed on
top of whatever the officer was doing, naming the signed-in officer and asking only their
password; nothing under it is touched, so popping it returns to the same field of the same
dossier. A full Screen (not a modal) is drawn alone, so no citizen data shows around it.

Messages go to a line of the screen rather than to notifications: notifications are held
while the desk is locked (they may name dossiers), and the refusal belongs next to the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from desk_app.safe_text import filled, plain
from screens.desk_access import current_desk
from screens.help import HELP_BINDING

if TYPE_CHECKING:
    from desk_app.desk import Desk
    from desk_app.officers import Officer

TEXT = {
    "title": "Đăng nhập",
    "locked_title": "Màn hình đã khóa",
    "intro": "Bàn tiếp nhận một cửa — mỗi cán bộ đăng nhập bằng tài khoản của mình.",
    "locked_intro": (
        "Dữ liệu công dân đang được che. Hồ sơ đang làm dở vẫn giữ nguyên; "
        "{name} ({username}) nhập mật khẩu để làm tiếp."
    ),
    "locked_other": "Cán bộ khác: Ctrl+Q thoát (mọi thứ đã nhập đều đã lưu) rồi đăng nhập lại.",
    "username": "Tên đăng nhập",
    "password": "Mật khẩu",
    "username_placeholder": "ví dụ thu.nguyen",
    "need_username": "Tên đăng nhập: chưa nhập.",
    "need_password": "Mật khẩu: chưa nhập.",
    "checking": "Đang kiểm tra…",
    "opening": "Đang mở cơ sở dữ liệu, sẽ kiểm tra ngay khi mở xong…",
}


class SignInScreen(Screen[None]):
    """Sign in at the start (``officer`` None), or unlock the screen for ``officer``."""

    AUTO_FOCUS = None
    BINDINGS = [
        HELP_BINDING,
        # A priority binding runs while the App dispatches the Enter key, before the next key
        # is routed: an officer typing "thu⏎password" without pausing has the password land
        # in the password field. (Input.Submitted would come too late: the keys after Enter
        # would already have been sent to the username field.) Enter in the password field
        # is left to Input.Submitted, which comes after every character typed before it.
        Binding(
            "enter",
            "to_password",
            "Đăng nhập",
            priority=True,
            id="sign_in.next",
            tooltip="Sang ô mật khẩu; Enter ở ô mật khẩu thì đăng nhập",
        ),
    ]

    @dataclass
    class SignedIn(Message):
        """The password was right: ``officer`` is at the desk (``resume``: after a lock)."""

        officer: Officer
        resume: bool

    @dataclass
    class Refused(Message):
        """The desk said no; ``message`` says why, in its words."""

        message: str

    def __init__(self, officer: Officer | None = None, hint: str = "") -> None:
        super().__init__(id="sign-in")
        self.officer = officer
        self.hint = hint
        self._waiting = False
        """Enter was pressed before the database was open: check once it is."""

    @property
    def unlocking(self) -> bool:
        """Whether this screen locks a session rather than starts one."""
        return self.officer is not None

    def compose(self) -> ComposeResult:
        """A small box in the middle: who, the password, the answer line, the demo hint."""
        yield Header()
        with Vertical(id="sign-in-box"):
            title = TEXT["locked_title"] if self.unlocking else TEXT["title"]
            yield Static(title, id="sign-in-title")
            if self.officer is not None:
                yield Static(
                    filled(
                        TEXT["locked_intro"],
                        name=self.officer.full_name,
                        username=self.officer.username,
                    ),
                    id="sign-in-intro",
                )
            else:
                yield Static(TEXT["intro"], id="sign-in-intro")
                yield Label(TEXT["username"], classes="sign-in-label")
                yield Input(placeholder=TEXT["username_placeholder"], id="username")
            yield Label(TEXT["password"], classes="sign-in-label")
            yield Input(password=True, id="password")
            yield Static("", id="sign-in-message")
            if self.officer is not None:
                yield Static(TEXT["locked_other"], id="sign-in-hint")
            elif self.hint:
                yield Static(plain(self.hint), id="sign-in-hint")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Start typing at once."""
        self.query_one("#password" if self.unlocking else "#username", Input).focus()

    def say(self, text: str, *, error: bool = False) -> None:
        """Put ``text`` on the answer line."""
        line = self.query_one("#sign-in-message", Static)
        line.set_class(error, "-error")
        line.update(plain(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is ours only in the username field; in the password field it submits."""
        if action == "to_password":
            return self.focused is not None and self.focused.id == "username"
        return True

    def action_to_password(self) -> None:
        """From the username to the password, at once."""
        self.set_focus(self.query_one("#password", Input))

    @on(Input.Submitted, "#password")
    def _password_done(self) -> None:
        self.submit()

    def submit(self) -> None:
        """Check what was typed (in a worker), or say which field is still empty."""
        username = "" if self.officer else self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not self.unlocking and not username:
            self.say(TEXT["need_username"], error=True)
            self.query_one("#username", Input).focus()
            return
        if not password:
            self.say(TEXT["need_password"], error=True)
            return
        desk = current_desk(self.app)
        if desk is None:
            self._waiting = True
            self.say(TEXT["opening"])
            return
        self.say(TEXT["checking"])
        self._check(desk, username, password)

    def on_desk_app_desk_ready(self) -> None:
        """The database is open: check the sign-in typed while it was opening."""
        if self._waiting:
            self._waiting = False
            self.submit()

    @work(thread=True, exit_on_error=False, exclusive=True, group="sign-in")
    def _check(self, desk: Desk, username: str, password: str) -> None:
        from desk_app.officers import SignInRefused

        try:
            officer = desk.unlock(password) if self.unlocking else desk.sign_in(username, password)
        except SignInRefused as refused:
            self.post_message(self.Refused(refused.message))
            return
        self.post_message(self.SignedIn(officer, resume=self.unlocking))

    def on_sign_in_screen_refused(self, message: Refused) -> None:
        """Say why, empty the password, and let the officer try again."""
        password = self.query_one("#password", Input)
        password.clear()
        password.focus()
        self.say(message.message, error=True)
