"""/ask and the buttons of the consultation desk: Take (the first expert wins), Reply (or
Telegram's own reply to a relayed message), Resolved and the rating. Every press is
checked again by the service: the request may be taken, closed or someone else's."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram_dialog import DialogManager

from bot.domain.consultations import THREAD_KINDS, Consultation, Refused, Side
from bot.domain.errors import InvalidChoice
from bot.domain.people import Contact, Person
from bot.services.container import Services
from bot.ui.callbacks import ConsultationAction
from bot.ui.consultations import (
    anonymous_contact_question,
    assign_choices,
    contact_share_text,
    contact_token,
    given_back_text,
    offered_text,
    pass_choices,
    passed_text,
    rating_question,
    refused_text,
    taken_by_you,
    thanks_for_rating,
)
from dialogs.ask.states import Ask, Consult
from dialogs.common import open_over_menu
from dialogs.relay import relay
from handlers.faq import ask_member_consent
from handlers.replies import edit_in_place, open_step, remove_buttons


def make_router() -> Router:
    router = Router(name="consultations")
    router.message.register(ask, Command("ask"), F.chat.type == "private")
    router.message.register(  # text, photos, documents; anything else is answered
        telegram_reply,
        F.chat.type == "private",
        F.reply_to_message.from_user.is_bot,
        reply_in_a_thread,
    )
    router.callback_query.register(take, ConsultationAction.filter(F.action == "take"))
    router.callback_query.register(reply, ConsultationAction.filter(F.action == "reply"))
    router.callback_query.register(resolve, ConsultationAction.filter(F.action == "resolve"))
    router.callback_query.register(rate, ConsultationAction.filter(F.action == "rate"))
    router.callback_query.register(comment, ConsultationAction.filter(F.action == "comment"))
    router.callback_query.register(share_contact, ConsultationAction.filter(F.action == "contact"))
    router.callback_query.register(give_back, ConsultationAction.filter(F.action == "back"))
    router.callback_query.register(
        choose_pass, ConsultationAction.filter(F.action.in_({"pass", "pass_to_page"}))
    )
    router.callback_query.register(pass_to, ConsultationAction.filter(F.action == "pass_to"))
    router.callback_query.register(
        choose_expert, ConsultationAction.filter(F.action.in_({"assign_list", "assign_page"}))
    )
    router.callback_query.register(assign, ConsultationAction.filter(F.action == "assign"))
    return router


async def ask(message: Message, dialog_manager: DialogManager) -> None:
    await open_over_menu(dialog_manager, Ask.theme)


async def take(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    result = await services.consultations.take(
        person, callback_data.consultation_id, services.now()
    )
    if isinstance(result, Refused):
        await query.answer(refused_text(result), show_alert=True)
        if result in (Refused.TAKEN, Refused.GONE):
            await remove_buttons(query)
        return
    await query.answer()
    await edit_in_place(query, *taken_by_you(result))


async def reply(
    query: CallbackQuery,
    callback_data: ConsultationAction,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    consultation, _side = await services.consultations.side_of(
        person, callback_data.consultation_id
    )
    if consultation.status != "taken":
        await query.answer(refused_text(Refused.NOT_OPEN), show_alert=True)
        return
    await open_step(query, dialog_manager, Consult.reply, {"id": consultation.id})


async def reply_in_a_thread(
    message: Message, person: Person, services: Services
) -> dict[str, int] | bool:
    """A filter: the message replies to one the desk relayed (other replies to the bot's
    messages go on to whatever else takes them, a form in progress for one)."""
    assert message.reply_to_message is not None
    consultation_id = await services.outbox.subject_of(
        THREAD_KINDS, person.id, message.reply_to_message.message_id
    )
    return False if consultation_id is None else {"consultation_id": consultation_id}


async def telegram_reply(
    message: Message, person: Person, services: Services, consultation_id: int
) -> None:
    """Telegram's own «Reply» to a relayed message goes to the other side of its thread."""
    text, _outcome = await relay(message, person, services, consultation_id)
    await message.answer(text)


async def resolve(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    result = await services.consultations.resolve(
        person, callback_data.consultation_id, services.now()
    )
    if isinstance(result, Refused):
        await query.answer(refused_text(result), show_alert=True)
        return
    await query.answer()
    await remove_buttons(query)
    text, markup = rating_question(result)
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)


async def rate(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    result = await services.consultations.rate(
        person, callback_data.consultation_id, callback_data.value, services.now()
    )
    if isinstance(result, Refused):
        await query.answer(refused_text(result), show_alert=True)
        return
    await query.answer()
    await edit_in_place(query, *thanks_for_rating(result))
    await ask_member_consent(query, person, services, result.id)


async def comment(
    query: CallbackQuery,
    callback_data: ConsultationAction,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    """The asker's comment on their rating, typed in a step of its own."""
    consultation, side = await services.consultations.side_of(person, callback_data.consultation_id)
    if side != Side.ASKER or consultation.rating is None:
        raise InvalidChoice(f"comment on consultation {consultation.id}")
    await open_step(query, dialog_manager, Consult.comment, {"id": consultation.id})


async def share_contact(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    """«Exchange contacts»: an anonymous asker is first told what it gives away."""
    consultation, side = await services.consultations.side_of(person, callback_data.consultation_id)
    taken = consultation.status != "open" and consultation.expert_id is not None
    sure = (
        taken
        and callback_data.value not in (0, None)
        and callback_data.value == contact_token(consultation)
    )
    asking = taken and not consultation.asker_agreed
    if side == Side.ASKER and consultation.anonymous and asking and not sure:
        await query.answer()
        if isinstance(query.message, Message):
            text, markup = anonymous_contact_question(consultation)
            await query.message.answer(text, reply_markup=markup)
        return
    user = query.from_user
    result = await services.consultations.share_contact(
        person, consultation.id, Contact(user.id, user.full_name, user.username), services.now()
    )
    text = refused_text(result) if isinstance(result, Refused) else contact_share_text(result)
    await query.answer(text, show_alert=True)
    if callback_data.value:  # the question's button is spent
        await remove_buttons(query)


async def give_back(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    result = await services.consultations.hand_back(
        person, callback_data.consultation_id, services.now()
    )
    if isinstance(result, Refused):
        await query.answer(refused_text(result), show_alert=True)
        return
    await query.answer(given_back_text(result))
    await remove_buttons(query)


async def choose_pass(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    consultation, _side = await services.consultations.side_of(
        person, callback_data.consultation_id
    )
    if consultation.status != "taken" or consultation.expert_id != person.id:
        await query.answer(refused_text(Refused.NOT_OPEN), show_alert=True)
        return
    candidates = await services.consultations.pass_candidates(person, consultation.id)
    bios = await services.consultations.bios(candidates)
    await query.answer()
    await _show_list(query, callback_data, *pass_choices(consultation, bios, _page(callback_data)))


async def pass_to(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    result = await services.consultations.pass_to(
        person, callback_data.consultation_id, callback_data.value, services.now()
    )
    await _chosen(query, result, passed_text)


async def choose_expert(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    consultation, bios = await services.consultations.assignable(
        person, callback_data.consultation_id
    )
    if consultation.status != "open":
        await query.answer(refused_text(Refused.TAKEN), show_alert=True)
        await remove_buttons(query)
        return
    await query.answer()
    await _show_list(
        query, callback_data, *assign_choices(consultation, bios, _page(callback_data))
    )


def _page(callback_data: ConsultationAction) -> int:
    """The page of an expert list: its « » carry it; the card's button opens the first."""
    return callback_data.value if callback_data.action.endswith("_page") else 0


async def _show_list(
    query: CallbackQuery, callback_data: ConsultationAction, text: str, markup: InlineKeyboardMarkup
) -> None:
    """A list of experts below the card, or its other page in place."""
    if callback_data.action.endswith("_page"):
        await edit_in_place(query, text, markup)
    elif isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)


async def assign(
    query: CallbackQuery, callback_data: ConsultationAction, person: Person, services: Services
) -> None:
    result = await services.consultations.assign(
        person, callback_data.consultation_id, callback_data.value, services.now()
    )
    await _chosen(query, result, offered_text)


async def _chosen(
    query: CallbackQuery,
    result: Consultation | Refused,
    done_text: Callable[[Consultation], str],
) -> None:
    """An expert chosen from a list: the list becomes what was done, or the refusal."""
    if isinstance(result, Refused):
        await query.answer(refused_text(result), show_alert=True)
        return
    await query.answer()
    await edit_in_place(query, done_text(result), None)
