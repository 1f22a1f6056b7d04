"""Screens sent as messages of their own, outside any dialog (their buttons outlive it):
opened by a command and by the main menu alike."""

from __future__ import annotations

from aiogram import Bot

from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.events import events_page, own_events_page


async def send_events_page(bot: Bot, person: Person, services: Services) -> None:
    """The upcoming events the person can see, first page."""
    listing = await services.answers.upcoming(person, services.now(), 0)
    text, markup = events_page(listing, person)
    await bot.send_message(person.id, text, reply_markup=markup)


async def send_own_events(bot: Bot, person: Person, services: Services) -> None:
    """An organizer's events, first page."""
    text, markup = own_events_page(await services.events.organized(person), person, 0)
    await bot.send_message(person.id, text, reply_markup=markup)
