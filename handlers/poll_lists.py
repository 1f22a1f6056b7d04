"""/polls for organizers and admins: their polls, each one's results question by question
(live while open), its chart as a picture, and closing it now. The service checks the role
and the poll's owner on every press: the data comes from the client."""

from __future__ import annotations

import asyncio

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.csv_files import csv_bytes
from bot.domain.errors import InvalidChoice
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import PollView
from bot.ui.html import html, shorten
from bot.ui.poll_chart import bar_chart_png
from bot.ui.poll_lists import chart_bars, poll_csv, polls_list, results_view
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="poll_lists")
    router.message.register(polls, Command("polls"), F.chat.type == "private")
    router.callback_query.register(view, PollView.filter())
    return router


async def polls(message: Message, person: Person, services: Services) -> None:
    page = await services.polls.listing(person, 0)
    text, markup = polls_list(page, person.locale, person.timezone)
    await message.answer(text, reply_markup=markup)


async def view(
    query: CallbackQuery, callback_data: PollView, person: Person, services: Services, bot: Bot
) -> None:
    action = callback_data.action
    if action == "list":
        page = await services.polls.listing(person, callback_data.page)
        await query.answer()
        await edit_in_place(query, *polls_list(page, person.locale, person.timezone))
        return
    if action == "csv":
        results, responses = await services.polls.export(person, callback_data.poll_id)
        await query.answer()
        await bot.send_document(
            person.id,
            BufferedInputFile(
                csv_bytes(*poll_csv(results, responses)), f"poll-{results.poll.id}.csv"
            ),
            caption=html("{title}", title=shorten(results.poll.title, 900)),
        )
        return
    if action == "close":
        await services.polls.close(person, callback_data.poll_id, services.now())
    elif action not in ("open", "chart"):
        raise InvalidChoice(f"poll view {action!r}")
    results = await services.polls.results(person, callback_data.poll_id)
    if not 0 <= callback_data.question < len(results.questions):
        raise InvalidChoice(f"poll {results.poll.id} question {callback_data.question}")
    if action == "chart":
        question = results.questions[callback_data.question]
        title, bars, note = chart_bars(question, person.locale)
        await query.answer()
        png = await asyncio.to_thread(bar_chart_png, title, bars, note=note)
        await bot.send_photo(
            person.id,
            BufferedInputFile(png, f"poll-{results.poll.id}.png"),
            caption=html("{title}", title=shorten(title, 900)),
        )
        return
    await query.answer()
    text, markup = results_view(
        results,
        callback_data.question,
        callback_data.page,
        person.locale,
        person.timezone,
        callback_data.texts,
    )
    await edit_in_place(query, text, markup)
