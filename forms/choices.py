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
