"""The receipt's QR code: what it holds and the module grid the PDF draws.

The payload is ``[receipt] qr_template`` of desk.toml filled with the dossier code and its secret
lookup code: the bare code by default (what a counter scanner types into the lookup screen), or a
lookup URL for the citizen's phone. The grid is drawn as vector squares, so it stays sharp at any
printer resolution; the size is chosen so that one module is at least :data:`MIN_MODULE_MM`
(what cheap phone cameras and 1D/2D counter scanners read reliably at arm's length) and the code
is never smaller than :data:`MIN_SIDE_MM`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import qrcode
from qrcode.constants import ERROR_CORRECT_M

MIN_MODULE_MM: Final = 0.6
MIN_SIDE_MM: Final = 26.0
QUIET_MODULES: Final = 4
"""The blank margin the QR standard asks for around the code, in modules."""


def qr_payload(template: str, code: str, lookup_code: str) -> str:
    """The text the QR holds (the template is validated by the settings model)."""
    return template.format(code=code, lookup_code=lookup_code)


@dataclass(frozen=True, slots=True)
class QrGrid:
    """The dark modules of a QR code, without its quiet zone."""

    size: int
    """Modules per side."""
    dark: tuple[tuple[int, int], ...]
    """(row, column) of every dark module."""

    def side_mm(self, at_least: float = MIN_SIDE_MM) -> float:
        """The printed side (quiet zone included) honouring the module and side minimums."""
        total = self.size + 2 * QUIET_MODULES
        return max(at_least, total * MIN_MODULE_MM)


def qr_grid(payload: str) -> QrGrid:
    """Encode ``payload`` (medium error correction: survives a fold or a coffee ring)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    matrix = code.get_matrix()
    dark = tuple((r, c) for r, row in enumerate(matrix) for c, on in enumerate(row) if on)
    return QrGrid(len(matrix), dark)
