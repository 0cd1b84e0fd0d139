"""A sample receipt of the demo desk: for the README picture and the receipt benchmark.

``python -m desk_app.receipt.sample OUT.pdf`` writes the PDF; ``OUT.png`` writes the first page
as a picture (rasterised with pypdfium2, from the ``test`` extra). The dossier is the demo
office's sample of the desk's first group (:mod:`desk_app.groups.birth_interlink_sample`),
saved in memory only.
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
from desk_app.groups.birth_interlink_sample import DECLARATIONS
from desk_app.lifecycle import Status
from desk_app.settings import Settings
from desk_app.store import DossierRow

RECEIVED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=VN_TZ)
APPOINTMENT_AT = datetime(2026, 11, 30, 8, 0, tzinfo=VN_TZ)
"""What reception saves for RECEIVED_AT: 24 Nov 2026 is Vietnam Culture Day, so the three
working days count from Wed 25 Nov; results at the office's appointment hour (08:00)."""
PNG_DPI = 110


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
        procedure_group=dossier.kind,
        status=Status.RECEIVED,
        received_at=RECEIVED_AT,
        appointment_at=APPOINTMENT_AT,
        updated_at=RECEIVED_AT,
        officer="Nguyễn Thị Minh Thư",
        desk_number=1,
        requester_name=dossier.requester_name,
        subject_name=dossier.subject_name,
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
