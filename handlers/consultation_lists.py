"""The consultation desk's lists: /myrequests (the asker's requests and their threads),
/queue (an expert's requests to take, and those they took), /consultations (the
organizers' figures, open requests and CSV). The service checks the role and the relation
to the request on every press: the data comes from the client."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import ngettext

from bot.csv_files import csv_bytes
from bot.domain.consultation_reports import ListView
from bot.domain.consultations import Refused
from bot.domain.errors import InvalidChoice
from bot.domain.limits import Action
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import DeskFigures, RequestOpen, RequestShow, RequestsList
from bot.ui.consultation_lists import (
    asked_list,
    queue_card,
    queue_list,
    report_view,
    requests_table,
    thread_view,
    unresolved_list,
)
from bot.ui.consultations import refused_text
from bot.ui.html import Markup
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="consultation_lists")
    private = F.chat.type == "private"
    router.message.register(my_requests, Command("myrequests"), private)
    router.message.register(queue, Command("queue"), private)
    router.message.register(figures, Command("consultations"), private)
    router.callback_query.register(page_list, RequestsList.filter())
    router.callback_query.register(open_request, RequestOpen.filter())
    router.callback_query.register(show_request, RequestShow.filter())
    router.callback_query.register(desk_figures, DeskFigures.filter())
    return router


def _view(value: str) -> ListView:
    try:
        return ListView(value)
    except ValueError as error:
        raise InvalidChoice(f"list view {value!r}") from error


async def _listing(
    person: Person, services: Services, view: ListView, page: int
) -> tuple[Markup, InlineKeyboardMarkup | None]:
    reports = services.consultation_reports
    if view == ListView.ASKED:
        return asked_list(await reports.asked(person, page), person)
    return queue_list(await reports.queue(person, view, page), person)


async def my_requests(message: Message, person: Person, services: Services) -> None:
    text, markup = await _listing(person, services, ListView.ASKED, 0)
    await message.answer(text, reply_markup=markup)


async def queue(message: Message, person: Person, services: Services) -> None:
    text, markup = await _listing(person, services, ListView.TAKE, 0)
    await message.answer(text, reply_markup=markup)


async def page_list(
    query: CallbackQuery, callback_data: RequestsList, person: Person, services: Services
) -> None:
    text, markup = await _listing(person, services, _view(callback_data.view), callback_data.page)
    await query.answer()
    await edit_in_place(query, text, markup)


async def open_request(
    query: CallbackQuery, callback_data: RequestOpen, person: Person, services: Services
) -> None:
    """A request from a list: its card to take (from the queue), or its thread."""
    view = _view(callback_data.view)
    reports = services.consultation_reports
    if view == ListView.TAKE:
        found = await reports.offer(person, callback_data.consultation_id)
        if isinstance(found, Refused):
            await query.answer(refused_text(found), show_alert=True)
            text, markup = await _listing(person, services, view, callback_data.page)
        else:
            await query.answer()
            text, markup = queue_card(found, callback_data.page)
    else:
        thread = await reports.thread(person, callback_data.consultation_id)
        await query.answer()
        text, markup = thread_view(thread, person, view, callback_data.page, callback_data.part)
    await edit_in_place(query, text, markup)


async def show_request(
    query: CallbackQuery, callback_data: RequestShow, person: Person, services: Services
) -> None:
    """One's own request's thread as a message of its own (from a digest)."""
    thread = await services.consultation_reports.thread(person, callback_data.consultation_id)
    await query.answer()
    if isinstance(query.message, Message):
        text, markup = thread_view(thread, person, ListView.ASKED, 0, -1)
        await query.message.answer(text, reply_markup=markup)


async def figures(message: Message, person: Person, services: Services) -> None:
    text, markup = report_view(await services.consultation_reports.report(person), person)
    await message.answer(text, reply_markup=markup)


async def desk_figures(
    query: CallbackQuery,
    callback_data: DeskFigures,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    reports = services.consultation_reports
    if callback_data.action == "figures":
        text, markup = report_view(await reports.report(person), person)
    elif callback_data.action == "open":
        text, markup = unresolved_list(await reports.unresolved(person, callback_data.page), person)
    elif callback_data.action == "csv":
        requests = await reports.export(person)
        await services.limits.spend(person, Action.EXPORT, services.now())
        await query.answer()
        caption = ngettext(
            "{count} consultation request: no question or message in it, and no name of "
            "anyone who asked anonymously.",
            "{count} consultation requests: no question or message in them, and no name of "
            "anyone who asked anonymously.",
            len(requests),
        ).format(count=len(requests))
        await bot.send_document(
            person.id,
            BufferedInputFile(
                csv_bytes(*requests_table(requests, person)),
                f"consultations-{services.now():%Y-%m-%d}.csv",
            ),
            caption=caption,
            parse_mode=None,
        )
        return
    else:
        raise InvalidChoice(f"desk figures action {callback_data.action!r}")
    await query.answer()
    await edit_in_place(query, text, markup)
