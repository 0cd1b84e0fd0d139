"""The residence declaration (CT01, Circular 66/2023/TT-BCA) for the child's permanent residence."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from forms.address import Address
from forms.choices import Consent
from forms.fields import Name, OptionalName, single_line
from forms.identity import OptionalPersonalIdNumber, PersonalIdNumber


class ResidenceDeclaration(BaseModel):
    """Tờ khai thay đổi thông tin cư trú: where the child registers and with whose consent.

    CT01 carries only the household head's name and personal ID, not their date of birth, so
    the head's number is checked for shape and province code only. When the child joins parents
    in a home they do not own, the owner (or whoever may consent for the home) must agree (Law on
    Residence 2020, art. 20): CT01 then records that person too, and how they agreed.
    Whether the owner is needed depends on the residence case chosen with the agencies, so
    that rule lives with the dossier (:mod:`forms.birth_interlink`).
    """

    model_config = ConfigDict(extra="forbid", title="Thông tin đăng ký thường trú")

    household_head_name: Name = Field(
        title="Họ, chữ đệm và tên chủ hộ", description="Chủ hộ nơi trẻ đăng ký thường trú."
    )
    relation_to_head: Annotated[str, single_line(60)] = Field(
        title="Quan hệ với chủ hộ",
        description="Quan hệ của trẻ với chủ hộ, ví dụ: Con, Cháu nội, Cháu ngoại.",
    )
    household_head_id: PersonalIdNumber = Field(
        title="Số định danh cá nhân của chủ hộ",
        description="12 số, như trên thẻ căn cước của chủ hộ.",
    )
    address: Address = Field(
        title="Địa chỉ đăng ký thường trú", description="Chỗ ở hợp pháp nơi trẻ đăng ký thường trú."
    )
    owner_name: OptionalName = Field(
        None,
        title="Họ, chữ đệm và tên chủ sở hữu chỗ ở",
        description=(
            "Người đồng ý cho trẻ đăng ký thường trú (chủ sở hữu chỗ ở, hoặc người được chủ sở "
            "hữu ủy quyền đồng ý) khi cha, mẹ không phải chủ sở hữu chỗ ở."
        ),
    )
    owner_id: OptionalPersonalIdNumber = Field(
        None,
        title="Số định danh cá nhân của chủ sở hữu chỗ ở",
        description="12 số, như trên thẻ căn cước của người đồng ý.",
    )
    consent: Consent = Field(
        title="Hình thức xác nhận đồng ý",
        description=(
            "Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở, cha mẹ hoặc người giám hộ: "
            "ký trên tờ khai CT01 hoặc xác nhận trên VNeID."
        ),
    )
