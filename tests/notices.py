"""What a running app said, caught as Textual delivers it: its notifications, its messages.

Tests read what the officer was told from here, never from the App's private
``_notifications``: Textual's supported window on a running app is
``run_test(message_hook=...)``, called with every message any of the app's message pumps
handles. ``App.notify`` posts a :class:`textual.notifications.Notify` carrying the
:class:`~textual.notifications.Notification` (message, title, severity), so catching those
gives every notification in the order the app handled it, including the ones that have
expired or were cleared off the screen since (which a look at the app's state would miss).

The same hook catches the messages widgets post to each other (the wizard's editors post
``Edited`` with the value the officer chose): :class:`Caught` keeps any one type of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from textual.message import Message
from textual.notifications import Notification, Notify

Hook = Callable[[Message], None]
M = TypeVar("M", bound=Message)


class Caught(Generic[M]):
    """Every message of one type the app handled, oldest first, each once.

    A message that bubbles is handled by each pump on its way up (an editor, its page, the
    screen, the app); it is kept the first time only.
    """

    def __init__(self, kind: type[M], then: Hook | None = None) -> None:
        self.kind = kind
        self.then = then
        """Another hook to pass every message on to (a test's own, another catcher)."""
        self.caught: list[M] = []
        self._seen: dict[int, Message] = {}
        """Every message kept, by id, and held here: an id tells messages apart only while the
        message is alive, and once :meth:`forget` let one go, a new message could take its id
        and be taken for it (a notice then went missing, now and then, on a loaded machine)."""

    def hook(self, message: Message) -> None:
        """For ``run_test(message_hook=...)``: keep the messages of this type, pass all on."""
        if isinstance(message, self.kind) and id(message) not in self._seen:
            self._seen[id(message)] = message
            self.caught.append(message)
        if self.then is not None:
            self.then(message)

    def forget(self) -> None:
        """Keep only what comes from now on: the test's next step starts afresh."""
        self.caught.clear()  # _seen stays (and holds them): one still bubbling is not caught again

    def __iter__(self) -> Iterator[M]:
        return iter(list(self.caught))

    def __len__(self) -> int:
        return len(self.caught)


class Notices(Caught[Notify]):
    """The notifications an app posted (``App.notify``), oldest first."""

    def __init__(self, then: Hook | None = None) -> None:
        super().__init__(Notify, then)

    @property
    def shown(self) -> list[Notification]:
        """Each notification: ``message``, ``title``, ``severity``."""
        return [m.notification for m in self.caught]

    @property
    def messages(self) -> list[str]:
        """The text of each notification."""
        return [n.message for n in self.shown]

    def titled(self, title: str) -> list[Notification]:
        """The notifications with this title."""
        return [n for n in self.shown if n.title == title]
