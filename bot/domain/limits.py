"""Per-person limits on the actions that cost other people's attention or the bot's work:
generous for honest use, a wall for a compromised or abusive account. Admins have none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class Action(StrEnum):
    EVENT = "event"  # announcing an event
    POLL = "poll"  # sending a poll
    RECS = "recs"  # sending a set of recommendations
    BROADCAST = "broadcast"  # a message to everyone who answered, a summary to all
    ASK = "ask"  # a consultation request
    EXPORT = "export"  # a CSV file


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    window: timedelta


DAY = timedelta(days=1)

LIMITS: dict[Action, Limit] = {
    Action.EVENT: Limit(10, DAY),
    Action.POLL: Limit(10, DAY),
    Action.RECS: Limit(5, DAY),
    Action.BROADCAST: Limit(10, DAY),
    Action.ASK: Limit(10, DAY),
    Action.EXPORT: Limit(30, DAY),
}


class LimitReached(Exception):
    """The person has done `action` as often as its limit allows in its window."""

    def __init__(self, action: Action, limit: Limit) -> None:
        super().__init__(f"limit of {limit.count} {action.value} per {limit.window} reached")
        self.action = action
        self.limit = limit
