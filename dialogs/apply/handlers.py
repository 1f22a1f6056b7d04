from __future__ import annotations

import contextlib
from typing import Any

from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from bot.db.repositories.events import Event
from bot.services.events import Closed, EventsService
from bot.ui.events import closed_text, personal_card
from dialogs.apply.states import Apply as S
from dialogs.common import ERROR_KEY, back_to_menu, set_error


def _service(manager: DialogManager) -> EventsService:
    return manager.middleware_data["events"]


async def _form(manager: DialogManager) -> Event | None:
    """The event, while its form is open to this person; otherwise they are told why and
    the dialog closes."""
    mw = manager.middleware_data
    found = await _service(manager).form(
        mw["person"],
        int(manager.start_data["event_id"]),
        mw["clock"](),  # type: ignore[index]
    )
    if isinstance(found, Closed):
        await mw["bot"].send_message(mw["person"].id, closed_text(found))
        await back_to_menu(manager)
        return None
    return found


async def on_start(start_data: Any, manager: DialogManager) -> None:
    mw = manager.middleware_data
    event_id = int(start_data["event_id"])
    given = await _service(manager).answers(mw["person"], event_id)
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
        return
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
    mw = manager.middleware_data
    answers = {int(k): v for k, v in manager.dialog_data.get("answers", {}).items()}
    result = await _service(manager).apply(
        mw["person"],
        int(manager.start_data["event_id"]),  # type: ignore[index]
        answers,
        callback.from_user.full_name,
        mw["clock"](),
    )
    if isinstance(result, Closed):
        await callback.bot.send_message(mw["person"].id, closed_text(result))  # type: ignore[union-attr]
        await back_to_menu(manager)
        return
    await _refresh_card(manager)
    await back_to_menu(manager, "application_sent")


async def _refresh_card(manager: DialogManager) -> None:
    """The announcement or card the form was opened from now shows the application."""
    mw = manager.middleware_data
    start = manager.start_data
    event = await _service(manager).get(int(start["event_id"]))  # type: ignore[index]
    if event is None or not start.get("card"):  # type: ignore[union-attr]
        return
    text, markup = await personal_card(
        _service(manager),
        mw["person"],
        event,
        start.get("back_page"),  # type: ignore[union-attr]
    )
    with contextlib.suppress(TelegramAPIError):
        await mw["bot"].edit_message_text(
            text,
            chat_id=mw["person"].id,
            message_id=int(start["card"]),
            reply_markup=markup,  # type: ignore[index]
        )
