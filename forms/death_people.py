"""Sections I and II of the death declaration: the requester, the deceased and the death.

Each model checks what its own fields can tell (an ID number against the date of birth and sex,
a "not issued" tick against a filled death notice, the "same as last residence" tick against a
place of death). Rules that need two sections (death after birth, who may request, a spouse of
the same sex) live with the group in :mod:`forms.death_interlink`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from forms.address import VIETNAM, Address, Residence
from forms.choices import DeathCause, DeathNoticeKind, DeathRelation, IdKind, Sex
from forms.death_fields import (
    OptionalTimeOfDay,
    PaperNumber,
    PartialDate,
    partial_bounds,
    partial_year,
)
from forms.errors import Issue, raise_issues
from forms.fields import (
    EthnicityCode,
    Name,
    NationalityCode,
    PastDate,
    optional_single_line,
    single_line,
)
from forms.identity import IdentityDocument, document_problem, personal_id_problem
from forms.people import RequesterBase, identity_issues

_NAME = Field(
    title="Họ, chữ đệm và tên",
    description="Ghi đủ họ, chữ đệm và tên, có dấu, như trên giấy tờ; khi in sẽ tự viết hoa.",
)


RELATION_SEX: dict[DeathRelation, Sex] = {
    DeathRelation.WIFE: Sex.FEMALE,
    DeathRelation.HUSBAND: Sex.MALE,
    DeathRelation.FATHER: Sex.MALE,
    DeathRelation.MOTHER: Sex.FEMALE,
    DeathRelation.GRANDFATHER: Sex.MALE,
    DeathRelation.GRANDMOTHER: Sex.FEMALE,
}
"""The sex a relation implies, checked against the requester's."""

RELATION_WORDS: dict[DeathRelation, str] = {
    DeathRelation.WIFE: "vợ",
    DeathRelation.HUSBAND: "chồng",
    DeathRelation.FATHER: "cha",
    DeathRelation.MOTHER: "mẹ",
    DeathRelation.GRANDFATHER: "ông",
    DeathRelation.GRANDMOTHER: "bà",
    DeathRelation.CHILD: "con",
    DeathRelation.GRANDCHILD: "cháu",
}
"""How a message names a relation inside a sentence."""


class DeathRequester(RequesterBase):
    """Người yêu cầu of the death declaration: the shared requester (:class:`RequesterBase`, so
    a chip ID scan fills either group's), with the relation to the deceased and, for an agency
    or organisation, whom it acts for."""

    RELATION_SEX: ClassVar[Mapping[Any, Sex]] = RELATION_SEX
    RELATION_WORDS: ClassVar[Mapping[Any, str]] = RELATION_WORDS

    relation: DeathRelation = Field(
        title="Quan hệ với người chết",
        description=(
            "Vợ, chồng, con, cha, mẹ hoặc người thân thích khác; cơ quan, tổ chức khi người chết "
            "không có người thân thích; «Khác» khi làm theo ủy quyền."
        ),
    )
    organisation_name: Annotated[str | None, optional_single_line(200)] = Field(
        None,
        title="Tên cơ quan, tổ chức",
        description=(
            "Cơ quan, tổ chức mà người yêu cầu đại diện khi người chết không có người thân."
        ),
    )
    no_relative: bool = Field(
        False,
        title="Người chết không có người thân thích",
        description="Đánh dấu khi cơ quan, tổ chức đứng ra khai tử vì người chết không có ai thân.",
    )
    authorised: bool = Field(
        False,
        title="Yêu cầu theo ủy quyền",
        description=(
            "Đánh dấu khi người yêu cầu làm thủ tục theo ủy quyền của người thân thích: khi đó "
            "cần văn bản ủy quyền."
        ),
    )

    def _own_issues(self) -> list[Issue]:
        """An organisation names itself; nobody else does."""
        organisation = self.relation is DeathRelation.ORGANISATION
        if organisation and self.organisation_name is None:
            return [Issue(("organisation_name",), "organisation_name_required")]
        if not organisation and self.organisation_name is not None:
            return [Issue(("organisation_name",), "organisation_name_unused")]
        return []


class RecordedIdentityDocument(IdentityDocument):
    """The deceased's identity document as recorded, not as presented at the counter today.

    A 9-digit CMND lost its validity on 1 Jan 2025 as a document to identify a living person;
    a person who died holding one still had it, so it is recorded, not refused.
    """

    model_config = ConfigDict(extra="forbid", title="Giấy tờ tùy thân")

    @model_validator(mode="after")
    def _shape(self, info: ValidationInfo) -> RecordedIdentityDocument:
        issues: list[Issue] = []
        if self.kind is IdKind.PERSONAL_ID:
            problem = personal_id_problem(self.number)
            if problem is not None:
                issues.append(Issue(("number",), problem.code, problem.context, self.number))
        elif (code := document_problem(self.kind, self.number)) is not None:
            issues.append(Issue(("number",), code, {}, self.number))
        raise_issues("RecordedIdentityDocument", issues)
        return self


class Deceased(BaseModel):
    """Người chết: who died, as the death declaration records them (section II)."""

    model_config = ConfigDict(extra="forbid", title="Người chết")

    full_name: Name = _NAME
    date_of_birth: PartialDate = Field(
        title="Ngày, tháng, năm sinh",
        description="Ngày/tháng/năm, tháng/năm hoặc chỉ năm sinh, theo giấy tờ của người chết.",
    )
    sex: Sex = Field(title="Giới tính", description="Nam hoặc Nữ.")
    id_document: RecordedIdentityDocument | None = Field(
        None,
        title="Giấy tờ tùy thân",
        description=(
            "Số định danh cá nhân, CMND hoặc hộ chiếu của người chết, ngày cấp, nơi cấp; "
            "để trống nếu người chết không có."
        ),
    )
    nationality: NationalityCode = Field(
        VIETNAM, title="Quốc tịch", description="Mặc định Việt Nam; lưu theo mã quốc gia 2 chữ cái."
    )
    ethnicity: EthnicityCode | None = Field(
        None,
        title="Dân tộc",
        description="Chọn dân tộc (mã 2 chữ số); để trống nếu là người nước ngoài.",
    )
    last_residence: Residence = Field(
        title="Nơi cư trú cuối cùng",
        description="Nơi thường trú, tạm trú hoặc nơi ở hiện tại cuối cùng của người chết.",
    )

    @property
    def birth_year(self) -> int:
        """The year of birth, whatever part of the date is known."""
        return partial_year(self.date_of_birth)

    @property
    def born_by(self) -> date:
        """The last day the birth may have been on (31/12 when only the year is known)."""
        return partial_bounds(self.date_of_birth)[1]

    @model_validator(mode="after")
    def _consistent(self) -> Deceased:
        issues: list[Issue] = []
        if self.ethnicity is None and self.nationality == VIETNAM:
            issues.append(Issue(("ethnicity",), "required"))
        first, last = partial_bounds(self.date_of_birth)
        issues += identity_issues(
            self.id_document, self.birth_year, first if first == last else None, self.sex
        )
        raise_issues("Deceased", issues)
        return self


class DeathPlace(BaseModel):
    """Nơi chết: the health facility's name when the death happened there, and the address."""

    model_config = ConfigDict(extra="forbid", title="Nơi chết")

    facility_name: Annotated[str | None, optional_single_line(200)] = Field(
        None,
        title="Tên cơ sở y tế",
        description=(
            "Tên bệnh viện, trạm y tế nơi người đó chết; để trống nếu chết ngoài cơ sở y tế."
        ),
    )
    address: Address = Field(title="Địa chỉ nơi chết", description="Địa chỉ nơi người đó chết.")


class DeathNotice(BaseModel):
    """Giấy báo tử or the paper that replaces it, as the e-form records it."""

    model_config = ConfigDict(extra="forbid", title="Giấy báo tử")

    kind: DeathNoticeKind = Field(
        DeathNoticeKind.NOTICE,
        title="Loại giấy",
        description=(
            "Giấy báo tử, hoặc giấy tờ thay thế (biên bản của công an, kết luận giám định…)."
        ),
    )
    number: PaperNumber = Field(
        title="Số giấy báo tử", description="Số ghi trên giấy, ví dụ 01/UBND-GBT."
    )
    issued_on: PastDate = Field(title="Ngày cấp", description="Ngày cấp ghi trên giấy.")
    issued_by: Annotated[str, single_line(200)] = Field(
        title="Nơi cấp",
        description="Cơ sở y tế, cơ quan công an, tổ chức giám định hoặc UBND cấp xã đã cấp.",
    )


class DeathEvent(BaseModel):
    """The death itself: when, where, why, what paper says so, and copies of the extract."""

    model_config = ConfigDict(extra="forbid", title="Thông tin về việc chết")

    date_of_death: PastDate = Field(
        title="Ngày chết", description="Ngày, tháng, năm chết theo giấy báo tử."
    )
    time_of_death: OptionalTimeOfDay = Field(
        None,
        title="Giờ, phút chết",
        description="Giờ:phút theo 24 giờ (ví dụ 18:15); để trống nếu không rõ.",
    )
    same_place_as_residence: bool = Field(
        False,
        title="Nơi chết là nơi cư trú cuối cùng",
        description="Đánh dấu khi người đó chết tại nơi cư trú cuối cùng.",
    )
    place: DeathPlace | None = Field(
        None, title="Nơi chết", description="Bỏ trống khi chết tại nơi cư trú cuối cùng."
    )
    cause: DeathCause = Field(title="Nguyên nhân chết", description="Chọn trong danh sách.")
    cause_other: Annotated[str | None, optional_single_line(200)] = Field(
        None, title="Nguyên nhân khác", description="Ghi rõ nguyên nhân khi chọn «Khác»."
    )
    notice_not_issued: bool = Field(
        False,
        title="Chưa được cấp giấy báo tử",
        description=(
            "Đánh dấu khi không có giấy báo tử (người chết đã lâu): khi đó nộp giấy tờ chứng "
            "minh sự kiện chết."
        ),
    )
    notice: DeathNotice | None = Field(
        None,
        title="Giấy báo tử",
        description="Giấy báo tử hoặc giấy tờ thay thế; bỏ trống khi chưa được cấp.",
    )
    extract_copies: int = Field(
        0,
        ge=0,
        le=20,
        title="Số bản sao trích lục khai tử",
        description="Số bản sao trích lục khai tử công dân đề nghị cấp thêm (0 nếu không cần).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> DeathEvent:
        issues: list[Issue] = []
        if self.same_place_as_residence and self.place is not None:
            issues.append(Issue(("place",), "death_place_unused"))
        if not self.same_place_as_residence and self.place is None:
            issues.append(Issue(("place",), "death_place_required"))
        other = self.cause is DeathCause.OTHER
        if other and self.cause_other is None:
            issues.append(Issue(("cause_other",), "cause_other_required"))
        if not other and self.cause_other is not None:
            issues.append(Issue(("cause_other",), "cause_other_unused"))
        if self.notice_not_issued and self.notice is not None:
            issues.append(Issue(("notice",), "death_notice_unused"))
        if not self.notice_not_issued and self.notice is None:
            issues.append(Issue(("notice",), "death_notice_required"))
        if self.notice is not None and self.notice.issued_on < self.date_of_death:
            issues.append(
                Issue(
                    ("notice", "issued_on"),
                    "issued_before_death",
                    {"died": self.date_of_death.strftime("%d/%m/%Y")},
                )
            )
        raise_issues("DeathEvent", issues)
        return self
