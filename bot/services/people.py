"""Who is talking to the bot: their language, country, time zone and roles; whether the bot
can reach them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.countries import CENTRAL_ASIA, OTHER, TIMEZONES
from bot.db.database import Database
from bot.db.repositories.outbox import OutboxRepository
from bot.db.repositories.users import UsersRepository
from bot.domain.errors import InvalidChoice
from bot.domain.people import Person, UserRecord
from bot.locales import LANGUAGES, match_language
from bot.roles import Role

SEARCH_NAME_MAX = 300


def search_key(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """What admins' search looks in: the name and @username, casefolded."""
    parts = [first_name, last_name, f"@{username}" if username else None]
    return " ".join(p for p in parts if p).casefold()[:SEARCH_NAME_MAX]


class PeopleService:
    def __init__(
        self,
        db: Database,
        users: UsersRepository,
        outbox: OutboxRepository,
        *,
        admin_ids: frozenset[int],
        default_locale: str,
        default_timezone: str,
        on_zone_change: Callable[[int, str, datetime], Awaitable[None]] | None = None,
    ) -> None:
        self._on_zone_change = on_zone_change
        self._db = db
        self._users = users
        self._outbox = outbox
        self.admin_ids = admin_ids
        self._default_locale = default_locale
        self._default_timezone = default_timezone

    async def identify(
        self,
        user_id: int,
        language_code: str | None,
        now: datetime,
        search_name: str | None = None,
    ) -> Person:
        """The person behind an update; first contact records them with the language their
        Telegram app uses, when it is one of ours. Writing to the bot makes a person who
        had blocked it reachable again. `search_name` (their name and @username as
        Telegram shows them now, see `search_key`) is kept for admins' search."""
        record = await self._users.get(user_id)
        is_new = record is None
        if record is None and await self._users.is_blocked(user_id):
            # blocked by the admins, and forgotten since: nothing of them is stored again
            return self._person(
                UserRecord(
                    user_id,
                    match_language(language_code),
                    False,
                    None,
                    None,
                    True,
                    frozenset(),
                    False,
                    False,
                    blocked=True,
                ),
                False,
            )
        if record is None:
            await self._users.create(user_id, match_language(language_code), now)
            if search_name:
                await self._users.set_search_name(user_id, search_name)
            record = await self._users.get(user_id)
            assert record is not None
        else:
            if search_name and record.search_name != search_name:
                await self._users.set_search_name(user_id, search_name)
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
        if record.id in self.admin_ids:
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
            blocked=record.blocked,
        )

    async def set_language(self, person: Person, language: str, now: datetime) -> Person:
        if language not in LANGUAGES:
            raise InvalidChoice(f"language {language!r}")
        await self._users.set_language(person.id, language, now)
        return await self._reload(person)

    async def set_country(self, person: Person, country: str, now: datetime) -> Person:
        if country not in (*CENTRAL_ASIA, OTHER):
            raise InvalidChoice(f"country {country!r}")
        zone = TIMEZONES.get(country)
        async with self._db.transaction():
            await self._users.set_country(person.id, country, zone, now)
            if self._on_zone_change is not None:
                # what is scheduled at the person's local hours follows them
                await self._on_zone_change(person.id, zone or self._default_timezone, now)
        return await self._reload(person)

    async def _reload(self, person: Person) -> Person:
        found = await self.find(person.id)
        assert found is not None
        return found

    async def mark_unreachable(self, user_id: int, now: datetime) -> int:
        """The person blocked the bot (or their account is gone): nothing more is queued
        for them, and what was queued is marked blocked, together."""
        async with self._db.transaction():
            await self._users.set_active(user_id, False, now)
            return await self._outbox.block_user(user_id, now)

    async def mark_reachable(self, user_id: int, now: datetime) -> bool:
        """The person unblocked the bot: new messages reach them again."""
        return await self._users.set_active(user_id, True, now)

    async def role_holders(self) -> list[Person]:
        """Everyone with more than the member role: admins and granted roles."""
        people = {r.id: self._person(r, False) for r in await self._users.with_granted_roles()}
        for admin_id in self.admin_ids:
            if admin_id not in people:
                found = await self.find(admin_id)
                if found is not None:
                    people[admin_id] = found
        return list(people.values())
