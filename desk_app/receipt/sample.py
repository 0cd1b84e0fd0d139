"""A sample receipt of the demo desk: for the README picture and the receipt benchmark.

``python -m desk_app.receipt.sample OUT.pdf`` writes the PDF; ``OUT.png`` writes the first page
as a picture (rasterised with pypdfium2, from the ``test`` extra). The dossier is a complete,
valid birth-interlink dossier of the demo office (Phường Láng, Hà Nội), saved in memory only.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from desk_app.clock import VN_TZ
from desk_app.demo import DEMO_TOML
from desk_app.dossier import Dossier
from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.store import DossierRow

RECEIVED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ)
APPOINTMENT_AT = datetime(2026, 11, 30, 8, 0, tzinfo=VN_TZ)
"""What reception saves for RECEIVED_AT: 24 Nov 2026 is Vietnam Culture Day, so the three
working days count from Wed 25 Nov; results at the office's appointment hour (08:00)."""
PNG_DPI = 110


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


def sample_settings() -> Settings:
    """The demo desk's settings (paths relative to the working folder; nothing is opened)."""
    return Settings.model_validate(tomllib.loads(DEMO_TOML))


def sample_row(declarations: dict[str, Any] | None = None) -> DossierRow:
    """The sample dossier as the store would return it after saving."""
    dossier = Dossier.model_validate({"declarations": declarations or DECLARATIONS})
    return DossierRow(
        id=1,
        code="000.00.01.H26-261124-1007",
        lookup_code="K7M2QX",
        procedure_group="birth_interlink",
        status=Status.RECEIVED,
        received_at=RECEIVED_AT,
        appointment_at=APPOINTMENT_AT,
        updated_at=RECEIVED_AT,
        officer="Nguyễn Thị Minh Thư",
        desk_number=1,
        requester_name=dossier.requester_name,
        child_name=dossier.child_name,
        declarations=dossier.model_dump(mode="json"),
        content_hash="",
        central_id=None,
        status_reason=None,
    )


def write_png(pdf: bytes, out: Path, dpi: int = PNG_DPI) -> None:
    """Rasterise the first page of ``pdf`` to ``out``."""
    import pypdfium2  # test extra: only the docs picture needs it

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
        image.convert("L").save(out, optimize=True)
    finally:
        document.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Write the sample receipt as PDF or PNG."""
    from desk_app.receipt import render_receipt

    parser = argparse.ArgumentParser(prog="python -m desk_app.receipt.sample")
    parser.add_argument("out", type=Path, help="OUT.pdf or OUT.png")
    parser.add_argument("--paper", choices=("A4", "A5"), default="A4")
    args = parser.parse_args(argv)
    settings = sample_settings()
    settings = settings.model_copy(
        update={"printing": settings.printing.model_copy(update={"paper": args.paper})}
    )
    pdf = render_receipt(sample_row(), settings).pdf
    if args.out.suffix.lower() == ".png":
        write_png(pdf, args.out)
    else:
        args.out.write_bytes(pdf)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
