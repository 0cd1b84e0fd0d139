"""The people on the birth declaration: requester, child, mother, father.

Each model checks what one person's own fields can tell (an ID number that contradicts the date
of birth, an ID issued before its holder was born, a child over 6). Rules that need two people
at once (a parent's age at the birth, which parents the birth case allows) live with the
procedure group in :mod:`forms.birth_interlink`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from forms.address import VIETNAM, Address, Residence
from forms.choices import IdKind, Relation, Sex
from forms.errors import Issue, fail, raise_issues
from forms.fields import (
    EthnicityCode,
    Name,
    NationalityCode,
    OptionalEmail,
    OptionalPastDate,
    OptionalYear,
    PastDate,
    Phone,
    optional_single_line,
    received_on,
    vn,
)
from forms.identity import IdentityDocument, personal_id_problem

CHILD_AGE_LIMIT = 6
"""The interlink serves children under 6 on the day the dossier is received (Decree 63/2024)."""


def anniversary(born: date, years: int) -> date:
    """The day ``born`` turns ``years`` old; a 29 February birthday falls on 1 March."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def identity_issues(
    document: IdentityDocument | None, birth_year: int | None, born: date | None, sex: Sex
) -> list[Issue]:
    """Problems between a person's identity document and their date of birth and sex."""
    if document is None:
        return []
    issues: list[Issue] = []
    if document.kind is IdKind.PERSONAL_ID:
        problem = personal_id_problem(document.number, birth_year=birth_year, sex=sex)
        if problem is not None:
            issues.append(
                Issue(("id_document", "number"), problem.code, problem.context, document.number)
            )
    if born is not None and document.issued_on is not None and document.issued_on < born:
        issues.append(Issue(("id_document", "issued_on"), "issued_before_birth"))
    return issues


_NAME = Field(
    title="Họ, chữ đệm và tên",
    description="Ghi đủ họ, chữ đệm và tên, có dấu, như trên giấy tờ; khi in sẽ tự viết hoa.",
)
_ETHNICITY = Field(title="Dân tộc", description="Chọn dân tộc; lưu theo mã 2 chữ số chính thức.")
_NATIONALITY = Field(
    VIETNAM, title="Quốc tịch", description="Mặc định Việt Nam; lưu theo mã quốc gia 2 chữ cái."
)


class RequesterBase(BaseModel):
    """Người yêu cầu, whatever the group: who asks for the procedures, checked against the
    population database. Every group's requester has these fields (so a chip ID scan, the
    identity check and the checklist facts read any of them the same way); a group's own
    subclass gives the relation its own list (:attr:`relation`, :attr:`RELATION_SEX`,
    :attr:`RELATION_WORDS`) and may add fields and checks (:meth:`_own_issues`)."""

    model_config = ConfigDict(extra="forbid", title="Người yêu cầu")
    RELATION_SEX: ClassVar[Mapping[Any, Sex]] = {}
    """The sex a relation implies, checked against the requester's."""
    RELATION_WORDS: ClassVar[Mapping[Any, str]] = {}
    """How a message names a relation that implies a sex, inside a sentence."""

    full_name: Name = _NAME
    date_of_birth: PastDate = Field(title="Ngày sinh", description="Ngày sinh của người yêu cầu.")
    sex: Sex = Field(title="Giới tính", description="Nam hoặc Nữ, như trên giấy tờ.")
    id_document: IdentityDocument = Field(
        title="Giấy tờ tùy thân",
        description=(
            "Thẻ căn cước, căn cước công dân (số định danh 12 số) hoặc hộ chiếu còn hạn; "
            "CMND 9 số hết giá trị từ 01/01/2025."
        ),
    )
    residence: Residence = Field(title="Nơi cư trú", description="Nơi cư trú của người yêu cầu.")
    relation: StrEnum
    """The group's own list (each subclass declares it with its title); "other" needs
    :attr:`relation_other`."""
    relation_other: Annotated[str | None, optional_single_line(60)] = Field(
        None, title="Quan hệ khác", description="Ghi rõ quan hệ khi chọn «Khác»."
    )
    authorised: bool = Field(
        False,
        title="Yêu cầu theo ủy quyền",
        description="Đánh dấu khi người yêu cầu làm thủ tục theo ủy quyền của người khác.",
    )
    phone: Phone = Field(
        title="Số điện thoại", description="Di động 10 số bắt đầu bằng 0, máy bàn 02…, hoặc +84…"
    )
    email: OptionalEmail = Field(None, title="Email", description="Không bắt buộc.")
    verified: bool = Field(
        False,
        title="Đã xác thực với CSDLQG về dân cư",
        description="Đã đối chiếu số định danh, họ tên, ngày sinh với Cơ sở dữ liệu quốc gia.",
    )
    scanned: bool = Field(
        False,
        title="Điền từ mã QR thẻ căn cước",
        description="Thông tin được điền bằng cách quét mã QR trên thẻ căn cước.",
    )

    def _own_issues(self) -> list[Issue]:
        """A group's own checks of its requester's fields, reported with the shared ones."""
        return []

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        issues = identity_issues(
            self.id_document, self.date_of_birth.year, self.date_of_birth, self.sex
        )
        other = self.relation == Relation.OTHER.value
        if other and self.relation_other is None:
            issues.append(Issue(("relation_other",), "relation_other_required"))
        if not other and self.relation_other is not None:
            issues.append(Issue(("relation_other",), "relation_other_unused"))
        issues += self._own_issues()
        expected = self.RELATION_SEX.get(self.relation)
        if expected is not None and self.sex is not expected:
            issues.append(
                Issue(
                    ("relation",),
                    "requester_parent_sex",
                    {"parent": self.RELATION_WORDS[self.relation], "sex": self.sex.label},
                )
            )
        raise_issues(type(self).__name__, issues)
        return self


class Requester(RequesterBase):
    """Người yêu cầu of the birth declaration: a parent, a relative or a guardian of the child."""

    RELATION_SEX: ClassVar[Mapping[Any, Sex]] = {
        Relation.FATHER: Sex.MALE,
        Relation.MOTHER: Sex.FEMALE,
    }
    RELATION_WORDS: ClassVar[Mapping[Any, str]] = {
        Relation.FATHER: "cha",
        Relation.MOTHER: "mẹ",
    }

    relation: Relation = Field(
        title="Quan hệ với người được khai sinh",
        description="Cha, mẹ, ông, bà, người giám hộ, người thân thích khác hoặc quan hệ khác.",
    )
    authorised: bool = Field(
        False,
        title="Yêu cầu theo ủy quyền",
        description=(
            "Đánh dấu khi người yêu cầu làm thủ tục theo ủy quyền của người khác: khi đó cần văn "
            "bản ủy quyền. Ông, bà, người thân thích, người đang nuôi dưỡng trẻ tự đứng ra đăng "
            "ký khai sinh thì không cần (Luật Hộ tịch 2014, điều 15)."
        ),
    )


def parent_word(relation: Relation | Sex) -> str:
    """ "cha" or "mẹ", for messages."""
    return "cha" if relation in (Relation.FATHER, Sex.MALE) else "mẹ"


class BirthPlace(BaseModel):
    """Nơi sinh: the health facility's name and address when born in one, else the address."""

    model_config = ConfigDict(extra="forbid", title="Nơi sinh")

    facility_name: Annotated[str | None, optional_single_line(200)] = Field(
        None,
        title="Tên cơ sở y tế",
        description="Tên bệnh viện, trạm y tế nơi trẻ sinh ra; để trống nếu sinh ngoài cơ sở y tế.",
    )
    address: Address = Field(title="Địa chỉ nơi sinh", description="Địa chỉ nơi trẻ sinh ra.")


class Child(BaseModel):
    """Người được khai sinh: the child, under 6 on the day the dossier is received."""

    model_config = ConfigDict(extra="forbid", title="Người được khai sinh")

    full_name: Name = _NAME
    date_of_birth: PastDate = Field(
        title="Ngày, tháng, năm sinh",
        description="Ngày sinh theo giấy chứng sinh; tờ khai in thêm ngày sinh bằng chữ.",
    )
    sex: Sex = Field(title="Giới tính", description="Nam hoặc Nữ.")
    ethnicity: EthnicityCode = _ETHNICITY
    nationality: NationalityCode = _NATIONALITY
    place_of_birth: BirthPlace = Field(title="Nơi sinh", description="Nơi trẻ sinh ra.")
    home_town: Annotated[str | None, optional_single_line(200)] = Field(
        None,
        title="Quê quán",
        description=(
            "Bắt buộc (Luật Hộ tịch 2014, điều 14): quê của cha hoặc mẹ theo thỏa thuận hoặc "
            "tập quán; khi chưa xác định được cha, mẹ thì theo nơi đăng ký khai sinh."
        ),
    )
    birth_certificate_number: Annotated[str | None, optional_single_line(30)] = Field(
        None,
        title="Số giấy chứng sinh",
        description="Số ghi trên giấy chứng sinh do cơ sở y tế cấp, nếu có.",
    )

    @model_validator(mode="after")
    def _required_content(self, info: ValidationInfo) -> Child:
        # Required of every dossier received now; dossiers stored before the rule still load.
        if self.home_town is None and received_on(info) is not None:
            raise_issues("Child", [Issue(("home_town",), "required")])
        return self

    @field_validator("date_of_birth")
    @classmethod
    def _under_six(cls, born: date, info: ValidationInfo) -> date:
        received = received_on(info)
        if received is not None:
            sixth = anniversary(born, CHILD_AGE_LIMIT)
            if received >= sixth:
                raise fail("child_over_six", sixth=vn(sixth), received=vn(received))
        return born


class Parent(BaseModel):
    """Mother or father as the birth declaration records them.

    Older citizens sometimes know only their year of birth, so either the date or the year is
    enough; a personal ID number is then checked against the year.
    """

    model_config = ConfigDict(extra="forbid")
    SEX: ClassVar[Sex]

    full_name: Name = _NAME
    date_of_birth: OptionalPastDate = Field(
        None, title="Ngày sinh", description="Ngày sinh; nếu chỉ biết năm sinh, nhập năm sinh."
    )
    year_of_birth: OptionalYear = Field(
        None, title="Năm sinh", description="Chỉ nhập khi không biết ngày sinh đầy đủ."
    )
    ethnicity: EthnicityCode | None = Field(
        None,
        title="Dân tộc",
        description="Chọn dân tộc (mã 2 chữ số); để trống nếu là người nước ngoài.",
    )
    nationality: NationalityCode = _NATIONALITY
    residence: Residence = Field(title="Nơi cư trú", description="Nơi cư trú hiện nay.")
    id_document: IdentityDocument | None = Field(
        None,
        title="Giấy tờ tùy thân",
        description=(
            "Số định danh cá nhân (12 số) hoặc hộ chiếu (người nước ngoài), nếu có; CMND 9 số "
            "hết giá trị từ 01/01/2025."
        ),
    )

    @property
    def birth_year(self) -> int | None:
        """The year of birth, from the date when known."""
        return self.date_of_birth.year if self.date_of_birth is not None else self.year_of_birth

    @model_validator(mode="after")
    def _consistent(self) -> Parent:
        issues: list[Issue] = []
        if self.ethnicity is None and self.nationality == VIETNAM:
            issues.append(Issue(("ethnicity",), "required"))
        if self.date_of_birth is None and self.year_of_birth is None:
            issues.append(Issue(("date_of_birth",), "birth_date_missing"))
        if (
            self.date_of_birth is not None
            and self.year_of_birth is not None
            and self.year_of_birth != self.date_of_birth.year
        ):
            issues.append(
                Issue(
                    ("year_of_birth",),
                    "birth_year_mismatch",
                    {"year": self.date_of_birth.year},
                    self.year_of_birth,
                )
            )
        issues += identity_issues(self.id_document, self.birth_year, self.date_of_birth, self.SEX)
        raise_issues(type(self).__name__, issues)
        return self


class Mother(Parent):
    """Người mẹ."""

    model_config = ConfigDict(title="Người mẹ")
    SEX: ClassVar[Sex] = Sex.FEMALE


class Father(Parent):
    """Người cha."""

    model_config = ConfigDict(title="Người cha")
    SEX: ClassVar[Sex] = Sex.MALE
