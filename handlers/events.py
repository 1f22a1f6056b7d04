"""/events and the buttons under event cards and announcements: Going / Maybe / Not going,
Apply, Add to calendar. Every press is checked again by the service (the event may be gone,
cancelled, over or full; the data may be forged)."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.domain.events import Answered, Closed
from bot.domain.people import Person
from bot.services.calendar import event_ics
from bot.services.container import Services
from bot.ui.callbacks import EventAction, EventsPage
from bot.ui.events import (
    answer_toast,
    calendar_caption,
    calendar_file_name,
    cant_come_buttons,
    closed_text,
    events_page,
    personal_card,
    reminder_buttons,
)
from dialogs.apply.states import Apply
from dialogs.messages import send_events_page
from handlers.replies import edit_in_place, remove_buttons


def make_router() -> Router:
    router = Router(name="events")
    router.message.register(list_events, Command("events"), F.chat.type == "private")
    router.callback_query.register(page_events, EventsPage.filter())
    router.callback_query.register(open_event, EventAction.filter(F.action == "open"))
    router.callback_query.register(show_event, EventAction.filter(F.action == "show"))
    router.callback_query.register(
        answer_event, EventAction.filter(F.action.in_({"going", "maybe", "not_going"}))
    )
    router.callback_query.register(calendar_file, EventAction.filter(F.action == "ics"))
    router.callback_query.register(apply_event, EventAction.filter(F.action == "apply"))
    router.callback_query.register(withdraw, EventAction.filter(F.action == "withdraw"))
    router.callback_query.register(cant_come, EventAction.filter(F.action.in_({"cant", "keep"})))
    return router


async def list_events(message: Message, person: Person, services: Services, bot: Bot) -> None:
    await send_events_page(bot, person, services)


async def page_events(
    query: CallbackQuery, callback_data: EventsPage, person: Person, services: Services
) -> None:
    listing = await services.answers.upcoming(person, services.now(), callback_data.page)
    await query.answer()
    await edit_in_place(query, *events_page(listing, person))


def _back_page(query: CallbackQuery) -> int | None:
    """The list page this card was opened from, if it was (an announcement has none)."""
    markup = getattr(query.message, "reply_markup", None)
    for row in markup.inline_keyboard if markup else []:
        for button in row:
            data = button.callback_data or ""
            if data.startswith(EventsPage.__prefix__ + ":"):
                return EventsPage.unpack(data).page
    return None


async def open_event(
    query: CallbackQuery, callback_data: EventAction, person: Person, services: Services
) -> None:
    view = await services.answers.visible(person, callback_data.event_id)
    if view is None:
        await query.answer(closed_text(Closed.GONE), show_alert=True)
        return
    await query.answer()
    await edit_in_place(query, *personal_card(view, person, _back_page(query) or 0))


async def show_event(
    query: CallbackQuery, callback_data: EventAction, person: Person, services: Services
) -> None:
    """The card as a message of its own (from a digest, which stays as it is)."""
    view = await services.answers.visible(person, callback_data.event_id)
    if view is None:
        await query.answer(closed_text(Closed.GONE), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        text, markup = personal_card(view, person, None)
        await query.message.answer(text, reply_markup=markup)


async def _closed(query: CallbackQuery, result: Closed) -> None:
    await query.answer(closed_text(result), show_alert=True)
    if result in (Closed.CANCELLED, Closed.GONE, Closed.OVER):
        await remove_buttons(query)


async def answer_event(
    query: CallbackQuery, callback_data: EventAction, person: Person, services: Services
) -> None:
    result = await services.answers.rsvp(
        person,
        callback_data.event_id,
        callback_data.action,
        query.from_user.full_name,
        services.now(),
        query.from_user.username,
    )
    if isinstance(result, Closed):
        await _closed(query, result)
        return
    assert isinstance(result, Answered)
    await query.answer(answer_toast(result.status))
    if result.changed and result.view is not None:
        await edit_in_place(query, *personal_card(result.view, person, _back_page(query)))


async def calendar_file(
    query: CallbackQuery,
    callback_data: EventAction,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    event = await services.answers.event(person, callback_data.event_id)
    if event is None:
        await query.answer(closed_text(Closed.GONE), show_alert=True)
        return
    await query.answer()
    document = BufferedInputFile(event_ics(event, services.now()), calendar_file_name(event))
    await bot.send_document(person.id, document, caption=calendar_caption(event), parse_mode=None)


async def apply_event(
    query: CallbackQuery,
    callback_data: EventAction,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    found = await services.answers.form(person, callback_data.event_id, services.now())
    if isinstance(found, Closed):
        await query.answer(closed_text(found), show_alert=True)
        return
    await query.answer()
    card = query.message.message_id if query.message is not None else None
    await dialog_manager.start(
        Apply.question,
        data={"event_id": found.id, "card": card, "back_page": _back_page(query)},
        mode=StartMode.RESET_STACK,
        show_mode=ShowMode.SEND,
    )
    # aiogram-dialog takes the keyboard off the message the button was on, as if it were
    # one of its own; the announcement keeps its buttons (calendar, the form again later).
    original = getattr(query.message, "reply_markup", None)
    if original is not None:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=original)  # type: ignore[union-attr]


async def cant_come(
    query: CallbackQuery, callback_data: EventAction, person: Person, services: Services
) -> None:
    """«I can't come» under a reminder asks once more before the place is given up;
    «Keep it» puts the reminder's buttons back."""
    event = await services.answers.event(person, callback_data.event_id)
    if event is None or not event.published:
        await _closed(query, Closed.GONE if event is None else Closed.CANCELLED)
        return
    await query.answer()
    markup = cant_come_buttons(event) if callback_data.action == "cant" else reminder_buttons(event)
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=markup)


async def withdraw(
    query: CallbackQuery, callback_data: EventAction, person: Person, services: Services
) -> None:
    result = await services.answers.withdraw(person, callback_data.event_id, services.now())
    if isinstance(result, Closed):
        await query.answer(closed_text(result), show_alert=True)
        return
    await query.answer(_("↩️ Your application is withdrawn; its answers are deleted."))
    if result.changed and result.view is not None:
        await edit_in_place(query, *personal_card(result.view, person, _back_page(query)))
