"""Organizers' events: publishing, editing, cancelling, messaging those who answered, and
their views. Each action is one transaction that checks the role and ownership, writes the
event and queues every notification it causes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.audience import Audience, AudienceRepository
from bot.db.repositories.event_reminders import EventRemindersRepository
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.db.repositories.events import EventsRepository
from bot.domain.errors import InvalidChoice
from bot.domain.events import (
    ANNOUNCEMENT,
    ANSWER_NOTICES,
    ANSWERED,
    CANCELLED,
    CHANGED,
    EVENT_CAMPAIGNS,
    MESSAGE,
    OWN_PAGE,
    Cancelled,
    Edited,
    Event,
    EventDetails,
    InvalidEvent,
    OwnEvent,
    OwnEventPage,
    Problem,
    Published,
    Reach,
    RosterEntry,
)
from bot.domain.limits import Action
from bot.domain.outbox import Progress, Recipient
from bot.domain.people import Person
from bot.roles import Role
from bot.services.access import refuse
from bot.services.event_cards import AnnouncementCards
from bot.services.event_rules import check, check_edit, plan_reminders
from bot.services.limits import Limits
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.waiting_list import WaitingList


class EventsService:
    def __init__(
        self,
        db: Database,
        events: EventsRepository,
        responses: EventResponsesRepository,
        reminders: EventRemindersRepository,
        audience: AudienceRepository,
        outbox: Outbox,
        notices: Notices,
        waiting_list: WaitingList,
        cards: AnnouncementCards,
        *,
        limits: Limits | None = None,
    ) -> None:
        self._limits = limits
        self._cards = cards
        self._db = db
        self._events = events
        self._responses = responses
        self._reminders = reminders
        self._audience = audience
        self._outbox = outbox
        self._notices = notices
        self._waiting = waiting_list

    def check_organizer(self, person: Person, action: str = "create event") -> None:
        """Organizers and admins run events; NotAllowed for everyone else."""
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action)

    async def reach(self, person: Person, audience: Audience) -> Reach:
        """Who an announcement to `audience` by `person` goes to: the people it includes
        who can be reached, the organizer left out; and who is left out. The preview and
        the publishing count the same people."""
        self.check_organizer(person, "count audience")
        people = await self._audience.people(audience)
        return Reach(
            tuple(uid for uid in people if uid != person.id),
            organizer_included=person.id in people,
            unreachable=await self._audience.count_unreachable(audience),
        )

    async def publish(self, person: Person, details: EventDetails, now: datetime) -> Published:
        self.check_organizer(person)
        check(details, now)
        async with self._db.transaction():
            if self._limits is not None:
                await self._limits.spend(person, Action.EVENT, now)
            event_id = await self._events.create(person.id, details, now)
            event = await self._events.get(event_id)
            assert event is not None
            await self._reminders.replace(event_id, plan_reminders(event, now))
            queued = await self._outbox.queue(
                ANNOUNCEMENT,
                (await self.reach(person, details.audience)).recipients,
                self._notices.announcement(event),
                now,
                subject_id=event_id,
                created_by=person.id,
            )
        return Published(event, queued.count)

    async def own_event(self, person: Person, event_id: int, action: str) -> Event:
        """The event, when `person` organizes it (or is an admin); NotAllowed otherwise."""
        event = await self._events.get(event_id)
        if event is None:
            raise refuse(person, action, f"(event {event_id} is gone)")
        if event.organizer_id != person.id and not person.has(Role.ADMIN):
            raise refuse(person, action, f"(event {event_id})")
        if not person.has_any(Role.ORGANIZER, Role.ADMIN):
            raise refuse(person, action, "(no longer an organizer)")
        return event

    async def editable(self, person: Person, event_id: int, action: str) -> Event:
        """The event, when the person organizes it and it is still published."""
        event = await self.own_event(person, event_id, action)
        if not event.published:
            raise InvalidEvent(Problem.CANCELLED)
        return event

    async def edit(
        self, person: Person, event_id: int, details: EventDetails, now: datetime
    ) -> Edited:
        """Reminders follow the new dates; more places let the waiting list in, in order;
        everyone who answered is told what changed."""
        async with self._db.transaction():
            before = await self.editable(person, event_id, "edit event")
            details = replace(
                details,
                kind=before.details.kind,
                timezone=before.details.timezone,
                questions=before.details.questions,
                audience=before.details.audience,
            )
            check_edit(before, details, now)
            await self._events.update(event_id, details, now)
            after = await self._events.get(event_id)
            assert after is not None
            promoted = await self._waiting.fill(after, now)
            await self._reminders.replace(event_id, plan_reminders(after, now))
            told = 0
            if before.details != after.details:
                queued = await self._outbox.queue_to(
                    CHANGED,
                    await self._answered(event_id),
                    lambda answer: self._notices.event_changed(before, after, answer),
                    now,
                    subject_id=event_id,
                    created_by=person.id,
                )
                told = queued.count
                await self._cards.follow(after, now)
        return Edited(before, after, told, tuple(promoted))

    async def cancel(self, person: Person, event_id: int, now: datetime) -> Cancelled | None:
        """Everyone who answered is told; what of the announcement is not out yet stays
        unsent. None when it was cancelled already (a double tap)."""
        async with self._db.transaction():
            await self.own_event(person, event_id, "cancel event")
            if not await self._events.cancel(event_id, now):
                return None
            event = await self._events.get(event_id)
            assert event is not None
            await self._reminders.drop(event_id)
            # what about it is not out yet (the announcement, reminders, notices) stays unsent
            await self._outbox.cancel_about(EVENT_CAMPAIGNS, event_id, now)
            queued = await self._outbox.queue(
                CANCELLED,
                await self._responses.responders(event_id, ANSWERED),
                self._notices.event_cancelled(event),
                now,
                subject_id=event_id,
                created_by=person.id,
            )
            await self._cards.follow(event, now)
        return Cancelled(event, queued.count)

    async def message_all(self, person: Person, event_id: int, text: str, now: datetime) -> int:
        """The organizer's message to everyone who answered; how many it goes to."""
        async with self._db.transaction():
            if self._limits is not None:
                await self._limits.spend(person, Action.BROADCAST, now)
            event = await self.editable(person, event_id, "message attendees")
            queued = await self._outbox.queue_to(
                MESSAGE,
                await self._answered(event_id),
                lambda answer: self._notices.organizer_message(event, text, answer),
                now,
                subject_id=event_id,
                created_by=person.id,
            )
        return queued.count

    async def _answered(self, event_id: int) -> list[Recipient]:
        """Everyone who answered, each with their answer (it decides their buttons)."""
        return [
            Recipient(user_id, answer)
            for user_id, answer in await self._responses.answers_by_person(event_id, ANSWERED)
        ]

    async def set_answer_notices(
        self, person: Person, event_id: int, mode: str, now: datetime
    ) -> Event:
        """How the organizer hears of new answers to their event: each, daily or off."""
        if mode not in ANSWER_NOTICES:
            raise InvalidChoice(f"answer notices {mode!r}")
        async with self._db.transaction():
            await self.editable(person, event_id, "set answer notices")
            await self._events.set_answer_notices(event_id, mode, now)
            event = await self._events.get(event_id)
        assert event is not None
        return event

    async def organized(self, person: Person) -> list[OwnEvent]:
        """An organizer's own events, latest first; for an admin, every event (also those
        whose organizer left)."""
        events = await self._events.get_many(await self._organized_ids(person))
        counts = await self._responses.counts_of([event.id for event in events])
        return [OwnEvent(event, counts[event.id]) for event in events]

    async def _organized_ids(self, person: Person) -> list[int]:
        if person.has(Role.ADMIN):
            return await self._events.organized_ids(None)
        if person.has(Role.ORGANIZER):
            return await self._events.organized_ids(person.id)
        raise refuse(person, "list own events")

    async def organized_page(self, person: Person, page: int) -> OwnEventPage:
        """A page of `organized`: only that page's events are read (an admin sees every
        event of the network)."""
        ids = await self._organized_ids(person)
        pages = max(1, (len(ids) + OWN_PAGE - 1) // OWN_PAGE)
        page = min(max(page, 0), pages - 1)
        events = await self._events.get_many(ids[page * OWN_PAGE : (page + 1) * OWN_PAGE])
        counts = await self._responses.counts_of([event.id for event in events])
        items = tuple(OwnEvent(event, counts[event.id]) for event in events)
        return OwnEventPage(items, page, pages, len(ids))

    async def own_view(self, person: Person, event_id: int) -> tuple[OwnEvent, Progress | None]:
        """The organizer's card: the event, its answers and its announcement's progress."""
        event = await self.own_event(person, event_id, "open own event")
        counts = await self._responses.counts(event_id)
        return OwnEvent(event, counts), await self._outbox.latest_progress(ANNOUNCEMENT, event_id)

    async def roster(self, person: Person, event_id: int) -> tuple[Event, list[RosterEntry]]:
        event = await self.own_event(person, event_id, "read attendees")
        return event, await self._responses.roster(event_id)
