"""The QR code of a chip ID card, as a keyboard-wedge scanner types it.

The chip CCCD issued from 2021 carries it on the front, the thẻ căn cước issued since
1 Jul 2024 on the back (Circular 16/2024/TT-BCA, art. 6). The 2021 card's payload is
``ID12|oldID9|Full Name|DDMMYYYY|Nam or Nữ|permanent address|issue DDMMYYYY`` (DOMAIN.md §7);
the old-ID field may be empty. Newer cards may carry more (further fields after the issue date,
trailing empty ones) or leave the old-ID field out, so fields are read by what they mean, in the
2021 order, and never by their count: the old-ID slot is there when the second field is empty
or holds digits (a name never does), and whatever follows the issue date is not the holder's
identity and is ignored. What cannot be read as a valid card is a bad scan: the scanner "types"
the payload into whatever has focus, so surrounding whitespace and a trailing Enter are forgiven,
and the officer gets one message saying what was wrong so they know whether to rescan or to fix
the scanner's keyboard layout.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from forms.choices import IdKind, ResidenceType, Sex
from forms.errors import pydantic_reason
from forms.fields import Name, single_line
from forms.identity import personal_id_problem
from forms.messages import ERRORS, SCAN_ERRORS
from forms.text import TextRejected, clean_line, nfc, refused_character

LABEL: Final = "Mã QR thẻ căn cước"
"""How scan errors name their "field": the scan itself."""

MIN_FIELDS: Final = 6
"""Identity, name, birth date, sex, address, issue date: fewer fields is not a card's QR."""

_FIELD_NAMES: Final = {
    "id": "số định danh",
    "name": "họ tên",
    "born": "ngày sinh",
    "sex": "giới tính",
    "address": "nơi thường trú",
    "issued": "ngày cấp",
}
_SEXES: Final = {"Nam": Sex.MALE, "Nữ": Sex.FEMALE}
_DMY8 = re.compile(r"[0-9]{8}")
_NINE = re.compile(r"[0-9]{9}")
_TWELVE = re.compile(r"[0-9]{12}")
# Keys the scanner could not type in the active keyboard layout come out as "?" or as the
# replacement character; Telex/VNI input methods left on turn "Nữ" into "Nuwx" or "Nu4x".
_GARBLED_SEX = re.compile(r"N(?:\?|\ufffd|uw|u7|ưx|ư4)\w*", re.IGNORECASE)


class ScanError(ValueError):
    """A scan that cannot fill the requester; ``message`` names the scan and says what to do."""

    def __init__(self, code: str, **context: Any) -> None:
        self.code = code
        self.hint = SCAN_ERRORS[code].format(**context)
        self.message = f"{LABEL}: {self.hint}"
        super().__init__(self.message)


class ChipCardScan(BaseModel):
    """What a chip ID card's QR code says about its holder; built by :func:`parse_chip_qr`."""

    model_config = ConfigDict(extra="forbid", frozen=True, title=LABEL)

    id_number: str = Field(title="Số định danh cá nhân")
    old_id_number: str | None = Field(None, title="Số CMND cũ")
    full_name: Name = Field(title="Họ, chữ đệm và tên")
    date_of_birth: date = Field(title="Ngày sinh")
    sex: Sex = Field(title="Giới tính")
    permanent_address: Annotated[str, single_line(300)] = Field(title="Nơi thường trú")
    issued_on: date = Field(title="Ngày cấp")

    def payload(self) -> str:
        """The payload as the card encodes it (what :func:`parse_chip_qr` reads back)."""
        return "|".join(
            [
                self.id_number,
                self.old_id_number or "",
                self.full_name,
                self.date_of_birth.strftime("%d%m%Y"),
                self.sex.label,
                self.permanent_address,
                self.issued_on.strftime("%d%m%Y"),
            ]
        )

    def requester_draft(self) -> dict[str, Any]:
        """The requester's fields this scan fills, in the shape :class:`Requester` accepts.

        The permanent address is free text from the card (often the pre-2025 three-level form),
        so it lands in ``legacy_text`` for the officer to resolve to a 2025 commune.
        """
        return {
            "full_name": self.full_name,
            "date_of_birth": self.date_of_birth,
            "sex": self.sex,
            "id_document": {
                "kind": IdKind.PERSONAL_ID,
                "number": self.id_number,
                "issued_on": self.issued_on,
            },
            "residence": {
                "type": ResidenceType.PERMANENT,
                "address": {"legacy_text": self.permanent_address},
            },
            "scanned": True,
        }


def _date(text: str, what: str) -> date:
    if _DMY8.fullmatch(text):
        try:
            return date(int(text[4:]), int(text[2:4]), int(text[:2]))
        except ValueError:
            pass
    raise ScanError("date", what=what, value=text)


def looks_like_chip_qr(text: str) -> bool:
    """Whether text typed into a field is a chip card payload rather than what the field expects.

    A name, a number or an address never holds ``|``; a card's payload holds at least five.
    """
    return text.count("|") >= MIN_FIELDS - 1


def _slots(parts: list[str]) -> dict[str, int]:
    """Where each meaning sits: the 2021 order, with or without the old-ID slot."""
    slots = {"id": 0}
    position = 1
    second = parts[1]
    if not second or any(c.isdigit() for c in second) or not any(c.isalpha() for c in second):
        slots["old_id"] = 1
        position = 2
    for key in ("name", "born", "sex", "address", "issued"):
        slots[key] = position
        position += 1
    return slots


def parse_chip_qr(payload: str, *, today: date | None = None) -> ChipCardScan:
    """Parse a scanned chip ID card QR payload, or raise :class:`ScanError`.

    ``today`` (the receipt date) lets the parser refuse a date of birth or issue date in the
    future; without it only the payload's own consistency is checked.
    """
    if len(payload) > 2000:
        raise ScanError("too_long")
    text = nfc(payload).strip()
    if not text:
        raise ScanError("empty")
    bad = refused_character(text) or next((c for c in text if c in "\t\n\r"), None)
    if bad is not None:
        raise ScanError("control", char=f"U+{ord(bad):04X}")
    parts = [part.strip(" ") for part in text.split("|")]
    if len(parts) < MIN_FIELDS:
        raise ScanError("fields", count=len(parts))
    slots = _slots(parts)
    for key, what in _FIELD_NAMES.items():
        if slots[key] >= len(parts):
            raise ScanError("truncated", what=what)
        if not parts[slots[key]]:
            raise ScanError("missing", what=what, position=slots[key] + 1)
    value = {key: parts[slot] for key, slot in slots.items()}
    id_number, old_id, name = value["id"], value.get("old_id", ""), value["name"]
    if _TWELVE.fullmatch(id_number) and id_number in value["issued"][8:]:
        raise ScanError("twice")  # a second scan typed on after the first one's issue date

    born = _date(value["born"], "ngày sinh")
    sex_text = value["sex"]
    if sex_text not in _SEXES:
        if _GARBLED_SEX.fullmatch(sex_text) or "?" in text:
            raise ScanError("garbled", value=sex_text)
        raise ScanError("sex", value=sex_text)
    sex = _SEXES[sex_text]
    problem = personal_id_problem(id_number, birth_year=born.year, sex=sex)
    if problem is not None:
        reason = _reason(ERRORS[problem.code].format(**problem.context))
        raise ScanError("id", value=id_number, reason=reason)
    if old_id and not _NINE.fullmatch(old_id):
        raise ScanError("old_id", value=old_id)
    issued = _date(value["issued"], "ngày cấp")
    if issued < born:
        raise ScanError("issued_before_birth", issued=_dmy(issued), born=_dmy(born))
    if today is not None:
        for what, day in (("ngày sinh", born), ("ngày cấp", issued)):
            if day > today:
                raise ScanError(
                    "future", what=what.capitalize(), value=_dmy(day), today=_dmy(today)
                )
    address = value["address"]
    try:
        clean_line(address)
    except TextRejected as exc:
        raise ScanError("address", reason=_reason(exc.message)) from None
    try:
        return ChipCardScan(
            id_number=id_number,
            old_id_number=old_id or None,
            full_name=name,
            date_of_birth=born,
            sex=sex,
            permanent_address=address,
            issued_on=issued,
        )
    except ValidationError as exc:
        error = exc.errors()[0]
        field = error["loc"][0] if error["loc"] else ""
        reason = _reason(pydantic_reason(error))  # never pydantic's English "Value error, …"
        if field == "full_name":
            raise ScanError("name", value=name, reason=reason) from None
        raise ScanError("address", reason=reason) from None


def _reason(hint: str) -> str:
    """The "what is wrong" half of a field message; for a scan, what to do is always rescan."""
    return hint.split(";")[0]


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")
