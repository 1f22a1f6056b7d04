"""Role checks that every privileged action goes through, whatever button or command led
there: callback data comes from the client and can be forged."""

from __future__ import annotations

import logging

from bot.domain.errors import NotAllowed
from bot.domain.people import Person
from bot.roles import Role

__all__ = ["NotAllowed", "refuse", "require"]

log = logging.getLogger("bot.access")


def refuse(person: Person, action: str, detail: str = "") -> NotAllowed:
    log.warning("refused %s to user %s %s", action, person.id, detail)
    return NotAllowed(action)


def require(person: Person, role: Role, action: str) -> None:
    if not person.has(role):
        raise refuse(person, action, f"(needs {role.value})")
