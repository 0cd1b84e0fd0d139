"""The birth interlink: every declaration of the dossier and the rules that span them.

Birth registration + permanent residence + health-insurance card for a child under 6
(Decree 63/2024/NĐ-CP). Rules that look at one declaration live with it; this module holds the
ones that need two: which parents the birth case allows, when an authorisation letter is needed,
whose name can go on the card, the parents' ages at the birth, whose consent CT01 records.
Warnings (late registration, unusual ages) are computed by :meth:`BirthInterlink.notices` and
never block.

Content the law requires that older desks did not ask for (the home owner's consent on CT01)
is required of dossiers received now (the validation context carries the receipt date), so a
dossier stored before the rule still loads, prints and syncs.
"""

from __future__ import annotations

from datetime import date
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from forms.address import VIETNAM
from forms.agencies import AgencySelection
from forms.attachments import AUTHORISATION_LETTER, Attachments
from forms.choices import (
    BirthCase,
    CardHolder,
    ForeignElement,
    Procedure,
    Relation,
    ResidenceCase,
)
from forms.delivery import InterlinkDelivery
from forms.errors import FieldMessage, Issue, Loc, raise_issues, warning
from forms.fields import received_on, vn
from forms.group import unique
from forms.insurance import InsuranceDeclaration
from forms.people import Child, Father, Mother, Parent, Requester
from forms.residence import ResidenceDeclaration

LATE_AFTER_DAYS: Final = 60
"""Parents register a birth within 60 days (Law on Civil Status 2014, art. 15)."""

# Plausibility bands for a parent's age at the birth. Outside them the desk warns and lets the
# officer confirm; below IMPOSSIBLE_AGE the declaration is refused as a typing mistake.
MOTHER_USUAL_AGES: Final = (15, 50)
FATHER_USUAL_AGES: Final = (15, 70)
IMPOSSIBLE_AGE: Final = 10


def age_at(born: date | None, born_year: int | None, day: date) -> int | None:
    """Whole years between a birth (full date, or only its year) and ``day``."""
    if born is not None:
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if born_year is not None:
        return day.year - born_year
    return None


class BirthInterlink(BaseModel):
    """All declarations of a "birth + residence + health insurance" dossier."""

    model_config = ConfigDict(extra="forbid", title="Hồ sơ liên thông khai sinh")

    kind: Literal["birth_interlink"] = Field(
        "birth_interlink",
        title="Nhóm thủ tục",
        description=(
            "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ BHYT cho trẻ dưới 6 tuổi."
        ),
    )
    agencies: AgencySelection = Field(
        title="Cơ quan thực hiện", description="Cơ quan giải quyết và trường hợp của từng thủ tục."
    )
    requester: Requester = Field(
        title="Người yêu cầu", description="Người đứng ra yêu cầu thực hiện thủ tục."
    )
    child: Child = Field(title="Người được khai sinh", description="Thông tin của trẻ.")
    mother: Mother | None = Field(
        None,
        validate_default=True,
        title="Người mẹ",
        description="Bỏ trống khi chưa xác định được mẹ hoặc trẻ bị bỏ rơi.",
    )
    father: Father | None = Field(
        None,
        validate_default=True,
        title="Người cha",
        description="Bỏ trống khi chưa xác định được cha hoặc trẻ bị bỏ rơi.",
    )
    residence: ResidenceDeclaration = Field(
        title="Đăng ký thường trú", description="Tờ khai thay đổi thông tin cư trú (CT01)."
    )
    insurance: InsuranceDeclaration = Field(
        title="Cấp thẻ BHYT", description="Tờ khai tham gia BHYT (TK1-TS)."
    )
    attachments: Attachments = Field(
        default_factory=Attachments,
        title="Giấy tờ đính kèm",
        description="Giấy tờ công dân đã nộp.",
    )
    delivery: InterlinkDelivery = Field(
        default_factory=InterlinkDelivery,
        title="Nhận kết quả",
        description="Nơi, cách nhận kết quả của từng thủ tục.",
    )

    # -- the protocol the desk relies on (forms.group.ProcedureGroup) -------------------------

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        """Birth, residence and insurance, in the order they are decided."""
        return (Procedure.BIRTH, Procedure.RESIDENCE, Procedure.INSURANCE)

    @property
    def subject_name(self) -> str:
        """The child's name as declared."""
        return self.child.full_name

    @property
    def requester_name(self) -> str:
        """The requester's name as declared."""
        return self.requester.full_name

    def search_names(self) -> list[str]:
        """Child, requester, mother, father and household head, NFC as declared."""
        return unique(
            [
                self.child.full_name,
                self.requester.full_name,
                self.mother.full_name if self.mother else None,
                self.father.full_name if self.father else None,
                self.residence.household_head_name,
                self.residence.owner_name,
            ]
        )

    def id_numbers(self) -> list[str]:
        """Document numbers of the requester, the parents, the household head and the owner."""
        parents = [p.id_document.number for p in (self.mother, self.father) if p and p.id_document]
        residence = self.residence
        return unique(
            [
                self.requester.id_document.number,
                *parents,
                residence.household_head_id,
                residence.owner_id,
            ]
        )

    # -- rules spanning declarations ------------------------------------------------------------

    @model_validator(mode="after")
    def _cross_rules(self, info: ValidationInfo) -> BirthInterlink:
        case = self.agencies.birth_case
        issues: list[Issue] = []
        issues += self._parents_follow_case(case)
        issues += self._requester_rules(case)
        if received_on(info) is not None:
            issues += self._home_owner()
        if self.insurance.card_holder is CardHolder.MOTHER and not case.has_mother:
            issues.append(
                Issue(("insurance", "card_holder"), "card_holder_undetermined", {"parent": "mẹ"})
            )
        if self.insurance.card_holder is CardHolder.FATHER and not case.has_father:
            issues.append(
                Issue(("insurance", "card_holder"), "card_holder_undetermined", {"parent": "cha"})
            )
        if self.agencies.foreign_element is ForeignElement.NONE:
            issues += self._foreign_nationalities()
        issues += self._parent_ages()
        raise_issues("BirthInterlink", issues)
        return self

    def _parents_follow_case(self, case: BirthCase) -> list[Issue]:
        issues: list[Issue] = []
        for name, word, allowed in (
            ("mother", "mẹ", case.has_mother),
            ("father", "cha", case.has_father),
        ):
            present = getattr(self, name) is not None
            if allowed and not present:
                issues.append(Issue((name,), "parent_required", {"parent": word}))
            elif present and not allowed:
                issues.append(Issue((name,), "parent_not_declared", {"parent": word}))
        return issues

    def _requester_rules(self, case: BirthCase) -> list[Issue]:
        relation = self.requester.relation
        issues: list[Issue] = []
        if (relation is Relation.FATHER and not case.has_father) or (
            relation is Relation.MOTHER and not case.has_mother
        ):
            word = "cha" if relation is Relation.FATHER else "mẹ"
            issues.append(
                Issue(("requester", "relation"), "requester_parent_undetermined", {"parent": word})
            )
        # Grandparents, other relatives and whoever cares for the child register the birth in
        # their own right (Law on Civil Status 2014, art. 15): the letter is needed only when the
        # requester acts on someone's authority, a fact the officer records. Nobody can
        # authorise anyone for an abandoned child: whoever cares for it registers it.
        if self.requester.authorised and case is BirthCase.ABANDONED:
            issues.append(Issue(("requester", "authorised"), "abandoned_authorised"))
        elif self.requester.authorised and not self.attachments.received(AUTHORISATION_LETTER):
            issues.append(Issue(("attachments",), "authorisation_letter"))
        return issues

    def _home_owner(self) -> list[Issue]:
        """CT01 names who consents for a home the parents do not own (Law on Residence, art. 20)."""
        if self.agencies.residence_case is not ResidenceCase.JOIN_PARENTS_NOT_OWNER:
            return []
        residence = self.residence
        return [
            Issue(("residence", name), "home_owner_required")
            for name in ("owner_name", "owner_id")
            if getattr(residence, name) is None
        ]

    def _foreign_nationalities(self) -> list[Issue]:
        people: list[tuple[str, str, str]] = [("child", "trẻ", self.child.nationality)]
        if self.mother is not None:
            people.append(("mother", "mẹ", self.mother.nationality))
        if self.father is not None:
            people.append(("father", "cha", self.father.nationality))
        return [
            Issue(
                (name, "nationality"),
                "foreign_nationality",
                {"who": who, "country": country},
                country,
            )
            for name, who, country in people
            if country != VIETNAM
        ]

    def _parent_ages(self) -> list[Issue]:
        issues: list[Issue] = []
        for name, word in (("mother", "mẹ"), ("father", "cha")):
            parent: Parent | None = getattr(self, name)
            if parent is None:
                continue
            age = age_at(parent.date_of_birth, parent.year_of_birth, self.child.date_of_birth)
            if age is not None and age < 0:
                issues.append(
                    Issue((name, _birth_field(parent)), "parent_after_child", {"parent": word})
                )
            elif age is not None and age < IMPOSSIBLE_AGE:
                issues.append(
                    Issue(
                        (name, _birth_field(parent)),
                        "parent_too_young",
                        {"parent": word, "age": age},
                    )
                )
        return issues

    # -- warnings -------------------------------------------------------------------------------

    def notices(self, received_on: date) -> list[FieldMessage]:
        """Warnings for the officer: late registration, unusual ages, inconsistent requester."""
        found: list[FieldMessage] = []
        born = self.child.date_of_birth
        days = (received_on - born).days
        if days > LATE_AFTER_DAYS:
            found.append(
                self._warn(
                    ("child", "date_of_birth"),
                    "late_registration",
                    born=vn(born),
                    days=days,
                    overdue=days - LATE_AFTER_DAYS,
                    limit=LATE_AFTER_DAYS,
                )
            )
        for name, code, (low, high) in (
            ("mother", "mother_age", MOTHER_USUAL_AGES),
            ("father", "father_age", FATHER_USUAL_AGES),
        ):
            parent: Parent | None = getattr(self, name)
            if parent is None:
                continue
            age = age_at(parent.date_of_birth, parent.year_of_birth, born)
            if age is not None and not low <= age <= high:
                found.append(
                    self._warn((name, _birth_field(parent)), code, age=age, low=low, high=high)
                )
        relation = self.requester.relation
        parent = (
            self.father
            if relation is Relation.FATHER
            else self.mother
            if relation is Relation.MOTHER
            else None
        )
        if parent is not None and parent.full_name != self.requester.full_name:
            word = "cha" if relation is Relation.FATHER else "mẹ"
            found.append(
                self._warn(("requester", "full_name"), "requester_is_parent_name", parent=word)
            )
        if self.agencies.foreign_element is not ForeignElement.NONE and all(
            p.nationality == VIETNAM
            for p in (self.child, self.mother, self.father)
            if p is not None
        ):
            found.append(
                self._warn(("agencies", "foreign_element"), "foreign_without_foreign_parent")
            )
        return found

    def _warn(self, loc: Loc, code: str, **context: object) -> FieldMessage:
        return warning(type(self), loc, code, **context)


def _birth_field(parent: Parent) -> str:
    return "date_of_birth" if parent.date_of_birth is not None else "year_of_birth"
