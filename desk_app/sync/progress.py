"""A sync round's progress, read from the stages the round already announces.

The round tells an observer each stage it reaches (:data:`desk_app.sync.round.Observer`);
:func:`watch_round` turns those into :class:`desk_app.progress.Progress` calls without adding
work to the round's loop: the counts come from the round's own report, the totals from two
counts read once at the start. Only stages reached on the round's own thread between two
transactions are reported (``batch-applied``, ``events-applied``, ``updates-applied``, and
the first stage of the next part, which closes the one before; never ``round-done``, once
all is done), so a stop raised by the callback lands where nothing is half-done: the batches
applied stay applied, a batch that was in flight keeps its idempotency key and is sent again,
under the same key, next round (central answers it from its memory; nothing doubles), and an
update page fetched but not applied is fetched again.

The report is updated just after each ``…-applied`` stage, so the count shown there lags one
batch behind; the closing stage of each part reports the whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desk_app.progress import PHASES, Progress
from desk_app.store import Store
from desk_app.store.event_outbox import waiting_events
from desk_app.store.sync_state import read_state

if TYPE_CHECKING:
    from desk_app.sync.round import SyncReport

SEND_STAGES = frozenset({"batch-applied"})
EVENT_STAGES = frozenset({"events-applied"})
PULL_STAGES = frozenset({"updates-applied", "settled"})
AFTER_SEND = frozenset({"events-prepared", "updates-received", "settled"})
AFTER_EVENTS = frozenset({"updates-received", "settled"})


def watch_round(
    store: Store, report: SyncReport, seen: Callable[[str], None], progress: Progress
) -> Callable[[str], None]:
    """An observer that calls ``seen`` and then reports the round's progress to ``progress``.

    Called once before the round starts (it reads the totals and reports 0 of them).
    """
    dossiers = read_state(store).waiting
    events = waiting_events(store)
    closed: set[str] = set()

    def sent() -> int:
        return report.accepted + len(report.rejected) + len(report.set_aside)

    def answered() -> int:
        return report.events + len(report.refused_events)

    def close(phase: str, done: int, total: int) -> None:
        """The last report of a part (once), at the next stage of the round."""
        if phase not in closed:
            closed.add(phase)
            progress(PHASES[phase], done, max(total, done))

    def observe(stage: str) -> None:
        seen(stage)
        if stage in SEND_STAGES:
            progress(PHASES["sync_send"], sent(), max(dossiers, sent()))
        elif stage in EVENT_STAGES:
            progress(PHASES["sync_events"], answered(), max(events, answered()))
        if stage in AFTER_SEND and dossiers:
            close("sync_send", sent(), dossiers)
        if stage in AFTER_EVENTS and events:
            close("sync_events", answered(), events)
        if stage in PULL_STAGES:
            progress(PHASES["sync_pull"], report.updates, None)

    if dossiers:
        progress(PHASES["sync_send"], 0, dossiers)
    return observe
