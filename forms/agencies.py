"""Step 1 of the portal: which agencies decide, and which case each procedure follows."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forms.choices import BirthCase, ForeignElement, ResidenceCase
from forms.errors import Issue, raise_issues
from forms.fields import AgencyCode, CommuneCode, single_line


class AgencyRef(BaseModel):
    """One agency as picked: its QCVN 102 code, its name, and the commune it serves if local."""

    model_config = ConfigDict(extra="forbid", title="Cơ quan")

    # Optional: the desk knows QCVN 102 codes for its own office's agencies (desk.toml), not
    # for every commune of the country; central routes by the commune when the code is absent.
    code: AgencyCode | None = Field(
        None,
        title="Mã cơ quan",
        description="Mã định danh cơ quan theo QCVN 102:2016/BTTTT, khi đã biết.",
    )
    name: Annotated[str, single_line(200)] = Field(
        title="Tên cơ quan", description="Tên cơ quan thực hiện."
    )
    commune_code: CommuneCode | None = Field(
        None, title="Xã/Phường/Đặc khu", description="Đơn vị hành chính nơi cơ quan đặt trụ sở."
    )


class AgencySelection(BaseModel):
    """Cơ quan thực hiện: birth, residence and insurance agencies with the cases they decide."""

    model_config = ConfigDict(extra="forbid", title="Lựa chọn cơ quan thực hiện")

    birth_agency: AgencyRef = Field(
        title="Cơ quan thực hiện đăng ký khai sinh",
        description="Ủy ban nhân dân cấp xã nơi đăng ký khai sinh.",
    )
    birth_case: BirthCase = Field(
        title="Trường hợp khai sinh",
        description="Xác định được cả cha và mẹ, chưa xác định được cha hoặc mẹ, trẻ bị bỏ rơi…",
    )
    foreign_element: ForeignElement = Field(
        ForeignElement.NONE,
        title="Yếu tố nước ngoài",
        description="Có yếu tố nước ngoài khi cha hoặc mẹ là người nước ngoài.",
    )
    residence_same_area: bool = Field(
        False,
        title="Cùng địa bàn thực hiện đăng ký khai sinh",
        description="Đăng ký thường trú tại công an cùng xã với nơi đăng ký khai sinh.",
    )
    residence_agency: AgencyRef = Field(
        title="Cơ quan thực hiện đăng ký thường trú",
        description="Công an cấp xã nơi đăng ký thường trú.",
    )
    residence_case: ResidenceCase = Field(
        title="Trường hợp đăng ký thường trú",
        description="Trẻ về ở cùng cha mẹ, với người giám hộ, người thân, cơ sở tôn giáo…",
    )
    insurance_agency: AgencyRef = Field(
        title="Cơ quan thực hiện cấp thẻ BHYT", description="Cơ quan bảo hiểm xã hội cấp thẻ."
    )

    @model_validator(mode="after")
    def _consistent(self) -> AgencySelection:
        issues: list[Issue] = []
        if self.residence_case.joins_parents and not (
            self.birth_case.has_mother or self.birth_case.has_father
        ):
            issues.append(Issue(("residence_case",), "residence_needs_parent"))
        birth_commune = self.birth_agency.commune_code
        residence_commune = self.residence_agency.commune_code
        if (
            self.residence_same_area
            and birth_commune is not None
            and residence_commune is not None
            and birth_commune != residence_commune
        ):
            issues.append(Issue(("residence_agency",), "residence_agency_area"))
        raise_issues("AgencySelection", issues)
        return self
