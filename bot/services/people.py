"""Who is talking to the bot: their language, country, time zone and roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.countries import CENTRAL_ASIA, OTHER, TIMEZONES
from bot.db.repositories.users import UserRecord, UsersRepository
from bot.locales import LANGUAGES, match_language
from bot.roles import Role


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    locale: str
    language_known: bool
    country: str | None
    timezone: str
    roles: frozenset[Role]
    is_new: bool = False

    def has(self, role: Role) -> bool:
        return role in self.roles


class PeopleService:
    def __init__(
        self,
        users: UsersRepository,
        *,
        admin_ids: frozenset[int],
        default_locale: str,
        default_timezone: str,
    ) -> None:
        self._users = users
        self._admin_ids = admin_ids
        self._default_locale = default_locale
        self._default_timezone = default_timezone

    async def identify(self, user_id: int, language_code: str | None, now: datetime) -> Person:
        """The person behind an update; first contact records them with the language their
        Telegram app uses, when it is one of ours."""
        record = await self._users.get(user_id)
        is_new = record is None
        if record is None:
            await self._users.create(user_id, match_language(language_code), now)
            record = await self._users.get(user_id)
            assert record is not None
        else:
            if not record.is_active:
                await self._users.set_active(user_id, True, now)
            detected = match_language(language_code)
            if record.language is None and detected is not None:
                await self._users.set_detected_language(user_id, detected, now)
                record = await self._users.get(user_id)
                assert record is not None
        return self._person(record, is_new)

    async def find(self, user_id: int) -> Person | None:
        record = await self._users.get(user_id)
        return None if record is None else self._person(record, False)

    def _person(self, record: UserRecord, is_new: bool) -> Person:
        roles = {Role.MEMBER, *(Role(r) for r in record.granted_roles)}
        if record.id in self._admin_ids:
            roles.add(Role.ADMIN)
        if record.coordinates:
            roles.add(Role.COORDINATOR)
        if record.expert:
            roles.add(Role.EXPERT)
        return Person(
            id=record.id,
            locale=record.language or self._default_locale,
            language_known=record.language is not None,
            country=record.country,
            timezone=record.timezone or self._default_timezone,
            roles=frozenset(roles),
            is_new=is_new,
        )

    async def set_language(self, user_id: int, language: str, now: datetime) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        await self._users.set_language(user_id, language, now)

    async def set_country(self, user_id: int, country: str, now: datetime) -> None:
        if country not in (*CENTRAL_ASIA, OTHER):
            raise ValueError(f"unknown country {country!r}")
        await self._users.set_country(user_id, country, TIMEZONES.get(country), now)

    async def set_reachable(self, user_id: int, reachable: bool, now: datetime) -> bool:
        """Record that the person blocked (False) or unblocked (True) the bot."""
        return await self._users.set_active(user_id, reachable, now)

    async def role_holders(self) -> list[Person]:
        """Everyone with more than the member role: admins and granted roles."""
        people = {r.id: self._person(r, False) for r in await self._users.with_granted_roles()}
        for admin_id in self._admin_ids:
            if admin_id not in people:
                found = await self.find(admin_id)
                if found is not None:
                    people[admin_id] = found
        return list(people.values())
