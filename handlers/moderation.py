"""Admins' review: Approve / Reject on application cards, and /pending, one paged list of
what waits. The service checks the admin role on every press: the data comes from the
client."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.command_menus import refresh_commands
from bot.domain.errors import InvalidChoice
from bot.domain.moderation import Decided, Subject
from bot.domain.people import Person
from bot.services.container import Services
from bot.ui.callbacks import ExpertReview, OrgReview, PendingList, PendingOpen
from bot.ui.moderation import decided_markup, decided_text, pending_card, pending_list
from dialogs.moderation.handlers import ask_reason, close_question_about
from handlers.replies import edit_in_place


def make_router() -> Router:
    router = Router(name="moderation")
    router.callback_query.register(review_organization, OrgReview.filter())
    router.callback_query.register(review_expert, ExpertReview.filter())
    router.callback_query.register(page_pending, PendingList.filter())
    router.callback_query.register(open_pending, PendingOpen.filter())
    router.message.register(pending, Command("pending"), F.chat.type == "private")
    return router


async def review_organization(
    query: CallbackQuery,
    callback_data: OrgReview,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
    bot: Bot,
) -> None:
    await _review(
        query,
        callback_data.action,
        Subject.ORGANIZATION,
        callback_data.org_id,
        person,
        services,
        dialog_manager,
        bot,
    )


async def review_expert(
    query: CallbackQuery,
    callback_data: ExpertReview,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
    bot: Bot,
) -> None:
    await _review(
        query,
        callback_data.action,
        Subject.EXPERT,
        callback_data.user_id,
        person,
        services,
        dialog_manager,
        bot,
    )


async def _review(
    query: CallbackQuery,
    action: str,
    subject: Subject,
    object_id: int,
    person: Person,
    services: Services,
    manager: DialogManager,
    bot: Bot,
) -> None:
    """Reject asks the reason first; approve decides at once."""
    if action not in ("approve", "reject"):
        raise InvalidChoice(f"review action {action!r}")
    if action == "reject":
        await _ask_reason(query, manager, subject, object_id, person, services, bot)
        return
    decided = await services.moderation.decide(
        person, subject, object_id, True, None, services.now()
    )
    await query.answer()
    await close_question_about(manager, subject, object_id)
    await _show_decided(query, bot, person, decided)
    if decided.applicant_id is not None and decided.approved:
        await refresh_commands(bot, services, decided.applicant_id)


def _back_page(query: CallbackQuery) -> int | None:
    """The /pending page this card was opened from, if it was (a card sent on its own has
    none)."""
    markup = getattr(query.message, "reply_markup", None)
    for row in markup.inline_keyboard if markup else []:
        for button in row:
            data = button.callback_data or ""
            if data.startswith(PendingList.__prefix__ + ":"):
                return PendingList.unpack(data).page
    return None


async def _show_decided(query: CallbackQuery, bot: Bot, person: Person, decided: Decided) -> None:
    """The card loses its decision buttons (keeping the way back to the list); the admin
    reads what became of the application."""
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=decided_markup(_back_page(query)))
    await bot.send_message(person.id, decided_text(decided))


async def _ask_reason(
    query: CallbackQuery,
    manager: DialogManager,
    subject: Subject,
    object_id: int,
    person: Person,
    services: Services,
    bot: Bot,
) -> None:
    found = await services.moderation.still_pending(person, subject, object_id)
    await query.answer()
    if isinstance(found, Decided):
        await close_question_about(manager, subject, object_id)
        await _show_decided(query, bot, person, found)
        return
    card = query.message if isinstance(query.message, Message) else None
    await ask_reason(
        manager,
        subject,
        object_id,
        card.message_id if card is not None else None,
        _back_page(query),
    )
    # aiogram-dialog takes the keyboard off the message the button was on, as if it were one
    # of its own: the card keeps its buttons while the reason is asked.
    if card is not None and card.reply_markup is not None:
        with contextlib.suppress(TelegramBadRequest):
            await card.edit_reply_markup(reply_markup=card.reply_markup)


async def pending(message: Message, person: Person, services: Services) -> None:
    """Everything still waiting, as one paged list (when the cards were lost or missed)."""
    text, markup = pending_list(await services.moderation.pending(person, 0))
    await message.answer(text, reply_markup=markup)


async def page_pending(
    query: CallbackQuery, callback_data: PendingList, person: Person, services: Services
) -> None:
    text, markup = pending_list(await services.moderation.pending(person, callback_data.page))
    await query.answer()
    await edit_in_place(query, text, markup)


async def open_pending(
    query: CallbackQuery, callback_data: PendingOpen, person: Person, services: Services
) -> None:
    try:
        subject = Subject(callback_data.subject)
    except ValueError as error:
        raise InvalidChoice(callback_data.subject) from error
    found = await services.moderation.still_pending(person, subject, callback_data.id)
    if isinstance(found, Decided):
        await query.answer(decided_text(found), show_alert=True)
        listing = await services.moderation.pending(person, callback_data.page)
        text, markup = pending_list(listing)
    else:
        await query.answer()
        text, markup = pending_card(found, callback_data.page)
    await edit_in_place(query, text, markup)
