"""Limits the counter, the desk's sync and central all enforce: written once, here.

A dossier the counter accepts must be one central accepts too; otherwise it is saved, the
citizen gets a receipt, and then central refuses it at every round. So the counter's forms,
the desk's sync (which checks what it is about to send) and the reference central server
(``central.protocol``) read these very numbers. ``forms`` is the lowest layer, importable by
all three.
"""

from __future__ import annotations

from typing import Final

MAX_FILES_PER_DOSSIER: Final = 50
"""Scanned files of one dossier, all checklist items together."""

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
"""Bytes of one scanned file (20 MiB): what the scanner folder copies and central stores."""

MAX_BATCH_BYTES: Final = 32 * 1024 * 1024
"""Bytes of one batch request body (32 MiB)."""

MAX_SAFE_INTEGER: Final = 2**53 - 1
"""The largest integer every JSON reader keeps exactly; a declaration never needs more."""
