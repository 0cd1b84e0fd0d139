"""The state of the attachment checklist: what was received for each item.

Which items a dossier needs is decided by the checklist rules in ``desk_app`` (from ``data/``);
this model only records what the officer received, so it is keyed by the checklist's stable
item ids rather than by an enum.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from forms.errors import fail
from forms.fields import ItemId, Sha256
from forms.limits import MAX_FILES_PER_DOSSIER

AUTHORISATION_LETTER = "authorisation_letter"
"""Văn bản ủy quyền — demanded when the requester acts under authorisation."""
BIRTH_CERTIFICATE = "birth_certificate"
IDENTITY_DOCUMENT = "identity_document"
RESIDENCE_PROOF = "residence_proof"
CT01_FORM = "ct01"


class AttachmentItem(BaseModel):
    """One checklist item: copies handed in, scanned files, and whether the original was seen."""

    model_config = ConfigDict(extra="forbid", title="Giấy tờ")

    item: ItemId = Field(title="Giấy tờ", description="Mục trong danh sách giấy tờ đính kèm.")
    copies: int = Field(0, ge=0, le=20, title="Số bản", description="Số bản giấy đã nhận tại quầy.")
    files: list[Sha256] = Field(
        default_factory=list,
        max_length=MAX_FILES_PER_DOSSIER,
        title="Tệp đã quét",
        description="Các tệp bản chụp/bản quét đã lưu (theo mã SHA-256).",
    )
    original_sighted: bool = Field(
        False, title="Đã xem bản chính", description="Cán bộ đã xem bản chính để đối chiếu."
    )

    @property
    def received(self) -> bool:
        """Whether anything was received for this item, on paper or as a file."""
        return self.copies > 0 or bool(self.files)


class Attachments(BaseModel):
    """Giấy tờ đính kèm: one entry per checklist item received."""

    model_config = ConfigDict(extra="forbid", title="Giấy tờ đính kèm")

    items: list[AttachmentItem] = Field(
        default_factory=list,
        max_length=30,
        title="Danh sách giấy tờ",
        description="Giấy tờ công dân nộp, theo danh sách giấy tờ của hồ sơ.",
    )

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[AttachmentItem]) -> list[AttachmentItem]:
        seen: set[str] = set()
        for entry in items:
            if entry.item in seen:
                raise fail("item_duplicate", item=entry.item)
            seen.add(entry.item)
        # Central takes this many files per dossier (forms.limits): a dossier with more would
        # be saved and receipted, then refused at every sync round.
        count = sum(len(entry.files) for entry in items)
        if count > MAX_FILES_PER_DOSSIER:
            raise fail("files_over_limit", count=count, limit=MAX_FILES_PER_DOSSIER)
        return items

    def received(self, item: str) -> bool:
        """Whether the checklist item ``item`` was received."""
        return any(entry.item == item and entry.received for entry in self.items)
