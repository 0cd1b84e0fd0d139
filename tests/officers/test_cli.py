"""`desk officer …` and the `--as` sign-in, in process: passwords fed on stdin, never printed."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Protocol

import pytest

from desk_app.cli import main
from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR, make_demo
from desk_app.officers import Officer, get
from desk_app.officers import texts as account_texts
from desk_app.officers.command import TEXT
from desk_app.store import Store

THU, THU_PASSWORD, THU_NAME = DEMO_OFFICER
CHIEF, CHIEF_PASSWORD, CHIEF_NAME = DEMO_SUPERVISOR
NEW_PASSWORD = "hoa-sen-2026"
ONLY_SUPERVISORS = account_texts.SUPERVISOR_ONLY.format(
    what=account_texts.WHAT_MANAGE, username=THU
)


class Run(Protocol):
    """`desk --config … ARGS` in this process: exit status, stdout, stderr."""

    def __call__(self, *args: str, stdin: str = "") -> tuple[int, str, str]: ...


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, so passwords are asked with getpass."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo desk's desk.toml (accounts thu and lanhdao), no DESK_ variable leaking in;
    tables printed wide enough that no cell wraps."""
    for name in [n for n in os.environ if n.startswith("DESK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "200")
    return make_demo(tmp_path / "demo")


@pytest.fixture
def run(config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*args, stdin=…)``: the exit status and (stdout, stderr) of `desk --config … args`."""

    def desk(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        status = main(["--config", str(config), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return desk


def account(config: Path, username: str) -> Officer | None:
    store = Store.open(load_config(config, env={}).settings.paths.database)
    try:
        return get(store, username)
    finally:
        store.close()


def events(config: Path) -> list[tuple[str, str, str]]:
    """(action, officer, detail) of every audit event, oldest first."""
    store = Store.open(load_config(config, env={}).settings.paths.database)
    try:
        return [(e.action, e.officer, str(e.detail)) for e in store.audit_events()]
    finally:
        store.close()


def lines(*passwords: str) -> str:
    return "".join(f"{p}\n" for p in passwords)


def test_the_first_account_needs_no_as_and_must_be_a_supervisor(config: Path, run: Run) -> None:
    load_config(config, env={}).settings.paths.database.unlink()  # a desk with no account
    status, _, err = run("officer", "add", "chanh", "--name", "Lê Văn Chánh", stdin=lines("x" * 9))
    assert status == 2 and account_texts.FIRST_MUST_SUPERVISE in err
    status, out, err = run(
        "officer", "add", "chanh", "--name", "Lê Văn Chánh", "--role", "supervisor",
        stdin=lines("chanh-2026", "chanh-2026"),  # a new password twice, as at the prompt
    )  # fmt: skip
    assert status == 0, err
    assert out.strip() == "Đã tạo tài khoản chanh: Lê Văn Chánh, Lãnh đạo bộ phận."
    first = account(config, "chanh")
    assert first is not None and first.is_supervisor and first.active
    status, _, err = run("officer", "add", "an", "--name", "Trần Văn An", stdin=lines("an-2026-x"))
    assert status == 2
    assert TEXT["as_needed"].format(what=account_texts.WHAT_MANAGE) in err
    assert account(config, "an") is None


def test_an_officer_may_not_add_list_disable_or_enable(config: Path, run: Run) -> None:
    attempts = [
        ("add", "an.tran", "--name", "Trần Văn An"),
        ("list",),
        ("disable", CHIEF),
        ("enable", CHIEF),
    ]
    for args in attempts:
        status, out, err = run("officer", *args, "--as", THU, stdin=lines(THU_PASSWORD, "x" * 9))
        assert status == 2, args
        assert err.strip() == f"desk: {ONLY_SUPERVISORS}", args
        assert out == ""
    assert account(config, "an.tran") is None
    chief = account(config, CHIEF)
    assert chief is not None and chief.active


def test_a_supervisor_adds_lists_disables_and_enables(config: Path, run: Run) -> None:
    status, out, err = run(
        "officer", "add", "An.Tran", "--name", "Trần  Văn An", "--as", CHIEF,
        stdin=lines(CHIEF_PASSWORD, NEW_PASSWORD, NEW_PASSWORD),
    )  # fmt: skip
    assert status == 0, err
    assert out.strip() == "Đã tạo tài khoản an.tran: Trần Văn An, Cán bộ tiếp nhận."

    status, out, err = run("officer", "disable", THU, "--as", CHIEF, stdin=lines(CHIEF_PASSWORD))
    assert status == 0, err
    assert out.strip() == f"Đã ngừng sử dụng tài khoản {THU} ({THU_NAME})."
    status, _, err = run("lookup", "tran", "--as", THU, stdin=lines(THU_PASSWORD))
    assert status == 2 and account_texts.DISABLED.format(username=THU) in err

    status, out, err = run("officer", "list", "--as", CHIEF, stdin=lines(CHIEF_PASSWORD))
    assert status == 0, err
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if "│" in line}
    assert set(rows) >= {"an.tran", CHIEF, THU}
    assert "Cán bộ tiếp nhận" in rows["an.tran"] and "đang dùng" in rows["an.tran"]
    assert "Lãnh đạo bộ phận" in rows[CHIEF]
    assert "ngừng sử dụng" in rows[THU]

    status, out, err = run("officer", "enable", THU, "--as", CHIEF, stdin=lines(CHIEF_PASSWORD))
    assert status == 0, err
    assert out.strip() == f"Đã cho dùng lại tài khoản {THU} ({THU_NAME})."
    assert run("lookup", "tran", "--as", THU, stdin=lines(THU_PASSWORD))[0] == 1  # signed in

    done = [(a, who) for a, who, _ in events(config) if a in ("officer.disable", "officer.enable")]
    assert done == [("officer.disable", CHIEF_NAME), ("officer.enable", CHIEF_NAME)]
    added = account(config, "an.tran")
    assert added is not None and not added.is_supervisor


def test_the_last_supervisor_cannot_be_disabled(config: Path, run: Run) -> None:
    status, _, err = run("officer", "disable", CHIEF, "--as", CHIEF, stdin=lines(CHIEF_PASSWORD))
    assert status == 2 and account_texts.LAST_SUPERVISOR.format(username=CHIEF) in err


def test_an_officer_changes_their_own_password(config: Path, run: Run) -> None:
    status, out, err = run(
        "officer", "passwd", THU, stdin=lines(THU_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    )
    assert status == 0, err
    assert out.strip() == f"Đã đặt mật khẩu mới cho tài khoản {THU}."
    old = run("officer", "passwd", THU, stdin=lines(THU_PASSWORD, "khong-dung-nua"))
    assert old[0] == 2 and account_texts.WRONG in old[2]
    again = run("officer", "passwd", THU, stdin=lines(NEW_PASSWORD, THU_PASSWORD, THU_PASSWORD))
    assert again[0] == 0, again[2]


@pytest.mark.parametrize(
    ("new", "refusal"),
    [((NEW_PASSWORD,), "no_password"), ((NEW_PASSWORD, NEW_PASSWORD + "!"), "mismatch")],
    ids=["once", "two different lines"],
)
def test_a_new_password_on_stdin_is_asked_twice_and_must_match(
    config: Path, run: Run, new: tuple[str, ...], refusal: str
) -> None:
    status, out, err = run("officer", "passwd", THU, stdin=lines(THU_PASSWORD, *new))
    assert status == 2 and out == ""
    assert err.strip() == f"desk: {TEXT[refusal]}"
    status, _, err = run(
        "officer", "add", "an.tran", "--name", "Trần Văn An", "--as", CHIEF,
        stdin=lines(CHIEF_PASSWORD, *new),
    )  # fmt: skip
    assert status == 2 and err.strip() == f"desk: {TEXT[refusal]}"
    assert account(config, "an.tran") is None
    # nothing was changed: the old password still signs in
    assert run("officer", "list", "--as", THU, stdin=lines(THU_PASSWORD))[2].strip() == (
        f"desk: {ONLY_SUPERVISORS}"
    )


def test_a_mismatched_new_password_is_refused_and_changes_nothing(
    config: Path, run: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter([THU_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"])
    prompts: list[str] = []

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("sys.stdin", Terminal())
    status = main(["--config", str(config), "officer", "passwd", THU])
    assert status == 2
    assert capsys.readouterr().err.strip() == f"desk: {TEXT['mismatch']}"
    assert prompts == [
        TEXT["prompt_current"].format(username=THU),
        TEXT["prompt_new"].format(username=THU),
        TEXT["prompt_again"],
    ]
    # the old password still signs in: nothing was changed
    changed = run("officer", "passwd", THU, stdin=lines(THU_PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
    assert changed[0] == 0


def test_only_a_supervisor_sets_someone_elses_password(config: Path, run: Run) -> None:
    status, _, err = run(
        "officer", "passwd", CHIEF, "--as", THU, stdin=lines(THU_PASSWORD, NEW_PASSWORD)
    )
    assert status == 2 and account_texts.OTHERS_PASSWORD in err
    status, _, err = run(
        "officer", "passwd", THU, "--as", CHIEF,
        stdin=lines(CHIEF_PASSWORD, NEW_PASSWORD, NEW_PASSWORD),
    )  # fmt: skip
    assert status == 0, err
    back = run("officer", "passwd", THU, stdin=lines(NEW_PASSWORD, THU_PASSWORD, THU_PASSWORD))
    assert back[0] == 0


def test_a_wrong_password_for_as_is_refused_and_counted(
    config: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_SECURITY__MAX_FAILED_SIGN_INS", "3")  # the floor desk.toml allows
    status, out, err = run("officer", "list", "--as", CHIEF, stdin=lines("sai-mat-khau"))
    assert status == 2 and out == ""
    assert err.strip() == f"desk: {account_texts.WRONG}"
    chief = account(config, CHIEF)
    assert chief is not None and chief.failed_attempts == 1
    status, _, err = run("lookup", "tran", "--as", CHIEF, stdin=lines("sai-lan-hai"))
    assert status == 2 and err.strip() == f"desk: {account_texts.WRONG}"
    status, _, err = run("audit", "show", "--as", CHIEF, stdin=lines("sai-lan-nua"))
    assert status == 2 and "bị khóa đến" in err  # the desk's own lockout rule, as on screen
    status, _, err = run("officer", "list", "--as", CHIEF, stdin=lines(CHIEF_PASSWORD))
    assert status == 2 and "tạm khóa" in err


def test_no_password_on_stdin_is_one_message(config: Path, run: Run) -> None:
    status, out, err = run("officer", "list", "--as", CHIEF, stdin="")
    assert status == 2 and out == ""
    assert err.strip() == f"desk: {TEXT['no_password']}"


def test_a_password_is_never_an_argument() -> None:
    with pytest.raises(SystemExit) as refused:
        main(["officer", "add", "an", "--name", "Trần Văn An", "--password", NEW_PASSWORD])
    assert refused.value.code == 2


def test_no_password_is_ever_printed_or_audited(config: Path, run: Run) -> None:
    shown, statuses = [], []
    for args, stdin in [
        (("officer", "add", "an.tran", "--name", "Trần Văn An", "--as", CHIEF),
         lines(CHIEF_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)),
        (("officer", "add", "binh", "--name", "Lê Bình", "--as", CHIEF),
         lines(CHIEF_PASSWORD, "tz7q", "tz7q")),  # too short: refused, with a message
        (("officer", "passwd", "an.tran"),
         lines(NEW_PASSWORD, "an.tran", "an.tran")),  # = username
        (("officer", "passwd", "an.tran", "--as", CHIEF),
         lines(CHIEF_PASSWORD, THU_PASSWORD, THU_PASSWORD)),
        (("officer", "list", "--as", CHIEF), lines(CHIEF_PASSWORD)),
        (("officer", "list", "--as", THU), lines(THU_PASSWORD)),
        (("lookup", "tran", "--as", THU), lines("mat-khau-sai-1")),
    ]:  # fmt: skip
        status, out, err = run(*args, stdin=stdin)
        statuses.append(status)
        shown.append(out + err)
    assert statuses == [0, 2, 2, 0, 0, 2, 2]
    everything = "\n".join(shown) + "\n".join(map(str, events(config)))
    for password in (CHIEF_PASSWORD, THU_PASSWORD, NEW_PASSWORD, "tz7q", "mat-khau-sai-1"):
        assert password not in everything
