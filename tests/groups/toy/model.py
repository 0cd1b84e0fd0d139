"""The toy group's declarations: a requester asks for two things about one person.

Built from the same ``forms`` parts the shipped groups use (requester, agencies, attachments,
per-procedure delivery), so the generic parts of the desk meet nothing new but the group.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from forms.agencies import AgencyRef
from forms.attachments import Attachments
from forms.delivery import DeliveryChoice
from forms.errors import FieldMessage
from forms.fields import Name, PastDate
from forms.group import unique
from forms.people import Requester

KIND = "toy_extract"


class ToyAgencies(BaseModel):
    """Who decides each procedure."""

    model_config = ConfigDict(extra="forbid", title="Cơ quan thực hiện")

    extract_agency: AgencyRef = Field(title="Cơ quan cấp trích lục", description="UBND cấp xã.")
    stamp_agency: AgencyRef = Field(title="Cơ quan xác nhận", description="Công an cấp xã.")


class ToySubject(BaseModel):
    """The person the extract is about."""

    model_config = ConfigDict(extra="forbid", title="Người được cấp trích lục")

    full_name: Name = Field(title="Họ, chữ đệm và tên", description="Như trên giấy tờ.")
    date_of_birth: PastDate = Field(title="Ngày sinh", description="Ngày, tháng, năm sinh.")


class ToyDelivery(BaseModel):
    """How each result is received."""

    model_config = ConfigDict(extra="forbid", title="Nhận kết quả")

    extract: DeliveryChoice = Field(title="Kết quả cấp trích lục", description="Nơi nhận.")
    stamp: DeliveryChoice = Field(title="Kết quả xác nhận", description="Nơi nhận.")


class ToyExtract(BaseModel):
    """All declarations of a toy dossier."""

    model_config = ConfigDict(extra="forbid", title="Hồ sơ trích lục (thử)")

    kind: Literal["toy_extract"] = Field(KIND, title="Nhóm thủ tục", description="Nhóm thử.")
    agencies: ToyAgencies = Field(title="Cơ quan thực hiện", description="Cơ quan giải quyết.")
    requester: Requester = Field(title="Người yêu cầu", description="Người đứng ra yêu cầu.")
    subject: ToySubject = Field(title="Người được cấp trích lục", description="Người đó.")
    attachments: Attachments = Field(
        default_factory=Attachments, title="Giấy tờ đính kèm", description="Giấy tờ đã nộp."
    )
    delivery: ToyDelivery = Field(title="Nhận kết quả", description="Nơi nhận từng kết quả.")

    @property
    def procedures(self) -> tuple[str, ...]:
        """Both procedures, always."""
        return ("extract", "stamp")

    @property
    def subject_name(self) -> str:
        """The subject's name as declared."""
        return self.subject.full_name

    @property
    def requester_name(self) -> str:
        """The requester's name as declared."""
        return self.requester.full_name

    def search_names(self) -> list[str]:
        """Subject and requester."""
        return unique([self.subject.full_name, self.requester.full_name])

    def id_numbers(self) -> list[str]:
        """The requester's document."""
        return unique([self.requester.id_document.number])

    def notices(self, received_on: date) -> list[FieldMessage]:
        """No warnings in the toy group."""
        return []
