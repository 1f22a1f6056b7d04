"""Answering a poll on a phone: a tap on an option (or a rating's point) answers it in the
same message; a multiple choice ticks options in the buttons themselves and sends them with
«Done»; a questionnaire's next question replaces the answered one. Every tap is checked
again by the service: the poll may be closed, not sent to this person, or answered."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager

from bot.domain.people import Contact, Person
from bot.domain.polls import AnswerRefused, Poll, Question, QuestionKind
from bot.sealing import seal
from bot.services.container import Services
from bot.services.polls import Answered
from bot.ui.callbacks import PollAnswer
from bot.ui.html import lines
from bot.ui.polls import all_answered_text, question_card, refused_text, ticked
from dialogs.poll_answer.states import PollTyping
from handlers.replies import open_step


def make_router() -> Router:
    router = Router(name="polls")
    router.callback_query.register(answer, PollAnswer.filter(F.action.in_({"pick", "done"})))
    router.callback_query.register(toggle, PollAnswer.filter(F.action == "toggle"))
    router.callback_query.register(write, PollAnswer.filter(F.action == "write"))
    return router


async def _edit(query: CallbackQuery, text: str, markup: object) -> None:
    if isinstance(query.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # the same screen again: a double tap
            await query.message.edit_text(text, reply_markup=markup)  # type: ignore[arg-type]


async def _show_closed(query: CallbackQuery, poll: Poll, person: Person) -> None:
    """The question the button was on, as it stands now the poll has closed: no buttons."""
    if not isinstance(query.message, Message):
        return
    data = PollAnswer.unpack(query.data or "")
    if 0 <= data.question < len(poll.questions):
        closed = replace(poll, closed_at=poll.closed_at or poll.closes_at)
        text, markup = question_card(
            closed, closed.questions[data.question], (), person.locale, person.timezone
        )
        await _edit(query, text, markup)


async def _closed(query: CallbackQuery, poll: Poll | None, person: Person) -> None:
    """The poll has closed: said, and the message keeps the question without buttons."""
    await query.answer(refused_text(AnswerRefused.CLOSED), show_alert=True)
    if poll is not None:
        await _show_closed(query, poll, person)


async def _open_typing(
    query: CallbackQuery,
    manager: DialogManager,
    person: Person,
    services: Services,
    data: PollAnswer,
    chosen: tuple[int, ...],
) -> None:
    """The typing step of a free-text question or of «Other», if the person may answer.
    What they ticked waits in it sealed (see bot/sealing.py): the conversation's storage
    keeps no trace of an answer not yet given."""
    ready = await services.polls.writable(person, data.poll_id, data.question, services.now())
    if ready == AnswerRefused.CLOSED:
        await _closed(query, await services.polls.get(data.poll_id), person)
        return
    if isinstance(ready, AnswerRefused):
        await query.answer(refused_text(ready), show_alert=True)
        return
    message_id = query.message.message_id if isinstance(query.message, Message) else None
    await open_step(
        query,
        manager,
        PollTyping.text,
        {
            "poll_id": data.poll_id,
            "question": data.question,
            "sealed": seal(chosen),
            "message_id": message_id,
        },
    )


async def _drop_typing(manager: DialogManager) -> None:
    """A tap on a poll's button while its typing step is open: the tap is the answer now,
    and the step (with what it was waiting for) is closed."""
    if manager.has_context() and manager.current_context().state.group is PollTyping:
        await manager.done()


async def write(
    query: CallbackQuery,
    callback_data: PollAnswer,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    """«Write your answer» of a free-text question, or «Other (write it)» of a single
    choice."""
    poll = await services.polls.get(callback_data.poll_id)
    question = _question_of(callback_data, poll)
    if question is not None and question.kind != QuestionKind.TEXT:
        if callback_data.option != question.other_index:
            await query.answer(refused_text(AnswerRefused.NOT_YOURS), show_alert=True)
            return
        chosen: tuple[int, ...] = (callback_data.option,)
    else:
        chosen = ()
    await _open_typing(query, dialog_manager, person, services, callback_data, chosen)


async def answer(
    query: CallbackQuery,
    callback_data: PollAnswer,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    await _drop_typing(dialog_manager)
    poll = await services.polls.get(callback_data.poll_id)
    if callback_data.action == "pick":
        chosen: tuple[int, ...] = (callback_data.option,)
    else:
        chosen = _ticked_of(callback_data, poll)
        question = _question_of(callback_data, poll)
        if question is not None and question.needs_text(chosen):  # «Other» ticked: its words
            await _open_typing(query, dialog_manager, person, services, callback_data, chosen)
            return
    user = query.from_user
    result = await services.polls.answer(
        person,
        callback_data.poll_id,
        callback_data.question,
        chosen,
        services.now(),
        contact=Contact(user.id, user.full_name, user.username),
    )
    if result == AnswerRefused.CLOSED:
        await _closed(query, await services.polls.get(callback_data.poll_id), person)
        return
    if isinstance(result, AnswerRefused):
        await query.answer(refused_text(result), show_alert=True)
        return
    await query.answer("✓")
    await _edit(query, *_after(result, person))
    await _unless_closed_meanwhile(query, result.poll.id, person, services)


async def _unless_closed_meanwhile(
    query: CallbackQuery, poll_id: int, person: Person, services: Services
) -> None:
    """The poll may have closed between the answer and the edit, its closing edit already
    made: this edit must not bring the buttons back."""
    poll = await services.polls.get(poll_id)
    if poll is not None and not poll.is_open:
        await _show_closed(query, poll, person)


def _question_of(callback_data: PollAnswer, poll: Poll | None) -> Question | None:
    if poll is None or not 0 <= callback_data.question < len(poll.questions):
        return None
    return poll.questions[callback_data.question]


def _ticked_of(callback_data: PollAnswer, poll: Poll | None) -> tuple[int, ...]:
    question = _question_of(callback_data, poll)
    return () if question is None else ticked(callback_data.mask, question)


def _after(result: Answered, person: Person) -> tuple[str, object]:
    """The message after an answer: the next question, or the answered one marked (and the
    thanks once the last is answered)."""
    poll = result.poll
    if result.next_question is not None:
        return question_card(poll, result.next_question, (), person.locale, person.timezone)
    text, markup = question_card(
        poll, result.question, result.chosen, person.locale, person.timezone, answered=True
    )
    if not result.changed:
        text = lines([text, "", all_answered_text()])
    return text, markup


async def toggle(
    query: CallbackQuery,
    callback_data: PollAnswer,
    person: Person,
    services: Services,
    dialog_manager: DialogManager,
) -> None:
    """Tick or untick an option of a multiple choice: only the buttons change (what is
    ticked lives in them until «Done»)."""
    await _drop_typing(dialog_manager)
    poll = await services.polls.get(callback_data.poll_id)
    if (
        poll is None
        or not 0 <= callback_data.question < len(poll.questions)
        or not await services.polls.is_recipient(person, poll.id)
    ):
        await query.answer(refused_text(AnswerRefused.NOT_YOURS), show_alert=True)
        return
    if not poll.is_open or poll.closes_at <= services.now():
        await _closed(query, poll, person)
        return
    question = poll.questions[callback_data.question]
    chosen = set(ticked(callback_data.mask, question)) ^ {callback_data.option}
    chosen &= set(range(question.choices))
    if question.max_choices is not None and len(chosen) > question.max_choices:
        await query.answer(refused_text(AnswerRefused.TOO_MANY), show_alert=True)
        return
    await query.answer()
    text, markup = question_card(
        poll, question, tuple(sorted(chosen)), person.locale, person.timezone
    )
    await _edit(query, text, markup)
