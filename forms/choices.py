"""Stable option ids shared with the reference data in ``data/``.

The ids are English and never change; ``data/`` carries their Vietnamese labels and the sources
of each list. The rules that depend on an option live in ``forms``, so each list is a
``StrEnum`` here: a stored dossier holds the plain id string and validates back into the enum.
"""

from __future__ import annotations

from enum import StrEnum


class BirthCase(StrEnum):
    """Trường hợp khai sinh: which parents are determined."""

    BOTH_PARENTS = "both_parents"
    MOTHER_UNKNOWN = "mother_unknown"
    FATHER_UNKNOWN = "father_unknown"
    PARENTS_UNKNOWN = "parents_unknown"
    ABANDONED = "abandoned"

    @property
    def has_mother(self) -> bool:
        """Whether the mother's fields are declared in this case."""
        return self in (BirthCase.BOTH_PARENTS, BirthCase.FATHER_UNKNOWN)

    @property
    def has_father(self) -> bool:
        """Whether the father's fields are declared in this case."""
        return self in (BirthCase.BOTH_PARENTS, BirthCase.MOTHER_UNKNOWN)


class ForeignElement(StrEnum):
    """Yếu tố nước ngoài of a birth registration."""

    NONE = "none"
    FOREIGN_BORDER = "foreign_border"
    FOREIGN_NON_BORDER = "foreign_non_border"


class ResidenceCase(StrEnum):
    """Trường hợp đăng ký thường trú of the child."""

    JOIN_PARENTS_OWNER = "join_parents_owner"
    JOIN_PARENTS_NOT_OWNER = "join_parents_not_owner"
    JOIN_GUARDIAN = "join_guardian"
    JOIN_RELATIVES = "join_relatives"
    RELIGIOUS_ESTABLISHMENT = "religious_establishment"
    SOCIAL_PROTECTION = "social_protection"
    VEHICLE = "vehicle"

    @property
    def joins_parents(self) -> bool:
        """Whether the child registers at a parent's home (so a parent must be determined)."""
        return self in (ResidenceCase.JOIN_PARENTS_OWNER, ResidenceCase.JOIN_PARENTS_NOT_OWNER)


class ResidenceType(StrEnum):
    """Loại cư trú of a person's declared residence."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    CURRENT = "current"


class Relation(StrEnum):
    """The requester's relation to the child; ``other`` needs a free-text description."""

    FATHER = "father"
    MOTHER = "mother"
    GRANDFATHER = "grandfather"
    GRANDMOTHER = "grandmother"
    GUARDIAN = "guardian"
    RELATIVE = "relative"
    OTHER = "other"

    @property
    def is_parent(self) -> bool:
        """Whether the requester is the child's father or mother.

        Not whether an authorisation letter is needed: grandparents, relatives and carers
        register a birth in their own right (Law on Civil Status 2014, art. 15); the letter
        depends on :attr:`forms.people.Requester.authorised`.
        """
        return self in (Relation.FATHER, Relation.MOTHER)


class Consent(StrEnum):
    """How the household head / owner / parent confirmed the residence request."""

    PAPER_SIGNATURE = "paper_signature"
    VNEID = "vneid"


class CardHolder(StrEnum):
    """Whose name is printed on the child's health-insurance card as guardian."""

    FATHER = "father"
    MOTHER = "mother"
    REQUESTER = "requester"


class Procedure(StrEnum):
    """The procedures of the birth interlink, each with its own agency and result."""

    BIRTH = "birth"
    RESIDENCE = "residence"
    INSURANCE = "insurance"
    # The death interlink (DOMAIN-2.md §A); labels and agencies in data/group_death_interlink.toml.
    DEATH = "death"
    RESIDENCE_REMOVAL = "residence_removal"
    FUNERAL_ALLOWANCE = "funeral_allowance"
    SURVIVOR_BENEFIT = "survivor_benefit"


class Delivery(StrEnum):
    """How a result is received; ``with_birth_result`` is offered for residence only."""

    AT_AGENCY = "at_agency"
    POSTAL = "postal"
    ELECTRONIC = "electronic"
    WITH_BIRTH_RESULT = "with_birth_result"


class Sex(StrEnum):
    """Sex as recorded on identity papers (and encoded in the personal ID number)."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        """The word printed on Vietnamese papers and in the chip ID card's QR code."""
        return "Nam" if self is Sex.MALE else "Nữ"


class IdKind(StrEnum):
    """Kinds of identity document a declaration may carry."""

    PERSONAL_ID = "personal_id"
    """Số định danh cá nhân (12 digits), printed on the chip ID card / căn cước."""
    OLD_ID = "old_id"
    """Chứng minh nhân dân of 9 digits, still found on older papers."""
    PASSPORT = "passport"
    """Hộ chiếu, Vietnamese or foreign."""


# -- the death interlink (DOMAIN-2.md §A). Labels, and which ids a rule accepts where the
# -- law is not confirmed, live in data/group_death_interlink.toml ([lists.*], [requesters]).


class DeathRelation(StrEnum):
    """The requester's relation to the deceased; ``other`` needs a free-text description."""

    WIFE = "wife"
    HUSBAND = "husband"
    CHILD = "child"
    FATHER = "father"
    MOTHER = "mother"
    GRANDFATHER = "grandfather"
    GRANDMOTHER = "grandmother"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    RELATIVE = "relative"
    ORGANISATION = "organisation"
    """Someone acting for the agency or organisation concerned (no relative left)."""
    OTHER = "other"


class HeadRelation(StrEnum):
    """The deceased's relation to the household head, as CT01 lists it."""

    FATHER = "father"
    MOTHER = "mother"
    WIFE = "wife"
    HUSBAND = "husband"
    CHILD = "child"
    GRANDFATHER = "grandfather"
    GRANDMOTHER = "grandmother"
    GRANDCHILD = "grandchild"
    ELDER_BROTHER = "elder_brother"
    ELDER_SISTER = "elder_sister"
    YOUNGER_SIBLING = "younger_sibling"
    OTHER = "other"


class DeathCause(StrEnum):
    """Nguyên nhân chết, as the declaration records it; ``other`` needs a description."""

    ILLNESS = "illness"
    OLD_AGE = "old_age"
    ACCIDENT = "accident"
    OCCUPATIONAL = "occupational"
    VIOLENCE = "violence"
    UNDETERMINED = "undetermined"
    OTHER = "other"


class DeathNoticeKind(StrEnum):
    """Giấy báo tử, or a paper that replaces it (police or forensic report, commune's notice)."""

    NOTICE = "notice"
    SUBSTITUTE = "substitute"


class BenefitBranch(StrEnum):
    """Which law pays the funeral allowance / survivor benefit (section IV of the e-form)."""

    SOCIAL_INSURANCE = "social_insurance"
    SOCIAL_PROTECTION = "social_protection"
    MERIT = "merit"


class InsuredStatus(StrEnum):
    """Why the deceased falls under the social-insurance branch of the interlink."""

    PENSIONER = "pensioner"
    MONTHLY_BENEFIT = "monthly_benefit"
    VOLUNTARY = "voluntary"


class SurvivorKind(StrEnum):
    """Trợ cấp tuất: paid monthly or once."""

    MONTHLY = "monthly"
    LUMP_SUM = "lump_sum"


class ProtectionCategory(StrEnum):
    """Social-protection beneficiaries whose funeral costs are supported.

    Decree 20/2021/NĐ-CP, art. 11.
    """

    MONTHLY_ALLOWANCE = "monthly_allowance"
    POOR_SINGLE_PARENT_CHILD = "poor_single_parent_child"
    ELDERLY_80 = "elderly_80"


class MeritCategory(StrEnum):
    """Categories of persons with meritorious service to the revolution."""

    PRE_1945_CADRE = "pre_1945_cadre"
    PRE_UPRISING_CADRE = "pre_uprising_cadre"
    HEROIC_MOTHER = "heroic_mother"
    HERO = "hero"
    WAR_INVALID = "war_invalid"
    SICK_SOLDIER = "sick_soldier"
    TOXIC_CHEMICAL = "toxic_chemical"
    RESISTANCE_ACTIVIST = "resistance_activist"
    OTHER = "other"


class PaymentMethod(StrEnum):
    """How an allowance is paid to its recipient."""

    AT_AGENCY = "at_agency"
    BANK_ACCOUNT = "bank_account"
    POSTAL = "postal"
