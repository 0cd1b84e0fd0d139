"""The receipt's QR code drawn in the terminal with half blocks (two modules per cell)."""

from __future__ import annotations

import qrcode
from rich.text import Text


def qr_text(payload: str) -> Text:
    """``payload`` as a QR code a phone can read off the screen (dark on light)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    out = Text(no_wrap=True)
    for top, bottom in zip(matrix[::2], matrix[1::2], strict=True):
        for upper, lower in zip(top, bottom, strict=True):
            # Light background, dark modules: the glyph draws the *light* parts.
            out.append(
                {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}[
                    (upper, lower)
                ],
                style="white on black",
            )
        out.append("\n")
    return out
