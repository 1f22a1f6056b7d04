"""A person's choices of what reaches them and when: digest, time zone, quiet hours,
interests and each kind of notification. Each change moves the schedule it touches in
the same transaction: the next digest (never a second one in a day or week already
served), the weekly summary, and messages held for quiet hours."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.catalog import THEMES
from bot.countries import CENTRAL_ASIA, OTHER
from bot.db.database import Database
from bot.db.repositories.notification_settings import NotificationSettingsRepository
from bot.db.repositories.rows import dt
from bot.db.repositories.users import UsersRepository
from bot.domain.errors import InvalidChoice, NotAllowed
from bot.domain.notifications import (
    CATEGORIES,
    Frequency,
    Mode,
    Preferences,
    QuietHours,
    next_digest,
)
from bot.domain.people import Person
from bot.roles import Role


@lru_cache(maxsize=1)
def _zones_by_fold() -> dict[str, str]:
    return {z.casefold(): z for z in available_timezones()}


def valid_zone(name: str) -> str | None:
    """The IANA zone `name` names (as typed: "asia/almaty" too), or None."""
    cleaned = name.strip().replace(" ", "_")
    if not cleaned or len(cleaned) > 64:
        return None
    found = _zones_by_fold().get(cleaned.casefold())
    if found is None:
        return None
    try:
        ZoneInfo(found)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return found


class NotificationSettingsService:
    def __init__(
        self,
        db: Database,
        repo: NotificationSettingsRepository,
        users: UsersRepository,
    ) -> None:
        self._db = db
        self._repo = repo
        self._users = users

    async def of(self, person: Person) -> Preferences:
        return await self._repo.get(person.id)

    async def next_digest_at(self, person: Person) -> datetime | None:
        next_at = (await self._repo.schedule(person.id))[0]
        return dt(next_at) if next_at else None

    async def set_digest(
        self, person: Person, frequency: Frequency, day: int, hour: int, now: datetime
    ) -> Preferences:
        if not 0 <= day <= 6 or not 0 <= hour <= 23:
            raise InvalidChoice(f"digest day {day} hour {hour}")
        async with self._db.transaction():
            await self._set_digest(person.id, person.timezone, frequency, day, hour, now)
        return await self.of(person)

    async def _set_digest(
        self, user_id: int, zone: str, frequency: Frequency, day: int, hour: int, now: datetime
    ) -> None:
        last = (await self._repo.schedule(user_id))[1]
        next_at = next_digest(frequency, day, hour, zone, now, dt(last) if last else None)
        await self._repo.set_digest(user_id, frequency, day, hour, next_at, now)
        await self._reschedule_summary(user_id, zone, day, hour, now)

    async def _reschedule_summary(
        self, user_id: int, zone: str, day: int, hour: int, now: datetime
    ) -> None:
        _next, _last, next_summary, last_summary = await self._repo.schedule(user_id)
        if next_summary is None:
            return
        moment = next_digest(
            Frequency.WEEKLY, day, hour, zone, now, dt(last_summary) if last_summary else None
        )
        await self._repo.set_summary(user_id, True, moment, now)

    async def set_summary(self, person: Person, on: bool, now: datetime) -> Preferences:
        if not person.has(Role.ORGANIZER):
            raise NotAllowed("the weekly summary is for organizers")
        async with self._db.transaction():
            prefs = await self._repo.get(person.id)
            last = (await self._repo.schedule(person.id))[3]
            moment = (
                next_digest(
                    Frequency.WEEKLY,
                    prefs.digest_day,
                    prefs.digest_hour,
                    person.timezone,
                    now,
                    dt(last) if last else None,
                )
                if on
                else None
            )
            await self._repo.set_summary(person.id, on, moment, now)
        return await self.of(person)

    async def set_quiet(
        self, person: Person, quiet: QuietHours | None, now: datetime
    ) -> Preferences:
        if quiet is not None and (
            not 0 <= quiet.start <= 23 or not 0 <= quiet.end <= 23 or quiet.start == quiet.end
        ):
            raise InvalidChoice(f"quiet hours {quiet}")
        async with self._db.transaction():
            await self._repo.set_quiet(person.id, quiet, now)
            await self._repo.hold_rows(
                person.id, quiet.release(now, person.timezone) if quiet else None
            )
        return await self.of(person)

    async def set_mode(
        self, person: Person, category: str, mode: Mode, now: datetime
    ) -> Preferences:
        """A kind's mode; "digest only" with no digest turns a daily one on (else nothing
        of that kind would come at all)."""
        if category not in CATEGORIES:
            raise InvalidChoice(f"category {category!r}")
        async with self._db.transaction():
            await self._repo.set_mode(person.id, category, mode)
            prefs = await self._repo.get(person.id)
            if mode is Mode.DIGEST and prefs.digest is Frequency.OFF:
                await self._set_digest(
                    person.id,
                    person.timezone,
                    Frequency.DAILY,
                    prefs.digest_day,
                    prefs.digest_hour,
                    now,
                )
        return await self.of(person)

    async def set_themes(self, person: Person, themes: frozenset[str]) -> Preferences:
        if not themes <= set(THEMES):
            raise InvalidChoice(f"themes {sorted(themes - set(THEMES))}")
        async with self._db.transaction():
            await self._repo.set_themes(person.id, themes)
        return await self.of(person)

    async def set_countries(self, person: Person, countries: frozenset[str]) -> Preferences:
        if not countries <= {*CENTRAL_ASIA, OTHER}:
            raise InvalidChoice(f"countries {sorted(countries)}")
        async with self._db.transaction():
            await self._repo.set_countries(person.id, countries)
        return await self.of(person)

    async def toggle_theme(self, person: Person, slug: str) -> Preferences:
        """A theme of interest ticked or unticked (read and written in one transaction,
        so a double tap is two taps, not a lost one)."""
        async with self._db.transaction():
            themes = (await self._repo.get(person.id)).themes
            return await self.set_themes(person, themes ^ {slug})

    async def toggle_country(self, person: Person, code: str) -> Preferences:
        async with self._db.transaction():
            countries = (await self._repo.get(person.id)).countries
            return await self.set_countries(person, countries ^ {code})

    async def set_timezone(self, person: Person, zone: str, now: datetime) -> None:
        """A new time zone: the person's next digest and summary at their hour there,
        never twice in a day (week) already served; held messages to the new morning."""
        if valid_zone(zone) != zone:
            raise InvalidChoice(f"time zone {zone!r}")
        async with self._db.transaction():
            await self._users.set_timezone(person.id, zone, now)
            await self.zone_changed(person.id, zone, now)

    async def zone_changed(self, user_id: int, zone: str, now: datetime) -> None:
        """Move what is scheduled in local time to the person's new zone (part of the
        caller's transaction)."""
        self._db.require_transaction()
        prefs = await self._repo.get(user_id)
        if prefs.digest is not Frequency.OFF:
            await self._set_digest(
                user_id, zone, prefs.digest, prefs.digest_day, prefs.digest_hour, now
            )
        else:
            await self._reschedule_summary(user_id, zone, prefs.digest_day, prefs.digest_hour, now)
        if prefs.quiet is not None:
            await self._repo.hold_rows(user_id, prefs.quiet.release(now, zone))
