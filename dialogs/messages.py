"""Screens sent as messages of their own, outside any dialog (their buttons outlive it):
opened by a command and by the main menu alike."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import InlineKeyboardMarkup

from bot.domain.people import Person
from bot.roles import Role
from bot.services.container import Services
from bot.ui.events import events_page, own_events_page
from bot.ui.html import Markup
from bot.ui.poll_lists import polls_screen
from bot.ui.recommendations import sets_list


async def send_events_page(bot: Bot, person: Person, services: Services) -> None:
    """The upcoming events the person can see, first page."""
    listing = await services.answers.upcoming(person, services.now(), 0)
    text, markup = events_page(listing, person)
    await bot.send_message(person.id, text, reply_markup=markup)


async def send_own_events(bot: Bot, person: Person, services: Services) -> None:
    """An organizer's events, first page."""
    text, markup = own_events_page(await services.events.organized_page(person, 0), person)
    await bot.send_message(person.id, text, reply_markup=markup)


async def polls_screen_of(
    person: Person, services: Services, page: int
) -> tuple[Markup, InlineKeyboardMarkup]:
    """/polls: what waits for the person's answers; an organizer's own polls, a page."""
    waiting = await services.polls.waiting(person, services.now())
    own = (
        await services.polls.listing(person, page)
        if person.has_any(Role.ORGANIZER, Role.ADMIN)
        else None
    )
    return polls_screen(waiting, own, person.locale, person.timezone)


async def send_polls(bot: Bot, person: Person, services: Services) -> None:
    text, markup = await polls_screen_of(person, services, 0)
    await bot.send_message(person.id, text, reply_markup=markup)


async def recs_screen_of(person: Person, services: Services) -> tuple[Markup, InlineKeyboardMarkup]:
    """/recs: what waits for the person's organizations' answers; an organizer's sets."""
    waiting = [
        (p.rec_set.id, p.rec_set.title, p.org.id, p.answered, len(p.recommendations))
        for p in await services.recommendations.waiting(person, services.now())
    ]
    own = (
        await services.recommendations.listing(person)
        if person.has_any(Role.ORGANIZER, Role.ADMIN)
        else []
    )
    return sets_list(own, waiting)


async def send_recs(bot: Bot, person: Person, services: Services) -> None:
    text, markup = await recs_screen_of(person, services)
    await bot.send_message(person.id, text, reply_markup=markup)
