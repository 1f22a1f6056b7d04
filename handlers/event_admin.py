"""Organizers' events: /newevent, /myevents with counts and the announcement's progress,
attendees and applications as CSV, edit, cancel and a message to all who answered. The
service checks on every press that the presser organizes that event."""

from __future__ import annotations

import contextlib
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.state import State
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram_dialog import DialogManager, ShowMode, StartMode

from bot.db.repositories.events import Event
from bot.formatting import format_datetime, format_number
from bot.roles import Role
from bot.services.access import refuse
from bot.services.delivery import DeliveryService
from bot.services.events import EventsService
from bot.services.exports import csv_bytes
from bot.services.people import Person
from bot.ui.broadcasts import Broadcaster
from bot.ui.callbacks import EventAdmin
from bot.ui.events import (
    ANNOUNCEMENT,
    admin_button,
    cancelled_notice,
    counts_line,
    event_card,
    own_events_page,
    response_name,
)
from dialogs.common import open_over_menu
from dialogs.event_admin.states import EditEvent, MessageAll
from dialogs.new_event.states import NewEvent


def make_router() -> Router:
    router = Router(name="event_admin")
    router.message.register(new_event, Command("newevent"), F.chat.type == "private")
    router.message.register(my_events, Command("myevents"), F.chat.type == "private")
    router.callback_query.register(list_again, EventAdmin.filter(F.action == "list"))
    router.callback_query.register(open_own, EventAdmin.filter(F.action == "open"))
    router.callback_query.register(roster_csv, EventAdmin.filter(F.action == "roster"))
    router.callback_query.register(ask_cancel, EventAdmin.filter(F.action == "cancel"))
    router.callback_query.register(confirm_cancel, EventAdmin.filter(F.action == "cancel_yes"))
    router.callback_query.register(start_edit, EventAdmin.filter(F.action == "edit"))
    router.callback_query.register(start_message, EventAdmin.filter(F.action == "message"))
    return router


def _organizer(person: Person, action: str) -> None:
    if not person.has(Role.ORGANIZER) and not person.has(Role.ADMIN):
        raise refuse(person, action)


async def new_event(message: Message, person: Person, dialog_manager: DialogManager) -> None:
    _organizer(person, "create event")
    await open_over_menu(dialog_manager, NewEvent.kind)


async def my_events(message: Message, person: Person, events: EventsService) -> None:
    text, markup = await own_events_page(events, person)
    await message.answer(text, reply_markup=markup)


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    if query.message is not None:
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_text(text, reply_markup=markup)  # type: ignore[union-attr]


async def list_again(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, events: EventsService
) -> None:
    text, markup = await own_events_page(events, person)
    await query.answer()
    await _edit(query, text, markup)


async def _progress_lines(delivery: DeliveryService, event: Event, locale: str) -> list[str]:
    campaigns = await delivery.campaigns_about(ANNOUNCEMENT, event.id)
    if not campaigns:
        return []
    progress = await delivery.progress(campaigns[-1])
    n = format_number
    return [
        _(
            "📣 Announcement: {sent} sent, {queued} waiting, {failed} failed, "
            "{blocked} have blocked the bot."
        ).format(
            sent=n(progress.sent, locale),
            queued=n(progress.queued, locale),
            failed=n(progress.failed, locale),
            blocked=n(progress.blocked, locale),
        )
    ]


async def _own_card(
    events: EventsService, delivery: DeliveryService, person: Person, event: Event
) -> tuple[str, InlineKeyboardMarkup]:
    counts = await events.counts(event.id)
    cancelled = event.status == "cancelled"
    lines = [
        event_card(
            event.details,
            person.locale,
            person.timezone,
            going=counts["going"],
            cancelled=cancelled,
        ),
        "",
        "———",
        counts_line(counts, person.locale),
        *await _progress_lines(delivery, event, person.locale),
    ]
    rows = [[admin_button(_("👥 Answers (CSV)"), "roster", event.id)]]
    if not cancelled:
        rows.append(
            [
                admin_button(_("✏️ Edit"), "edit", event.id),
                admin_button(_("📣 Message all"), "message", event.id),
            ]
        )
        rows.append([admin_button(_("❌ Cancel the event"), "cancel", event.id)])
    rows.append([admin_button(_("« My events"), "list", event.id)])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def open_own(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    events: EventsService,
    delivery: DeliveryService,
) -> None:
    event = await events.own_event(person, callback_data.event_id, "open own event")
    await query.answer()
    text, markup = await _own_card(events, delivery, person, event)
    await _edit(query, text, markup)


async def roster_csv(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, events: EventsService, **data
) -> None:
    event, roster = await events.roster(person, callback_data.event_id)
    await query.answer()
    questions = event.details.questions
    header = [_("Name"), _("Answer"), _("Answered at"), *(q.text for q in questions)]
    rows = [
        [
            entry.display_name,
            response_name(entry.status),
            format_datetime(entry.since, person.locale, person.timezone),
            *(entry.answers.get(q.id, "") for q in questions),
        ]
        for entry in roster
    ]
    caption = ngettext(
        "«{title}»: {count} answer.", "«{title}»: {count} answers.", len(rows)
    ).format(title=event.details.title[:200], count=len(rows))
    await query.bot.send_document(  # type: ignore[union-attr]
        person.id,
        BufferedInputFile(csv_bytes(header, rows), f"event-{event.id}-answers.csv"),
        caption=caption,
        parse_mode=None,
    )


async def ask_cancel(
    query: CallbackQuery, callback_data: EventAdmin, person: Person, events: EventsService
) -> None:
    event = await events.own_event(person, callback_data.event_id, "cancel event")
    await query.answer()
    counts = await events.counts(event.id)
    answered = sum(counts.values())
    text = ngettext(
        "Cancel «{title}»? The {count} person who answered will be told.",
        "Cancel «{title}»? The {count} people who answered will be told.",
        answered,
    ).format(title=escape(event.details.title), count=answered)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [admin_button(_("❌ Yes, cancel it"), "cancel_yes", event.id)],
            [admin_button(_("« Back"), "open", event.id)],
        ]
    )
    await _edit(query, text, markup)


async def confirm_cancel(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    events: EventsService,
    broadcaster: Broadcaster,
    delivery: DeliveryService,
    **data: Any,
) -> None:
    now = data["clock"]()
    event = await events.cancel(person, callback_data.event_id, now)
    if event is None:
        await query.answer(_("This event was cancelled already."), show_alert=True)
        return
    await query.answer()
    for campaign in await delivery.campaigns_about(ANNOUNCEMENT, event.id):
        await delivery.cancel(campaign, now)  # announcements not yet out stay unsent
    recipients = await events.responders(event.id)
    await broadcaster.send(
        "event.cancelled",
        recipients,
        lambda locale, zone: (cancelled_notice(event, locale, zone), None),
        now,
        subject_id=event.id,
        created_by=person.id,
    )
    cancelled = await events.get(event.id)
    assert cancelled is not None
    text, markup = await _own_card(events, delivery, person, cancelled)
    await _edit(query, text, markup)
    await query.bot.send_message(  # type: ignore[union-attr]
        person.id,
        ngettext(
            "❌ Cancelled. {count} person who answered is being told.",
            "❌ Cancelled. {count} people who answered are being told.",
            len(recipients),
        ).format(count=len(recipients)),
    )


async def _open_flow(
    query: CallbackQuery,
    person: Person,
    events: EventsService,
    dialog_manager: DialogManager,
    event_id: int,
    state: State,
    action: str,
) -> None:
    """Open the edit or message form of a published event the person organizes."""
    event = await events.own_event(person, event_id, action)
    if event.status != "published":
        await query.answer(_("This event was cancelled."), show_alert=True)
        return
    await query.answer()
    await dialog_manager.start(
        state, data={"event_id": event.id}, mode=StartMode.RESET_STACK, show_mode=ShowMode.SEND
    )


async def start_edit(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    events: EventsService,
    dialog_manager: DialogManager,
) -> None:
    await _open_flow(
        query, person, events, dialog_manager, callback_data.event_id, EditEvent.menu, "edit event"
    )


async def start_message(
    query: CallbackQuery,
    callback_data: EventAdmin,
    person: Person,
    events: EventsService,
    dialog_manager: DialogManager,
) -> None:
    await _open_flow(
        query,
        person,
        events,
        dialog_manager,
        callback_data.event_id,
        MessageAll.text,
        "message attendees",
    )
