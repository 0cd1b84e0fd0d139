"""The desk's side of syncing with the central system (protocol: docs/sync-protocol.md).

What other code calls:

- :func:`sync_once` — one full round (ship the outbox, apply status updates); what the App's
  worker runs on its interval and on demand, and what `desk sync` runs. Never raises for
  network trouble: the :class:`SyncReport` says what happened.
- :func:`verify_requester` — ID + full name + date of birth against the population register;
  answers verified / not matching / offline, never raises on network failure.
- :func:`read_state` and :func:`footer_line` — the footer's online/offline, waiting count and
  last success.
"""

from desk_app.store.sync_state import SyncState, read_state
from desk_app.sync.client import CentralClient, CentralRefused, CentralUnavailable, SyncError
from desk_app.sync.messages import footer_line, summary
from desk_app.sync.retry import RetryPolicy
from desk_app.sync.round import SyncReport, run_round, sync_once
from desk_app.sync.verify import Verification, VerificationStatus, verify_requester

__all__ = [
    "CentralClient",
    "CentralRefused",
    "CentralUnavailable",
    "RetryPolicy",
    "SyncError",
    "SyncReport",
    "SyncState",
    "Verification",
    "VerificationStatus",
    "footer_line",
    "read_state",
    "run_round",
    "summary",
    "sync_once",
    "verify_requester",
]
