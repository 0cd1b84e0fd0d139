"""Command lines in Vietnamese: argparse's own sentences translated, numbers bounded.

argparse writes its usage line, help headings and errors in English ("usage:", "error:
argument --limit: invalid int value", "the following arguments are required"). Every one of
those sentences goes through argparse's module-level ``_``/``ngettext`` (its gettext hooks);
:class:`VietnameseParser` points those hooks at :data:`ARGPARSE` while it builds, parses or
formats, and puts them back afterwards, so nothing else in the process is affected. A test
walks argparse's source and fails if a sentence of a newer Python has no translation here.

It lives in ``forms`` (the layer everything may import) because both `desk` and the reference
central's own `python -m central` parse command lines, and central does not import desk_app.

Numbers from a command line are bounded (:func:`whole`, :func:`decimal`): ``int()`` accepts any
length of digits, and ``--limit 9223372036854775808`` would otherwise reach SQLite and crash
there. The refusal names the option and the range, in Vietnamese.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

ARGPARSE: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "subcommands": "lệnh con",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "còn thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s (xem --help)",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "không có lựa chọn %(value)r; chọn một trong: %(choices)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r; các lệnh: %(choices)s"
    ),
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "expected one argument": "cần một giá trị đi kèm",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ: có thể là %(matches)s; hãy gõ đủ tên"
    ),
    "unexpected option string: %s": "tùy chọn %s không đúng chỗ",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
    # Mistakes of the program, not of the person typing; translated all the same.
    ".__call__() not defined": ".__call__() chưa được định nghĩa",
    "'required' is an invalid argument for positionals": (
        "'required' không dùng được cho tham số vị trí"
    ),
    "mutually exclusive arguments must be optional": "các tham số loại trừ nhau phải là tùy chọn",
    "cannot merge actions - two groups are named %r": "không gộp được: hai nhóm cùng tên %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "tên tùy chọn %(option)r phải bắt đầu bằng %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "tùy chọn như %r cần dest=",
    "invalid conflict_resolution value: %r": "giá trị conflict_resolution %r không hợp lệ",
    "conflicting option string: %s": "tên tùy chọn trùng: %s",
    "conflicting option strings: %s": "tên tùy chọn trùng: %s",
    "cannot have multiple subparser arguments": "chỉ được có một nhóm lệnh con",
    "%r is not callable": "%r không gọi được",
    "conflicting subparser: %s": "lệnh con trùng: %s",
    "conflicting subparser alias: %s": "tên khác của lệnh con bị trùng: %s",
    'argument "-" with mode %r': 'tham số "-" với chế độ %r',
}
"""Every sentence argparse passes through ``_``/``ngettext``, and its Vietnamese."""


def _translate(message: str) -> str:
    return ARGPARSE.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


@contextmanager
def _vietnamese() -> Iterator[None]:
    """argparse's gettext hooks point at :data:`ARGPARSE` for the duration."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _ntranslate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def printable(text: str) -> str:
    """``text`` safe to write to a terminal: control characters (an ESC sequence typed into an
    argument, a file name) are shown as ``\\x1b``, never obeyed; undecodable bytes as �."""
    out = []
    for char in text:
        if char in "\n\t":
            out.append(char)
        elif 0xD800 <= ord(char) <= 0xDFFF:
            out.append("\ufffd")
        elif unicodedata.category(char) in ("Cc", "Cf") and char != "\u200d":
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


class VietnameseParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Vietnamese; subcommands inherit it.

    An error prints the usage line and one sentence naming the option, then exits with 2,
    as argparse does; text a person typed is echoed without its control characters.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _vietnamese():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """As argparse's (its default help texts translated)."""
        with _vietnamese():
            return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """As argparse's; the subcommands' parsers are Vietnamese too."""
        with _vietnamese():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> Any:  # type: ignore[override]
        """As argparse's, with Vietnamese errors."""
        with _vietnamese():
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        """As argparse's, with Vietnamese errors."""
        with _vietnamese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        """The usage line, in Vietnamese."""
        with _vietnamese():
            return super().format_usage()

    def format_help(self) -> str:
        """The help, in Vietnamese."""
        with _vietnamese():
            return super().format_help()

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(printable(message), file)

    def error(self, message: str) -> NoReturn:
        """The usage line and one Vietnamese sentence on stderr; exit status 2."""
        self.print_usage(sys.stderr)
        self.exit(
            2, ARGPARSE["%(prog)s: error: %(message)s\n"] % {"prog": self.prog, "message": message}
        )


_WHOLE = re.compile(r"[+-]?[0-9]+")


def whole(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high``, else a Vietnamese refusal."""

    def parse(text: str) -> int:
        digits = text.strip()
        if not _WHOLE.fullmatch(digits):
            raise argparse.ArgumentTypeError(f"cần một số nguyên, không phải {text!r}")
        if len(digits) > 19 or not low <= int(digits) <= high:  # int() of a huge text is slow
            raise argparse.ArgumentTypeError(_range(low, high, "số nguyên"))
        return int(digits)

    parse.__name__ = "số nguyên"
    return parse


def decimal(low: float, high: float) -> Callable[[str], float]:
    """An argparse ``type``: a finite number from ``low`` to ``high`` (a dot before decimals)."""

    def parse(text: str) -> float:
        try:
            value = float(text.strip()) if len(text) <= 32 else math.nan
        except ValueError:
            raise argparse.ArgumentTypeError(f"cần một số, không phải {text!r}") from None
        if not (math.isfinite(value) and low <= value <= high):
            raise argparse.ArgumentTypeError(_range(low, high))
        return value

    parse.__name__ = "số"
    return parse


def _range(low: float, high: float, what: str = "số") -> str:
    def shown(value: float) -> str:
        return str(value) if isinstance(value, int) else f"{value:g}"

    return f"cần một {what} từ {shown(low)} đến {shown(high)}"
