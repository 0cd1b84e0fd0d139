"""The death interlink: every declaration of the dossier and the rules that span them.

Death registration + removal of permanent residence registration + funeral allowance / survivor
benefits (Decree 63/2024/NĐ-CP; DOMAIN-2.md §A). The citizen chooses one of the combinations the
group file allows (death registration is always in it), and the declaration adapts: a section is
required when its procedure is chosen and refused, with a message naming the procedure, when it
is not. Rules looking at one section live with it (:mod:`forms.death_people`,
:mod:`forms.death_sections`, :mod:`forms.death_benefit`); this module holds the ones that need
two, and the warnings (late registration, late removal) that never block.

What the law does not settle for sure (who may request without being a relative, which branch
pays which benefit) comes from ``data/group_death_interlink.toml`` through
:func:`forms.death_rules.death_rules`.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from forms.attachments import AUTHORISATION_LETTER, Attachments
from forms.choices import DeathRelation, Procedure, ProtectionCategory, ResidenceType, Sex
from forms.death_benefit import BENEFITS, BenefitDeclaration, benefit_issues
from forms.death_fields import partial_bounds, show_partial
from forms.death_people import RELATION_WORDS, DeathEvent, DeathRequester, Deceased
from forms.death_rules import Combination, DeathRules, death_rules
from forms.death_sections import DeathAgencySelection, DeathDelivery, ResidenceRemoval
from forms.errors import FieldMessage, Issue, Loc, fail, raise_issues, warning
from forms.fields import vn
from forms.group import unique

LATE_AFTER_DAYS: Final = 15
"""A death is declared within 15 days (Law on Civil Status 2014, art. 33); later is allowed."""
REMOVAL_AFTER_DAYS: Final = 7
"""Removal of the residence registration is asked for within 7 days (Circular 66/2023)."""
UNUSUAL_AGE: Final = 110
"""Older than this at death, the desk asks the officer to check the year of birth."""
ELDERLY_AGE: Final = 80
"""Social protection supports the funeral of a person of 80 or more on a monthly allowance."""
DEATH_PROOF: Final = "death_proof"
"""Checklist item: proof of death when no death notice was issued."""


class DeathInterlink(BaseModel):
    """All declarations of a "death + removal of residence + funeral/survivor benefit" dossier."""

    model_config = ConfigDict(extra="forbid", title="Hồ sơ liên thông khai tử")

    kind: Literal["death_interlink"] = Field(
        "death_interlink",
        title="Nhóm thủ tục",
        description=(
            "Liên thông đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng phí, tử tuất."
        ),
    )
    requested: list[Procedure] = Field(
        title="Thủ tục đề nghị giải quyết",
        description=(
            "Khai tử luôn có; thêm xóa đăng ký thường trú, trợ cấp mai táng, trợ cấp tử tuất "
            "theo tổ hợp công dân chọn."
        ),
    )
    agencies: DeathAgencySelection = Field(
        title="Cơ quan thực hiện", description="Cơ quan giải quyết từng thủ tục đã chọn."
    )
    requester: DeathRequester = Field(
        title="Người yêu cầu", description="Người đứng ra yêu cầu thực hiện thủ tục."
    )
    deceased: Deceased = Field(title="Người chết", description="Thông tin của người đã chết.")
    death: DeathEvent = Field(
        title="Thông tin về việc chết",
        description="Thời gian, nơi chết, nguyên nhân, giấy báo tử, bản sao trích lục.",
    )
    removal: ResidenceRemoval | None = Field(
        None,
        title="Xóa đăng ký thường trú",
        description="Chỉ khai khi đề nghị xóa đăng ký thường trú.",
    )
    benefit: BenefitDeclaration | None = Field(
        None,
        title="Trợ cấp mai táng, tử tuất",
        description="Chỉ khai khi đề nghị trợ cấp mai táng hoặc tử tuất.",
    )
    attachments: Attachments = Field(
        default_factory=Attachments,
        title="Giấy tờ đính kèm",
        description="Giấy tờ công dân đã nộp.",
    )
    delivery: DeathDelivery = Field(
        default_factory=DeathDelivery,
        title="Nhận kết quả",
        description="Nơi, cách nhận kết quả của từng thủ tục.",
    )

    # -- the protocol the desk relies on (forms.group.ProcedureGroup) -------------------------

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """The procedures asked for, in the order they are decided."""
        return tuple(self.requested)

    @property
    def subject_name(self) -> str:
        """The deceased's name as declared."""
        return self.deceased.full_name

    @property
    def requester_name(self) -> str:
        """The requester's name as declared."""
        return self.requester.full_name

    @property
    def combination(self) -> Combination | None:
        """The allowed combination the procedures make (its id, label and time live in data)."""
        return death_rules().combination(frozenset(self.requested))

    @property
    def age_at_death(self) -> int:
        """Whole years from the earliest birth the declared date allows to the death."""
        born, died = partial_bounds(self.deceased.date_of_birth)[0], self.death.date_of_death
        return died.year - born.year - ((died.month, died.day) < (born.month, born.day))

    def search_names(self) -> list[str]:
        """Deceased, requester, household head, recipient and funeral organiser."""
        benefit = self.benefit
        protection = benefit.social_protection if benefit else None
        return unique(
            [
                self.deceased.full_name,
                self.requester.full_name,
                self.removal.household_head_name if self.removal else None,
                benefit.recipient.full_name if benefit else None,
                protection.organiser_name if protection else None,
            ]
        )

    def id_numbers(self) -> list[str]:
        """Document numbers of the requester, the deceased, the household head, the recipient."""
        deceased = self.deceased.id_document
        recipient = self.benefit.recipient.id_document if self.benefit else None
        return unique(
            [
                self.requester.id_document.number,
                deceased.number if deceased else None,
                self.removal.household_head_id if self.removal else None,
                recipient.number if recipient else None,
            ]
        )

    # -- rules spanning declarations ------------------------------------------------------------

    @field_validator("requested")
    @classmethod
    def _in_group_order(cls, requested: list[Procedure]) -> list[Procedure]:
        seen: set[Procedure] = set()
        for procedure in requested:
            if procedure in seen:
                label = death_rules().procedure_labels.get(procedure.value, procedure.value)
                raise fail("procedure_duplicate", procedure=label)
            seen.add(procedure)
        order = death_rules().procedures
        return sorted(requested, key=lambda p: order.index(p) if p in order else len(order))

    @model_validator(mode="after")
    def _cross_rules(self) -> DeathInterlink:
        rules = death_rules()
        chosen = frozenset(p.value for p in self.requested)
        if rules.combination(chosen) is None:
            allowed = "; ".join(f"«{c.label}»" for c in rules.combinations)
            raise_issues(
                "DeathInterlink",
                [Issue(("requested",), "procedures_combination", {"allowed": allowed})],
            )
        issues = self._sections_follow_procedures(rules, chosen)
        issues += self._requester_rules(rules)
        issues += self._dates()
        if self.benefit is not None:
            issues += benefit_issues(self.benefit, rules, chosen)
        raise_issues("DeathInterlink", issues)
        return self

    def _sections_follow_procedures(self, rules: DeathRules, chosen: frozenset[str]) -> list[Issue]:
        def label(procedure: Procedure) -> dict[str, object]:
            return {"procedure": rules.procedure_labels.get(procedure.value, procedure.value)}

        removal = Procedure.RESIDENCE_REMOVAL
        # The benefit section serves whichever benefit was chosen; its message names the first.
        benefit = next((p for p in BENEFITS if p.value in chosen), BENEFITS[0])
        wants_removal = removal.value in chosen
        wants_benefit = any(p.value in chosen for p in BENEFITS)
        agencies = self.agencies
        parts: list[tuple[Loc, object, Procedure, bool]] = [
            (("removal",), self.removal, removal, wants_removal),
            (("agencies", "residence_agency"), agencies.residence_agency, removal, wants_removal),
            (("benefit",), self.benefit, benefit, wants_benefit),
            (("agencies", "benefit_agency"), agencies.benefit_agency, benefit, wants_benefit),
        ]
        for procedure in (removal, *BENEFITS):
            row = getattr(self.delivery, procedure.value)
            parts.append((("delivery", procedure.value), row, procedure, procedure.value in chosen))
        issues: list[Issue] = []
        for loc, value, procedure, wanted in parts:
            if wanted and value is None:
                issues.append(Issue(loc, "section_required", label(procedure)))
            elif value is not None and not wanted:
                issues.append(Issue(loc, "section_not_requested", label(procedure)))
        for procedure in self.requested:
            row = getattr(self.delivery, procedure.value, None)
            offered = rules.delivery.get(procedure.value, ())
            if row is not None and row.method.value not in offered:
                allowed = ", ".join(f"«{rules.label('delivery', m)}»" for m in offered)
                issues.append(
                    Issue(
                        ("delivery", procedure.value, "method"),
                        "delivery_not_offered",
                        {"allowed": allowed},
                        row.method.value,
                    )
                )
        return issues

    def _requester_rules(self, rules: DeathRules) -> list[Issue]:
        requester, relation = self.requester, self.requester.relation.value
        issues: list[Issue] = []
        word = rules.label("death_relation", relation)
        if relation in rules.without_relative and not requester.no_relative:
            issues.append(Issue(("requester", "no_relative"), "requester_has_relative"))
        if relation in rules.relatives and requester.no_relative:
            issues.append(
                Issue(("requester", "no_relative"), "requester_is_relative", {"relation": word})
            )
        entitled = rules.relatives | rules.without_relative
        if relation not in entitled and not (
            relation in rules.authorised_only and requester.authorised
        ):
            issues.append(
                Issue(("requester", "authorised"), "requester_not_entitled", {"relation": word})
            )
        if requester.authorised and not self.attachments.received(AUTHORISATION_LETTER):
            issues.append(Issue(("attachments",), "death_authorisation_letter"))
        if self.death.notice_not_issued and not self.attachments.received(DEATH_PROOF):
            issues.append(Issue(("attachments",), "death_proof"))
        deceased = self.deceased
        spouse = {DeathRelation.WIFE: Sex.MALE, DeathRelation.HUSBAND: Sex.FEMALE}
        expected = spouse.get(requester.relation)
        if expected is not None and deceased.sex is not expected:
            issues.append(
                Issue(
                    ("requester", "relation"),
                    "spouse_same_sex",
                    {
                        "relation": RELATION_WORDS[requester.relation],
                        "sex": deceased.sex.label.lower(),
                    },
                )
            )
        first, last = partial_bounds(deceased.date_of_birth)
        born = requester.date_of_birth
        if requester.relation in (DeathRelation.CHILD, DeathRelation.GRANDCHILD) and born < first:
            issues.append(Issue(("requester", "relation"), "requester_child_born_first"))
        elders = (
            DeathRelation.FATHER,
            DeathRelation.MOTHER,
            DeathRelation.GRANDFATHER,
            DeathRelation.GRANDMOTHER,
        )
        if requester.relation in elders and born > last:
            issues.append(
                Issue(
                    ("requester", "relation"),
                    "requester_parent_born_later",
                    {"relation": RELATION_WORDS[requester.relation]},
                )
            )
        document = deceased.id_document
        if document is not None and document.number == requester.id_document.number:
            issues.append(Issue(("requester", "id_document", "number"), "requester_is_deceased"))
        removal = self.removal
        if removal is not None and removal.head_is_requester:
            if (removal.household_head_name or "").casefold() != requester.full_name.casefold():
                issues.append(Issue(("removal", "household_head_name"), "head_not_requester"))
            if removal.household_head_id != requester.id_document.number:
                issues.append(Issue(("removal", "household_head_id"), "head_not_requester"))
        return issues

    def _dates(self) -> list[Issue]:
        died = self.death.date_of_death
        first, _ = partial_bounds(self.deceased.date_of_birth)
        issues: list[Issue] = []
        if died < first:
            issues.append(
                Issue(
                    ("death", "date_of_death"),
                    "death_before_birth",
                    {"died": vn(died), "born": show_partial(self.deceased.date_of_birth)},
                )
            )
        protection = self.benefit.social_protection if self.benefit else None
        # Decree 20/2021 art. 11: the "80 and over" case; even the earliest birth the partial
        # date allows must leave the deceased under 80 for the refusal to be sure.
        age = self.age_at_death
        if (
            protection is not None
            and protection.category is ProtectionCategory.ELDERLY_80
            and age < ELDERLY_AGE
        ):
            issues.append(
                Issue(
                    ("benefit", "social_protection", "category"),
                    "protection_under_80",
                    {"age": age},
                )
            )
        if protection is not None and protection.burial_date < died:
            issues.append(
                Issue(
                    ("benefit", "social_protection", "burial_date"),
                    "burial_before_death",
                    {"died": vn(died)},
                )
            )
        return issues

    # -- warnings -------------------------------------------------------------------------------

    def notices(self, received_on: date) -> list[FieldMessage]:
        """Warnings for the officer: late registration or removal, unusual age, residence kind."""
        found: list[FieldMessage] = []
        died = self.death.date_of_death
        days = (received_on - died).days
        if days > LATE_AFTER_DAYS:
            found.append(
                self._warn(
                    ("death", "date_of_death"),
                    "late_death_registration",
                    died=vn(died),
                    days=days,
                    overdue=days - LATE_AFTER_DAYS,
                    limit=LATE_AFTER_DAYS,
                )
            )
        if self.removal is not None:
            if days > REMOVAL_AFTER_DAYS:
                found.append(
                    self._warn(
                        ("removal",),
                        "late_residence_removal",
                        days=days,
                        overdue=days - REMOVAL_AFTER_DAYS,
                        limit=REMOVAL_AFTER_DAYS,
                    )
                )
            if self.deceased.last_residence.type is not ResidenceType.PERMANENT:
                found.append(
                    self._warn(
                        ("deceased", "last_residence", "type"), "last_residence_not_permanent"
                    )
                )
        age = self.age_at_death
        if age > UNUSUAL_AGE:
            found.append(self._warn(("deceased", "date_of_birth"), "deceased_age", age=age))
        return found

    def _warn(self, loc: Loc, code: str, **context: object) -> FieldMessage:
        return warning(type(self), loc, code, **context)
