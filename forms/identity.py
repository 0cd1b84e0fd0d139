"""Personal identification numbers and identity documents.

A personal ID number (số định danh cá nhân, printed on the chip ID card) has 12 digits:
3 for the province or country where the birth was registered, 1 for century and sex, 2 for the
year of birth, 6 random. So it must agree with the holder's date of birth and sex, and an
officer who mistypes a digit usually gets caught here (DOMAIN.md §7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from forms.choices import IdKind, Sex
from forms.errors import Issue, fail, raise_issues
from forms.fields import OptionalPastDate, optional_single_line, received_on, single_line

OLD_ID_VALID_UNTIL: Final = date(2024, 12, 31)
"""Every 9-digit CMND lost its validity on 1 Jan 2025 (Law on Identification 2023, art. 46):
from then on it identifies nobody, though its number may still be recorded as an old one."""

# Province-of-birth-registration codes: the legacy (pre-2025) province codes of the General
# Statistics Office with a leading 0, as listed in the annex of Circular 07/2016/TT-BCA,
# replaced by Circular 59/2021/TT-BCA. They are facts of the number itself and do not change
# with the 2025 merger of provinces, so they live here rather than in data/.
ID_PROVINCES: Final[dict[str, str]] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

# The fourth digit: (first year of its century, sex). 0/1 1900s, 2/3 2000s, 4/5 2100s...
_CENTURY_SEX: Final[dict[str, tuple[int, Sex]]] = {
    str(d): (1900 + 100 * (d // 2), Sex.MALE if d % 2 == 0 else Sex.FEMALE) for d in range(10)
}
_TWELVE = re.compile(r"[0-9]{12}")
_NINE = re.compile(r"[0-9]{9}")
_PASSPORT = re.compile(r"(?=.*[0-9])[A-Z0-9]{6,9}")


@dataclass(frozen=True)
class IdProblem:
    """Why a personal ID number was refused: a message code and its context."""

    code: str
    context: dict[str, object]


def personal_id_problem(
    number: str, *, birth_year: int | None = None, sex: Sex | None = None
) -> IdProblem | None:
    """Check a 12-digit personal ID number; return the first problem, or ``None`` if it holds.

    The shape and province code are always checked; the century/sex digit and year digits are
    checked against ``birth_year`` and ``sex`` when the form knows them.
    """
    if not _TWELVE.fullmatch(number):
        return IdProblem("id_digits", {})
    if number[:3] not in ID_PROVINCES:
        return IdProblem("id_province", {"code": number[:3]})
    first, encoded_sex = _CENTURY_SEX[number[3]]
    if birth_year is not None:
        if not first <= birth_year <= first + 99:
            return IdProblem(
                "id_century",
                {"digit": number[3], "first": first, "last": first + 99, "year": birth_year},
            )
        if number[4:6] != f"{birth_year % 100:02d}":
            return IdProblem(
                "id_year", {"digits": number[4:6], "expected": f"{birth_year % 100:02d}"}
            )
    if sex is not None and sex is not encoded_sex:
        return IdProblem(
            "id_sex", {"digit": number[3], "encoded": encoded_sex.label, "declared": sex.label}
        )
    return None


def personal_id_for(province: str, birth_year: int, sex: Sex, serial: int) -> str:
    """Compose a personal ID number; used by tests and demo data, never to invent a real one."""
    digit = (birth_year - 1900) // 100 * 2 + (0 if sex is Sex.MALE else 1)
    return f"{province}{digit}{birth_year % 100:02d}{serial:06d}"


def document_problem(kind: IdKind, number: str) -> str | None:
    """Check a document number's shape for its kind; return a message code or ``None``."""
    if kind is IdKind.PERSONAL_ID:
        problem = personal_id_problem(number)
        return problem.code if problem is not None else None
    if kind is IdKind.OLD_ID:
        return None if _NINE.fullmatch(number) else "old_id_digits"
    return None if _PASSPORT.fullmatch(number) else "passport"


def _without_spaces(value: object) -> object:
    # Officers type numbers in the groups they read aloud; the spaces are not part of them.
    return value.replace(" ", "").upper() if isinstance(value, str) else value


def _checked_personal_id(value: str) -> str:
    problem = personal_id_problem(value)
    if problem is not None:
        raise fail(problem.code, **problem.context)
    return value


PersonalIdNumber = Annotated[
    str, single_line(20), BeforeValidator(_without_spaces), AfterValidator(_checked_personal_id)
]
"""A 12-digit personal ID number checked for shape and province (no date of birth known)."""


def _checked_optional_personal_id(value: str | None) -> str | None:
    return None if value is None else _checked_personal_id(value)


OptionalPersonalIdNumber = Annotated[
    str | None,
    optional_single_line(20),
    BeforeValidator(_without_spaces),
    AfterValidator(_checked_optional_personal_id),
]
"""A :data:`PersonalIdNumber` that may be left empty."""


class IdentityDocument(BaseModel):
    """An identity document as declared: kind, number, when and by whom it was issued.

    Only the shape is checked here; the person who holds the document checks that a personal
    ID number agrees with their date of birth and sex.
    """

    model_config = ConfigDict(extra="forbid", title="Giấy tờ tùy thân")

    kind: IdKind = Field(
        IdKind.PERSONAL_ID,
        title="Loại giấy tờ",
        description=(
            "Số định danh cá nhân (thẻ căn cước, căn cước công dân) hoặc hộ chiếu; CMND 9 số "
            "hết giá trị từ 01/01/2025."
        ),
    )
    number: Annotated[str, single_line(20), BeforeValidator(_without_spaces)] = Field(
        title="Số giấy tờ",
        description="Số định danh 12 số, số CMND 9 số hoặc số hộ chiếu, đúng như trên giấy tờ.",
    )
    issued_on: OptionalPastDate = Field(
        None, title="Ngày cấp", description="Ngày cấp ghi trên giấy tờ (ngày/tháng/năm)."
    )
    issued_by: Annotated[str | None, optional_single_line(200)] = Field(
        None, title="Nơi cấp", description="Cơ quan cấp ghi trên giấy tờ."
    )

    @model_validator(mode="after")
    def _shape(self, info: ValidationInfo) -> IdentityDocument:
        issues: list[Issue] = []
        received = received_on(info)
        if self.kind is IdKind.OLD_ID and received is not None and received > OLD_ID_VALID_UNTIL:
            # Only a dossier received today is refused: one stored before 2025 still loads.
            issues.append(Issue(("kind",), "old_id_expired", {}, self.kind.value))
        if self.kind is IdKind.PERSONAL_ID:
            problem = personal_id_problem(self.number)
            if problem is not None:
                issues.append(Issue(("number",), problem.code, problem.context, self.number))
        elif (code := document_problem(self.kind, self.number)) is not None:
            issues.append(Issue(("number",), code, {}, self.number))
        raise_issues("IdentityDocument", issues)
        return self
