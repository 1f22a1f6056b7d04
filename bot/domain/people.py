"""Who talks to the bot: their language, country, time zone and roles."""

from __future__ import annotations

from dataclasses import dataclass

from bot.roles import Role


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A person's row, with what their roles are derived from."""

    id: int
    language: str | None
    language_chosen: bool
    country: str | None
    timezone: str | None
    is_active: bool
    granted_roles: frozenset[str]
    coordinates: bool  # coordinates at least one approved organization
    expert: bool  # holds an approved expert profile
    search_name: str | None = None  # casefolded name and @username, for admins' search
    blocked: bool = False  # blocked by an admin


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    locale: str
    language_known: bool
    country: str | None
    timezone: str
    roles: frozenset[Role]
    is_new: bool = False
    blocked: bool = False  # by an admin: the bot ignores them except /forget

    def has(self, role: Role) -> bool:
        return role in self.roles

    def has_any(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)


@dataclass(frozen=True, slots=True)
class Contact:
    """How to reach a person, as they showed themselves to Telegram when they acted (kept
    only where they agreed to show it: a partner they accepted, a coordinator they asked)."""

    user_id: int
    name: str
    username: str | None = None
