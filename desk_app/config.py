"""Loading desk.toml: find the file, apply DESK_ overrides, explain every mistake in one message.

The person who edits desk.toml is an office clerk or the province's IT support, not a
developer: a malformed file or an unknown key must produce one message naming the file, the
line and key, and what is expected — never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ValidationError

from desk_app.errors import ConfigError
from desk_app.settings import Paths, Settings

CONFIG_ENV = "DESK_CONFIG"
"""Environment variable naming the config file when --config is not given."""

ENV_PREFIX = "DESK_"
ENV_NESTING = "__"
"""Overrides look like DESK_CENTRAL__URL or DESK_OFFICE__AGENCIES__POLICE__CODE."""

# Vietnamese wording for pydantic's error types; anything else falls back to its message.
_MESSAGES = {
    "missing": "thiếu khóa bắt buộc",
    "extra_forbidden": "khóa không được biết đến",
    "int_parsing": "cần một số nguyên",
    "int_type": "cần một số nguyên",
    "float_parsing": "cần một số",
    "float_type": "cần một số",
    "bool_parsing": "cần true hoặc false",
    "bool_type": "cần true hoặc false",
    "string_type": "cần một chuỗi trong ngoặc kép",
    "date_from_datetime_parsing": "cần một ngày dạng YYYY-MM-DD",
    "date_parsing": "cần một ngày dạng YYYY-MM-DD",
    "date_type": "cần một ngày dạng YYYY-MM-DD",
    "list_type": "cần một danh sách [ ... ]",
    "model_type": "cần một bảng [mục]",
    "literal_error": "giá trị không hợp lệ",
    "string_pattern_mismatch": "không đúng dạng",
    "path_type": "cần một đường dẫn",
}


@dataclass(frozen=True)
class LoadedConfig:
    """Settings together with where they came from, for `desk config check`."""

    settings: Settings
    path: Path
    overrides: tuple[str, ...]


def default_config_path() -> Path:
    """Where desk.toml is looked for when neither --config nor DESK_CONFIG is given."""
    local = Path.cwd() / "desk.toml"
    if local.is_file():
        return local
    return Path(platformdirs.user_config_dir("desk", appauthor=False)) / "desk.toml"


def resolve_config_path(explicit: Path | None, env: Mapping[str, str]) -> Path:
    """--config wins, then $DESK_CONFIG, then ./desk.toml, then the platform config dir."""
    if explicit is not None:
        return explicit
    if env.get(CONFIG_ENV):
        return Path(env[CONFIG_ENV])
    return default_config_path()


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> LoadedConfig:
    """Read, override and validate the settings; raise :class:`ConfigError` with one message."""
    env = os.environ if env is None else env
    path = resolve_config_path(path, env)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: không tìm thấy tệp cấu hình. Chỉ định bằng --config ĐƯỜNG_DẪN hoặc biến "
            f"{CONFIG_ENV}; xem desk.toml mẫu trong thư mục cài đặt, hoặc chạy `desk demo` để thử."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({exc}).") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: lỗi cú pháp TOML — {_toml_reason(exc)}.") from None
    overrides = _apply_env(raw, env)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        lines = [_describe(err, text, path) for err in exc.errors()]
        raise ConfigError(
            f"{path}: cấu hình không hợp lệ ({len(lines)} lỗi):\n" + "\n".join(lines)
        ) from None
    return LoadedConfig(_resolve_paths(settings, path.parent), path, tuple(overrides))


def _toml_reason(exc: tomllib.TOMLDecodeError) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    if match:
        return f"dòng {match[1]}, cột {match[2]}: {reason}"
    return f"cuối tệp: {reason}"


def _apply_env(raw: dict[str, Any], env: Mapping[str, str]) -> list[str]:
    """Apply DESK_SECTION__KEY overrides in place; unknown keys are reported by validation."""
    applied = []
    for name in sorted(env):
        if not name.startswith(ENV_PREFIX) or ENV_NESTING not in name:
            continue
        keys = [k.lower() for k in name[len(ENV_PREFIX) :].split(ENV_NESTING)]
        if not all(keys):
            raise ConfigError(f"biến môi trường {name}: tên sai dạng (DESK_MỤC__KHÓA).")
        node = raw
        for key in keys[:-1]:
            child = node.setdefault(key, {})
            if not isinstance(child, dict):
                raise ConfigError(f"biến môi trường {name}: {key} không phải là một mục.")
            node = child
        node[keys[-1]] = _env_value(env[name])
        applied.append(name)
    return applied


def _env_value(value: str) -> Any:
    """Read an override as a TOML value when it is one (numbers, dates, lists), else as text."""
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value


def _describe(err: Any, text: str, path: Path) -> str:
    loc = [str(p) for p in err["loc"]]
    key = ".".join(loc) or "(gốc)"
    kind = err["type"]
    # Our own validators already speak Vietnamese; pydantic's built-in errors are translated.
    reason = str(err["ctx"]["error"]) if kind == "value_error" else _MESSAGES.get(kind, err["msg"])
    if kind == "extra_forbidden":
        reason += f"; các khóa hợp lệ ở đây: {', '.join(_known_keys(loc[:-1]))}"
    elif kind == "literal_error":
        reason += f"; chọn một trong: {err['ctx']['expected']}"
    elif kind == "string_pattern_mismatch":
        reason += f" (mẫu {err['ctx']['pattern']})"
    elif kind.startswith(("greater", "less")) and "ctx" in err:
        reason = err["msg"].replace("Input should be", "cần").replace("than", "hơn")
    if kind not in ("missing",) and "input" in err and not isinstance(err["input"], dict):
        reason += f" — giá trị hiện tại: {err['input']!r}"
    line = _line_of(text, loc)
    where = f"dòng {line}, " if line else ""
    return f"  • {where}khóa {key}: {reason}"


def _known_keys(section: list[str]) -> list[str]:
    model: type[BaseModel] = Settings
    for part in section:
        annotation = model.model_fields[part].annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return list(model.model_fields)


def _line_of(text: str, loc: list[str]) -> int | None:
    """The line where the key at ``loc`` is written, found by scanning the TOML text."""
    if not loc:
        return None
    lines = text.splitlines()
    *section, key = loc
    header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, section)) + r"\s*\]")
    start = 0
    if section:
        found = next((i for i, ln in enumerate(lines) if header.match(ln)), None)
        if found is None:
            return None
        start = found + 1
    key_re = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
    for i in range(start, len(lines)):
        if section and lines[i].lstrip().startswith("["):
            break
        if key_re.match(lines[i]):
            return i + 1
    return start if section else None


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    """Make relative data paths relative to desk.toml's folder, not to the current directory."""
    resolved = {}
    for name, value in settings.paths.model_dump().items():
        value = value.expanduser()
        resolved[name] = value if value.is_absolute() else base / value
    return settings.model_copy(update={"paths": Paths(**resolved)})


def mask_token(token: str | None) -> str:
    """Show that a token is set without showing it."""
    return f"đã đặt ({len(token)} ký tự, ẩn)" if token else "(chưa đặt)"
