"""Loading desk.toml: find the file, apply DESK_ overrides, explain every mistake in one message.

The person who edits desk.toml is an office clerk or the province's IT support, not a
developer: a malformed file or an unknown key must produce one message naming the file, the
line and key, and what is expected — never a traceback.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ValidationError

from desk_app.errors import ConfigError, os_reason
from desk_app.settings import Paths, Settings
from forms.errors import pydantic_reason

CONFIG_ENV = "DESK_CONFIG"
"""Environment variable naming the config file when --config is not given."""

ENV_PREFIX = "DESK_"
ENV_NESTING = "__"
"""Overrides look like DESK_CENTRAL__URL or DESK_OFFICE__AGENCIES__POLICE__CODE."""

MAX_BYTES = 256 * 1024
"""desk.toml is a few kilobytes; anything far larger is not a desk's settings (nor read whole)."""

MAX_DEPTH = 6
"""The deepest nesting desk.toml needs is office.agencies.receiving.code (4); a file nested
hundreds deep would exhaust Python's recursion in the TOML parser, so it is refused by name."""

# Wording for desk.toml's readers; every other pydantic error type reads through
# forms.errors.pydantic_reason (which has a Vietnamese text for every type pydantic raises).
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
    text = read_config_text(path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: lỗi cú pháp TOML — {_toml_reason(exc)}.") from None
    except RecursionError:
        raise ConfigError(_too_deep(path, "")) from None
    overrides = _apply_env(raw, env)
    deep = _too_deep_at(raw)
    if deep is not None:
        raise ConfigError(_too_deep(path, deep))
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        lines = [_describe(err, text, path) for err in exc.errors()]
        raise ConfigError(
            f"{path}: cấu hình không hợp lệ ({len(lines)} lỗi):\n" + "\n".join(lines)
        ) from None
    return LoadedConfig(_resolve_paths(settings, path.parent), path, tuple(overrides))


def read_config_text(path: Path) -> str:
    """The text of desk.toml: a regular file of at most :data:`MAX_BYTES`, UTF-8 (a byte-order
    mark, as Windows Notepad writes, is dropped); any other file gets one Vietnamese message."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(
                f"{path}: không phải một tệp thông thường (là thư mục, thiết bị hoặc ống dẫn); "
                "hãy chỉ định tệp desk.toml."
            )
        if info.st_size > MAX_BYTES:
            raise ConfigError(_too_big(path))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: không tìm thấy tệp cấu hình. Chỉ định bằng --config ĐƯỜNG_DẪN hoặc biến "
            f"{CONFIG_ENV}; xem desk.toml mẫu trong thư mục cài đặt, hoặc chạy `desk demo` để thử."
        ) from None
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình: {os_reason(exc)}.") from None
    if len(data) > MAX_BYTES:  # it grew while being read
        raise ConfigError(_too_big(path))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(
            f"{path}: tệp được lưu với bảng mã UTF-16; hãy lưu lại với bảng mã UTF-8."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}: dòng {line} có byte không đọc được theo bảng mã UTF-8; "
            "hãy lưu lại tệp với bảng mã UTF-8."
        ) from None


def _too_big(path: Path) -> str:
    return (
        f"{path}: tệp cấu hình lớn quá {MAX_BYTES // 1024} KB, không phải desk.toml của một bàn; "
        "hãy kiểm tra lại đường dẫn."
    )


def _too_deep(path: Path, key: str) -> str:
    where = f"khóa {key}: " if key else ""
    return (
        f"{path}: cấu hình không hợp lệ: {where}các mục lồng nhau quá sâu (desk.toml chỉ cần "
        f"tối đa {MAX_DEPTH - 2} cấp); hãy kiểm tra các dấu [ ] và {{ }}."
    )


def _too_deep_at(value: Any, key: str = "", depth: int = 0) -> str | None:
    """The dotted key where ``value`` nests deeper than :data:`MAX_DEPTH`, or None."""
    if depth > MAX_DEPTH:
        return key or "(gốc)"
    items: Any = value.items() if isinstance(value, dict) else None
    if items is None and isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    for name, inner in items or ():
        found = _too_deep_at(inner, f"{key}.{name}" if key else str(name), depth + 1)
        if found is not None:
            return found
    return None


# What tomllib says (English), and how a clerk reads it. Matched in order; {0} is the detail.
_TOML_REASONS: tuple[tuple[str, str], ...] = (
    (r"Cannot overwrite a value", "khóa này đã có giá trị ở trên"),
    (r"Cannot declare (.*) twice", "mục [{0}] được khai hai lần"),
    (r"Cannot (?:mutate immutable|redefine) namespace (.*)", "mục {0} đã được khai ở chỗ khác"),
    (r"Duplicate inline table key (.*)", "khóa {0} lặp lại trong cùng một bảng {{ }}"),
    (r"Expected '=' after a key.*", "thiếu dấu = sau tên khóa"),
    (r"Expected '\]' at the end of a table.*", "thiếu dấu ] đóng tên mục"),
    (r"Expected '\]\]' at the end of an array.*", "thiếu dấu ]] đóng tên mục"),
    (r"Expected newline or end of document.*", "thừa nội dung sau giá trị; mỗi khóa một dòng"),
    (r"Expected (.*)", "thiếu {0}"),
    (r"Unclosed array", "danh sách [ ... ] chưa được đóng"),
    (r"Unclosed inline table", "bảng {{ ... }} chưa được đóng"),
    (r"Unterminated string", "chuỗi chưa có dấu ngoặc kép đóng"),
    (r"Unescaped '\\' in a string", "dấu \\ trong chuỗi phải viết thành \\\\"),
    (r"Invalid hex value|Escaped character is not.*", "mã ký tự \\u… không hợp lệ"),
    (r"Invalid date or datetime", "ngày hoặc giờ không có thật"),
    (r"Invalid initial character for a key part", "tên khóa bắt đầu bằng ký tự không hợp lệ"),
    (r"Invalid statement", "dòng không phải khóa = giá trị hay [mục]"),
    (r"Invalid value", "giá trị không hợp lệ (chuỗi phải nằm trong ngoặc kép)"),
    (r"Illegal character '\\n'", "chuỗi chưa có dấu ngoặc kép đóng trước khi hết dòng"),
    (r"(?:Illegal|Found invalid) character (.*)", "có ký tự không được phép {0}"),
)


def _key_text(detail: str) -> str:
    """tomllib names a key as a tuple, ``('office', 'agencies')``; a clerk reads office.agencies."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'", detail) if detail.startswith("(") else []
    return ".".join(parts) if parts else detail


def check_references(loaded: LoadedConfig) -> None:
    """What `desk config check` adds to loading: the office's units exist in the gazetteer.

    A commune code of the right shape that names no commune (a typo, a unit merged away in
    2025) would put a wrong office on every receipt; loading does not check it because
    reading the gazetteer costs the desk's start, `config check` is where IT support looks.
    """
    from desk_app import gazetteer

    office = loaded.settings.office
    places = gazetteer.load()
    text = read_config_text(loaded.path)
    problems: list[tuple[list[str], str]] = []
    try:
        province = places.province(office.province_code)
    except KeyError:
        province = None
        problems.append(
            (
                ["office", "province_code"],
                f"không có tỉnh/thành phố mã {office.province_code} trong danh mục đơn vị hành "
                "chính hiện hành; hãy tra mã tỉnh mới (sau sắp xếp năm 2025)",
            )
        )
    try:
        commune = places.commune(office.commune_code)
    except KeyError:
        problems.append(
            (
                ["office", "commune_code"],
                f"không có xã/phường/đặc khu mã {office.commune_code} trong danh mục đơn vị hành "
                "chính hiện hành; hãy tra mã xã mới (sau sắp xếp năm 2025)",
            )
        )
    else:
        if province is not None and commune.province.code != province.code:
            problems.append(
                (
                    ["office", "commune_code"],
                    f"{commune.name} (mã {commune.code}) thuộc {commune.province.name}, không "
                    f"thuộc {province.name} (province_code = {province.code})",
                )
            )
    if problems:
        lines = []
        for loc, reason in problems:
            line = _line_of(text, loc)
            where = f"dòng {line}, " if line else ""
            lines.append(f"  • {where}khóa {'.'.join(loc)}: {reason}")
        raise ConfigError(
            f"{loaded.path}: cấu hình không hợp lệ ({len(lines)} lỗi):\n" + "\n".join(lines)
        )


def _toml_reason(exc: tomllib.TOMLDecodeError) -> str:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    english = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
    reason = "không đọc được theo cú pháp TOML"
    for pattern, vietnamese in _TOML_REASONS:
        found = re.fullmatch(pattern, english)
        if found:
            reason = vietnamese.format(*(_key_text(g) for g in found.groups()))
            break
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
            inner = node.setdefault(key, {})
            if not isinstance(inner, dict):
                raise ConfigError(f"biến môi trường {name}: {key} không phải là một mục.")
            node = inner
        node[keys[-1]] = _env_value(name, env[name])
        applied.append(name)
    return applied


def _env_value(name: str, value: str) -> Any:
    """Read an override as a TOML value when it is one (numbers, dates, lists), else as text."""
    if len(value) > MAX_BYTES:
        raise ConfigError(f"biến môi trường {name}: giá trị quá dài.")
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return value
    except RecursionError:
        raise ConfigError(f"biến môi trường {name}: các mục lồng nhau quá sâu.") from None


def _describe(err: Any, text: str, path: Path) -> str:
    loc = [str(p) for p in err["loc"]]
    key = ".".join(loc) or "(gốc)"
    kind = err["type"]
    # Our own validators already speak Vietnamese; pydantic's built-in errors are translated.
    reason = _MESSAGES.get(kind) or pydantic_reason(err).rstrip(".").removesuffix("; hãy sửa lại")
    if kind == "extra_forbidden":
        reason += f"; các khóa hợp lệ ở đây: {', '.join(_known_keys(loc[:-1]))}"
    elif kind == "literal_error":
        reason = pydantic_reason(err).rstrip(".")
    elif kind == "string_pattern_mismatch":
        reason += f" (mẫu {err['ctx']['pattern']})"
    if kind not in ("missing",) and "input" in err and not isinstance(err["input"], dict):
        reason += f" — giá trị hiện tại: {_shown(err['input'])}"
    line = _line_of(text, loc)
    where = f"dòng {line}, " if line else ""
    return f"  • {where}khóa {key}: {reason}"


def _shown(value: Any) -> str:
    """A value as desk.toml would write it, cut short: a message is one screen, not a dump."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


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
