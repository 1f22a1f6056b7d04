"""/polls for organizers and admins: their polls, each one's results question by question
(live while open), its chart as a picture, and closing it now. The service checks the role
and the poll's owner on every press: the data comes from the client."""

from __future__ import annotations

import asyncio

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.csv_files import csv_bytes
from bot.domain.errors import InvalidChoice
from bot.domain.limits import Action
from bot.domain.people import Person
from bot.domain.polls import AnswerRefused, Dimension
from bot.services.container import Services
from bot.ui.callbacks import PollView
from bot.ui.html import html, shorten
from bot.ui.poll_chart import bar_chart_png
from bot.ui.poll_lists import breakdown_view, chart_bars, poll_csv, results_view
from bot.ui.polls import refused_text, resumed_text
from dialogs.common import open_over_menu
from dialogs.messages import polls_screen_of, send_polls
from dialogs.new_poll.states import NewPoll
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="poll_lists")
    router.message.register(polls, Command("polls"), F.chat.type == "private")
    router.message.register(new_poll, Command("newpoll"), F.chat.type == "private")
    router.callback_query.register(resume, PollView.filter(F.action == "resume"))
    router.callback_query.register(view, PollView.filter())
    return router


async def new_poll(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    services.polls.check_organizer(person, "write a poll")
    await open_over_menu(dialog_manager, NewPoll.question)


async def polls(message: Message, person: Person, services: Services, bot: Bot) -> None:
    await send_polls(bot, person, services)


async def resume(
    query: CallbackQuery, callback_data: PollView, person: Person, services: Services
) -> None:
    """The next question the person owes comes as a new message (a questionnaire left
    half-way goes on there)."""
    ready = await services.polls.resend(person, callback_data.poll_id, services.now())
    if isinstance(ready, AnswerRefused):
        await query.answer(refused_text(ready), show_alert=True)
        return
    await query.answer(resumed_text())


async def view(
    query: CallbackQuery, callback_data: PollView, person: Person, services: Services, bot: Bot
) -> None:
    action = callback_data.action
    if action == "list":
        text, markup = await polls_screen_of(person, services, callback_data.page)
        await query.answer()
        await edit_in_place(query, text, markup)
        return
    if action == "csv":
        results, responses = await services.polls.export(person, callback_data.poll_id)
        await services.limits.spend(person, Action.EXPORT, services.now())
        await query.answer()
        await bot.send_document(
            person.id,
            BufferedInputFile(
                csv_bytes(*poll_csv(results, responses)), f"poll-{results.poll.id}.csv"
            ),
            caption=html("{title}", title=shorten(results.poll.title, 900)),
        )
        return
    if action.startswith("by_"):
        try:
            dimension = Dimension(action.removeprefix("by_"))
        except ValueError as error:
            raise InvalidChoice(f"poll view {action!r}") from error
        results, breakdown = await services.polls.breakdown(
            person, callback_data.poll_id, callback_data.question, dimension
        )
        await query.answer()
        await edit_in_place(
            query,
            *breakdown_view(
                results, callback_data.question, breakdown, callback_data.page, person.locale
            ),
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
