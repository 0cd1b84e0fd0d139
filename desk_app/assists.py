"""Assists every group's wizard offers over the draft: a chip card scan, an old address placed.

Pure functions of the draft's JSON and the gazetteer (no screen): the wizard calls them and
then shows the draft again. Every group's requester is a :class:`forms.people.RequesterBase`, so
a scan fills it the same way whatever the group; an old three-level address (a household book,
an old ID card) is placed in the 2025 units wherever an address has a ``legacy_text``.
"""

from __future__ import annotations

from typing import Any

from desk_app.drafting import get_in, set_in
from desk_app.gazetteer import Gazetteer
from desk_app.gazetteer.convert import convert_address
from forms.chip_qr import ScanError, looks_like_chip_qr, parse_chip_qr
from forms.text import fold


def looks_like_scan(text: object) -> bool:
    """Whether typed text is a chip card payload rather than what the field expects (a tick
    box's value, not text, never is)."""
    return isinstance(text, str) and looks_like_chip_qr(text)


def apply_scan(data: dict[str, Any], payload: str, gazetteer: Gazetteer) -> str | None:
    """Fill the requester in ``data`` from ``payload``; return the error message, if any."""
    try:
        scan = parse_chip_qr(payload)
    except ScanError as exc:
        return exc.message
    fields = scan.requester_draft()
    requester = data["declarations"].setdefault("requester", {})
    for key in ("full_name", "sex", "scanned"):
        requester[key] = _json(fields[key])
    requester["date_of_birth"] = fields["date_of_birth"].isoformat()
    document = requester.setdefault("id_document", {})
    document["kind"] = _json(fields["id_document"]["kind"])
    document["number"] = fields["id_document"]["number"]
    issued = fields["id_document"]["issued_on"]
    document["issued_on"] = issued.isoformat() if issued else None
    legacy = fields["residence"]["address"]["legacy_text"]
    set_in(data, ("declarations", "requester", "residence", "type"), "permanent")
    set_in(data, ("declarations", "requester", "residence", "address", "legacy_text"), legacy)
    place_legacy_address(data, ("declarations", "requester", "residence", "address"), gazetteer)
    return None


def place_legacy_address(
    data: dict[str, Any], path: tuple[str | int, ...], gazetteer: Gazetteer
) -> str | None:
    """Fill the 2025 units (and the street) of the address at ``path`` from its legacy text.

    Returns a short description of where the old address is today, or None when the text
    names no unit the gazetteer knows (the officer then picks the units by hand).
    """
    address = get_in(data, path) or {}
    text = address.get("legacy_text")
    if not text:
        return None
    found = convert_address(gazetteer, text)
    if found is None:
        return None
    address["country"] = "VN"
    address["province_code"] = found.province.code
    address["commune_code"] = found.commune.code if found.commune else None
    if found.street and not address.get("detail"):
        address["detail"] = found.street
    set_in(data, path, address)
    where = found.commune.label if found.commune else found.province.name
    return f"→ nay là {where}" + (" (xã cũ đã chia, hỏi lại công dân)" if found.is_divided else "")


UNIT_WORDS = (
    "phuong ",
    "xa ",
    "thi tran ",
    "thi xa ",
    "quan ",
    "huyen ",
    "thanh pho ",
    "tp ",
    "tp.",
    "tinh ",
    "p.",
    "q.",
    "tt.",
)
"""How the parts of an old address that name a unit begin (folded)."""


def street_of(text: Any, gazetteer: Gazetteer) -> str | None:
    """The house and street of an old address text: the parts before the first one naming an
    administrative unit (by its kind, or as a unit the gazetteer recognised in the text)."""
    if not isinstance(text, str) or not text.strip():
        return None
    found = convert_address(gazetteer, text)
    known = fold(found.legacy.label) if found is not None and found.legacy else ""
    street = []
    for part in (p.strip() for p in text.split(",")):
        folded = fold(part)
        if folded.startswith(UNIT_WORDS) or (folded and folded in known):
            break
        street.append(part)
    return ", ".join(p for p in street if p) or None


def _json(value: Any) -> Any:
    return getattr(value, "value", value)
