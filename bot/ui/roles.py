"""Role names for readers."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.utils.i18n import gettext

from bot.i18n import N_
from bot.roles import Role

ROLE_NAMES: dict[Role, str] = {
    Role.MEMBER: N_("member"),
    Role.COORDINATOR: N_("coordinator of an organization"),
    Role.EXPERT: N_("expert"),
    Role.ORGANIZER: N_("organizer"),
    Role.ADMIN: N_("administrator"),
}

_ORDER = (Role.ADMIN, Role.ORGANIZER, Role.EXPERT, Role.COORDINATOR, Role.MEMBER)


def role_names(roles: Iterable[Role]) -> str:
    held = set(roles)
    return ", ".join(gettext(ROLE_NAMES[r]) for r in _ORDER if r in held)
