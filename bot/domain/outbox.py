"""What the outbox holds: rendered messages, rows per recipient, a campaign's progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    text: str
    markup: str | None  # inline keyboard as Bot API JSON


# A message for readers of one language and time zone: (locale, zone) -> message. Pure: it
# formats what it was given and reads nothing.
Render = Callable[[str, str], OutgoingMessage]


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
