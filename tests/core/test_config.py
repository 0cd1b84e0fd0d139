"""desk.toml: the sample loads, mistakes are explained in one message, overrides apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.config import load_config
from desk_app.demo import DEMO_TOML
from desk_app.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "desk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_committed_sample_is_valid() -> None:
    loaded = load_config(REPO / "desk.toml", env={})
    assert loaded.settings.desk.number >= 1
    assert loaded.settings.paths.database.is_absolute()


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    settings = load_config(write(tmp_path, DEMO_TOML), env={}).settings
    assert settings.paths.database == tmp_path / "desk.sqlite3"


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    text = DEMO_TOML.replace("number = 1", "number = = 1")
    line = text.splitlines().index("number = = 1") + 1
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    message = err.value.message
    assert str(tmp_path / "desk.toml") in message
    assert f"dòng {line}" in message
    assert "Traceback" not in message


def test_unknown_key_is_named_with_its_line_and_the_valid_keys(tmp_path: Path) -> None:
    text = DEMO_TOML.replace("[desk]\n", '[desk]\nofficier = "x"\n')
    line = text.splitlines().index('officier = "x"') + 1
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    message = err.value.message
    assert f"dòng {line}, khóa desk.officier: khóa không được biết đến" in message
    assert "number, officer" in message


def test_bad_agency_code_says_what_is_expected(tmp_path: Path) -> None:
    text = DEMO_TOML.replace('code = "000.00.03.H26"', 'code = "H26-000-03"')
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    message = err.value.message
    assert "office.agencies.police.code" in message
    assert "DDD.DD.DD.LDD" in message
    assert "H26-000-03" in message


def test_missing_section_and_wrong_type_are_listed_together(tmp_path: Path) -> None:
    text = DEMO_TOML.replace("number = 1", 'number = "một"').split("[paths]")[0]
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    message = err.value.message
    assert "2 lỗi" in message
    assert "khóa desk.number: cần một số nguyên" in message
    assert "khóa central: thiếu khóa bắt buộc" in message


def test_environment_overrides_file(tmp_path: Path) -> None:
    env = {
        "DESK_CENTRAL__URL": "https://central.example.vn",
        "DESK_DESK__NUMBER": "3",
        "DESK_CALENDAR__EXTRA_DAYS_OFF": "[2026-12-31]",
        "DESK_CENTRAL_TOKEN": "not-an-override",
    }
    loaded = load_config(write(tmp_path, DEMO_TOML), env=env)
    assert loaded.settings.central.url == "https://central.example.vn"
    assert loaded.settings.desk.number == 3
    assert [d.isoformat() for d in loaded.settings.calendar.extra_days_off] == ["2026-12-31"]
    assert "DESK_CENTRAL_TOKEN" not in loaded.overrides


def test_unknown_environment_override_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"desk\.colour"):
        load_config(write(tmp_path, DEMO_TOML), env={"DESK_DESK__COLOUR": "red"})


def test_config_path_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, DEMO_TOML)
    assert load_config(None, env={"DESK_CONFIG": str(path)}).path == path


def test_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="không tìm thấy tệp cấu hình"):
        load_config(tmp_path / "nope.toml", env={})


def test_desk_number_outside_blocks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"desk\.number"):
        load_config(write(tmp_path, DEMO_TOML.replace("number = 1", "number = 10")), env={})


def test_qr_template_must_hold_the_code(tmp_path: Path) -> None:
    text = DEMO_TOML + '\n[receipt]\nqr_template = "https://x.vn/?ma={ma}"\n'
    with pytest.raises(ConfigError, match=r"receipt.qr_template.*\{code\}"):
        load_config(write(tmp_path, text), env={})
