"""Addresses: a 2025 commune and province code plus detail, optionally the old three-level text.

Since 1 July 2025 local government has two levels (province → commune); old papers still carry
province → district → commune. The declaration stores the current unit codes (which the desk
checks against the gazetteer) and, when the officer copied an address from old papers, the
legacy text as written there, so the printed form can show what the citizen's papers say.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forms.choices import ResidenceType
from forms.errors import Issue, raise_issues
from forms.fields import (
    CommuneCode,
    NationalityCode,
    ProvinceCode,
    optional_single_line,
    single_line,
)

VIETNAM = "VN"


class Address(BaseModel):
    """One address: in Viet Nam a 2025 commune and its province, abroad a country and text."""

    model_config = ConfigDict(extra="forbid", title="Địa chỉ")

    country: NationalityCode = Field(
        VIETNAM, title="Quốc gia", description="Mặc định Việt Nam; chọn nước khác nếu ở nước ngoài."
    )
    province_code: ProvinceCode | None = Field(
        None, title="Tỉnh/Thành phố", description="Tỉnh, thành phố trực thuộc trung ương (từ 2025)."
    )
    commune_code: CommuneCode | None = Field(
        None, title="Xã/Phường/Đặc khu", description="Đơn vị hành chính cấp xã (từ 2025)."
    )
    detail: Annotated[str, single_line(200)] = Field(
        title="Chi tiết",
        description="Số nhà, ngõ, đường, thôn, tổ dân phố; ở nước ngoài ghi toàn bộ địa chỉ.",
    )
    legacy_text: Annotated[str | None, optional_single_line(300)] = Field(
        None,
        title="Địa chỉ theo giấy tờ cũ",
        description="Địa chỉ ba cấp (tỉnh – huyện – xã) như ghi trên giấy tờ trước năm 2025.",
    )

    @property
    def in_vietnam(self) -> bool:
        """Whether the address is in Viet Nam (and so carries unit codes)."""
        return self.country == VIETNAM

    @model_validator(mode="after")
    def _units_follow_country(self) -> Address:
        issues: list[Issue] = []
        if self.in_vietnam:
            for name in ("province_code", "commune_code"):
                if getattr(self, name) is None:
                    issues.append(Issue((name,), "address_vn_units"))
        else:
            for name in ("province_code", "commune_code"):
                if getattr(self, name) is not None:
                    issues.append(
                        Issue((name,), "address_foreign_units", input=getattr(self, name))
                    )
        raise_issues("Address", issues)
        return self


class Residence(BaseModel):
    """A person's place of residence and its kind (permanent, temporary, current place)."""

    model_config = ConfigDict(extra="forbid", title="Nơi cư trú")

    type: ResidenceType = Field(
        ResidenceType.PERMANENT,
        title="Loại cư trú",
        description="Thường trú, tạm trú hoặc nơi ở hiện tại.",
    )
    address: Address = Field(title="Địa chỉ cư trú", description="Nơi cư trú của người này.")
