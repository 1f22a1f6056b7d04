from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.domain.errors import InvalidChoice
from bot.domain.events import Closed, Event, EventView
from bot.ui.events import closed_text, personal_card
from dialogs.apply.states import Apply as S
from dialogs.common import (
    ERROR_KEY,
    back_to_menu,
    bot_of,
    now_of,
    person_of,
    services_of,
    set_error,
)


def _event_id(manager: DialogManager) -> int:
    return int(manager.start_data["event_id"])  # type: ignore[index]


async def _form(manager: DialogManager) -> Event | None:
    """The event, while its form is open to this person; otherwise they are told why and
    the dialog closes."""
    person = person_of(manager)
    found = await services_of(manager).answers.form(person, _event_id(manager), now_of(manager))
    if isinstance(found, Closed):
        await bot_of(manager).send_message(person.id, closed_text(found))
        await back_to_menu(manager)
        return None
    return found


async def on_start(start_data: Any, manager: DialogManager) -> None:
    event_id = int(start_data["event_id"])
    given = await services_of(manager).answers.answers(person_of(manager), event_id)
    manager.dialog_data["answers"] = {str(k): v for k, v in given.items()}
    manager.dialog_data["index"] = 0


async def _answer(manager: DialogManager, value: str) -> None:
    event = await _form(manager)
    if event is None:
        return
    questions = event.details.questions
    index = int(manager.dialog_data.get("index", 0))
    if index >= len(questions):
        index = len(questions) - 1
    manager.dialog_data["answers"][str(questions[index].id)] = value
    manager.dialog_data.pop(ERROR_KEY, None)
    if index + 1 < len(questions):
        manager.dialog_data["index"] = index + 1
    else:
        await manager.switch_to(S.summary)


async def on_text(message: Message, manager: DialogManager, value: str) -> None:
    event = await _form(manager)
    if event is None:
        return
    question = event.details.questions[int(manager.dialog_data.get("index", 0))]
    if question.options:
        set_error(manager, _("Please choose one of the options below."))
        return
    await _answer(manager, value)


async def on_option(callback: CallbackQuery, _w: Any, manager: DialogManager, item: str) -> None:
    event = await _form(manager)
    if event is None:
        return
    question = event.details.questions[int(manager.dialog_data.get("index", 0))]
    if not item.isdigit() or int(item) >= len(question.options):
        raise InvalidChoice(f"option {item!r}")
    await _answer(manager, question.options[int(item)])


async def on_keep(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    event = await _form(manager)
    if event is None:
        return
    question = event.details.questions[int(manager.dialog_data.get("index", 0))]
    current = manager.dialog_data["answers"].get(str(question.id))
    if current is not None:
        await _answer(manager, current)


async def on_previous(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(ERROR_KEY, None)
    manager.dialog_data["index"] = max(0, int(manager.dialog_data.get("index", 0)) - 1)


async def on_restart(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    manager.dialog_data["index"] = 0
    manager.dialog_data.pop(ERROR_KEY, None)
    await manager.switch_to(S.question)


async def on_send(callback: CallbackQuery, _b: Button, manager: DialogManager) -> None:
    person = person_of(manager)
    services = services_of(manager)
    answers = {int(k): v for k, v in manager.dialog_data.get("answers", {}).items()}
    result = await services.answers.apply(
        person,
        _event_id(manager),
        answers,
        callback.from_user.full_name,
        now_of(manager),
        callback.from_user.username,
    )
    if isinstance(result, Closed):
        await callback.bot.send_message(person.id, closed_text(result))  # type: ignore[union-attr]
        await back_to_menu(manager)
        return
    if result.view is not None:
        await _refresh_card(manager, result.view)
    waiting = result.status == "waitlist"
    await back_to_menu(manager, "application_waitlisted" if waiting else "application_sent")


async def _refresh_card(manager: DialogManager, view: EventView) -> None:
    """The announcement or card the form was opened from now shows the application."""
    start = manager.start_data
    if not start.get("card"):  # type: ignore[union-attr]
        return
    person = person_of(manager)
    text, markup = personal_card(view, person, start.get("back_page"))  # type: ignore[union-attr]
    with contextlib.suppress(TelegramAPIError):
        await bot_of(manager).edit_message_text(
            text,
            chat_id=person.id,
            message_id=int(start["card"]),  # type: ignore[index]
            reply_markup=markup,
        )
