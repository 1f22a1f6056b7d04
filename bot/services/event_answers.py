"""Members' answers to events: Going / Maybe / Not going with a waiting list, application
forms, withdrawing; and what each person may see. Each answer is one transaction, so a
double tap or two people taking the last place are decided in turn."""

from __future__ import annotations

from datetime import datetime

from bot.db.database import Database
from bot.db.repositories.audience import AudienceRepository
from bot.db.repositories.event_responses import EventResponsesRepository
from bot.db.repositories.events import EventsRepository
from bot.domain.errors import InvalidChoice
from bot.domain.events import (
    APPLICATION,
    NEW_ANSWER,
    Answered,
    Closed,
    Event,
    EventPage,
    EventView,
    places_taken,
)
from bot.domain.people import Person
from bot.services.event_cards import AnnouncementCards
from bot.services.notices import Notices
from bot.services.outbox import Outbox
from bot.services.waiting_list import WaitingList

CHOICES = ("going", "maybe", "not_going")
PAGE = 6


class EventAnswersService:
    def __init__(
        self,
        db: Database,
        events: EventsRepository,
        responses: EventResponsesRepository,
        audience: AudienceRepository,
        waiting_list: WaitingList,
        outbox: Outbox,
        notices: Notices,
        cards: AnnouncementCards,
    ) -> None:
        self._cards = cards
        self._outbox = outbox
        self._notices = notices
        self._db = db
        self._events = events
        self._responses = responses
        self._audience = audience
        self._waiting = waiting_list

    async def visible(self, person: Person, event_id: int) -> EventView | None:
        """The event as the person sees it, if its audience (or its announcement, or their
        own answer) reaches them."""
        if not await self._audience.reaches(event_id, person.id):
            return None
        event = await self._events.get(event_id)
        if event is None:
            return None
        return await self._view(person, event)

    async def _view(self, person: Person, event: Event) -> EventView:
        return EventView(
            event,
            await self._responses.counts(event.id),
            await self._responses.response(event.id, person.id),
        )

    async def upcoming(self, person: Person, now: datetime, page: int) -> EventPage:
        """Published events not yet over that reach the person, soonest first, a page."""
        visible = await self._audience.upcoming_for(person.id, now)
        pages = max(1, (len(visible) + PAGE - 1) // PAGE)
        page = min(max(page, 0), pages - 1)
        shown = await self._events.get_many(visible[page * PAGE : (page + 1) * PAGE])
        return EventPage(tuple(shown), page, pages, len(visible))

    def _closed(self, event: Event | None, now: datetime) -> Closed | None:
        if event is None:
            return Closed.GONE
        if not event.published:
            return Closed.CANCELLED
        if event.details.starts_at <= now:
            return Closed.OVER
        return None

    async def _open_event(self, person: Person, event_id: int, now: datetime) -> Event | Closed:
        event = None
        if await self._audience.reaches(event_id, person.id):
            event = await self._events.get(event_id)
        closed = self._closed(event, now)
        if closed is not None:
            return closed
        assert event is not None
        return event

    async def rsvp(
        self,
        person: Person,
        event_id: int,
        choice: str,
        display_name: str,
        now: datetime,
        username: str | None = None,
    ) -> Answered | Closed:
        """Going (or the waiting list when full), Maybe or Not going. A place given up
        goes to the first on the waiting list, who is told."""
        if choice not in CHOICES:
            raise InvalidChoice(f"answer {choice!r}")
        async with self._db.transaction():
            event = await self._open_event(person, event_id, now)
            if isinstance(event, Closed):
                return event
            if event.details.questions and choice != "not_going":
                return Closed.NEEDS_FORM
            current = await self._responses.response(event_id, person.id)
            if event.details.questions and current in APPLICATION:  # Not going: as Withdraw
                return await self._withdraw(person, event, current, now)
            if choice == current or (choice == "going" and current == "waitlist"):
                return Answered(current, changed=False)
            wanted = choice
            if choice == "going" and await self._full(event):
                wanted = "waitlist"
            await self._responses.set_response(
                event_id, person.id, wanted, now, display_name, username
            )
            if current == "going":
                await self._waiting.fill(event, now)
            await self._cards.answered(event, person.id, now)
            await self._tell_organizer(event, person, wanted, now)
            return Answered(wanted, view=await self._view(person, event))

    async def _full(self, event: Event) -> bool:
        capacity = event.details.capacity
        return capacity is not None and (
            places_taken(await self._responses.counts(event.id)) >= capacity
        )

    async def form(self, person: Person, event_id: int, now: datetime) -> Event | Closed:
        """The event whose form the person may fill in (or edit) now."""
        event = await self._open_event(person, event_id, now)
        if isinstance(event, Closed):
            return event
        if not event.details.questions:
            return Closed.NO_FORM
        if event.details.apply_by is not None and event.details.apply_by <= now:
            return Closed.DEADLINE
        return event

    async def apply(
        self,
        person: Person,
        event_id: int,
        answers: dict[int, str],
        display_name: str,
        now: datetime,
        username: str | None = None,
    ) -> Answered | Closed:
        async with self._db.transaction():
            event = await self.form(person, event_id, now)
            if isinstance(event, Closed):
                return event
            known = {q.id: q for q in event.details.questions}
            if set(answers) != set(known):
                return Closed.NO_FORM  # the form changed under the person; they start again
            for qid, answer in answers.items():
                options = known[qid].options
                if options and answer not in options:
                    return Closed.NO_FORM
            before = await self._responses.response(event_id, person.id)
            if before in APPLICATION:  # an edit keeps the application's place (or its turn)
                status = before
            else:  # applications count against the places, as Going does
                status = "waitlist" if await self._full(event) else "applied"
            await self._responses.save_answers(
                event_id, person.id, answers, status, now, display_name, username
            )
            if before not in APPLICATION:
                await self._cards.answered(event, person.id, now)
                await self._tell_organizer(event, person, status, now)
            return Answered(
                status, changed=before not in APPLICATION, view=await self._view(person, event)
            )

    async def withdraw(self, person: Person, event_id: int, now: datetime) -> Answered | Closed:
        """Take an application back (its answers are deleted), until the event starts."""
        async with self._db.transaction():
            event = await self._open_event(person, event_id, now)
            if isinstance(event, Closed):
                return event
            current = await self._responses.response(event_id, person.id)
            if current not in APPLICATION:
                return Answered(current or "not_going", changed=False)
            return await self._withdraw(person, event, current, now)

    async def _withdraw(
        self, person: Person, event: Event, current: str, now: datetime
    ) -> Answered:
        """The application's answers go; a place it held goes to the waiting list."""
        await self._responses.withdraw(event.id, person.id, now)
        if current == "applied":
            await self._waiting.fill(event, now)
        await self._cards.answered(event, person.id, now)
        await self._tell_organizer(event, person, "withdrawn", now)
        return Answered("not_going", view=await self._view(person, event))

    async def _tell_organizer(
        self, event: Event, person: Person, answer: str, now: datetime
    ) -> None:
        """An organizer who wants each answer as it comes is told, in this transaction;
        the notice names the person, so it goes with them if they ask to be forgotten."""
        organizer = event.organizer_id
        if event.answer_notices != "each" or organizer is None or organizer == person.id:
            return
        name, username = await self._responses.name_of(event.id, person.id)
        await self._outbox.queue(
            NEW_ANSWER,
            [organizer],
            self._notices.new_answer(
                event, name, username, answer, await self._responses.counts(event.id)
            ),
            now,
            subject_id=event.id,
            about_user_id=person.id,
        )

    async def answers(self, person: Person, event_id: int) -> dict[int, str]:
        return await self._responses.answers_of(event_id, person.id)

    async def event(self, person: Person, event_id: int) -> Event | None:
        """The event itself, if the person may see it."""
        view = await self.visible(person, event_id)
        return view.event if view else None
