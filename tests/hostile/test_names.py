"""Names refuse what only looks like a name, citizens' and officers' alike; real names pass.

Each case of ``corpus/names.json`` puts one name into one field: a person of the declaration
(requester, child, mother, father, household head), received through the desk's real
reception path, or an officer's account, created with `desk officer add --name`. A refused
name gets its Vietnamese message, naming the field, and leaves the store exactly as it was;
an accepted one is stored as typed (in NFC). The names: invisible letters (Hangul fillers,
braille blank…), mathematical and full-width letters, Latin mixed with Cyrillic, Greek,
Armenian or Cherokee look-alikes, control characters, ESC sequences and bidi overrides, markup;
and the names of Kinh and ethnic-minority citizens and of foreign parents, which must pass.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_app.cli import main
from desk_app.config import load_config
from desk_app.demo import DEMO_SUPERVISOR, make_demo
from desk_app.desk import Desk
from desk_app.dossier import Dossier, DossierRejected
from desk_app.officers import texts as account_texts
from desk_app.officers.accounts import check_full_name
from forms.errors import describe
from forms.messages import ERRORS
from forms.text import nfc
from tests.conftest import FIXED_NOW, signed_in
from tests.hostile.support import case_id, load_corpus, store_picture
from tests.lookup.conftest import good

CASES = load_corpus("names")
REFUSED = [c for c in CASES if "refused" in c]
ACCEPTED = [c for c in CASES if c.get("accepted")]
CHIEF, CHIEF_PASSWORD, _ = DEMO_SUPERVISOR

PATHS = {
    "requester": ("requester", "full_name"),
    "child": ("child", "full_name"),
    "mother": ("mother", "full_name"),
    "father": ("father", "full_name"),
    "household_head": ("residence", "household_head_name"),
}
"""Where each citizen field of the corpus sits in the declarations."""


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo desk for the module: refused cases change nothing, so they can share it."""
    return make_demo(tmp_path_factory.mktemp("names") / "demo")


@pytest.fixture(scope="module")
def counter(config: Path) -> Iterator[Desk]:
    """The demo desk, its counter officer signed in."""
    desk = signed_in(Desk.open(load_config(config, env={}).settings, clock=lambda: FIXED_NOW))
    yield desk
    desk.close()


def declaration(field: str, name: str) -> dict[str, Any]:
    """A good dossier with ``name`` in ``field``."""
    data = good()
    *parents, leaf = PATHS[field]
    target = data["declarations"]
    for part in parents:
        target = target[part]
    target[leaf] = name
    return data


def expected(case: dict[str, Any]) -> str:
    """The Vietnamese message the case must get, the field named first."""
    hint = ERRORS[case["refused"]].format(**case["context"])
    if case["field"] == "officer":
        return f"{account_texts.FULL_NAME_FIELD}: {hint}"
    label, sections = describe(Dossier, ("declarations", *PATHS[case["field"]]))
    return f"{label} ({' – '.join(sections)}): {hint}"


def test_the_corpus_covers_every_field_and_every_kind_of_refusal() -> None:
    assert {c["field"] for c in REFUSED} == {*PATHS, "officer"}
    kinds = {c["refused"] for c in REFUSED}
    assert {"name_invisible", "name_styled", "name_mixed_script", "text_control"} <= kinds
    assert {c["field"] for c in ACCEPTED} == {"child", "officer"}


@pytest.mark.parametrize("case", REFUSED, ids=case_id)
def test_a_refused_name_says_why_naming_the_field_and_stores_nothing(
    case: dict[str, Any],
    counter: Desk,
    config: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    database = counter.settings.paths.database
    before = store_picture(database)
    if case["field"] == "officer":
        monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a refused name asks no password
        args = ["officer", "add", "nguoimoi", "--name", case["name"], "--as", CHIEF]
        status = main(["--config", str(config), *args])
        err = capsys.readouterr().err
        assert status == 2
        assert err.strip() == f"desk: {expected(case)}"
    else:
        with pytest.raises(DossierRejected) as refused:
            counter.receive_dossier(declaration(case["field"], case["name"]))
        messages = {
            e.message
            for e in refused.value.errors
            if e.loc == ("declarations", *PATHS[case["field"]])
        }
        assert messages == {expected(case)}
    assert store_picture(database) == before


@pytest.mark.parametrize("case", ACCEPTED, ids=case_id)
def test_a_real_name_is_accepted_and_kept_as_typed(case: dict[str, Any], counter: Desk) -> None:
    if case["field"] == "officer":
        assert check_full_name(case["name"]) == nfc(case["name"])
        return
    saved, _ = counter.receive_dossier(declaration(case["field"], case["name"]))
    assert saved.subject_name == nfc(case["name"])


def test_the_real_command_refuses_an_officer_name_with_a_bidi_override(config: Path) -> None:
    """`desk officer add` as a process: the refusal in Vietnamese, and no account."""
    result = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "officer", "add",
         "nguoimoi", "--name", "Nguyễn \u202eAn", "--as", CHIEF],
        input=f"{CHIEF_PASSWORD}\n", capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert result.returncode == 2
    assert "Họ và tên cán bộ: có ký tự điều khiển hoặc ký tự ẩn (U+202E)" in result.stderr
    assert "Traceback" not in result.stderr
