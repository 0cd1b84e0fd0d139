"""Signing in does not tell who has an account: a username without one gets exactly the answers
an account gets, in the same order, at the screen's door (Desk.sign_in) and at the command
line (--as, `desk officer passwd`), and in the same time.

Each corpus case (corpus/signin.json) is a sequence of attempts (wrong password, the account's
right one, minutes later) played once with a real username and once with a name that has no
account: the two sequences of refusals must read the same (but for the name they repeat), and
each refusal is the expected one (wrong, just locked, still locked). Nothing but the sign-in
record changes in the store: no dossier, no account's role or password, and the audit trail
never holds the text typed as an unknown username or any password.

Argon2 runs with cheap parameters in the corpus (the answers do not depend on its cost); the
timing tests at the end use the real ones.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from desk_app.config import load_config
from desk_app.demo import DEMO_OFFICER, DEMO_SUPERVISOR
from desk_app.desk import Desk
from desk_app.officers import SignInRefused, texts
from desk_app.officers import passwords as argon
from desk_app.officers.accounts import normalise_username
from desk_app.officers.unknown import shown
from desk_app.store import Store
from tests.conftest import FIXED_NOW
from tests.hostile.desks import (
    assert_vietnamese,
    build_template,
    clean_env,
    database,
    fresh_copy,
    run,
)
from tests.hostile.support import case_id, load_corpus, store_picture

CASES = load_corpus("signin")
PASSWORDS = {DEMO_OFFICER[0]: DEMO_OFFICER[1], DEMO_SUPERVISOR[0]: DEMO_SUPERVISOR[1]}
WRONG_PASSWORD = "sai-mat-khau-2026"
DEFAULT_UNKNOWN = "khong.co.ai"


def _pattern(template: str) -> re.Pattern[str]:
    fields = {
        "username": r"(?P<username>.*?)",
        "until": r"(?P<until>.+?)",
        "count": r"(?P<count>\d+)",
    }
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile(
        "".join(fields[p] if i % 2 else re.escape(p) for i, p in enumerate(parts)), re.DOTALL
    )


KINDS = {
    "wrong": _pattern(texts.WRONG),
    "just_locked": _pattern(texts.JUST_LOCKED),
    "locked": _pattern(texts.LOCKED),
}


def _read(message: str) -> tuple[str, str, str, str]:
    """(kind, username shown, count, until) of a refusal; fails on any other sentence."""
    for kind, pattern in KINDS.items():
        found = pattern.fullmatch(message)
        if found:
            named = found.groupdict()
            return kind, named.get("username", ""), named.get("count", ""), named.get("until", "")
    raise AssertionError(f"not a sign-in refusal: {message!r}")


@pytest.fixture
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Argon2 at a thousandth of its cost, for the hashes and the decoy alike."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(argon, "_hasher", lambda: cheap)
    argon.decoy_hash.cache_clear()
    yield
    argon.decoy_hash.cache_clear()


@pytest.fixture
def counter(tmp_path: Path, cheap_argon2: None) -> Path:
    """The demo desk (with one dossier) whose accounts' hashes are cheap; its desk.toml."""
    config = build_template(tmp_path / "desk")
    store = Store.open(database(config))
    try:
        with store.transaction() as db:
            for username, password in PASSWORDS.items():
                db.execute(
                    "UPDATE officers SET password_hash = ? WHERE username = ?",
                    (argon.hash_password(password), username),
                )
    finally:
        store.close()
    return config


def _with_security(config: Path, security: dict[str, Any]) -> None:
    if security:
        lines = "".join(f"{key} = {value}\n" for key, value in security.items())
        with config.open("a", encoding="utf-8") as handle:
            handle.write(f"\n[security]\n{lines}")


def _stable(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The store but for what a sign-in may change: the trail, the accounts' lockout state."""
    picture = store_picture(path)
    picture.pop("audit")
    picture["officers"] = sorted((r[0], r[1], r[3], r[4], r[5]) for r in picture["officers"])
    return picture


def _attempt_desk(desk: Desk, name: str, password: str, minutes: float) -> str:
    desk.clock = lambda: FIXED_NOW + timedelta(minutes=minutes)
    try:
        desk.sign_in(name, password)
    except SignInRefused as refused:
        return refused.message
    desk.signed_in = None
    return "signed_in"


def _attempt_cli(
    config: Path, command: list[str], name: str, password: str, monkeypatch: Any, capsys: Any
) -> str:
    args = [a.replace("{name}", name) for a in command]
    status, out, err = run(monkeypatch, capsys, ["--config", str(config), *args], password + "\n")
    assert status == 2, (out, err)
    assert out == ""
    assert_vietnamese(err.replace(name, " ").replace(shown(normalise_username(name)), " "))
    return err.removeprefix("desk: ").removesuffix("\n")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_an_unknown_username_is_answered_exactly_like_a_known_one(
    case: dict[str, Any],
    counter: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env(monkeypatch)
    _with_security(counter, case.get("security", {}))
    known = case.get("known", DEMO_OFFICER[0])
    unknown = case.get("unknown", DEFAULT_UNKNOWN)
    right = PASSWORDS[known]
    steps = case["steps"]
    before = _stable(database(counter))
    desk = Desk.open(load_config(counter, env={}).settings)

    def attempt(name: str, step: dict[str, Any]) -> str:
        password = right if step["try"] == "right" else WRONG_PASSWORD
        if case.get("via") == "cli":
            return _attempt_cli(counter, case["command"], name, password, monkeypatch, capsys)
        return _attempt_desk(desk, name, password, step["at"])

    try:
        answers: dict[str, list[str]] = {known: [], unknown: []}
        order = (
            [(name, step) for step in steps for name in (known, unknown)]
            if case.get("interleave")
            else [(name, step) for name in (known, unknown) for step in steps]
        )
        for name, step in order:
            answers[name].append(attempt(name, step))
    finally:
        desk.close()

    for index, step in enumerate(steps):
        said_known, said_unknown = answers[known][index], answers[unknown][index]
        if step["expect"] == "signed_in":  # only the right password of a real account opens
            assert said_known == "signed_in"
            assert _read(said_unknown)[0] == "wrong"
            continue
        kind, name_known, count_known, _ = _read(said_known)
        kind_unknown, name_unknown, count_unknown, _ = _read(said_unknown)
        assert kind == kind_unknown == step["expect"], (index, said_known, said_unknown)
        assert count_known == count_unknown
        if kind != "wrong":
            assert name_known == known
            assert name_unknown == shown(normalise_username(unknown))
    for said in answers[known] + answers[unknown]:
        assert_vietnamese(
            said.replace(unknown, " ").replace(shown(normalise_username(unknown)), " ")
        )

    assert _stable(database(counter)) == before
    store = Store.open(database(counter))
    try:
        trail = repr([(e.officer, e.detail) for e in store.audit_events()])
    finally:
        store.close()
    assert WRONG_PASSWORD not in trail and right not in trail
    if len(normalise_username(unknown)) > 3:
        assert normalise_username(unknown) not in trail


def test_unknown_names_keep_counts_of_their_own(counter: Path, monkeypatch: Any) -> None:
    """Tries on one unknown name do not count against another, nor against an account."""
    clean_env(monkeypatch)
    _with_security(counter, {"max_failed_sign_ins": 3})
    desk = Desk.open(load_config(counter, env={}).settings, clock=lambda: FIXED_NOW)
    try:
        for name in ("khong.co", "khong.co", "cung.khong.co", "thu", "cung.khong.co"):
            with pytest.raises(SignInRefused) as refused:
                desk.sign_in(name, WRONG_PASSWORD)
            assert refused.value.message == texts.WRONG, name
        with pytest.raises(SignInRefused, match="bị khóa đến"):
            desk.sign_in("khong.co", WRONG_PASSWORD)
        with pytest.raises(SignInRefused, match="bị khóa đến"):
            desk.sign_in("CUNG.KHONG.CO ", WRONG_PASSWORD)  # the same name, as typed at a desk
        assert desk.sign_in("thu", PASSWORDS["thu"]).username == "thu"
    finally:
        desk.close()


# -- time: the same Argon2 work for a known and an unknown name, in a fresh process too -----


class _Counting(PasswordHasher):
    hashed = 0
    verified = 0

    def hash(self, password: str | bytes, **kwargs: Any) -> str:  # type: ignore[override]
        type(self).hashed += 1
        return super().hash(password, **kwargs)

    def verify(self, encoded: str | bytes, password: str | bytes) -> bool:
        type(self).verified += 1
        return super().verify(encoded, password)


@pytest.mark.parametrize(
    "command",
    [
        ["lookup", "tran", "--as", "{name}"],
        ["officer", "passwd", "{name}"],
        ["officer", "list", "--as", "{name}"],
    ],
    ids=["lookup --as", "officer passwd", "officer list --as"],
)
def test_the_cli_does_the_same_argon2_work_for_known_and_unknown_names(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """A fresh `desk … --as` process (nothing cached): one Argon2 verification and no hashing,
    whether the name has an account or not. Computing the decoy hash on first use made an
    unknown name cost two Argon2 runs, which a stopwatch could tell apart."""
    clean_env(monkeypatch)
    config = fresh_copy(build_template(tmp_path / "template"), tmp_path / "desk")
    work = {}
    for name in ("thu", "khong.co.ai"):
        counting = _Counting(
            time_cost=argon.PASSES, memory_cost=argon.MEMORY_KIB, parallelism=argon.LANES
        )
        _Counting.hashed = _Counting.verified = 0
        monkeypatch.setattr(argon, "_hasher", lambda counting=counting: counting)
        argon.decoy_hash.cache_clear()  # as in a new process
        args = [a.replace("{name}", name) for a in command]
        status, _, err = run(monkeypatch, capsys, ["--config", str(config), *args], "sai\n")
        assert status == 2 and texts.WRONG in err
        work[name] = (_Counting.hashed, _Counting.verified)
    assert work["thu"] == work["khong.co.ai"] == (0, 1)
    argon.decoy_hash.cache_clear()


def test_a_known_and_an_unknown_name_take_the_same_time(tmp_path: Path) -> None:
    """Measured with the real Argon2 parameters, from a cold decoy each time: the fastest of
    four tries of each stays within a third of the other (one Argon2 run each, ~0.1 s).

    Counted in this process's CPU time, not by the clock: what would tell the names apart is
    work done for one and not the other, and CPU time counts that work alone, where the clock
    also counted what the other test workers did meanwhile (the test failed so, at random,
    beside the suite's PostgreSQL and server tests)."""
    config = build_template(tmp_path / "desk")
    desk = Desk.open(load_config(config, env={}).settings, clock=lambda: FIXED_NOW)
    settings = desk.settings.security.model_copy(update={"max_failed_sign_ins": 10})
    desk.settings = desk.settings.model_copy(update={"security": settings})
    timings: dict[str, list[float]] = {"thu": [], "khong.co.ai": []}
    try:
        for _ in range(4):
            for name in timings:
                argon.decoy_hash.cache_clear()
                started = time.process_time()
                with pytest.raises(SignInRefused):
                    desk.sign_in(name, WRONG_PASSWORD)
                timings[name].append(time.process_time() - started)
    finally:
        desk.close()
        argon.decoy_hash.cache_clear()
    known, unknown = min(timings["thu"]), min(timings["khong.co.ai"])
    assert 0.75 < unknown / known < 1.33, timings


def test_an_officer_cannot_learn_which_accounts_exist_through_passwd(
    counter: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """`desk officer passwd NAME --as thu` (an officer, not a supervisor) is refused with the
    same sentence whether NAME has an account or not."""
    clean_env(monkeypatch)
    said = []
    for name in ("lanhdao", "khong.co.ai"):
        args = ["--config", str(counter), "officer", "passwd", name, "--as", "thu"]
        status, out, err = run(monkeypatch, capsys, args, PASSWORDS["thu"] + "\n")
        assert status == 2 and out == ""
        said.append(err)
    assert said[0] == said[1] == f"desk: {texts.OTHERS_PASSWORD}\n"
