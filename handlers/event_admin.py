"""Organizers' events: /newevent, /myevents with counts and the announcement's progress,
attendees and applications as CSV, edit, cancel and a message to all who answered. The
services check on every press that the presser organizes that event."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.state import State
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.csv_files import csv_bytes
from bot.domain.events import InvalidEvent
from bot.domain.limits import Action
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import EventAdmin, OwnEventsPage
from bot.ui.events import (
    ANSWER_NOTICE_LABELS,
    cancel_question,
    next_answer_notices,
    own_card,
    own_events_page,
    problem_text,
)
from bot.ui.rosters import roster_table
from dialogs.common import open_over_menu
from dialogs.event_admin.states import EditEvent, MessageAll
from dialogs.messages import send_own_events
from dialogs.new_event.states import NewEvent
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="event_admin")
    router.message.register(new_event, Command("newevent"), F.chat.type == "private")
    router.message.register(my_events, Command("myevents"), F.chat.type == "private")
    router.callback_query.register(list_again, EventAdmin.filter(F.action == "list"))
    router.callback_query.register(page_own, OwnEventsPage.filter())
    router.callback_query.register(open_own, EventAdmin.filter(F.action == "open"))
    router.callback_query.register(roster_csv, EventAdmin.filter(F.action == "roster"))
    router.callback_query.register(ask_cancel, EventAdmin.filter(F.action == "cancel"))
    router.callback_query.register(confirm_cancel, EventAdmin.filter(F.action == "cancel_yes"))
    router.callback_query.register(start_edit, EventAdmin.filter(F.action == "edit"))
    router.callback_query.register(start_message, EventAdmin.filter(F.action == "message"))
    router.callback_query.register(switch_answer_notices, EventAdmin.filter(F.action == "notices"))
    return router


async def new_event(
    message: Message, person: Person, services: Services, dialog_manager: DialogManager
) -> None:
    services.events.check_organizer(person)
    await open_over_menu(dialog_manager, NewEvent.kind)


async def my_events(message: Message, person: Person, services: Services, bot: Bot) -> None:
    await send_own_events(bot, person, services)


async def list_again(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, services: Services
) -> None:
    own = await services.events.organized_page(person, 0)
    await query.answer()
    await edit_in_place(query, *own_events_page(own, person))


async def page_own(
    query: CallbackQuery, callback_data: OwnEventsPage, person: Person, services: Services
) -> None:
    own = await services.events.organized_page(person, callback_data.page)
    await query.answer()
    await edit_in_place(query, *own_events_page(own, person))


async def open_own(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, services: Services
) -> None:
    own, progress = await services.events.own_view(person, callback_data.event_id)
    await query.answer()
    await edit_in_place(query, *own_card(own, progress, person))


async def switch_answer_notices(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, services: Services
) -> None:
    """One button cycles how the organizer hears of new answers: each time, once a day,
    not at all."""
    own, _progress = await services.events.own_view(person, callback_data.event_id)
    mode = next_answer_notices(own.event.answer_notices)
    try:
        await services.events.set_answer_notices(person, own.event.id, mode, services.now())
    except InvalidEvent as error:  # cancelled meanwhile: the card shows it as it is now
        await query.answer(problem_text(error.problem), show_alert=True)
        mode = own.event.answer_notices
    own, progress = await services.events.own_view(person, own.event.id)
    if own.event.answer_notices == mode and own.event.published:
        await query.answer(_(ANSWER_NOTICE_LABELS[mode]))
    await edit_in_place(query, *own_card(own, progress, person))


async def roster_csv(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    event, roster = await services.events.roster(person, callback_data.event_id)
    await services.limits.spend(person, Action.EXPORT, services.now())
    await query.answer()
    header, rows = roster_table(event, roster, person)
    caption = ngettext(
        "«{title}»: {count} answer.", "«{title}»: {count} answers.", len(rows)
    ).format(title=event.details.title[:200], count=len(rows))
    await bot.send_document(
        person.id,
        BufferedInputFile(csv_bytes(header, rows), f"event-{event.id}-answers.csv"),
        caption=caption,
        parse_mode=None,
    )


async def ask_cancel(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, services: Services
) -> None:
    own, _progress = await services.events.own_view(person, callback_data.event_id)
    await query.answer()
    await edit_in_place(query, *cancel_question(own))


async def confirm_cancel(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    cancelled = await services.events.cancel(person, callback_data.event_id, services.now())
    if cancelled is None:
        await query.answer(_("This event was cancelled already."), show_alert=True)
        return
    await query.answer()
    own, progress = await services.events.own_view(person, cancelled.event.id)
    await edit_in_place(query, *own_card(own, progress, person))
    await bot.send_message(
        person.id,
        ngettext(
            "❌ Cancelled. {count} person who answered is being told.",
            "❌ Cancelled. {count} people who answered are being told.",
            cancelled.told,
        ).format(count=cancelled.told),
    )


async def _open_flow(
    query: CallbackQuery,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
    event_id: int,
    state: State,
    action: str,
) -> None:
    """Open the edit or message form of a published event the person organizes."""
    try:
        event = await services.events.editable(person, event_id, action)
    except InvalidEvent as error:
        await query.answer(problem_text(error.problem), show_alert=True)
        return
    await query.answer()
    await dialog_manager.start(
        state, data={"event_id": event.id}, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def start_edit(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    await _open_flow(
        query,
        person,
        services,
        dialog_manager,
        callback_data.event_id,
        EditEvent.menu,
        "edit event",
    )


async def start_message(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    await _open_flow(
        query,
        person,
        services,
        dialog_manager,
        callback_data.event_id,
        MessageAll.text,
        "message attendees",
    )
