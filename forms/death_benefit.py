"""Section IV of the death declaration: funeral allowance and survivor benefits.

Three laws may pay: social insurance (IV-A: the deceased was a pensioner, on a monthly SI
benefit or in voluntary SI), social protection (IV-B: support for the funeral costs of a
social-allowance beneficiary) and preferential treatment of persons with meritorious service
(IV-C). The citizen's branch decides which part is declared; the recipient and how the money is
paid are common to all three. Which branch decides which benefit procedure, and which merit
categories carry an injury rate, are data (``data/group_death_interlink.toml``), read by
:mod:`forms.death_interlink`, which also knows which procedures were chosen.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, model_validator

from forms.address import Address
from forms.choices import (
    BenefitBranch,
    DeathRelation,
    InsuredStatus,
    MeritCategory,
    PaymentMethod,
    Procedure,
    ProtectionCategory,
    SurvivorKind,
)
from forms.death_fields import OptionalAccountNumber, PaperNumber, SiNumber
from forms.death_rules import DeathRules
from forms.errors import Issue, raise_issues
from forms.fields import (
    OptionalName,
    OptionalPhone,
    PastDate,
    optional_single_line,
    single_line,
)
from forms.identity import IdentityDocument


class SocialInsuranceBenefit(BaseModel):
    """IV-A: funeral allowance / survivor benefit under the Law on Social Insurance."""

    model_config = ConfigDict(extra="forbid", title="Hưởng theo pháp luật bảo hiểm xã hội")

    si_number: SiNumber = Field(
        title="Mã số BHXH của người chết",
        description="10 chữ số, ghi trên sổ BHXH hoặc thẻ BHYT của người chết.",
    )
    status: InsuredStatus = Field(
        title="Trường hợp của người chết",
        description="Đang hưởng lương hưu, trợ cấp BHXH hằng tháng, hoặc tham gia BHXH tự nguyện.",
    )
    survivor_kind: SurvivorKind | None = Field(
        None,
        title="Loại trợ cấp tuất",
        description="Hằng tháng hoặc một lần; chỉ chọn khi đề nghị trợ cấp tử tuất.",
    )


class SocialProtectionBenefit(BaseModel):
    """IV-B: support for funeral costs (Decree 20/2021/NĐ-CP, art. 11)."""

    model_config = ConfigDict(extra="forbid", title="Hỗ trợ chi phí mai táng (bảo trợ xã hội)")

    category: ProtectionCategory = Field(
        title="Đối tượng bảo trợ xã hội", description="Diện hưởng của người chết."
    )
    burial_date: PastDate = Field(
        title="Ngày mai táng", description="Ngày tổ chức mai táng người chết."
    )
    organiser_name: Annotated[str | None, optional_single_line(200)] = Field(
        None,
        title="Người tổ chức mai táng",
        description="Họ tên người, hoặc tên tổ chức, đứng ra mai táng; để trống nếu là người nhận.",
    )
    organiser_address: Address = Field(
        title="Địa chỉ người tổ chức mai táng", description="Nơi cư trú của người tổ chức mai táng."
    )


class MeritBenefit(BaseModel):
    """IV-C: funeral allowance and allowances for a person with meritorious service."""

    model_config = ConfigDict(extra="forbid", title="Chế độ người có công với cách mạng")

    category: MeritCategory = Field(
        title="Diện người có công", description="Diện người có công của người chết."
    )
    decision_number: PaperNumber = Field(
        title="Số quyết định hưởng chế độ",
        description="Số quyết định công nhận, hưởng trợ cấp ưu đãi của người chết.",
    )
    decision_date: PastDate = Field(title="Ngày quyết định", description="Ngày ký quyết định.")
    decision_issuer: Annotated[str, single_line(200)] = Field(
        title="Cơ quan ra quyết định", description="Cơ quan đã ký quyết định."
    )
    injury_percent: int | None = Field(
        None,
        ge=1,
        le=100,
        title="Tỷ lệ tổn thương cơ thể (%)",
        description="Theo quyết định, với thương binh, bệnh binh, người nhiễm chất độc hóa học.",
    )
    home_town: Annotated[str | None, optional_single_line(200)] = Field(
        None,
        title="Quê quán",
        description="Quê quán của người chết, như ghi trong hồ sơ người có công.",
    )


class Recipient(BaseModel):
    """Người nhận trợ cấp: the requester, or the person the family named."""

    model_config = ConfigDict(extra="forbid", title="Người nhận trợ cấp")

    is_requester: bool = Field(
        True,
        title="Là người yêu cầu",
        description="Bỏ đánh dấu khi người nhận trợ cấp là người khác.",
    )
    full_name: OptionalName = Field(
        None,
        title="Họ, chữ đệm và tên người nhận",
        description="Khi người nhận không phải người yêu cầu.",
    )
    id_document: IdentityDocument | None = Field(
        None, title="Giấy tờ tùy thân của người nhận", description="Khi người nhận là người khác."
    )
    phone: OptionalPhone = Field(
        None, title="Số điện thoại người nhận", description="Khi người nhận là người khác."
    )
    relation: DeathRelation | None = Field(
        None, title="Quan hệ của người nhận với người chết", description="Chọn trong danh sách."
    )

    @model_validator(mode="after")
    def _who(self) -> Recipient:
        fields = ("full_name", "id_document", "phone", "relation")
        if self.is_requester:
            issues = [
                Issue((n,), "recipient_is_requester_field")
                for n in fields
                if getattr(self, n) is not None
            ]
        else:
            issues = [Issue((n,), "required") for n in fields if getattr(self, n) is None]
        raise_issues("Recipient", issues)
        return self


class Payment(BaseModel):
    """How the allowance is paid. Bank fields are optional: the e-form's are *unverified*."""

    model_config = ConfigDict(extra="forbid", title="Hình thức nhận trợ cấp")

    method: PaymentMethod = Field(
        PaymentMethod.AT_AGENCY,
        title="Hình thức nhận",
        description="Tiền mặt tại cơ quan chi trả, chuyển khoản, hoặc qua bưu chính.",
    )
    bank_name: Annotated[str | None, optional_single_line(200)] = Field(
        None, title="Ngân hàng", description="Tên ngân hàng, chi nhánh (nếu nhận qua tài khoản)."
    )
    account_number: OptionalAccountNumber = Field(
        None, title="Số tài khoản", description="Số tài khoản của người nhận (nếu có)."
    )
    account_holder: OptionalName = Field(
        None, title="Chủ tài khoản", description="Họ tên chủ tài khoản như ngân hàng ghi."
    )

    @model_validator(mode="after")
    def _bank(self) -> Payment:
        if self.method is not PaymentMethod.BANK_ACCOUNT:
            issues = [
                Issue((n,), "bank_unused")
                for n in ("bank_name", "account_number", "account_holder")
                if getattr(self, n) is not None
            ]
            raise_issues("Payment", issues)
        return self


class BenefitDeclaration(BaseModel):
    """Section IV: the branch, its own part, the recipient and the payment."""

    model_config = ConfigDict(extra="forbid", title="Trợ cấp mai táng, tử tuất")

    branch: BenefitBranch = Field(
        title="Chế độ đề nghị hưởng",
        description="Theo pháp luật BHXH, bảo trợ xã hội, hoặc người có công với cách mạng.",
    )
    social_insurance: SocialInsuranceBenefit | None = Field(
        None, title="Hưởng theo pháp luật bảo hiểm xã hội", description="Phần IV-A của tờ khai."
    )
    social_protection: SocialProtectionBenefit | None = Field(
        None, title="Hỗ trợ chi phí mai táng (bảo trợ xã hội)", description="Phần IV-B của tờ khai."
    )
    merit: MeritBenefit | None = Field(
        None, title="Chế độ người có công với cách mạng", description="Phần IV-C của tờ khai."
    )
    recipient: Recipient = Field(
        default_factory=Recipient,
        title="Người nhận trợ cấp",
        description="Người yêu cầu, hoặc người được gia đình cử nhận.",
    )
    payment: Payment = Field(
        default_factory=Payment,
        title="Hình thức nhận trợ cấp",
        description="Cách chi trả trợ cấp cho người nhận.",
    )

    @model_validator(mode="after")
    def _branch_part(self) -> BenefitDeclaration:
        issues: list[Issue] = []
        label = BRANCH_WORDS[self.branch]
        for branch in BenefitBranch:
            present = getattr(self, branch.value) is not None
            if branch is self.branch and not present:
                issues.append(Issue((branch.value,), "branch_section_required", {"branch": label}))
            elif branch is not self.branch and present:
                issues.append(Issue((branch.value,), "branch_section_unused", {"branch": label}))
        raise_issues("BenefitDeclaration", issues)
        return self


BRANCH_WORDS: dict[BenefitBranch, str] = {
    BenefitBranch.SOCIAL_INSURANCE: "bảo hiểm xã hội",
    BenefitBranch.SOCIAL_PROTECTION: "bảo trợ xã hội",
    BenefitBranch.MERIT: "người có công",
}
"""How a message names a branch inside a sentence."""


BENEFITS: Final = (Procedure.FUNERAL_ALLOWANCE, Procedure.SURVIVOR_BENEFIT)
"""The benefit procedures section IV serves."""


def benefit_issues(
    benefit: BenefitDeclaration, rules: DeathRules, chosen: frozenset[str]
) -> list[Issue]:
    """What section IV gets wrong given the procedures chosen and the group's data.

    Which branch decides which benefit and which merit categories carry an injury rate are
    data (``[[benefit_branch]]``); the survivor-benefit kind is asked only with that benefit.
    Locations start at the dossier's ``benefit`` field.
    """
    issues: list[Issue] = []
    branch = rules.branches.get(benefit.branch.value)
    for procedure in BENEFITS:
        if procedure.value in chosen and (branch is None or procedure not in branch.procedures):
            issues.append(
                Issue(
                    ("benefit", "branch"),
                    "branch_procedure",
                    {
                        "branch": BRANCH_WORDS[benefit.branch],
                        "procedure": rules.procedure_labels[procedure.value],
                    },
                    benefit.branch.value,
                )
            )
    insurance = benefit.social_insurance
    if insurance is not None:
        survivor = Procedure.SURVIVOR_BENEFIT.value in chosen
        loc = ("benefit", "social_insurance", "survivor_kind")
        if survivor and insurance.survivor_kind is None:
            issues.append(Issue(loc, "required"))
        elif not survivor and insurance.survivor_kind is not None:
            issues.append(Issue(loc, "survivor_kind_unused"))
    merit = benefit.merit
    if (
        merit is not None
        and branch is not None
        and merit.category.value in branch.injury_required_for
        and merit.injury_percent is None
    ):
        issues.append(
            Issue(
                ("benefit", "merit", "injury_percent"),
                "injury_required",
                {"category": rules.label("merit_category", merit.category.value)},
            )
        )
    return issues
