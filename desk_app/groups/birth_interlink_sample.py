"""A complete birth-interlink dossier of the demo office (Phường Láng, Hà Nội), as declared.

The sample receipt (:mod:`desk_app.receipt.sample`) prints it for the README picture and the
receipt benchmark; it lives with the birth group's definition because every field of it is
that group's.
"""

from __future__ import annotations

from typing import Any


def _address(detail: str, commune: str = "00187") -> dict[str, Any]:
    return {"country": "VN", "province_code": "01", "commune_code": commune, "detail": detail}


def _agency(code: str, name: str, commune: str | None = "00187") -> dict[str, Any]:
    return {"code": code, "name": name, "commune_code": commune}


HOME = "Số 12 ngõ 34 phố Láng"
MOTHER = "Nguyễn Thị Thu Hằng"
FATHER = "Trần Văn Bình"

DECLARATIONS: dict[str, Any] = {
    "kind": "birth_interlink",
    "agencies": {
        "birth_agency": _agency("000.00.02.H26", "Ủy ban nhân dân phường Láng"),
        "birth_case": "both_parents",
        "residence_same_area": True,
        "residence_agency": _agency("000.00.03.H26", "Công an phường Láng"),
        "residence_case": "join_parents_owner",
        "insurance_agency": _agency("000.00.04.H26", "Bảo hiểm xã hội cơ sở Đống Đa", None),
    },
    "requester": {
        "full_name": MOTHER,
        "date_of_birth": "1994-03-12",
        "sex": "female",
        "id_document": {"kind": "personal_id", "number": "001194012345"},
        "residence": {"type": "permanent", "address": _address(HOME)},
        "relation": "mother",
        "phone": "0912345678",
        "email": "thuhang.nguyen@example.vn",
        "verified": True,
        "scanned": True,
    },
    "child": {
        "full_name": "Trần Minh Khuê",
        "date_of_birth": "2026-11-15",
        "sex": "female",
        "ethnicity": "01",
        "place_of_birth": {
            "facility_name": "Bệnh viện Phụ sản Hà Nội",
            "address": _address("Số 929 đường La Thành", "00190"),
        },
        "home_town": "Xã Đông Hội, huyện Đông Anh, Hà Nội",
        "birth_certificate_number": "1234/GCS",
    },
    "mother": {
        "full_name": MOTHER,
        "date_of_birth": "1994-03-12",
        "ethnicity": "01",
        "residence": {"type": "permanent", "address": _address(HOME)},
        "id_document": {"kind": "personal_id", "number": "001194012345"},
    },
    "father": {
        "full_name": FATHER,
        "date_of_birth": "1990-07-01",
        "ethnicity": "01",
        "residence": {"type": "permanent", "address": _address(HOME)},
        "id_document": {"kind": "personal_id", "number": "001090054321"},
    },
    "residence": {
        "household_head_name": FATHER,
        "relation_to_head": "Con",
        "household_head_id": "001090054321",
        "address": _address(HOME),
        "consent": "vneid",
    },
    "insurance": {
        "facility_code": "01001",
        "facility_name": "Bệnh viện Đa khoa Đống Đa",
        "card_holder": "mother",
    },
    "attachments": {
        "items": [
            {
                "item": "birth_certificate",
                "copies": 1,
                "files": ["0" * 63 + "1"],
                "original_sighted": True,
            },
            {"item": "ct01", "copies": 1, "files": ["0" * 63 + "2"], "original_sighted": True},
        ]
    },
    "delivery": {
        "birth": {"method": "at_agency"},
        "residence": {"method": "with_birth_result"},
        "insurance": {"method": "postal", "address": _address(HOME)},
    },
}
