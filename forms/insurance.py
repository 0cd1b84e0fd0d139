"""The health-insurance declaration (TK1-TS) for the card of a child under 6."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forms.choices import CardHolder
from forms.errors import Issue, raise_issues
from forms.fields import FacilityCode, OptionalPastDate, optional_single_line, single_line


class InsuranceDeclaration(BaseModel):
    """What the card needs beyond the birth declaration: care facility, guardian name, poverty."""

    model_config = ConfigDict(extra="forbid", title="Thông tin cấp thẻ BHYT")

    # Optional: facility codes are the social-insurance office's list, which offices fill in
    # (data/health_facilities.csv); the name is what the card prints.
    facility_code: FacilityCode | None = Field(
        None,
        title="Mã nơi đăng ký khám chữa bệnh ban đầu",
        description="Mã cơ sở khám chữa bệnh ban đầu (5 chữ số), khi đã biết.",
    )
    facility_name: Annotated[str, single_line(200)] = Field(
        title="Nơi đăng ký khám chữa bệnh ban đầu", description="Tên cơ sở khám chữa bệnh ban đầu."
    )
    card_holder: CardHolder = Field(
        title="Người giám hộ ghi trên thẻ",
        description="Tên cha, mẹ hoặc người yêu cầu được in trên thẻ BHYT của trẻ.",
    )
    poor_household_number: Annotated[str | None, optional_single_line(50)] = Field(
        None,
        title="Số giấy chứng nhận hộ nghèo",
        description="Chỉ nhập khi trẻ thuộc hộ nghèo, cận nghèo.",
    )
    poor_household_issued_on: OptionalPastDate = Field(
        None, title="Ngày cấp giấy chứng nhận hộ nghèo", description="Ngày cấp ghi trên giấy."
    )

    @model_validator(mode="after")
    def _pair(self) -> InsuranceDeclaration:
        number, issued = self.poor_household_number, self.poor_household_issued_on
        if (number is None) != (issued is None):
            missing = "poor_household_number" if number is None else "poor_household_issued_on"
            raise_issues("InsuranceDeclaration", [Issue((missing,), "poor_household_pair")])
        return self
