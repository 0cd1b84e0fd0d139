"""The command palette lists the keys of the screen it was opened from.

A screen declares its actions once, as bindings (key, description, tooltip); this provider
offers the same actions by name in the palette (Ctrl+P), so an officer who forgot a key can
search "trả kết quả" instead. Actions a screen currently refuses (``check_action``) are left out,
and so is a key whose action the App already offers under the same name (home's Ctrl+N is the
App's "Hồ sơ mới": listed once, not twice).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits

from screens.palette import Folding


class ScreenCommands(Folding):
    """Commands from the calling screen's own bindings, matched without diacritics."""

    def _commands(self) -> Iterator[tuple[str, str, Binding]]:
        screen = self.screen
        system = list(self.app.get_system_commands(screen))
        offered = {c.title for c in system} | {
            getattr(c.callback, "__name__", "").removeprefix("action_") for c in system
        }
        for b in screen.BINDINGS:
            if not isinstance(b, Binding) or not b.description:
                continue
            if b.description in offered or b.action.removeprefix("app.") in offered:
                continue
            if "." not in b.action and screen.check_action(b.action.split("(")[0], ()) is False:
                continue
            yield b.description, b.tooltip, b

    def _run(self, binding: Binding) -> None:
        self.app.call_later(self.app.run_action, binding.action, self.screen)

    async def discover(self) -> Hits:
        """Every action of the screen, for the palette opened with nothing typed."""
        for name, help_text, binding in self._commands():
            yield DiscoveryHit(name, partial(self._run, binding), help=help_text)

    async def search(self, query: str) -> Hits:
        """Actions whose description matches what was typed."""
        matcher = self.matcher(query)
        for name, help_text, binding in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, binding), help=help_text
                )
