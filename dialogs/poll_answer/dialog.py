"""Writing an answer to a poll: a free-text question, or a choice's «Other (write it)». The
step opens from the question's button; what is typed is checked (words, length) and
answered through the service, which checks the poll again: it may have closed meanwhile.
The question's message then shows the answer; a questionnaire's next question follows as
a new message."""

from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager
from aiogram_dialog.widgets.kbd import Cancel

from bot.domain.people import Contact
from bot.domain.polls import AnswerRefused
from bot.services.polls import POLL_ANSWER
from bot.ui.html import lines
from bot.ui.polls import (
    all_answered_text,
    changed_text,
    question_card,
    refused_text,
    write_prompt,
)
from dialogs.common import bot_of, now_of, person_of, services_of, text_window
from dialogs.poll_answer.states import PollTyping
from dialogs.widgets import Html, T


async def _getter(dialog_manager: DialogManager, **_kw: Any) -> dict[str, Any]:
    data = dialog_manager.start_data or {}
    person = person_of(dialog_manager)
    ready = await services_of(dialog_manager).polls.writable(
        person, int(data["poll_id"]), int(data["question"]), now_of(dialog_manager)
    )
    if isinstance(ready, AnswerRefused):
        return {"prompt": refused_text(ready)}
    poll, question = ready
    return {"prompt": write_prompt(poll, question, person.locale)}


async def on_text(message: Message, manager: DialogManager, value: str) -> None:
    data = manager.start_data or {}
    person = person_of(manager)
    user = message.from_user
    assert user is not None
    result = await services_of(manager).polls.answer(
        person,
        int(data["poll_id"]),
        int(data["question"]),
        tuple(int(choice) for choice in data.get("chosen", ())),
        now_of(manager),
        value,
        contact=Contact(user.id, user.full_name, user.username),
    )
    bot = bot_of(manager)
    await manager.done()
    if isinstance(result, AnswerRefused):
        await bot.send_message(person.id, refused_text(result))
        return
    text, markup = question_card(
        result.poll,
        result.question,
        result.chosen,
        person.locale,
        person.timezone,
        answered=True,
        written=result.text,
    )
    finished = result.next_question is None and not result.changed
    if finished:
        text = lines([text, "", all_answered_text()])
    if data.get("message_id"):  # the question's own message shows the answer
        with contextlib.suppress(TelegramBadRequest):
            await bot.edit_message_text(
                text,
                chat_id=person.id,
                message_id=int(data["message_id"]),
                reply_markup=markup,
            )
    if finished or result.changed:
        await bot.send_message(person.id, all_answered_text() if finished else changed_text())


def poll_typing_dialog() -> Dialog:
    return Dialog(
        text_window(
            PollTyping.text,
            Html("{prompt}"),
            "answer",
            POLL_ANSWER,
            on_text,
            Cancel(T("✖ Cancel")),
            multiline=True,
        ),
        getter=_getter,
    )
