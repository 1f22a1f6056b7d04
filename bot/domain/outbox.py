"""What the outbox holds: rendered messages, rows per recipient, a campaign's progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    text: str  # HTML; the caption when the message carries a file
    markup: str | None  # inline keyboard as Bot API JSON
    file_kind: str | None = None  # photo | document, sent by Telegram's file id
    file_id: str | None = None


# A message for readers of one language and time zone: (locale, zone) -> message. Pure: it
# formats what it was given and reads nothing.
Render = Callable[[str, str], OutgoingMessage]

# A message that may take several (a digest): (locale, zone) -> its pages, in order.
RenderPages = Callable[[str, str], list[OutgoingMessage]]

# Where readers differ in more than language and time zone (their own answer to an event
# decides their buttons), a render per segment: segment -> Render.
RenderFor = Callable[[str], Render]


@dataclass(frozen=True, slots=True)
class Recipient:
    """One reader of a campaign: their segment (see `RenderFor`), and the message of theirs
    to edit instead of sending a new one."""

    user_id: int
    segment: str = ""
    edit_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Delivered:
    """A message the outbox delivered: to whom, and its Telegram message id."""

    user_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    campaign_id: int
    user_id: int
    variant: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Progress:
    queued: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.queued + self.sent + self.failed + self.blocked + self.cancelled


@dataclass(frozen=True, slots=True)
class Queued:
    """A campaign written to the outbox: its id and how many rows went in (people who
    blocked the bot are left out)."""

    campaign_id: int
    count: int
