"""A keyboard driver for the wizard that counts the keys an officer presses.

Characters typed into a text field (names, numbers, dates, addresses: what the citizen's
papers dictate) are data and not counted; every other key is: Enter, Esc, F-keys, arrows,
Space, and the letters typed into a picker (a list field, even one that takes free text). A
scanner's burst is typed by the scanner, not the officer, and is not counted either.
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from screens.wizard.editors import Picker, TextEditor

KEY_NAMES = {
    " ": "space",
    "/": "slash",
    "@": "at",
    ".": "full_stop",
    "-": "minus",
    "+": "plus",
    "|": "vertical_line",
    ",": "comma",
}


async def burst(pilot: Pilot, text: str) -> None:
    """Every character of ``text`` as key events queued at once, then one wait for idleness.

    As a fast typist or a scanner delivers them: the app takes them in order from its queue,
    the focused field receiving each. Textual's pilot would instead wait for idleness after
    every key (two waits of at least one step each), which for the wizard's fields cost the
    suite minutes of sleep. A picker narrows its list at each key it takes, in order, so a
    burst must leave it where key-by-key typing would: the picker tests check exactly that.
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for char in text:
        key = KEY_NAMES.get(char, char)
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


class Officer:
    """Presses keys on a pilot and keeps count."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.counted = 0

    async def press(self, *keys: str) -> None:
        """Navigation or command keys: each one counts."""
        for key in keys:
            await self.pilot.press(key)
            self.counted += 1
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        """Characters into the focused field: free in a text field, counted in a picker."""
        focused = self.pilot.app.focused
        assert isinstance(focused, TextEditor), f"typing into {focused!r}"
        if isinstance(focused, Picker):  # choosing from a list, free text or not
            self.counted += len(text)
        await burst(self.pilot, text)

    async def fill(self, text: str) -> None:
        """Type a field and press Enter."""
        await self.type(text)
        await self.press("enter")

    async def scan(self, payload: str) -> None:
        """The scanner types a burst ending with Enter: not the officer's keys."""
        await burst(self.pilot, payload)
        await self.pilot.press("enter")
        await self.pilot.pause()
