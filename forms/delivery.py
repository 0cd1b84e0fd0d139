"""How each result is received (step 5 of the portal)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forms.address import Address
from forms.choices import Delivery
from forms.errors import Issue, raise_issues
from forms.fields import OptionalEmail


class DeliveryChoice(BaseModel):
    """One procedure's delivery: a method plus the address or email that method needs.

    An address or email that the chosen method does not use is refused rather than kept, so a
    stored dossier never leaves the postman guessing which address counts.
    """

    model_config = ConfigDict(extra="forbid", title="Hình thức nhận kết quả")

    method: Delivery = Field(
        Delivery.AT_AGENCY,
        title="Hình thức nhận",
        description="Tại cơ quan giải quyết, qua bưu chính công ích hoặc bản điện tử.",
    )
    address: Address | None = Field(
        None, title="Địa chỉ nhận kết quả", description="Bắt buộc khi nhận qua bưu chính công ích."
    )
    email: OptionalEmail = Field(
        None, title="Email nhận kết quả", description="Bắt buộc khi nhận bản điện tử."
    )

    @model_validator(mode="after")
    def _needs(self) -> DeliveryChoice:
        issues: list[Issue] = []
        if self.method is Delivery.POSTAL:
            if self.address is None:
                issues.append(Issue(("address",), "postal_address"))
            elif not self.address.in_vietnam:
                issues.append(Issue(("address", "country"), "postal_domestic"))
        elif self.address is not None:
            issues.append(Issue(("address",), "delivery_unused_address"))
        if self.method is Delivery.ELECTRONIC:
            if self.email is None:
                issues.append(Issue(("email",), "electronic_email"))
        elif self.email is not None:
            issues.append(Issue(("email",), "delivery_unused_email"))
        raise_issues("DeliveryChoice", issues)
        return self


class InterlinkDelivery(BaseModel):
    """Hình thức nhận kết quả of the three procedures."""

    model_config = ConfigDict(extra="forbid", title="Hình thức nhận kết quả")

    birth: DeliveryChoice = Field(
        default_factory=DeliveryChoice,
        title="Kết quả đăng ký khai sinh",
        description="Giấy khai sinh (bản chính) và bản sao nếu có yêu cầu.",
    )
    residence: DeliveryChoice = Field(
        default_factory=DeliveryChoice,
        title="Kết quả đăng ký thường trú",
        description=(
            "Thông báo kết quả đăng ký thường trú; có thể nhận cùng nơi nhận giấy khai sinh."
        ),
    )
    insurance: DeliveryChoice = Field(
        default_factory=DeliveryChoice,
        title="Thẻ BHYT",
        description="Thẻ bảo hiểm y tế của trẻ.",
    )

    @model_validator(mode="after")
    def _with_birth_only_for_residence(self) -> InterlinkDelivery:
        issues = [
            Issue((name, "method"), "with_birth_result_only_residence")
            for name in ("birth", "insurance")
            if getattr(self, name).method is Delivery.WITH_BIRTH_RESULT
        ]
        raise_issues("InterlinkDelivery", issues)
        return self
