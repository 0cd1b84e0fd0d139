"""The death interlink's agencies, residence removal (section III) and result delivery.

Which of these parts a dossier carries depends on the procedures the citizen chose; that rule
spans the dossier and lives in :mod:`forms.death_interlink`. Here each part checks itself.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forms.address import Address
from forms.agencies import AgencyRef
from forms.choices import HeadRelation
from forms.delivery import DeliveryChoice
from forms.errors import Issue, raise_issues
from forms.fields import OptionalName
from forms.identity import OptionalPersonalIdNumber


class DeathAgencySelection(BaseModel):
    """Cơ quan thực hiện: the agency of each procedure chosen."""

    model_config = ConfigDict(extra="forbid", title="Lựa chọn cơ quan thực hiện")

    death_agency: AgencyRef = Field(
        title="Cơ quan thực hiện đăng ký khai tử",
        description=(
            "Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết; nếu không rõ, nơi người "
            "đó chết hoặc nơi phát hiện thi thể."
        ),
    )
    residence_same_area: bool = Field(
        False,
        title="Cùng địa bàn thực hiện đăng ký khai tử",
        description="Xóa đăng ký thường trú tại công an cùng xã với nơi đăng ký khai tử.",
    )
    residence_agency: AgencyRef | None = Field(
        None,
        title="Cơ quan thực hiện xóa đăng ký thường trú",
        description="Công an cấp xã nơi người chết đăng ký thường trú.",
    )
    benefit_agency: AgencyRef | None = Field(
        None,
        title="Cơ quan giải quyết trợ cấp",
        description=(
            "Cơ quan bảo hiểm xã hội, UBND cấp xã (bảo trợ xã hội) hoặc cơ quan quản lý người có "
            "công, theo chế độ được hưởng."
        ),
    )

    @model_validator(mode="after")
    def _same_area(self) -> DeathAgencySelection:
        death = self.death_agency.commune_code
        residence = self.residence_agency.commune_code if self.residence_agency else None
        if (
            self.residence_same_area
            and death is not None
            and residence is not None
            and death != residence
        ):
            raise_issues(
                "DeathAgencySelection", [Issue(("residence_agency",), "removal_agency_area")]
            )
        return self


class ResidenceRemoval(BaseModel):
    """Section III: the household the deceased leaves, for the removal of their registration.

    When the deceased was the household head, the head's fields stay empty (the police take the
    head from the deceased); when the requester is the head, the head's name and number are the
    requester's, which the dossier checks.
    """

    model_config = ConfigDict(extra="forbid", title="Thông tin xóa đăng ký thường trú")

    head_is_deceased: bool = Field(
        False,
        title="Chủ hộ là người chết",
        description="Đánh dấu khi người chết là chủ hộ.",
    )
    head_is_requester: bool = Field(
        False,
        title="Chủ hộ là người yêu cầu",
        description="Đánh dấu khi người yêu cầu là chủ hộ của người chết.",
    )
    household_head_name: OptionalName = Field(
        None,
        title="Họ, chữ đệm và tên chủ hộ",
        description="Chủ hộ nơi người chết đăng ký thường trú; bỏ trống khi chủ hộ là người chết.",
    )
    household_head_id: OptionalPersonalIdNumber = Field(
        None,
        title="Số định danh cá nhân của chủ hộ",
        description="12 số, như trên thẻ căn cước của chủ hộ.",
    )
    relation_to_head: HeadRelation | None = Field(
        None,
        title="Quan hệ của người chết với chủ hộ",
        description="Cha, mẹ, vợ, chồng, con, ông, bà, cháu, anh, chị, em… của chủ hộ.",
    )
    address: Address | None = Field(
        None,
        title="Địa chỉ thường trú cần xóa",
        description="Bỏ trống khi trùng nơi cư trú cuối cùng của người chết.",
    )

    @model_validator(mode="after")
    def _head(self) -> ResidenceRemoval:
        issues: list[Issue] = []
        fields = ("household_head_name", "household_head_id", "relation_to_head")
        if self.head_is_deceased and self.head_is_requester:
            issues.append(Issue(("head_is_requester",), "head_both_ticks"))
        elif self.head_is_deceased:
            issues += [
                Issue((name,), "head_is_deceased_field")
                for name in fields
                if getattr(self, name) is not None
            ]
        else:
            issues += [Issue((name,), "required") for name in fields if getattr(self, name) is None]
        raise_issues("ResidenceRemoval", issues)
        return self


class DeathDelivery(BaseModel):
    """Hình thức nhận kết quả of each procedure chosen (one row per procedure)."""

    model_config = ConfigDict(extra="forbid", title="Hình thức nhận kết quả")

    death: DeliveryChoice = Field(
        default_factory=DeliveryChoice,
        title="Kết quả đăng ký khai tử",
        description="Trích lục khai tử (bản chính) và bản sao nếu có yêu cầu.",
    )
    residence_removal: DeliveryChoice | None = Field(
        None,
        title="Kết quả xóa đăng ký thường trú",
        description="Thông báo kết quả giải quyết (mẫu CT08).",
    )
    funeral_allowance: DeliveryChoice | None = Field(
        None,
        title="Kết quả giải quyết trợ cấp mai táng",
        description="Quyết định hưởng trợ cấp mai táng.",
    )
    survivor_benefit: DeliveryChoice | None = Field(
        None,
        title="Kết quả giải quyết trợ cấp tử tuất",
        description="Quyết định hưởng trợ cấp tử tuất.",
    )
