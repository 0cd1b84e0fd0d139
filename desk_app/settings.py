"""The settings of one counter desk, as read from desk.toml (see the committed sample).

Pure pydantic models: loading, environment overrides and error messages live in
:mod:`desk_app.config`. Every model forbids unknown keys, so a typo in desk.toml is an error
with its name rather than a setting silently ignored. Validation messages are Vietnamese
because the person who fixes desk.toml is the office's own staff.
"""

from __future__ import annotations

import re
import shlex
import string
import sys
import unicodedata
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal

import platformdirs
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from desk_app.keymap import check_id, flatten_keys, parse_keys
from forms.text import nfc

AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
"""QCVN 102:2016/BTTTT agency code shape ``DDD.DD.DD.LDD``, e.g. ``000.00.17.H56``."""


def _agency_code(value: str) -> str:
    value = value.strip()
    if not AGENCY_CODE_RE.fullmatch(value):
        raise ValueError(
            f"mã cơ quan {value!r} không đúng dạng QCVN 102:2016 DDD.DD.DD.LDD "
            "(ví dụ 000.00.17.H56: ba nhóm chữ số, một chữ cái in hoa và hai chữ số)"
        )
    return value


def _digits(length: int, what: str) -> Callable[[str], str]:
    """A validator for a code of exactly ``length`` ASCII digits."""

    def check(value: str) -> str:
        value = value.strip()
        if not (len(value) == length and value.isascii() and value.isdigit()):
            raise ValueError(f"{what} phải gồm đúng {length} chữ số (ví dụ {'0' * length})")
        return value

    return check


def _text(value: str) -> str:
    value = nfc(" ".join(value.split()))
    if not value:
        raise ValueError("không được để trống")
    return value


Text = Annotated[str, AfterValidator(_text)]
AgencyCode = Annotated[str, AfterValidator(_agency_code)]


class _Section(BaseModel):
    """Unknown keys are refused, and numbers and true/false are ``strict`` where declared:
    pydantic would otherwise read ``number = true`` as desk 1 (a second desk 1 hands out the
    same dossier codes as the first) and ``verify_tls = "no"`` as false."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Agency(_Section):
    """One agency: its QCVN 102 code and its name as printed."""

    code: AgencyCode
    name: Text


class Agencies(_Section):
    """The agencies of the office: who receives, and who decides each procedure (by the role
    a group's data names: ``[[procedure]] agency_role``, ``[[benefit_branch]] agency_role``)."""

    receiving: Agency = Field(
        description="Bộ phận tiếp nhận và trả kết quả (mã dùng trong mã hồ sơ)"
    )
    people_committee: Agency = Field(description="UBND cấp xã: đăng ký khai sinh")
    police: Agency = Field(description="Công an cấp xã: đăng ký thường trú")
    social_insurance: Agency = Field(
        description="Cơ quan BHXH: cấp thẻ BHYT; trợ cấp mai táng, tử tuất theo luật BHXH"
    )
    home_affairs: Agency | None = Field(
        default=None,
        description=(
            "Sở Nội vụ: trợ cấp mai táng, tử tuất đối với người có công với cách mạng; "
            "bỏ trống: cán bộ chọn cơ quan giải quyết khi tiếp nhận"
        ),
    )


class Office(_Section):
    """The one-stop-shop office this desk belongs to."""

    name: Text
    governing_body: Text | None = Field(
        default=None,
        description=(
            "Cơ quan chủ quản của bộ phận một cửa, in ở góc trên bên trái giấy tiếp nhận "
            "(mẫu 01), ví dụ UBND phường Láng; bỏ trống: tên UBND cấp xã (people_committee)"
        ),
    )
    phone: Text | None = Field(
        default=None,
        description=(
            "Số điện thoại của bộ phận một cửa, in trên phiếu yêu cầu bổ sung hồ sơ (mẫu 02) "
            "để công dân gọi khi cần hướng dẫn; bỏ trống: phiếu chỉ ghi tên bộ phận"
        ),
    )
    province_code: Annotated[str, AfterValidator(_digits(2, "mã tỉnh"))]
    commune_code: Annotated[str, AfterValidator(_digits(5, "mã xã"))]
    agencies: Agencies

    @property
    def governing(self) -> str:
        """The authority form 01 names above "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ".

        A commune's one-stop shop belongs to its People's Committee, so that is the default.
        """
        return self.governing_body or self.agencies.people_committee.name


def _no_officer(value: object) -> None:
    raise ValueError(
        "tên cán bộ không còn khai ở desk.toml: cán bộ đăng nhập bằng tài khoản của mình "
        "(tạo bằng `desk officer add`); hãy xóa dòng officer"
    )


class DeskSection(_Section):
    """This counter: its number, which decides its block of dossier codes.

    Who works at it is no longer a setting: the officer signs in (see desk_app.officers).
    ``officer`` is still recognised so that an older desk.toml gets a message saying so,
    rather than a bare "unknown key".
    """

    number: int = Field(
        strict=True, ge=1, le=9, description="Số bàn 1–9: bàn n cấp số thứ tự n001–n999 mỗi ngày"
    )
    officer: Annotated[None, BeforeValidator(_no_officer)] = Field(default=None, exclude=True)


def _data_dir() -> Path:
    return Path(platformdirs.user_data_dir("desk", appauthor=False))


class Paths(_Section):
    """Where the desk keeps its files; relative paths are relative to desk.toml.

    Defaults follow the platform's conventions (platformdirs), so a desk.toml that omits
    [paths] still puts the database somewhere sensible and private to the user.
    """

    database: Path = Field(default_factory=lambda: _data_dir() / "desk.sqlite3")
    attachments: Path = Field(default_factory=lambda: _data_dir() / "attachments")
    receipts: Path = Field(default_factory=lambda: _data_dir() / "receipts")
    scanner_inbox: Path = Field(
        default_factory=lambda: Path(platformdirs.user_documents_dir()) / "scans"
    )


class Central(_Section):
    """The central system the desk syncs with."""

    url: str = Field(pattern=r"^https?://\S+$")
    token_env: str = Field(default="DESK_CENTRAL_TOKEN", pattern=r"^[A-Z_][A-Z0-9_]*$")
    sync_interval: int = Field(default=60, strict=True, ge=5, le=86_400, description="giây")
    batch_size: int = Field(default=50, strict=True, ge=1, le=1000)
    timeout: float = Field(default=10.0, strict=True, gt=0, le=300, description="giây")
    verify_tls: bool = Field(default=True, strict=True)


def _print_command(value: str) -> str:
    """A command that splits into a program and its arguments, as printing will split it."""
    try:
        shlex.split(value, posix=sys.platform != "win32")
    except ValueError as exc:
        quote = "quotation" in str(exc)
        raise ValueError(
            "lệnh in sai cú pháp: "
            + ("thiếu dấu ngoặc kép đóng" if quote else "dấu \\ ở cuối lệnh không có ký tự đi sau")
        ) from None
    return value


class Printing(_Section):
    """How receipts reach paper; an empty command saves the PDF only."""

    command: Annotated[str, AfterValidator(_print_command)] = ""
    paper: Literal["A4", "A5"] = "A4"


QR_FIELDS = frozenset({"code", "lookup_code"})

QR_LONGEST = {"code": "000.00.00.H00-261231-9999", "lookup_code": "ABCDEF"}
"""The longest values a template is filled with: a dossier code (agency code, date, number)
and the 6-character secret lookup code."""

QR_MAX_BYTES = 213
"""The most a receipt's QR code holds: version 10 at medium error correction in byte mode, a
57-module code that prints about 4 cm wide at the receipt's 0.6 mm per module and still reads
with a cheap phone camera. Beyond it the code outgrows the receipt (and past 2,331 bytes no QR
code exists at all): tests/hostile/test_config.py checks this against the QR library."""


def _qr_template(value: str) -> str:
    """A template that makes a readable QR code for every dossier, or a Vietnamese refusal.

    Checked here, not when the first receipt is printed: a field conversion (``{code!r}``),
    a format spec (``{code:>500}``, ``{code:d}``), a control character or a template too long
    for the receipt would otherwise only fail at the counter, in front of a citizen.
    """
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError:
        raise ValueError(
            "mẫu QR sai cú pháp: dấu { hoặc } lẻ (muốn in chính dấu ngoặc thì viết {{ hoặc }})"
        ) from None
    names = {name for _, name, _, _ in parts if name is not None}
    unknown = names - QR_FIELDS
    if unknown or "code" not in names:
        raise ValueError(
            "mẫu QR phải chứa {code} và chỉ dùng {code}, {lookup_code}"
            + (f" (không biết: {', '.join(sorted(unknown))})" if unknown else "")
        )
    if any(spec or conversion for _, name, spec, conversion in parts if name is not None):
        raise ValueError(
            "mẫu QR chỉ dùng {code} và {lookup_code} nguyên dạng, không kèm định dạng "
            "(như {code:>10} hay {code!r})"
        )
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        raise ValueError(
            f"mẫu QR có ký tự điều khiển hoặc ký tự ẩn (U+{ord(bad):04X}); hãy xóa ký tự đó"
        )
    size = len(value.format(**QR_LONGEST).encode("utf-8"))
    if size > QR_MAX_BYTES:
        raise ValueError(
            f"mẫu QR quá dài: khi điền mã hồ sơ, mã QR phải chứa {size} byte, quá giới hạn "
            f"{QR_MAX_BYTES} byte mà biên nhận in được và điện thoại đọc được; hãy rút gọn "
            "địa chỉ tra cứu"
        )
    return value


class Receipt(_Section):
    """What the receipt's QR code holds and how many copies one print job carries."""

    qr_template: Annotated[str, AfterValidator(_qr_template)] = "{code}"
    copies: int = Field(default=2, strict=True, ge=1, le=2)


class Announcement(_Section):
    """An official announcement of days off the desk does not ship yet (data/ has those it knows).

    Same fields as ``data/holiday_announcements.toml``: the office copies what the Ministry of
    Home Affairs announces, and ``tet`` says which year's Lunar New Year it confirms.
    """

    title: Text
    reference: Text | None = None
    source: Text | None = None
    tet: int | None = Field(
        default=None,
        strict=True,
        ge=2000,
        le=2100,
        description="năm có lịch nghỉ Tết Nguyên đán mà thông báo này xác nhận",
    )
    days_off: list[date] = []
    working_days: list[date] = []

    @model_validator(mode="after")
    def _consistent(self) -> Announcement:
        clash = sorted(set(self.days_off) & set(self.working_days))
        if clash:
            raise ValueError(
                "ngày "
                + ", ".join(f"{d:%d/%m/%Y}" for d in clash)
                + " vừa là ngày nghỉ vừa là ngày làm việc; hãy giữ một"
            )
        if self.tet is not None and not any(d.year == self.tet for d in self.days_off):
            raise ValueError(
                f"tet = {self.tet} nhưng days_off không có ngày nào của năm {self.tet}; "
                "hãy ghi các ngày nghỉ Tết theo thông báo"
            )
        return self


class Calendar(_Section):
    """Days the office announces on top of the public holidays."""

    extra_days_off: list[date] = []
    extra_working_days: list[date] = []
    announcement: list[Announcement] = Field(
        default=[],
        description="thông báo nghỉ lễ, Tết chính thức mà phần mềm chưa có",
    )
    appointment_time: time = Field(
        default=time(8, 0),
        description="Giờ hẹn trả kết quả in trên biên nhận (ngày hẹn tính tự động)",
    )
    opens: time = Field(
        default=time(7, 30),
        description="giờ bắt đầu nhận hồ sơ trong ngày làm việc",
    )
    closes: time = Field(
        default=time(17, 0),
        description=(
            "giờ thôi nhận hồ sơ; hồ sơ nhận ngoài giờ được báo trước khi lưu và tính hạn "
            "từ giờ mở cửa của ngày làm việc tiếp theo"
        ),
    )

    @model_validator(mode="after")
    def _hours(self) -> Calendar:
        if self.opens >= self.closes:
            raise ValueError(
                f"giờ mở cửa opens = {self.opens:%H:%M} phải sớm hơn giờ đóng cửa "
                f"closes = {self.closes:%H:%M}"
            )
        return self


class Security(_Section):
    """Sign-in and the idle lock: a counter is a public place.

    Each figure has a floor and a ceiling desk.toml cannot go beyond, because a lax value
    silently weakens every account: more than 10 wrong tries, or a lockout under a minute,
    would let a guesser try passwords almost freely; a screen left open over an hour shows
    citizens' data to whoever passes. The other ends guard against a desk nobody can use
    (a lock every few seconds, an account locked for good by one typo).
    """

    idle_lock_minutes: float = Field(
        default=5,
        strict=True,
        ge=1,
        le=60,
        description="phút không gõ phím thì màn hình tự khóa, che dữ liệu công dân (1–60)",
    )
    max_failed_sign_ins: int = Field(
        default=5,
        strict=True,
        ge=3,
        le=10,
        description="số lần sai mật khẩu liên tiếp thì khóa tài khoản (3–10)",
    )
    lockout_minutes: float = Field(
        default=15,
        strict=True,
        ge=1,
        le=1440,
        description="phút tài khoản bị khóa sau ngần ấy lần sai (1–1440)",
    )


class Serve(_Section):
    """`desk serve`: the desk in a browser (textual-serve), for a counter PC with a kiosk.

    Loopback by default. Another address carries officers' passwords and citizens' data over
    the network, so `desk serve` refuses it unless asked with --allow-network and given a TLS
    certificate and key (here or on the command line); see :mod:`desk_app.serve`.
    """

    host: str = Field(default="127.0.0.1", min_length=1, description="địa chỉ lắng nghe")
    port: int = Field(default=8000, strict=True, ge=1, le=65_535, description="cổng")
    certfile: Path | None = Field(default=None, description="chứng chỉ TLS (PEM)")
    keyfile: Path | None = Field(default=None, description="khóa riêng của chứng chỉ (PEM)")


class Settings(_Section):
    """Everything one desk needs to run."""

    office: Office
    desk: DeskSection
    paths: Paths = Field(default_factory=Paths)
    central: Central
    printing: Printing = Printing()
    receipt: Receipt = Receipt()
    calendar: Calendar = Calendar()
    security: Security = Security()
    serve: Serve = Serve()
    keys: Annotated[
        dict[Annotated[str, AfterValidator(check_id)], Annotated[str, BeforeValidator(parse_keys)]],
        BeforeValidator(flatten_keys),
    ] = Field(
        default_factory=dict,
        description="phím thay cho phím mặc định: mã phím = phím (desk_app.keymap)",
    )
