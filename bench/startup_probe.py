"""Start an app headless, wait for its first painted screen, exit: `python -m bench.startup_probe`.

``bare`` starts an empty Textual app (the floor); ``desk CONFIG`` goes through the `desk`
command's own entry point, with only the app's run switched to headless. The probe prints
the wall-clock time at which the first frame was displayed; the caller, which noted the
time just before starting the process, subtracts (so interpreter start-up counts, shutdown
does not).
"""

from __future__ import annotations

import sys
import time
from typing import Any


async def _exit_after_first_paint(pilot: Any) -> None:
    # Textual calls the auto pilot on its Ready event: "the DOM is ready and the first
    # frame has been displayed".
    print(f"READY {time.time()!r}", flush=True)
    pilot.app.exit()


def main() -> None:
    """Run the chosen app until its first frame is painted."""
    from textual.app import App

    run = App.run

    def headless_run(self: App[Any], **kwargs: Any) -> Any:
        return run(self, headless=True, auto_pilot=_exit_after_first_paint)

    App.run = headless_run  # type: ignore[method-assign]
    if sys.argv[1] == "bare":
        App().run()
        return
    from desk_app.cli import main as desk_main

    sys.exit(desk_main(["--config", sys.argv[2]]))


if __name__ == "__main__":
    main()
