"""desk.toml as a careless or hostile hand writes it: every mistake is one Vietnamese message
naming the key (or the file), `desk config check` exits 2, and the desk's store is untouched.

The cases are data (corpus/config.json): edits of the demo desk.toml, generated files (nested
thousands deep, 300 KB, UTF-16, Latin-1), a config path that is a folder, a FIFO or a device,
and DESK_ environment overrides. Beside them: a file saved with a BOM is read, the QR limit
agrees with the QR library and the receipt, and every pydantic error type has Vietnamese.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic_core import PydanticKnownError
from pydantic_core.core_schema import ErrorType

from desk_app.config import load_config
from desk_app.demo import DEMO_TOML
from desk_app.settings import QR_LONGEST, QR_MAX_BYTES
from forms.errors import pydantic_reason
from forms.messages import PYDANTIC_ERRORS
from tests.hostile.desks import (
    assert_vietnamese,
    build_template,
    clean_env,
    database,
    fresh_copy,
    run,
)
from tests.hostile.support import case_id, load_corpus, store_picture

CASES = load_corpus("config")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("config") / "desk")


def _generated(case: dict[str, Any]) -> bytes:
    kind = case["generate"]
    if kind == "deep_array":
        depth = case["depth"]
        text = DEMO_TOML.replace("number = 1", "number = " + "[" * depth + "]" * depth)
        return text.encode()
    if kind == "deep_inline":
        depth = case["depth"]
        return (DEMO_TOML + "\nx = " + "{a = " * depth + "1" + "}" * depth + "\n").encode()
    if kind == "huge":
        return (DEMO_TOML + "# " + "đệm " * 80_000 + "\n").encode()
    if kind == "utf16":
        return DEMO_TOML.encode("utf-16")
    if kind == "latin1":
        return DEMO_TOML.replace("Láng", "Lang é").encode("utf-8").replace("é".encode(), b"\xe9")
    if kind == "only_bom":
        return b"\xef\xbb\xbf"
    raise AssertionError(kind)


def _write_case(case: dict[str, Any], config: Path) -> Path:
    """Write the case's desk.toml (or make its odd path); return the path given to --config."""
    if "generate" in case:
        config.write_bytes(_generated(case))
    elif "text" in case:
        config.write_text(case["text"], encoding="utf-8")
    else:
        text = DEMO_TOML
        for old, new in case.get("replace", []):
            assert old in text, old
            text = text.replace(old, new)
        config.write_text(text + case.get("append", ""), encoding="utf-8")
    match case.get("path"):
        case "directory":
            (config.parent / "folder.toml").mkdir()
            return config.parent / "folder.toml"
        case "fifo":
            os.mkfifo(config.parent / "pipe.toml")
            return config.parent / "pipe.toml"
        case "device":
            return Path("/dev/zero")
        case "under_file":
            return config / "desk.toml"
        case "missing":
            return config.parent / "absent.toml"
    return config


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_bad_desk_toml_is_one_vietnamese_message_and_changes_nothing(
    case: dict[str, Any],
    template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean_env(monkeypatch)
    config = fresh_copy(template, tmp_path / "desk")
    before = store_picture(database(config))
    given = _write_case(case, config)
    written = config.read_bytes()
    for name, value in case.get("env", {}).items():
        monkeypatch.setenv(name, value)

    status, out, err = run(monkeypatch, capsys, ["--config", str(given), "config", "check"])

    assert status == 2, (out, err)
    assert out == ""
    for expected in case["expect"]:
        assert expected in err, f"{expected!r} not in {err!r}"
    assert len(err) < 4000  # one message, not a dump of the file
    assert_vietnamese(err, ignore=(str(tmp_path), str(given)))
    assert store_picture(database(config)) == before
    assert config.read_bytes() == written


def test_a_desk_toml_saved_with_a_bom_is_read(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    clean_env(monkeypatch)
    config = fresh_copy(template, tmp_path / "desk")
    config.write_bytes(b"\xef\xbb\xbf" + DEMO_TOML.replace("\n", "\r\n").encode("utf-8"))
    status, out, err = run(monkeypatch, capsys, ["--config", str(config), "config", "check"])
    assert (status, err) == (0, "")
    assert "office.commune_code = '00187'" in out


def test_the_committed_sample_passes_config_check(
    monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    clean_env(monkeypatch)
    sample = Path(__file__).resolve().parents[2] / "desk.toml"
    status, _, err = run(monkeypatch, capsys, ["--config", str(sample), "config", "check"])
    assert (status, err) == (0, ""), err


def test_the_qr_limit_is_what_the_receipt_prints_and_a_phone_reads() -> None:
    """QR_MAX_BYTES in byte mode (the worst case: lower-case text) is a version-10 QR code,
    one byte more needs version 11; the template at the limit is accepted, one more refused."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    from desk_app.settings import Receipt

    for size, version in ((QR_MAX_BYTES, 10), (QR_MAX_BYTES + 1, 11)):
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
        code.add_data(b"a" * size)
        code.make(fit=True)
        assert code.version == version
    filled = len("{code}".format(**QR_LONGEST))
    template = "https://x.vn/?" + "a" * (QR_MAX_BYTES - filled - len("https://x.vn/?")) + "{code}"
    assert Receipt(qr_template=template).qr_template == template
    with pytest.raises(ValueError, match="mẫu QR quá dài"):
        Receipt(qr_template=template + "a")


def test_a_receipt_with_the_biggest_qr_code_is_drawn_on_a4_and_a5(desk: Any) -> None:
    """The worst payload the limit lets through is drawn within the receipt's module rules."""
    import json

    from desk_app.receipt.content import receipt_content
    from desk_app.receipt.layout import Qr
    from desk_app.receipt.pdf import lay_out
    from desk_app.receipt.qr import MIN_MODULE_MM

    good = Path(__file__).resolve().parents[1] / "data" / "good_dossiers.json"
    row, _ = desk.receive_dossier(json.loads(good.read_text("utf-8"))[0]["dossier"])
    filled = len("{code}".format(**QR_LONGEST))
    longest = "a" * (QR_MAX_BYTES - filled) + "{code}"
    settings = desk.settings.model_copy(
        update={"receipt": desk.settings.receipt.model_copy(update={"qr_template": longest})}
    )
    for paper in ("A4", "A5"):
        pages, _ = lay_out(receipt_content(row, settings), paper)  # type: ignore[arg-type]
        [qr] = [op for op in pages[0] if isinstance(op, Qr)]
        assert qr.size == 57  # version 10
        assert qr.side / (qr.size + 2 * qr.quiet) >= MIN_MODULE_MM * 72 / 25.4 - 1e-9


# -- pydantic's own messages ---------------------------------------------------------------

ENGLISH_OF_PYDANTIC = (
    "Input",
    "should",
    "valid",
    "than",
    "equal",
    "Field",
    "required",
    "Value error",
    "must",
    " or ",
    "Extra inputs",
)


def _context(kind: str) -> dict[str, Any]:
    """A context pydantic-core accepts for ``kind``, found by asking it what is missing."""
    context: dict[str, Any] = {}
    for _ in range(12):
        try:
            PydanticKnownError(kind, context or None)  # type: ignore[arg-type]
            return context
        except (KeyError, TypeError) as exc:
            missing = str(exc).split("'")[1]
            if "must be a String" in str(exc):
                context[missing] = "'A4' or 'A5'"
            elif "must be" in str(exc) or not missing.startswith("expected"):
                context[missing] = 7
            else:
                context[missing] = "'A4' or 'A5'"
    raise AssertionError(kind)


def test_every_error_type_of_pydantic_has_its_vietnamese_text() -> None:
    kinds = set(typing.get_args(ErrorType))
    assert kinds == set(PYDANTIC_ERRORS), "a pydantic upgrade added or removed error types"
    for kind in sorted(kinds):
        context = _context(kind)
        if kind in ("value_error", "assertion_error"):
            context["error"] = ValueError("mã cơ quan không đúng dạng")
        english = PydanticKnownError(kind, context or None).message()  # type: ignore[arg-type]
        error = {"type": kind, "loc": ("x",), "msg": english, "input": 7, "ctx": context}
        said = pydantic_reason(error)
        assert said and said != english, kind
        for word in ENGLISH_OF_PYDANTIC:
            assert word not in said, (kind, said)
        assert "{" not in said, (kind, said)  # every placeholder filled


def test_a_range_error_of_desk_toml_reads_in_vietnamese(tmp_path: Path) -> None:
    """The message issue 13 saw: "cần less hơn or equal to 9"."""
    config = tmp_path / "desk.toml"
    config.write_text(DEMO_TOML.replace("number = 1", "number = 12"), encoding="utf-8")
    from desk_app.errors import ConfigError

    with pytest.raises(ConfigError) as refused:
        load_config(config, env={})
    assert "khóa desk.number: không được lớn hơn 9" in refused.value.message
    assert "less" not in refused.value.message and "equal" not in refused.value.message
