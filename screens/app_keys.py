"""F1 and Ctrl+Q, as the App answers them on every screen: the keys, and quitting knowingly.

A mixin of the App (before ``App``), so ``screens/app.py`` stays small. F1 lists the keys of
the screen in front (:mod:`screens.help`); Ctrl+Q quits at once when every dossier has reached
central, and otherwise first says how many have not (:mod:`screens.dialogs.quit`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk_app.desk import Desk


class KeyActions:
    """``help`` (F1) and ``quit`` (Ctrl+Q)."""

    desk: Desk | None

    def action_help(self) -> None:
        """F1: the keys of the screen in front (F1 again, or Esc, closes the list)."""
        from screens.help import HelpScreen

        app: Any = self
        if isinstance(app.screen, HelpScreen):
            app.screen.dismiss(None)
        else:
            app.push_screen(HelpScreen.for_screen(app.screen))

    async def action_quit(self) -> None:
        """Quit; first say how many dossiers have not reached central, if any (Ctrl+Q again
        quits, Esc stays)."""
        from screens.dialogs.quit import QuitDialog

        app: Any = self
        if self.desk is not None and not isinstance(app.screen, QuitDialog):
            from desk_app.sync import read_state

            state = read_state(self.desk.store)
            if state.waiting or state.held:
                app.push_screen(QuitDialog(state.waiting, state.held))
                return
        app.exit()
